// Output formats. Each writer renders the same document model; none knows about plans.
import type { DocumentModel } from '../model/document.js';
import type { FontSet } from '../fonts/metrics.js';
import { writeDocx } from './docx/index.js';
import { writePdf } from './pdf/index.js';
import { writeHtml } from './html/index.js';

export type Format = 'docx' | 'pdf' | 'html';

export interface WriterOptions {
  fonts?: FontSet;
}

export interface Writer {
  format: Format;
  extension: string;
  write(model: DocumentModel, opts?: WriterOptions): Promise<Uint8Array>;
}

export const WRITERS: Partial<Record<Format, Writer>> = {
  docx: { format: 'docx', extension: '.docx', write: (m, o) => writeDocx(m, o?.fonts) },
  pdf: { format: 'pdf', extension: '.pdf', write: (m, o) => writePdf(m, { fonts: o?.fonts }) },
  html: { format: 'html', extension: '.html', write: (m, o) => writeHtml(m, { fonts: o?.fonts }) },
};

export const ALL_FORMATS: Format[] = ['docx', 'pdf', 'html'];
/** What `render` writes when --format is not given: the editable file and the one to sign. */
export const DEFAULT_FORMATS: Format[] = ['docx', 'pdf'];
