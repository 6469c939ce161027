// Input and output of the layout engine. All lengths are points; y grows downwards from the
// top edge of the page. The engine knows paragraphs, tables and pages — nothing about plans.
import type { FaceMetrics } from '../fonts/metrics.js';
import type { Rgb as Color, TextBox } from '../text/linebreak.js';

export type { Align, Rgb as Color, Span } from '../text/linebreak.js';

/** A paragraph with everything resolved: faces, sizes, indents and spacing in points. */
export interface ParagraphSpec extends TextBox {
  kind: 'paragraph';
  spaceBefore: number;
  spaceAfter: number;
  keepNext?: boolean;
  keepLines?: boolean;
  /** Word's widow/orphan control (two lines). */
  widowControl?: boolean;
  /** A solid bottom border (a "rule"): `space` below the text, then the line. */
  borderBottom?: { width: number; space: number; color?: Color };
  /** A box around the paragraph (Word paragraph borders on all sides): line width, colour, gaps. */
  frame?: { width: number; color?: Color; space: { top: number; bottom: number; left: number; right: number } };
}

export interface CellSpec {
  /** First column of the cell and how many it covers. */
  col: number;
  colSpan: number;
  rowSpan: number;
  paragraphs: ParagraphSpec[];
  vAlign: 'top' | 'center';
}

export interface RowSpec {
  cells: CellSpec[];
  header?: boolean;
  cantSplit?: boolean;
  /** Keep this row on the page where the next row starts. */
  keepNext?: boolean;
}

export interface TableSpec {
  kind: 'table';
  /** Offset of the table's left edge from the box's left edge. */
  indent: number;
  columns: number[];
  rows: RowSpec[];
  /** Border line width, or 0 for a borderless layout table. */
  border: number;
  pad: { left: number; right: number; top: number; bottom: number };
  keepNext?: boolean;
}

export interface PageBreakSpec {
  kind: 'pageBreak';
}

export type BlockSpec = ParagraphSpec | TableSpec | PageBreakSpec;

/** A section: a page geometry, the blocks flowing through it and its running header. */
export interface SectionSpec {
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number };
  blocks: BlockSpec[];
  /** The running header (the page number) of the section's page `n` (1-based), laid out at `headerDistance` from the top, from the second page on. */
  runningHeader?: (n: number) => ParagraphSpec[];
  /** The paragraphs of footnote `id`, set at the foot of the page its reference is on. */
  footnote?: (id: number) => ParagraphSpec[];
  headerDistance: number;
}

// ---- Output ----

export interface GlyphRun {
  x: number;
  /** Baseline. */
  y: number;
  face: FaceMetrics;
  size: number;
  text: string;
  /** Extra advance after each space character (justification). */
  spaceExtra: number;
  underline?: boolean;
  color?: Color;
}

export interface RuleLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color?: Color;
}

export interface PageOut {
  width: number;
  height: number;
  runs: GlyphRun[];
  rules: RuleLine[];
}
