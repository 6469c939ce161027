// Drawing table cells (their lines and borders) and handling the slices a split cell is cut into.
import { drawSlice, type MeasuredCell, type MeasuredRow, type MeasuredTable, type Slice } from './measure.js';
import { EPS, type Paginator } from './paginator.js';

/** Draws cells of a row at `y` with their borders; `center` applies vertical centring. */
export function drawCells(
  pg: Paginator,
  t: MeasuredTable,
  cells: MeasuredCell[],
  slices: Slice[][],
  x0: number,
  y: number,
  height: number,
  center: boolean,
  spanHeight: (c: MeasuredCell) => number = () => height,
): void {
  const pad = t.spec.pad;
  cells.forEach((c, k) => {
    const h = c.rowSpan > 1 ? spanHeight(c) : height;
    const content = sliceSpan(slices[k]);
    let dy = pad.top;
    if (center && c.vAlign === 'center') dy += Math.max(0, (h - pad.top - pad.bottom - content) / 2);
    for (const s of slices[k]) {
      drawSlice(s, x0 + c.x + pad.left, y + dy + s.top, pg.out.runs, pg.out.rules);
      pg.addNotes(s.line?.notes);
    }
    if (t.spec.border > 0) {
      const w = t.spec.border;
      const xa = x0 + c.x;
      const xb = xa + c.width;
      pg.out.rules.push(
        { x1: xa, y1: y, x2: xb, y2: y, width: w },
        { x1: xa, y1: y + h, x2: xb, y2: y + h, width: w },
        { x1: xa, y1: y, x2: xa, y2: y + h, width: w },
        { x1: xb, y1: y, x2: xb, y2: y + h, width: w },
      );
    }
  });
  pg.empty = false;
  pg.fresh = false;
  pg.lastAfter = 0;
}

export function fullSlices(row: MeasuredRow): Slice[][] {
  return row.cells.map((c) => c.slices);
}

/** Height from the top of the first slice to the bottom of the last. */
export function sliceSpan(sl: Slice[]): number {
  if (!sl.length) return 0;
  const last = sl[sl.length - 1];
  return last.top + last.height;
}

/** The leading slices whose bottom is within `room`. */
export function takeSlices(sl: Slice[], room: number): Slice[] {
  let k = 0;
  while (k < sl.length && sl[k].top + sl[k].height <= room + EPS) k++;
  return sl.slice(0, k);
}

/** Moves the remaining slices of a split cell up to the top of the next part. */
export function rebase(sl: Slice[]): Slice[] {
  if (!sl.length) return sl;
  const d = sl[0].top;
  return sl.map((s) => ({ ...s, top: s.top - d }));
}
