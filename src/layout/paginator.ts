// The state of pagination through one section: the pages so far, where the next block goes on
// the current page, and what the last placement leaves for the next one.
import { measureParagraph } from './measure.js';
import type { PageOut, SectionSpec } from './types.js';

/**
 * The footnote area at the foot of a page, as LibreOffice lays out our DOCX: 0.1 cm from the
 * body, a ½ pt line a quarter of the column wide, 0.1 cm, then the notes.
 */
export const NOTE_AREA = { topGap: 2.835, rule: 0.5, bottomGap: 2.835, ruleShare: 0.25 };
const NOTE_AREA_FIXED = NOTE_AREA.topGap + NOTE_AREA.rule + NOTE_AREA.bottomGap;

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

  /** Footnotes on each page so far (parallel to `pages`). */
  readonly pageNotes: number[][] = [];
  private readonly noteHeights = new Map<number, number>();

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
    this.pageNotes.push([]);
    this.y = this.top;
    this.empty = true;
    this.natural = natural;
    this.fresh = false;
    this.lastAfter = 0;
  }

  /** Bottom of the room for body text: above the footnotes placed on this page. */
  get limit(): number {
    const notes = this.pageNotes[this.pageNotes.length - 1];
    return notes.length ? this.bottom - NOTE_AREA_FIXED - notes.reduce((h, id) => h + this.noteHeight(id), 0) : this.bottom;
  }

  /** Whether `h` more points fit on the page. */
  fits(h: number): boolean {
    return this.y + h <= this.limit + EPS;
  }

  /** Height of footnote `id` at the foot of the page. */
  noteHeight(id: number): number {
    let h = this.noteHeights.get(id);
    if (h === undefined) {
      h = (this.section.footnote?.(id) ?? []).reduce((a, spec) => {
        const m = measureParagraph(spec, this.boxWidth);
        return a + spec.spaceBefore + m.lines.reduce((x, l) => x + l.height, 0) + spec.spaceAfter;
      }, 0);
      this.noteHeights.set(id, h);
    }
    return h;
  }

  /** Room the notes `ids` would take that this page does not hold yet (the area's line and gaps with its first note). */
  notesExtra(ids: number[] | undefined, pending: Set<number> = new Set()): number {
    if (!ids?.length) return 0;
    const on = this.pageNotes[this.pageNotes.length - 1];
    const fresh = ids.filter((id) => !on.includes(id) && !pending.has(id));
    if (!fresh.length) return 0;
    return (on.length || pending.size ? 0 : NOTE_AREA_FIXED) + fresh.reduce((h, id) => h + this.noteHeight(id), 0);
  }

  /** The notes of lines placed on this page. */
  addNotes(ids: number[] | undefined): void {
    const on = this.pageNotes[this.pageNotes.length - 1];
    for (const id of ids ?? []) if (!on.includes(id)) on.push(id);
  }

  /** Height of a page's body (between the margins). */
  get pageHeight(): number {
    return this.bottom - this.top;
  }
}
