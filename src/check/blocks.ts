// Block-level content in document order: paragraphs and tables (content controls unwrapped), and
// each table's rows and cells with the geometry the rules measure against (cell width, margins).
// Tables and blocks are read together because a cell holds blocks and blocks hold tables.
import { onOff, readBorder, type Border } from './formatting.js';
import type { BodyItem, Cell, Row, Tbl } from './model.js';
import { readParagraph } from './paragraph.js';
import type { StyleDef, Styles } from './styles.js';
import { kid, kids, type XEl } from './xml.js';

/** Paragraphs and tables of a container (w:body, w:tc, …), document order. */
export function readBlocks(styles: Styles, container: XEl, tableStyle?: string): BodyItem[] {
  const out: BodyItem[] = [];
  for (const c of kids(container)) {
    if (c.name === 'w:p') out.push({ kind: 'p', p: readParagraph(styles, c, tableStyle) });
    else if (c.name === 'w:tbl') out.push({ kind: 'tbl', t: readTable(styles, c) });
    else if (c.name === 'w:sdt') out.push(...readBlocks(styles, kid(c, 'w:sdtContent') ?? c, tableStyle));
  }
  return out;
}

interface Margins {
  left: number;
  right: number;
}

/** Overrides `mar` with the left/right (or start/end) widths of a w:tblCellMar or w:tcMar. */
function applyCellMargins(mar: Margins, m: XEl | undefined): void {
  if (!m) return;
  const l = kid(m, 'w:left') ?? kid(m, 'w:start');
  const r = kid(m, 'w:right') ?? kid(m, 'w:end');
  if (l) mar.left = Number(l.attrs['w:w']);
  if (r) mar.right = Number(r.attrs['w:w']);
}

/** Default cell margins of a table: Word's 0.19 cm, then the table style chain, then the table's own w:tblCellMar. */
function tableCellMargins(styleChain: StyleDef[], tblPr: XEl | undefined): Margins {
  const mar = { left: 108, right: 108 };
  for (const s of styleChain) applyCellMargins(mar, kid(s.tblPr, 'w:tblCellMar'));
  applyCellMargins(mar, kid(tblPr, 'w:tblCellMar'));
  return mar;
}

/** Table borders by side ("top", "insideH", …): the style chain, then the table's own. */
function tableBorders(styleChain: StyleDef[], tblPr: XEl | undefined): Record<string, Border | undefined> {
  const borders: Record<string, Border | undefined> = {};
  for (const s of [...styleChain.map((s) => s.tblPr), tblPr]) for (const b of kids(kid(s, 'w:tblBorders'))) borders[b.name.replace('w:', '')] = readBorder(b);
  return borders;
}

function readTable(styles: Styles, el: XEl): Tbl {
  const tblPr = kid(el, 'w:tblPr');
  const styleChain = styles.chain(kid(tblPr, 'w:tblStyle')?.attrs['w:val'], 'table');
  const mar = tableCellMargins(styleChain, tblPr);
  const tblW = kid(tblPr, 'w:tblW');
  const t: Tbl = {
    el,
    grid: kids(kid(el, 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w'])),
    width: tblW ? Number(tblW.attrs['w:w']) : undefined,
    widthType: tblW?.attrs['w:type'],
    indent: Number(kid(tblPr, 'w:tblInd')?.attrs['w:w'] ?? 0),
    rows: [],
    borders: tableBorders(styleChain, tblPr),
    styleId: styleChain[styleChain.length - 1]?.id,
  };
  kids(el, 'w:tr').forEach((tr, ri) => {
    t.rows.push(readRow(styles, t, tr, ri, mar));
  });
  return t;
}

function readRow(styles: Styles, t: Tbl, tr: XEl, ri: number, mar: Margins): Row {
  const trPr = kid(tr, 'w:trPr');
  const row: Row = { cantSplit: onOff(kid(trPr, 'w:cantSplit')) ?? false, header: onOff(kid(trPr, 'w:tblHeader')) ?? false, cells: [], el: tr };
  let col = 0; // grid column, advanced by each cell's span
  for (const tc of kids(tr, 'w:tc')) {
    const cell = readCell(styles, t, tc, ri, col, mar);
    row.cells.push(cell);
    col += Number(kid(kid(tc, 'w:tcPr'), 'w:gridSpan')?.attrs['w:val'] ?? 1);
  }
  return row;
}

function readCell(styles: Styles, t: Tbl, tc: XEl, row: number, col: number, tableMar: Margins): Cell {
  const tcPr = kid(tc, 'w:tcPr');
  const span = Number(kid(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1);
  const m = { ...tableMar };
  applyCellMargins(m, kid(tcPr, 'w:tcMar'));
  const gridWidth = t.grid.slice(col, col + span).reduce((a, b) => a + b, 0);
  const tcW = kid(tcPr, 'w:tcW');
  const cell: Cell = {
    table: t,
    row,
    col,
    // A fixed w:tcW wins; otherwise (auto, pct, missing) the grid columns it spans.
    width: tcW && tcW.attrs['w:type'] === 'dxa' ? Number(tcW.attrs['w:w']) : gridWidth,
    marginLeft: m.left,
    marginRight: m.right,
    paras: [],
    items: [],
    el: tc,
  };
  // The cell's own paragraphs in `paras`; nested tables stay in `items` (their cells have their own).
  for (const item of readBlocks(styles, tc, t.styleId)) {
    if (item.kind === 'p') {
      const p = { ...item.p, cell };
      cell.paras.push(p);
      cell.items.push({ kind: 'p', p });
    } else cell.items.push(item);
  }
  return cell;
}
