// Output formats. Each writer renders the same page description (src/presentation), built once
// per document; none knows about plans.
import { type FontSet, loadFontSet } from '../fonts/metrics.js';
import type { DocumentModel } from '../model/document.js';
import { present } from '../presentation/build.js';
import type { Notice, Presentation } from '../presentation/types.js';
import { writeDocx } from './docx/index.js';
import { writeHtml } from './html/index.js';
import { writePdf } from './pdf/index.js';
import { EXTENSIONS, type Format } from './formats.js';

export { ALL_FORMATS, DEFAULT_FORMATS, type Format } from './formats.js';

export interface WriterOptions {
  /** The font set the description was measured with (the PDF embeds it). */
  fonts?: FontSet;
}

export interface Writer {
  format: Format;
  extension: string;
  write(doc: Presentation, opts?: WriterOptions): Promise<Uint8Array>;
}

/** One writer per format of formats.ts's WRITTEN_FORMATS. */
export const WRITERS: Partial<Record<Format, Writer>> = {
  docx: { format: 'docx', extension: EXTENSIONS.docx, write: (d) => writeDocx(d) },
  pdf: { format: 'pdf', extension: EXTENSIONS.pdf, write: (d, o) => writePdf(d, { fonts: o?.fonts }) },
  html: { format: 'html', extension: EXTENSIONS.html, write: (d, o) => writeHtml(d, { fonts: o?.fonts }) },
};

/** A model in several formats, from one page description; `notices` says what it had to compromise on. */
export async function renderFormats(
  model: DocumentModel,
  formats: Format[],
  fonts: FontSet = loadFontSet(),
): Promise<{ files: Map<Format, Uint8Array>; notices: Notice[] }> {
  const doc = present(model, fonts);
  const files = new Map<Format, Uint8Array>();
  for (const f of formats) files.set(f, await WRITERS[f]!.write(doc, { fonts }));
  return { files, notices: doc.notices };
}
