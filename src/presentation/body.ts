// Body blocks of the model (paragraphs in their semantic styles, content tables, page breaks)
// as page-description blocks.
import type { Block as ModelBlock, Paragraph as ModelParagraph, Run as ModelRun, Table as ModelTable, PageSetup } from '../model/document.js';
import { TABLE_BORDER, TABLE_CELL_PAD, TABLE_CELL_PAD_TB } from '../nd30/tables.js';
import { PART_STYLES, WORD_STYLES } from '../nd30/styles.js';
import { mmToGridPt } from '../util/units.js';
import type { FontSet } from '../fonts/metrics.js';
import type { Notes } from './footnotes.js';
import { fitColumns } from './table-widths.js';
import { keepCodesTogether } from './nobreak.js';
import type { Block, Cell, Notice, Paragraph, ParaProps, Run, Table } from './types.js';

/** Model runs as description runs (only what is set: the style supplies the rest); footnotes go to `notes`. */
export function runs(list: ModelRun[], notes: Notes, size?: number): Run[] {
  return list.map((r) =>
    r.footnote
      ? notes.reference(r.footnote, (content) => runs(content, notes))
      : { text: keepCodesTogether(r.text), bold: r.bold || undefined, italic: r.italic || undefined, underline: r.underline || undefined, size },
  );
}

/** Lines of runs joined by explicit line breaks (a trích yếu or appendix title typed on several lines). */
export function joinLines(lines: ModelRun[][]): ModelRun[] {
  return lines.flatMap((line, k) => (k ? [{ text: '\n', bold: true }, ...line] : line));
}

/** A body paragraph; `before` (pt) overrides its style's space before. */
export function bodyParagraph(p: ModelParagraph, notes: Notes, keepNext = false, before?: number): Paragraph {
  const marker: Run[] = p.marker ? [{ text: p.marker + ' ', bold: p.markerBold || undefined, italic: p.markerItalic || undefined }] : [];
  const props: ParaProps = {};
  if (keepNext || p.keepNext) props.keepNext = true;
  if (before !== undefined) props.spaceBefore = before;
  return { kind: 'paragraph', style: WORD_STYLES[p.style].id, props: Object.keys(props).length ? props : undefined, runs: [...marker, ...runs(p.runs, notes)] };
}

/** The grid column of every cell, row by row, skipping columns still covered by a merged cell from above. */
export function gridColumns(t: ModelTable): number[][] {
  const n = t.columns.length;
  // Last row (index) each column is covered to by a merged cell placed so far.
  const coveredUntil = new Array<number>(n).fill(-1);
  return t.rows.map((row, r) => {
    let col = 0;
    return row.cells.map((c) => {
      while (col < n && coveredUntil[col] >= r) col++;
      const colSpan = c.colSpan ?? 1;
      for (let k = col; k < col + colSpan && k < n; k++) coveredUntil[k] = r + (c.rowSpan ?? 1) - 1;
      const at = col;
      col += colSpan;
      return at;
    });
  });
}

/** What body blocks are built with: the page, the footnotes and the fonts (tables measure their words). */
export interface BodyContext {
  page: PageSetup;
  notes: Notes;
  fonts: FontSet;
  /** What the description had to compromise on, said to the clerk (validate, render). */
  notices: Notice[];
}

/** A numeric cell (1, 1.250, 25%, II, 1.1.) is centred unless the author aligned it. */
export const NUMERIC = /^\s*([+-]?[\d.,]+\s*%?|[IVXLC]+\.?|\d+(\.\d+)*\.?)\s*$/u;
const cellText = (c: ModelTable['rows'][number]['cells'][number]) => c.blocks.map((b) => b.runs.map((r) => r.text).join('')).join(' ');

const allBold = (c: ModelTable['rows'][number]['cells'][number]) => !!c.bold || c.blocks.every((b) => b.runs.every((r) => !r.text.trim() || r.bold));
const filled = (row: ModelTable['rows'][number]) => row.cells.filter((c) => cellText(c).trim());

/**
 * A group row heads the rows under it ("III | PHÁT TRIỂN HẠ TẦNG SỐ" across the table, or a row
 * all in bold between plain ones): like a heading, it never ends a page alone.
 */
function isGroupRow(t: ModelTable, r: number): boolean {
  const row = t.rows[r];
  const next = t.rows[r + 1];
  if (row.header || !next || next.header) return false;
  const n = t.columns.length;
  if (n >= 3 && row.cells.some((c) => (c.colSpan ?? 1) >= n - 1)) return true;
  const cells = filled(row);
  return cells.length > 0 && cells.every(allBold) && !filled(next).every(allBold);
}

/**
 * A content table on the full text width: column widths from the content (table-widths.ts), thin
 * borders, cells centred vertically, numbers centred.
 */
export function contentTable(t: ModelTable, widthMm: number, ctx: BodyContext): Table {
  const size = t.fontSize ?? ctx.page.tableSize;
  const grid = gridColumns(t);
  const pad = mmToGridPt(TABLE_CELL_PAD);
  const fit = fitColumns(t, grid, widthMm, size, ctx.fonts, TABLE_CELL_PAD);
  if (fit.tooNarrow) {
    const worst = fit.longest.reduce((a, b) => (b.mm > a.mm ? b : a));
    const head = cellText(t.rows[0].cells[0]).slice(0, 30);
    ctx.notices.push({
      code: 'table-too-narrow',
      message: `bảng bắt đầu bằng "${head}" có ${t.columns.length} cột, không đủ rộng để mỗi từ nằm trên một dòng (ví dụ "${worst.word}"); có từ sẽ bị ngắt giữa chừng.`,
      hint: 'Bớt cột, viết tắt tiêu đề cột, đặt phụ lục nằm ngang (landscape: true) hoặc giảm cỡ chữ của bảng (fontSize).',
    });
  }
  return {
    kind: 'table',
    indent: 0,
    columns: fit.widths.map(mmToGridPt),
    borders: { width: TABLE_BORDER, color: '000000' },
    pad: { left: pad, right: pad, top: TABLE_CELL_PAD_TB, bottom: TABLE_CELL_PAD_TB },
    rows: t.rows.map((row, r) => {
      const keep = row.keepNext ?? isGroupRow(t, r);
      return {
        header: row.header || undefined,
        // A row kept with the next one moves whole.
        cantSplit: keep || undefined,
        keepNext: keep || undefined,
        cells: row.cells.map(
          (c, k): Cell => ({
            col: grid[r][k],
            colSpan: c.colSpan ?? 1,
            rowSpan: c.rowSpan ?? 1,
            vAlign: 'center',
            paragraphs: c.blocks.map((p) => ({
              kind: 'paragraph',
              style: PART_STYLES.table.id,
              props: { align: c.align ?? (row.header || NUMERIC.test(cellText(c)) ? 'center' : 'left') },
              runs: runs(p.runs, ctx.notes, size),
            })),
          }),
        ),
      };
    }),
  };
}

/** Body blocks; the last paragraph may be kept with what follows, the first may carry a space before. */
export function bodyBlocks(list: ModelBlock[], widthMm: number, ctx: BodyContext, keepLast = false, firstBefore?: number): Block[] {
  return list.map((b, k): Block => {
    if (b.kind === 'paragraph') return bodyParagraph(b, ctx.notes, keepLast && k === list.length - 1, k === 0 ? firstBefore : undefined);
    if (b.kind === 'table') return contentTable(b, widthMm, ctx);
    return { kind: 'pageBreak' };
  });
}
