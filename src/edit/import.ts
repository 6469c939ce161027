// Where a Word file or a text dropped on the editor becomes a plan: the single entry point the
// drop zone (and `kehoach edit file.docx`) calls. The import itself (issue 14) is being built
// separately; until it lands this says so plainly instead of pretending.
import type { Json } from './plan-text.js';

export class ImportUnsupported extends Error {
  constructor(name: string) {
    super(
      `Chưa hỗ trợ nhập "${name}": tính năng chuyển tệp Word hoặc văn bản thành kế hoạch đang được xây dựng. ` +
        'Hiện có thể bắt đầu một kế hoạch mới hoặc mở một tệp kế hoạch (.yaml, .json).',
    );
    this.name = 'ImportUnsupported';
  }
}

export interface Imported {
  /** The plan read from the file. */
  data: Json;
  /** What the import could not place, for the clerk to check (Vietnamese). */
  notes: string[];
}

/** Reads a dropped file (DOCX, TXT) into a plan. */
export async function importFile(_bytes: Uint8Array, name: string): Promise<Imported> {
  throw new ImportUnsupported(name);
}

/** The files the drop zone and the command line treat as something to import. */
export const IMPORTABLE = /\.(docx|txt)$/i;
