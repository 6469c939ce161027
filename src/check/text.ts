// Text normalisation shared by the locator, the rules and the tests.

/** Normalises whitespace (incl. no-break spaces) to single spaces and trims. */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
