// Tables flattened into text. Two shapes: "| a | b |" rows (one row a line, <br> inside cells),
// and web conversions that put every cell on its own lines between lone "|" lines, where a row
// boundary ("|" "|") looks exactly like an empty cell. For the latter the rows are found from the
// numbers in their first cell (1, 2, II, 3.1 …), and the table is marked as guessed.
import type { SCell, SPara, SRow, STable } from '../source.js';
import { type Line, type Mode, paragraphsOf } from './text.js';

const BAR = /^\s*\|\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
/** The first cell of a numbered row: 1, 1., 3.1, II, A. */
const ANCHOR = /^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.?|[A-ZĐ]\.?)$/;
/** A line that cannot be inside a cell: the next part of the document has begun. */
const PART = /^(?:KẾ HOẠCH|(?:PHỤ LỤC|Phụ lục)(?:\s+[IVX\d]+)?|(?:MẪU BIỂU|Mẫu biểu) số.*|[IVX]+\.\s+\p{Lu}{2,}.*)$/u;
const stars = (s: string) => s.replace(/[*#]/g, '').trim();

interface Segment {
  lines: Line[];
}

const plain = (s: Segment) =>
  s.lines
    .map((l) => l.text)
    .join(' ')
    .replace(/[*\s]+/g, ' ')
    .trim();

const plainCell = (c: SCell) =>
  c.blocks
    .map((p) => (p.kind === 'p' ? p.runs.map((r) => r.text).join('') : ''))
    .join(' ')
    .trim();

function cellOf(lines: Line[], mode: Mode = 'cell'): SCell {
  return { blocks: lines.length ? paragraphsOf(lines, mode) : [], colSpan: 1, rowSpan: 1 };
}

/** Cells between lone "|" lines, from the bar at `start`; returns where the text goes on. */
export function readBarTable(lines: Line[], start: number): { table: STable; next: number } {
  const segs: Segment[] = [];
  let i = start;
  for (;;) {
    const chunk: Line[] = [];
    let j = i + 1;
    while (j < lines.length && !BAR.test(lines[j].text) && lines[j].text.trim()) chunk.push(lines[j++]);
    const closed = j < lines.length && BAR.test(lines[j].text);
    // A blank line, the end of the text, or a part of the document after the last bar ends the table.
    if (!closed || chunk.some((l) => PART.test(stars(l.text))) || chunk.length > 60) break;
    segs.push({ lines: chunk.filter((l) => l.text.trim() && !/^\s*(?:[-_=]\s*){3,}$/.test(l.text)) });
    i = j;
  }
  return { table: { kind: 'table', rows: rowsOf(segs), guessed: true, loc: { line: lines[start].n } }, next: i + 1 };
}

/** A cell that can open a row: its number (1, 1.1, II, A, a) or a list mark. */
const ROW_START = /^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.?|[A-Za-zĐđ][.)]?|[-+•])$/u;

/**
 * Splits the flat list of cells into rows. The table's width is its header's or the usual distance
 * between numbered rows; a row is that many cells and an empty boundary, or, for a shorter row (a
 * group row, cells merged from above), ends at the last empty cell before a cell that opens a row.
 */
function rowsOf(segs: Segment[]): SRow[] {
  const empty = (k: number) => !plain(segs[k]);
  const anchors: number[] = [];
  // Numbered rows start at a first number (1, I, A); a header's "X | Y" is not a row number.
  const first = segs.findIndex((s, k) => /^(?:1|I|A)\.?$/u.test(plain(s)) && k > 0 && empty(k - 1));
  segs.forEach((s, k) => {
    if (first >= 0 && k >= first && ANCHOR.test(plain(s)) && empty(k - 1)) anchors.push(k);
  });
  const gaps = anchors.slice(1).map((a, k) => a - anchors[k]);
  const headerWidth = segs.findIndex((_, k) => empty(k));
  const width = Math.max(mode(gaps) - 1, anchors.length ? Math.min(headerWidth, anchors[0] - 1) : 0);
  if (anchors.length < 2 || width < 2) return splitAtEmpty(segs, 0, segs.length);
  const rows: SRow[] = splitAtEmpty(segs, 0, anchors[0] - 1);
  const headCount = rows.length;
  for (let i = anchors[0]; i < segs.length; ) {
    let end = Math.min(segs.length, i + width);
    let next = end + 1;
    if (end < segs.length && !empty(end)) {
      let b = end - 1;
      while (b > i && !(empty(b) && ROW_START.test(plain(segs[b + 1])))) b--;
      if (b > i) [end, next] = [b, b + 1];
      // No boundary before: a row one or two cells longer (a merged cell that starts in it).
      else {
        let e = end;
        while (e < Math.min(segs.length, end + 2) && !empty(e)) e++;
        [end, next] = e < segs.length && empty(e) ? [e, e + 1] : [end, end];
      }
    }
    rows.push({ cells: segs.slice(i, end).map((s) => cellOf(s.lines)) });
    i = next;
  }
  return fillRows(rows, Math.max(width, ...rows.map((r) => r.cells.length)), headCount);
}

function mode(xs: number[]): number {
  const count = new Map<number, number>();
  for (const x of xs) count.set(x, (count.get(x) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [x, c] of count) if (c > n || (c === n && x > best)) [best, n] = [x, c];
  return best;
}

/** Rows separated by empty cells (header rows, layout tables): each maximal run of filled cells. */
function splitAtEmpty(segs: Segment[], from: number, to: number): SRow[] {
  const rows: SRow[] = [];
  let cur: SCell[] = [];
  for (let k = from; k < to; k++) {
    if (plain(segs[k])) cur.push(cellOf(segs[k].lines));
    else if (cur.length) {
      rows.push({ cells: cur });
      cur = [];
    }
  }
  if (cur.length) rows.push({ cells: cur });
  return rows;
}

/**
 * Rows narrower than the table: a group row ("II | NHÓM …") spans its last cell to the end; a
 * two-row header is read as its first cells spanning both rows and its last one spanning the
 * columns the second row names.
 */
function fillRows(rows: SRow[], width: number, headCount: number): SRow[] {
  const head = rows.slice(0, headCount);
  if (head.length === 2 && head[0].cells.length + head[1].cells.length > width) {
    const [a, b] = head;
    const k = width - b.cells.length;
    if (k >= 0 && k < a.cells.length) {
      a.cells.forEach((c, i) => {
        if (i < k) c.rowSpan = 2;
      });
      const m = a.cells.length - k;
      a.cells.slice(k).forEach((c, i) => {
        c.colSpan = Math.floor(b.cells.length / m) + (i < b.cells.length % m ? 1 : 0);
      });
    }
  }
  for (const [k, r] of rows.entries()) {
    if (head.length === 2 && k < 2) continue;
    const used = r.cells.reduce((s, c) => s + c.colSpan, 0);
    if (used < width && r.cells.length) r.cells[r.cells.length - 1].colSpan += width - used;
  }
  for (const r of head) r.header = true;
  // One header row: in bold, or opening with the "TT" column.
  const first = rows[0];
  const bold = (c: SCell) => c.blocks.every((p) => p.kind === 'p' && p.runs.every((r) => r.bold || !r.text.trim()));
  if (!head.length && first && rows.length > 1 && (first.cells.every(bold) || /^(S?TT|Số TT)$/iu.test(plainCell(first.cells[0])))) first.header = true;
  return rows;
}

/** "| a | b |" rows, one a line; a "|---|" line marks the rows above it as the header. */
export function readPipeTable(lines: Line[], start: number): { table: STable; next: number } {
  const rows: SRow[] = [];
  let i = start;
  for (; i < lines.length && PIPE_ROW.test(lines[i].text); i++) {
    const l = lines[i];
    if (SEPARATOR.test(l.text)) {
      for (const r of rows) r.header = true;
      continue;
    }
    const cells = splitPipes(l.text).map((c) => {
      const paras: Line[] = c.split(/<br\s*\/?>/i).map((t) => ({ text: t.trim(), n: l.n }));
      return cellOf(
        paras.filter((p) => p.text),
        'lines',
      );
    });
    rows.push({ cells });
  }
  const width = Math.max(...rows.map((r) => r.cells.length));
  for (const r of rows) while (r.cells.length < width) r.cells.push(cellOf([]));
  return { table: { kind: 'table', rows, loc: { line: lines[start].n } }, next: i };
}

function splitPipes(line: string): string[] {
  const t = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  for (let k = 0; k < t.length; k++) {
    if (t[k] === '\\' && t[k + 1] === '|') {
      cur += '|';
      k++;
    } else if (t[k] === '|') {
      out.push(cur);
      cur = '';
    } else cur += t[k];
  }
  out.push(cur);
  return out;
}

export type { SPara };
