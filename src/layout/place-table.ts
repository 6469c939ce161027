// Placing a table on the pages: rows tied together (merged cells, "can't split", "keep with
// next") move whole to the next page when they fit a page; header rows repeat at the top of each
// page the table continues on; anything taller than a page flows row by row (./flow-rows.ts).
import { drawCells, fullSlices } from './cells.js';
import { flowGroup } from './flow-rows.js';
import { rowLead } from './lookahead.js';
import type { MeasuredRow, MeasuredTable } from './measure.js';
import { EPS, type Paginator } from './paginator.js';

/** Row groups: consecutive rows tied together by vertically merged cells. */
function rowGroups(t: MeasuredTable): number[][] {
  const groups: number[][] = [];
  for (let r = 0; r < t.rows.length; ) {
    let end = r;
    for (let j = r; j <= end; j++) for (const c of t.rows[j].cells) end = Math.max(end, Math.min(t.rows.length - 1, j + c.rowSpan - 1));
    const g: number[] = [];
    for (let j = r; j <= end; j++) g.push(j);
    groups.push(g);
    r = end + 1;
  }
  return groups;
}

/** The table being placed, with what its page breaks need. */
export class TablePlacement {
  readonly x0: number;
  readonly headers: MeasuredRow[] = [];
  readonly headersHeight: number;
  /** What a page holds below the repeated header rows: a block taller than this cannot move whole. */
  readonly freshRoom: number;

  constructor(
    readonly pg: Paginator,
    readonly t: MeasuredTable,
  ) {
    this.x0 = pg.boxX + t.spec.indent;
    for (let k = 0; k < t.rows.length && t.rows[k].header; k++) this.headers.push(t.rows[k]);
    this.headersHeight = this.headers.reduce((a, r) => a + r.height, 0);
    this.freshRoom = pg.pageHeight - this.headersHeight;
  }

  /** A new page, starting with the header rows again (vertically centred as on the first page). */
  breakPage(): void {
    const pg = this.pg;
    pg.newPage(true);
    if (!this.headers.length) return;
    for (const h of this.headers) {
      drawCells(pg, this.t, h.cells, fullSlices(h), this.x0, pg.y, h.height, true);
      pg.y += h.height;
    }
    pg.empty = false;
    pg.fresh = true;
  }

  /** Rows of a group at once, merged cells spanning the heights of the rows they cover. */
  drawGroup(g: number[]): void {
    const pg = this.pg;
    let y = pg.y;
    const heights = g.map((r) => this.t.rows[r].height);
    g.forEach((r, k) => {
      const row = this.t.rows[r];
      drawCells(pg, this.t, row.cells, fullSlices(row), this.x0, y, heights[k], true, (c) => heights.slice(k, k + c.rowSpan).reduce((a, b) => a + b, 0));
      y += heights[k];
    });
    pg.y = y;
    pg.empty = false;
  }
}

export function placeTable(pg: Paginator, t: MeasuredTable): void {
  const tp = new TablePlacement(pg, t);
  const groups = rowGroups(t);
  groups.forEach((g, gi) => {
    if (gi === 0 && tp.headers.length && t.rows[g[0]].header) {
      // The header rows themselves: keep them with the first body row.
      const need = tp.headersHeight + (groups.length > tp.headers.length ? rowLead(t, tp.headers.length) : 0);
      if (!pg.empty && !pg.fits(need)) pg.newPage(true);
    }
    placeGroup(tp, g, groups[gi + 1]);
  });
  pg.empty = false;
}

function placeGroup(tp: TablePlacement, g: number[], next: number[] | undefined): void {
  const { pg, t } = tp;
  const rows = g.map((r) => t.rows[r]);
  const gh = rows.reduce((a, r) => a + r.height, 0);
  // A row kept with the next one (a group row and its first child) moves with it.
  const keep = rows[rows.length - 1].keepNext && next ? next.map((r) => t.rows[r]) : [];
  const keepH = keep.length ? (keep.length > 1 || keep[0].cantSplit ? keep.reduce((a, r) => a + r.height, 0) : rowLead(t, next![0])) : 0;
  if (keepH > 0 && !pg.fits(gh + keepH) && !pg.empty && !pg.fresh && gh + keepH <= tp.freshRoom + EPS) {
    tp.breakPage();
    tp.drawGroup(g);
    return;
  }
  if (pg.fits(gh)) {
    tp.drawGroup(g);
    return;
  }
  // Rows tied together (merged cells, "can't split") move whole to the next page, unless they
  // are taller than a page: then they split row by row and line by line, as Word and LibreOffice do.
  if ((g.length > 1 || rows[0].cantSplit) && gh <= tp.freshRoom + EPS) {
    if (!pg.empty && !pg.fresh) tp.breakPage();
    tp.drawGroup(g);
    return;
  }
  flowGroup(tp, g);
}
