// The one document model every writer renders (the "AST").
// It knows the parts of an NĐ 30 administrative document (header band, type name,
// trích yếu, body, nơi nhận | signatory, appendices) but nothing about plans:
// templates fill it, writers lay it out.

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** A footnote reference: the note's text (its number is given in order of appearance). */
  footnote?: Run[];
}

/**
 * Semantic paragraph styles. Writers map each to NĐ 30 geometry and, in DOCX,
 * to a named Word style so clerks can keep editing with styles.
 */
export type ParagraphStyle =
  | 'body' // justified, first-line indent
  | 'basis' // căn cứ / thực hiện lines: body, italic
  | 'heading1' // "I. MỤC ĐÍCH, YÊU CẦU"
  | 'heading2' // "1. Mục đích"
  | 'heading3' // "1.1. …" / "a) …" as a heading
  | 'heading4'
  | 'item' // numbered running item "1. text" (body geometry)
  | 'bullet' // "- text"
  | 'bullet2' // "+ text"
  | 'closing' // "Trên đây là …./."
  | 'center' // centred body line
  | 'right'; // right-aligned body line

export interface Paragraph {
  kind: 'paragraph';
  style: ParagraphStyle;
  /** Marker computed by numbering ("I.", "1.", "1.1.", "a)", "-", "+"), rendered before the runs. */
  marker?: string;
  /** Whether the marker is bold (headings and labelled items). */
  markerBold?: boolean;
  /** Whether the marker is italic (an italic item title, "*1.1. Trưởng Ban …*"). */
  markerItalic?: boolean;
  runs: Run[];
  /** Keep with the next paragraph (headings). */
  keepNext?: boolean;
}

export interface TableCell {
  blocks: Paragraph[];
  /** Number of columns this cell spans (default 1). */
  colSpan?: number;
  /** Number of rows this cell spans (default 1); covered cells are omitted in later rows. */
  rowSpan?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  bold?: boolean;
}

export interface TableRow {
  cells: TableCell[];
  /** Header rows repeat on each page. */
  header?: boolean;
  /** Kept on the page where the next row starts (markup `<tr keep-next="true">`). */
  keepNext?: boolean;
}

export interface Table {
  kind: 'table';
  /** Relative column widths (any unit; writers scale them to the text width). */
  columns: number[];
  rows: TableRow[];
  /** Font size in pt for cells (default: writer's table size). */
  fontSize?: number;
  /** The author gave no widths: columns are set from their content alone. */
  autoWidth?: boolean;
}

export interface PageBreak {
  kind: 'pageBreak';
}

export type Block = Paragraph | Table | PageBreak;

export interface Header {
  /** Cơ quan chủ quản, e.g. "UBND TỈNH QUẢNG NGÃI" (may contain "\n"). */
  parent?: string;
  /** Cơ quan ban hành, e.g. "SỞ Y TẾ" (may contain "\n"). */
  agency: string;
  /** Full number line, e.g. "Số: 13/KH-SYT". */
  number: string;
  /** Quốc hiệu. */
  nationalTitle: string;
  /** Tiêu ngữ. */
  motto: string;
  /** Địa danh and date, e.g. "Quảng Ngãi, ngày 05 tháng 02 năm 2026". */
  placeDate: string;
  /** Độ khẩn, e.g. "KHẨN". */
  urgency?: string;
  /** Độ mật, e.g. "MẬT". */
  confidentiality?: string;
}

export interface TitleBlock {
  /** Tên loại, e.g. "KẾ HOẠCH". */
  kind: string;
  /** Trích yếu lines (explicit line breaks kept). */
  summary: Run[][];
  /** A document issued with another one: "(Ban hành kèm theo Quyết định số … ngày … của …)". */
  note?: string;
}

export interface Signature {
  /** Authority and position lines, e.g. ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  lines: string[];
  /** Signer's name. */
  name: string;
  /** Empty body lines left for the signature and seal. */
  gapLines?: number;
}

export interface Recipients {
  label: string; // "Nơi nhận:"
  items: string[]; // "- Bộ Y tế (báo cáo);" … "- Lưu: VT, TCHC."
}

export interface Closing {
  recipients?: Recipients;
  signature?: Signature;
}

export interface Appendix {
  label: string; // "Phụ lục I"
  title: Run[][]; // caps, bold
  note?: string; // "(Kèm theo Kế hoạch số …)"
  blocks: Block[];
  landscape?: boolean;
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  language: string; // "vi-VN"
  /** Document date as ISO (YYYY-MM-DD) when known: used for file metadata, never the clock. */
  date?: string;
}

/** Page geometry and sizes; all lengths in millimetres, sizes in points. */
export interface PageSetup {
  margins: { top: number; bottom: number; left: number; right: number };
  /** Distance of the page-number header from the top edge. */
  headerDistance: number;
  bodySize: number;
  firstLineIndent: number;
  /** Space before each body paragraph (pt). */
  spaceBefore: number;
  spaceAfter: number;
  /** Line spacing as a multiple of single (1 = Word "single"). */
  lineSpacing: number;
  tableSize: number;
  nationalTitleSize: number;
  mottoSize: number;
  agencySize: number;
  placeDateSize: number;
  signatureGapLines: number;
  /** Show page numbers (top centre, from page 2). */
  pageNumbers: boolean;
}

export interface DocumentModel {
  meta: DocumentMeta;
  page: PageSetup;
  /** Absent for a document issued with another one (it has the other's header). */
  header?: Header;
  title: TitleBlock;
  body: Block[];
  closing: Closing;
  appendices: Appendix[];
}

/** Plain text of runs. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Plain text of a paragraph including its marker. */
export function paragraphText(p: Paragraph): string {
  return (p.marker ? p.marker + ' ' : '') + runsText(p.runs);
}
