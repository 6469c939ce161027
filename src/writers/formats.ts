// The output formats and their names on the command line, without loading any writer: the
// CLI defines its options (and `kehoach --help` prints them) from this module alone.

export type Format = 'docx' | 'pdf' | 'html';

export const ALL_FORMATS: Format[] = ['docx', 'pdf', 'html'];
/** What `render` writes when --format is not given: the editable file and the one to sign. */
export const DEFAULT_FORMATS: Format[] = ['docx', 'pdf'];
/** The formats this version writes (writers/index.ts has one writer for each). */
export const WRITTEN_FORMATS: readonly Format[] = ['docx', 'pdf', 'html'];
export const EXTENSIONS: Record<Format, string> = { docx: '.docx', pdf: '.pdf', html: '.html' };

export function parseFormats(value: string): Format[] {
  const list = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list) {
    if (!ALL_FORMATS.includes(f as Format)) throw new Error(`định dạng "${f}" không được hỗ trợ (chọn trong: ${ALL_FORMATS.join(', ')})`);
  }
  return [...new Set(list)] as Format[];
}

export function defaultFormats(): string {
  return DEFAULT_FORMATS.filter((f) => WRITTEN_FORMATS.includes(f)).join(',');
}
