// How much of the blocks ahead must share a page with a "keep with next" block: the least of a
// block that can start a page (its unsplittable head), followed through further keeps.
import type { MeasuredParagraph, MeasuredRow, MeasuredTable } from './measure.js';
import { MIN_LINES } from './paginator.js';

export type Measured = MeasuredParagraph | MeasuredTable | { kind: 'pageBreak' };

export class Lookahead {
  private readonly cache = new Map<number, number>();

  constructor(private readonly blocks: Measured[]) {}

  /** The height that must follow on the same page for block `i` to start there. */
  lead(i: number): number {
    if (i >= this.blocks.length) return 0;
    const cached = this.cache.get(i);
    if (cached !== undefined) return cached;
    const b = this.blocks[i];
    const h = b.kind === 'paragraph' ? this.paragraphLead(b, i) : b.kind === 'table' ? tableLead(b) : 0;
    this.cache.set(i, h);
    return h;
  }

  private paragraphLead(b: MeasuredParagraph, i: number): number {
    const s = b.spec;
    const n = b.lines.length;
    const all = b.lines.reduce((a, l) => a + l.height, 0) + b.borderHeight;
    const unsplittable = s.keepLines || n === 1 || (s.widowControl && n < 2 * MIN_LINES);
    if (s.keepNext) return s.spaceBefore + all + s.spaceAfter + this.lead(i + 1);
    if (unsplittable) return s.spaceBefore + all;
    return s.spaceBefore + b.lines.slice(0, s.widowControl ? MIN_LINES : 1).reduce((a, l) => a + l.height, 0);
  }
}

/** A table's header rows and the part of its first body row that must come with them. */
function tableLead(t: MeasuredTable): number {
  let h = 0;
  let k = 0;
  while (k < t.rows.length && t.rows[k].header) h += t.rows[k++].height;
  return k < t.rows.length ? h + rowLead(t, k) : h;
}

/** What of row `k` must be on a page for it to start there: all of it, or its first line. */
export function rowLead(t: MeasuredTable, k: number): number {
  const r = t.rows[k];
  return r.cantSplit ? r.height : Math.min(r.height, firstLineHeight(r) + t.spec.pad.top + t.spec.pad.bottom);
}

function firstLineHeight(r: MeasuredRow): number {
  return Math.max(0, ...r.cells.map((c) => (c.slices.length ? c.slices[0].top + c.slices[0].height : 0)));
}
