// DOCX writer: the docx library's WordprocessingML (library.ts), reused through fast.ts; the
// library itself is loaded only when a document has a block shape or a skeleton not seen before.
import type { Presentation } from '../../presentation/types.js';
import { writeDocxFast } from './fast.js';

/** The DOCX file: byte-identical for identical input (dates from the document, never the clock). */
export async function writeDocx(doc: Presentation): Promise<Buffer> {
  return (await writeDocxFast(doc)) ?? (await import('./library.js')).writeDocxWithLibrary(doc);
}

/** The same file written by the docx library alone (the tests compare the two). */
export async function writeDocxWithLibrary(doc: Presentation): Promise<Buffer> {
  return (await import('./library.js')).writeDocxWithLibrary(doc);
}
