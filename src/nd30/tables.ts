// Content tables on their column grid, shared by the writers: the model omits the cells covered
// by a vertically merged cell from a row above, so a row's cells do not simply follow each other.
import type { Table } from '../model/document.js';

/** Where a cell of the model sits on the grid. */
export interface GridCell {
  col: number;
  colSpan: number;
  rowSpan: number;
}

/** Column widths in mm: the table's relative widths scaled to `widthMm`. */
export function columnWidthsMm(t: Table, widthMm: number): number[] {
  const total = t.columns.reduce((a, b) => a + b, 0);
  return t.columns.map((c) => (c / total) * widthMm);
}

/** The grid position of every cell, row by row, skipping columns still covered from above. */
export function gridCells(t: Table): GridCell[][] {
  const n = t.columns.length;
  // Last row (index) each column is covered to by a merged cell placed so far.
  const coveredUntil = new Array<number>(n).fill(-1);
  return t.rows.map((row, r) => {
    let col = 0;
    return row.cells.map((c) => {
      while (col < n && coveredUntil[col] >= r) col++;
      const colSpan = c.colSpan ?? 1;
      const rowSpan = c.rowSpan ?? 1;
      for (let k = col; k < col + colSpan && k < n; k++) coveredUntil[k] = r + rowSpan - 1;
      const cell = { col, colSpan, rowSpan };
      col += colSpan;
      return cell;
    });
  });
}

/** Total width of `span` grid columns from `col`. */
export function spanWidth(cols: number[], col: number, span: number): number {
  return cols.slice(col, col + span).reduce((a, b) => a + b, 0);
}
