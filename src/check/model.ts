// The document model the reader builds from a DOCX: paragraphs with resolved formatting, their
// runs, tables with cell geometry, and sections with page setup and header/footer references.
// Types only; paragraph.ts, blocks.ts and section.ts build them.
// Units: twips (1/20 pt) for lengths.
import type { Border, ParaProps, RunProps } from './formatting.js';
import type { XEl } from './xml.js';

export interface Run {
  text: string;
  props: RunProps;
  el: XEl;
}

export interface Para {
  el: XEl;
  props: ParaProps;
  /** Run properties given by the styles alone (docDefaults → paragraph style chain). */
  styleRun: RunProps;
  /** Properties of the paragraph mark (for empty paragraphs) with style formatting. */
  markProps: RunProps;
  /** Runs carrying text (or a field result). */
  runs: Run[];
  /** Runs that begin a field (their formatting applies to the field result). */
  fieldRuns: Run[];
  /** Visible text: w:t, tabs as "\t", breaks as "\n"; field codes excluded. */
  text: string;
  /** Field instructions in this paragraph (e.g. "PAGE"). */
  fields: string[];
  /** Set when the paragraph is in a table cell. */
  cell?: Cell;
  /** Set when this paragraph ends a section (all sections but the last). */
  endsSection: boolean;
  /** Some of its text is stored decomposed (NFD): it reads the same but is not TCVN 6909. */
  nfd: boolean;
}

export interface Cell {
  table: Tbl;
  row: number;
  col: number;
  /** Width in twips. */
  width: number;
  marginLeft: number;
  marginRight: number;
  paras: Para[];
  /** The cell's blocks in order, nested tables included. */
  items: BodyItem[];
  el: XEl;
}

export interface Row {
  cantSplit: boolean;
  /** Repeated at the top of each page (w:tblHeader). */
  header: boolean;
  cells: Cell[];
  el: XEl;
}

export interface Tbl {
  el: XEl;
  grid: number[];
  width?: number;
  widthType?: string;
  indent: number;
  rows: Row[];
  borders: Record<string, Border | undefined>;
  styleId?: string;
}

export type BodyItem = { kind: 'p'; p: Para } | { kind: 'tbl'; t: Tbl };

export interface SectionProps {
  pageWidth: number;
  pageHeight: number;
  orient?: string;
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number; gutter: number };
  titlePage: boolean;
  headers: Record<string, string>; // type → part name ("word/header1.xml")
  footers: Record<string, string>;
  pageNumberStart?: number;
  /** How the section starts: nextPage (default), continuous, evenPage, oddPage. */
  breakType: string;
  el: XEl;
}
