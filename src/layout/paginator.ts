// The state of pagination through one section: the pages so far, where the next block goes on
// the current page, and what the last placement leaves for the next one.
import type { PageOut, SectionSpec } from './types.js';

export const EPS = 0.01;
/** Word's widow/orphan control: at least this many lines of a paragraph on each page. */
export const MIN_LINES = 2;

export class Paginator {
  readonly pages: PageOut[] = [];
  /** The page being filled. */
  out!: PageOut;
  /** Top of the free space on the page. */
  y = 0;
  /** Nothing placed yet on this page. */
  empty = true;
  /** The page was started by text overflowing the previous one (not by a page break). */
  natural = false;
  /** The page holds nothing but a table's repeated header rows. */
  fresh = false;
  /**
   * Space after the paragraph just placed: the next one's space before only adds what exceeds it
   * (the larger of the two separates them, as LibreOffice lays out our DOCX).
   */
  lastAfter = 0;

  readonly boxX: number;
  readonly boxWidth: number;
  readonly top: number;
  readonly bottom: number;

  constructor(readonly section: SectionSpec) {
    const m = section.margins;
    this.boxX = m.left;
    this.boxWidth = section.width - m.left - m.right;
    this.top = m.top;
    this.bottom = section.height - m.bottom;
    this.newPage(false);
  }

  newPage(natural: boolean): void {
    this.out = { width: this.section.width, height: this.section.height, runs: [], rules: [] };
    this.pages.push(this.out);
    this.y = this.top;
    this.empty = true;
    this.natural = natural;
    this.fresh = false;
    this.lastAfter = 0;
  }

  /** Whether `h` more points fit on the page. */
  fits(h: number): boolean {
    return this.y + h <= this.bottom + EPS;
  }

  /** Height of a page's body (between the margins). */
  get pageHeight(): number {
    return this.bottom - this.top;
  }
}
