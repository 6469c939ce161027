// The one neutral intermediate every reader produces and every recogniser reads (pandoc's AST
// for `kehoach import`): paragraphs with formatted runs, alignment and indent, tables with merged
// cells, page breaks, and where each came from in the source (a line of a text file, a paragraph
// and page of a DOCX), so that every warning can point back at the source.

export interface Loc {
  /** 1-based line of a text source. */
  line?: number;
  /** 1-based paragraph of a DOCX body (table cells counted in reading order). */
  para?: number;
  /** 1-based page of a DOCX, as far as its breaks tell (explicit breaks, Word's last rendered ones). */
  page?: number;
}

export interface SRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points, when the source has one. */
  size?: number;
  /** A footnote reference: the note's text takes the place of a number. */
  footnote?: SRun[];
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface SPara {
  kind: 'p';
  runs: SRun[];
  align?: Align;
  /** Paragraph style name when the source has one ("heading 1", "VB Câu kết"). */
  style?: string;
  /** Left indent in points (a DOCX's w:ind), when known. */
  indent?: number;
  loc: Loc;
}

export interface SCell {
  /** Paragraphs and nested tables (the plan format has none: they are flattened with a warning). */
  blocks: (SPara | STable)[];
  colSpan: number;
  rowSpan: number;
}

export interface SRow {
  cells: SCell[];
  /** Repeated on each page (a DOCX's w:tblHeader, a markdown row above "|---|"). */
  header?: boolean;
}

export interface STable {
  kind: 'table';
  rows: SRow[];
  /** Column widths (any unit) when the source has them. */
  grid?: number[];
  /** The row and cell boundaries were guessed (a table flattened into text). */
  guessed?: boolean;
  loc: Loc;
}

export interface SBreak {
  kind: 'break';
  /** A new section (a DOCX's w:sectPr): appendices start one. */
  section?: boolean;
  landscape?: boolean;
  loc: Loc;
}

export type SBlock = SPara | STable | SBreak;

export interface SourceDoc {
  file: string;
  format: 'docx' | 'text';
  blocks: SBlock[];
  /** What the reader itself had to guess or leave out. */
  notes: ImportWarning[];
  /** Paragraphs in text boxes (not placed in the plan; a công văn's V/v line may be there). */
  boxes?: SPara[];
  /** Page margins of the first section in millimetres, when the source has them. */
  margins?: { top: number; bottom: number; left: number; right: number };
}

/** Something the importer could not map, simplified or guessed; shown to the clerk in Vietnamese. */
export interface ImportWarning {
  message: string;
  loc?: Loc;
  /** Where in the written plan the YAML comment goes (a path into the plan object). */
  path?: (string | number)[];
}

/** Plain text of runs (footnote references add nothing). */
export const runsText = (runs: SRun[]) => runs.map((r) => r.text).join('');

/** A paragraph's text with spaces collapsed and trimmed. */
export const paraText = (p: SPara) => squash(runsText(p.runs));

export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

/** Spaces collapsed but runs of no-break spaces kept: the blanks of a draft's number and date. */
export const squashKeepBlanks = (s: string) => s.replace(/[\t\r\n]/g, ' ').trim();

/** "dòng 12" / "đoạn 34, trang 2": where a piece of the source is, for messages. */
export function locText(loc: Loc | undefined): string {
  if (!loc) return '';
  if (loc.line !== undefined) return `dòng ${loc.line}`;
  const parts: string[] = [];
  if (loc.para !== undefined) parts.push(`đoạn ${loc.para}`);
  if (loc.page !== undefined) parts.push(`trang ${loc.page}`);
  return parts.join(', ');
}

/** Every paragraph of a list of blocks, cells included, in reading order. */
export function allParas(blocks: SBlock[]): SPara[] {
  const out: SPara[] = [];
  const walk = (list: SBlock[]) => {
    for (const b of list) {
      if (b.kind === 'p') out.push(b);
      else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
    }
  };
  walk(blocks);
  return out;
}

/** True when every visible run is bold (a heading line). */
export const allBold = (runs: SRun[]) => runs.some((r) => r.text.trim()) && runs.every((r) => r.bold || !r.text.trim());
export const allItalic = (runs: SRun[]) => runs.some((r) => r.text.trim()) && runs.every((r) => r.italic || !r.text.trim());

/** The paragraphs of a cell (nested tables' paragraphs included, in order). */
export const cellParas = (c: SCell) => allParas(c.blocks);
