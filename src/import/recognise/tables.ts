// A source table → the plan's { table }: header rows, merged cells (colspan/rowspan), group rows,
// relative column widths when the source has them. What the format cannot hold is simplified
// and said: a table inside a cell becomes lines "a | b" in that cell.
import { NUMERIC } from '../../presentation/body.js';
import { DEFAULT_PAGE } from '../../nd30/page.js';
import { allBold, allParas, locText, type SCell, type SPara, type STable, paraText } from '../source.js';
import { type InlineOut, toInline } from './inline.js';
import { trimEnd } from './labels.js';
import { dominantSize } from './layout.js';
import type { Noted, Obj } from './tree.js';

export function tableBlock(t: STable, notes: Noted[]): Obj {
  const table: Obj = {};
  const out = { table };
  const width = Math.max(1, ...t.rows.map((r) => r.cells.reduce((s, c) => s + c.colSpan, 0) + covered(t, r)));
  if (t.grid && t.grid.length === width)
    // Relative widths in points, exactly the grid's twips: rendered again, the table gets the same grid.
    table.columns = t.grid.map((w) => Math.max(1, w) / 20);
  const size = dominantSize(allParas([t]).flatMap((p) => p.runs));
  if (size && size !== DEFAULT_PAGE.tableSize && size >= 10 && size <= 14) table.fontSize = size;
  let nested = 0;
  const convert = (c: SCell, header: boolean) => {
    nested += c.blocks.filter((b) => b.kind === 'table').length;
    return cell(c, header);
  };
  const headerRows = t.rows.filter((r, k) => r.header && t.rows.slice(0, k).every((x) => x.header));
  const header = headerRows.map((r) => r.cells.map((c) => convert(c, true)));
  const rows = t.rows.slice(headerRows.length).map((r) => r.cells.map((c) => convert(c, false)));
  if (header.length) table.header = header.length === 1 ? header[0] : header;
  // The format needs at least one body row: a table of header rows only keeps them as rows.
  if (rows.length) table.rows = rows;
  else {
    delete table.header;
    table.rows = t.rows.map((r) => r.cells.map((c) => convert(c, false)));
  }
  if (nested)
    notes.push({
      message: `bảng (${locText(t.loc)}) có ${nested} bảng lồng trong ô; bảng lồng được chép thành các dòng "ô | ô" trong ô đó.`,
      loc: t.loc,
      node: out,
    });
  if (t.guessed)
    notes.push({
      message: `bảng (${locText(t.loc)}) chép từ văn bản dạng chữ: ranh giới hàng, ô và ô gộp được đoán; nên so lại với bản gốc.`,
      loc: t.loc,
      node: out,
    });
  return out;
}

/** Grid columns of a row taken by cells merged from the rows above. */
function covered(t: STable, row: STable['rows'][number]): number {
  const k = t.rows.indexOf(row);
  let n = 0;
  t.rows.slice(0, k).forEach((r, j) => {
    for (const c of r.cells) if (c.rowSpan > k - j) n += c.colSpan;
  });
  return n;
}

function cellParagraphs(c: SCell): SPara[] {
  return c.blocks.flatMap((b): SPara[] => {
    if (b.kind === 'p') return [b];
    // A nested table: one line per row, its cells joined with " | ".
    return b.rows.map((r) => ({ kind: 'p', loc: b.loc, runs: [{ text: r.cells.map((x) => cellParagraphs(x).map(paraText).join(' ')).join(' | ') }] }));
  });
}

function cell(c: SCell, header: boolean): InlineOut | number | Obj {
  const paras = cellParagraphs(c).filter((p) => paraText(p) || p.runs.some((r) => r.footnote));
  const bold = !header && paras.length > 0 && paras.every((p) => allBold(p.runs));
  const texts = paras.map((p) => toInline(trimEnd(p.runs), { dropBold: header || bold }));
  const plain = paras.map(paraText).join(' ');
  const align = paras[0]?.align;
  const byDefault = header || NUMERIC.test(plain) ? 'center' : 'left';
  const obj: Obj = {};
  if (texts.length > 1) obj.blocks = texts;
  else if (texts.length === 1) obj.text = texts[0];
  if (c.colSpan > 1) obj.colspan = c.colSpan;
  if (c.rowSpan > 1) obj.rowspan = c.rowSpan;
  if (align && align !== byDefault && !(align === 'justify' && byDefault === 'left')) obj.align = align;
  if (bold) obj.bold = true;
  const keys = Object.keys(obj);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === 'text') return obj.text as InlineOut;
  return obj;
}
