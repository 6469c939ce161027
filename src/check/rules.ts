// The rules of `kehoach check` live in ./rules/ (one module per part of the document).
export { CHECKS, type CheckResult, checkDocument, checkDocx, type Finding } from './rules/index.js';
