// Rows taller than what is left of a page, placed one by one and split between lines where the
// page ends, as Word and LibreOffice do. Merged cells are drawn part by part: on each page, the
// lines that fit in the rows they cover there.
import { drawCells, rebase, sliceSpan, takeSlices } from './cells.js';
import type { MeasuredCell, MeasuredRow, Slice } from './measure.js';
import { EPS } from './paginator.js';
import type { TablePlacement } from './place-table.js';

/** A vertically merged cell being laid out across rows (and pages) of a flowing group. */
interface OpenCell {
  cell: MeasuredCell;
  /** Index of the last row the cell covers. */
  last: number;
  /** Top of the cell's part on the current page. */
  segTop: number;
  slices: Slice[];
  split: boolean;
}

class RowFlow {
  private readonly open: OpenCell[] = [];

  constructor(private readonly tp: TablePlacement) {}

  /** Draws the part of each open merged cell on this page; `final` tells which end here. */
  flush(final: (o: OpenCell) => boolean): void {
    const { pg, t, x0 } = this.tp;
    const pad = t.spec.pad;
    for (const o of [...this.open]) {
      const end = final(o);
      const h = pg.y - o.segTop;
      const part = end ? o.slices : takeSlices(o.slices, h - pad.top - pad.bottom);
      drawCells(pg, t, [o.cell], [part], x0, o.segTop, h, end && !o.split);
      o.slices = rebase(o.slices.slice(part.length));
      o.split = true;
      if (end) this.open.splice(this.open.indexOf(o), 1);
    }
  }

  /** A page break inside the group: merged cells continue at the top of the next page. */
  pageBreak = (): void => {
    this.flush(() => false);
    this.tp.breakPage();
    for (const o of this.open) o.segTop = this.tp.pg.y;
  };

  /** The row's own height, or more when a merged cell ending here still has lines to place. */
  need(row: MeasuredRow, r: number): number {
    const pad = this.tp.t.spec.pad;
    const y = this.tp.pg.y;
    return Math.max(row.height, ...this.open.filter((o) => o.last === r).map((o) => sliceSpan(o.slices) + pad.top + pad.bottom - (y - o.segTop)));
  }

  row(r: number): void {
    const { pg, t, x0 } = this.tp;
    const row = t.rows[r];
    const singles = row.cells.filter((c) => c.rowSpan <= 1);
    const need = this.need(row, r);
    if (!pg.fits(need) && row.cantSplit && need <= this.tp.freshRoom + EPS && !pg.empty && !pg.fresh) this.pageBreak();
    const h = this.need(row, r);
    for (const c of row.cells) if (c.rowSpan > 1) this.open.push({ cell: c, last: r + c.rowSpan - 1, segTop: pg.y, slices: c.slices, split: false });
    if (pg.fits(h)) {
      drawCells(
        pg,
        t,
        singles,
        singles.map((c) => c.slices),
        x0,
        pg.y,
        h,
        true,
      );
      pg.y += h;
    } else splitRow(this.tp, row, singles, this.pageBreak);
    this.flush((o) => o.last === r);
  }
}

export function flowGroup(tp: TablePlacement, g: number[]): void {
  const flow = new RowFlow(tp);
  for (const r of g) flow.row(r);
  // Merged cells reaching past the table's end (a rowspan larger than the rows left).
  flow.flush(() => true);
}

/** One row split between lines, continuing on the next pages. */
function splitRow(tp: TablePlacement, row: MeasuredRow, cells: MeasuredCell[], pageBreak: () => void): void {
  const { pg, t, x0 } = tp;
  const pad = t.spec.pad;
  const padding = pad.top + pad.bottom;
  let remaining: Slice[][] = cells.map((c) => c.slices);
  let firstPart = true;
  /** Draws `parts` of the cells at the current position, then keeps what is left for the next page. */
  const drawPart = (parts: Slice[][]) => {
    const h = Math.max(0, ...parts.map(sliceSpan)) + padding;
    drawCells(pg, t, cells, parts, x0, pg.y, h, false);
    pg.y += h;
    remaining = remaining.map((sl, c) => rebase(sl.slice(parts[c].length)));
    firstPart = false;
    pageBreak();
  };
  for (let guard = 0; guard < 10_000; guard++) {
    const parts = remaining.map((sl) => takeSlices(sl, pg.limit - pg.y - padding));
    if (parts.every((p, c) => p.length === remaining[c].length)) {
      const h = firstPart ? Math.min(row.height, pg.limit - pg.y) : Math.max(0, ...remaining.map(sliceSpan)) + padding;
      drawCells(pg, t, cells, remaining, x0, pg.y, h, firstPart);
      pg.y += h;
      return;
    }
    if (parts.some((p) => p.length > 0)) drawPart(parts);
    // Not even one line fits on a fresh page: draw the first line of each cell and go on.
    else if (pg.empty || pg.fresh) drawPart(remaining.map((sl) => sl.slice(0, 1)));
    else pageBreak();
  }
}
