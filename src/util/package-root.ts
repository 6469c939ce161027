// Where the package's own files (templates, fonts, data, schemas) live: two levels above this
// module, whether it runs from src/ (tests) or from dist/ (the built CLI).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path inside the package. */
export const packagePath = (...parts: string[]) => join(PACKAGE_ROOT, ...parts);
