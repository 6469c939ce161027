// The WordprocessingML reader lives in src/check/ (kehoach check uses it too).
export * from '../../src/check/wordml.js';
