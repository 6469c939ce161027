// The page description: every element of the document as it appears on the page, in terms
// both renderings understand — Word's paragraph and table model (named styles + direct
// formatting, fixed-grid tables, paragraph borders, a running header), with no plan in it and
// no format's syntax. Built once from the DocumentModel (./build.ts); the DOCX writer maps it to
// WordprocessingML one to one, the layout engine lays the same description out for the PDF and
// the HTML preview. Lengths are points on the twip grid (see src/util/units.ts), font sizes
// points in half-point steps, colours RRGGBB.

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Word's default paragraph style: the document defaults and nothing else. */
export const NORMAL = 'Normal';

/** Character formatting; absent fields inherit (run → paragraph style → document defaults). */
export interface RunProps {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  /** RRGGBB. */
  color?: string;
}

export interface Run extends RunProps {
  /** Text; "\n" is a line break inside the paragraph. */
  text: string;
  /** A field whose value the renderer computes (the page number). */
  field?: 'page';
  /** A footnote reference: the note's number (`Presentation.footnotes`), set as a superscript. */
  footnote?: number;
}

export interface BorderLine {
  width: number;
  /** Gap between the text and the line. */
  space: number;
  /** RRGGBB. */
  color: string;
}

/** Paragraph formatting; absent fields inherit (direct → style chain → document defaults). */
export interface ParaProps {
  align?: Align;
  /** Indents from the edges of the column or cell. */
  left?: number;
  right?: number;
  /** Added to `left` on the first line; negative = hanging. */
  firstLine?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Multiple of single line spacing (Word's "auto" rule). */
  lineSpacing?: number;
  keepNext?: boolean;
  keepLines?: boolean;
  /** Widow/orphan control: at least two lines of a paragraph on each page. */
  widowControl?: boolean;
  /** A rule under the paragraph. */
  borderBottom?: BorderLine;
  /** A frame on all four sides (the độ khẩn / độ mật stamps). */
  frame?: { top: BorderLine; bottom: BorderLine; left: BorderLine; right: BorderLine };
}

/** A named paragraph style a clerk can apply again in Word. */
export interface ParagraphStyle {
  id: string;
  /** The name shown in Word's style gallery. */
  name: string;
  /** Heading styles set the outline level (0 = level 1) for Word's navigation pane. */
  outlineLevel?: number;
  /** The style Word gives the paragraph after this one (Enter). */
  next?: string;
  paragraph: ParaProps;
  run: RunProps;
}

export interface Paragraph {
  kind: 'paragraph';
  /** Id of a style in `Presentation.styles`. */
  style: string;
  /** Direct formatting over the style. */
  props?: ParaProps;
  runs: Run[];
}

export interface Cell {
  /** First grid column of the cell and how many it covers. */
  col: number;
  colSpan: number;
  rowSpan: number;
  vAlign: 'top' | 'center';
  paragraphs: Paragraph[];
}

export interface Row {
  cells: Cell[];
  /** Repeated at the top of each page the table continues on. */
  header?: boolean;
  /** Moves whole to the next page rather than splitting. */
  cantSplit?: boolean;
  /** Kept on the page where the next row starts. */
  keepNext?: boolean;
}

export interface Table {
  kind: 'table';
  /** Offset of the table's left edge from the left margin (negative: into the margin). */
  indent: number;
  /** Fixed column widths. */
  columns: number[];
  /** Single lines on every edge of every cell, or none (layout tables). */
  borders?: { width: number; color: string };
  /** Cell margins. */
  pad: { left: number; right: number; top: number; bottom: number };
  rows: Row[];
}

/** A page break: the rest of its (empty) paragraph starts the next page, as in Word. */
export interface PageBreak {
  kind: 'pageBreak';
}

export type Block = Paragraph | Table | PageBreak;

export interface Section {
  width: number;
  height: number;
  landscape: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
  /** Distance of the running header (page number) from the top edge. */
  headerDistance: number;
  footerDistance: number;
  /** The running header, shown from the section's second page on (NĐ 30: no number on page 1). */
  header?: Paragraph[];
  /** Number of the section's first page. */
  pageNumberStart: number;
  blocks: Block[];
}

export interface Meta {
  /** One-line fields (no line breaks), in NFC. */
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  language: string;
  /** The document's date, for file metadata (never the clock); a draft may lack day or month. */
  date?: { year: number; month?: number; day?: number };
}

/**
 * A footnote at the foot of the page its reference is on. Its first paragraph starts with the
 * note's number in superscript, as Word and LibreOffice print it.
 */
export interface Footnote {
  id: number;
  paragraphs: Paragraph[];
}

/** Something the description had to compromise on (a table too narrow for its words), said to the clerk. */
export interface Notice {
  code: string;
  message: string;
  hint?: string;
}

export interface Presentation {
  meta: Meta;
  /** What could not be set as asked; empty when all went well. */
  notices: Notice[];
  /** Numbered in order of appearance, through the whole document (appendices included). */
  footnotes: Footnote[];
  /** Document defaults: the font family and what every paragraph and run starts from. */
  defaults: {
    font: string;
    language: string;
    paragraph: Required<Pick<ParaProps, 'spaceBefore' | 'spaceAfter' | 'lineSpacing' | 'widowControl'>>;
    run: { size: number };
  };
  styles: ParagraphStyle[];
  sections: Section[];
}
