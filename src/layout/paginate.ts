// Pagination of one section, the way Word (and LibreOffice reading our DOCX) does it:
// space before is dropped at the top of a page reached by a natural break; widow/orphan control
// keeps at least two lines of a paragraph on each page; "keep with next" keeps a paragraph's last
// line on the page where the next block starts; rows marked cantSplit move whole; other rows split
// between lines and the table's header rows are repeated on the next page.
import {
  drawLine,
  drawSlice,
  frameLines,
  measureParagraph,
  measureTable,
  type MeasuredCell,
  type MeasuredParagraph,
  type MeasuredRow,
  type MeasuredTable,
  type Slice,
} from './measure.js';
import type { PageOut, SectionSpec } from './types.js';

type Measured = MeasuredParagraph | MeasuredTable | { kind: 'pageBreak' };

const EPS = 0.01;
const MIN_LINES = 2; // Word's widow/orphan control

interface PageState {
  out: PageOut;
  y: number;
  /** Nothing placed yet on this page. */
  empty: boolean;
  /** The page was started by text overflowing the previous one (not by a page break). */
  natural: boolean;
}

export interface SectionLayout {
  pages: PageOut[];
}

export function paginate(section: SectionSpec): SectionLayout {
  const m = section.margins;
  const boxX = m.left;
  const boxWidth = section.width - m.left - m.right;
  const top = m.top;
  const bottom = section.height - m.bottom;
  const blocks: Measured[] = section.blocks.map((b) =>
    b.kind === 'paragraph' ? measureParagraph(b, boxWidth) : b.kind === 'table' ? measureTable(b) : { kind: 'pageBreak' },
  );

  const pages: PageOut[] = [];
  let page!: PageState;
  let fresh = false; // the page holds nothing but a table's repeated header rows
  // Space after the paragraph just placed: the next one's space before only adds what exceeds it
  // (the larger of the two separates them, as LibreOffice lays out our DOCX).
  let lastAfter = 0;
  const newPage = (natural: boolean) => {
    const out: PageOut = { width: section.width, height: section.height, runs: [], rules: [] };
    pages.push(out);
    page = { out, y: top, empty: true, natural };
    fresh = false;
    lastAfter = 0;
  };
  newPage(false);

  // ---- look-ahead: the height that must follow a "keep with next" block on the same page ----
  const leadCache = new Map<number, number>();
  const lead = (i: number): number => {
    if (i >= blocks.length) return 0;
    const cached = leadCache.get(i);
    if (cached !== undefined) return cached;
    const b = blocks[i];
    let h = 0;
    if (b.kind === 'paragraph') {
      const s = b.spec;
      const n = b.lines.length;
      const all = b.lines.reduce((a, l) => a + l.height, 0) + b.borderHeight;
      const unsplittable = s.keepLines || n === 1 || (s.widowControl && n < 2 * MIN_LINES);
      if (s.keepNext) h = s.spaceBefore + all + s.spaceAfter + lead(i + 1);
      else if (unsplittable) h = s.spaceBefore + all;
      else h = s.spaceBefore + b.lines.slice(0, s.widowControl ? MIN_LINES : 1).reduce((a, l) => a + l.height, 0);
    } else if (b.kind === 'table') {
      const rows = b.rows;
      let k = 0;
      while (k < rows.length && rows[k].header) h += rows[k++].height;
      if (k < rows.length) {
        const r = rows[k];
        h += r.cantSplit ? r.height : Math.min(r.height, firstLineHeight(r) + b.spec.pad.top + b.spec.pad.bottom);
      }
    }
    leadCache.set(i, h);
    return h;
  };

  blocks.forEach((b, i) => {
    if (b.kind === 'pageBreak') {
      newPage(false);
      return;
    }
    if (b.kind === 'paragraph') placeParagraph(b, i);
    else placeTable(b);
  });

  function placeParagraph(p: MeasuredParagraph, i: number) {
    const s = p.spec;
    const n = p.lines.length;
    let from = 0; // first line not yet placed
    for (let guard = 0; from < n && guard < 10_000; guard++) {
      const sb = from === 0 && !(page.empty && page.natural) ? Math.max(0, s.spaceBefore - lastAfter) : 0;
      const avail = bottom - page.y - sb;
      // How many of the remaining lines fit here.
      let k = 0;
      let h = 0;
      while (from + k < n) {
        const lh = p.lines[from + k].height + (from + k === n - 1 ? p.borderHeight : 0);
        if (h + lh > avail + EPS) break;
        h += lh;
        k++;
      }
      const rest = n - from;
      if (k >= rest) {
        // All the rest fits; "keep with next" may still push the tail to the next page.
        const after = page.y + sb + h + s.spaceAfter;
        if (s.keepNext && !page.empty && after + lead(i + 1) > bottom + EPS && lead(i + 1) > 0) {
          // Like LibreOffice laying out our DOCX: a paragraph kept with the next one moves whole
          // to the next page (only a continuation on a page of its own gives up its tail).
          if (from === 0) {
            newPage(true);
            continue;
          }
          k = rest - 1;
        } else {
          put(p, from, rest, sb);
          page.y += s.spaceAfter;
          lastAfter = s.spaceAfter;
          return;
        }
      }
      // Splitting: widow/orphan control and "keep lines together". A paragraph kept with the
      // next one is not split either (LibreOffice moves it whole).
      if ((s.keepLines || s.keepNext) && from === 0) k = 0;
      if (s.widowControl) {
        if (rest - k < MIN_LINES) k = rest - MIN_LINES;
        if (from === 0 && k < MIN_LINES) k = 0;
      }
      if (k <= 0) {
        if (page.empty) {
          // Nothing fits even on an empty page: place what fits (at least one line).
          k = Math.max(1, Math.min(rest, fitCount(p, from, bottom - page.y - sb)));
        } else {
          newPage(true);
          continue;
        }
      }
      put(p, from, k, sb);
      from += k;
      if (from < n) newPage(true);
    }
  }

  function fitCount(p: MeasuredParagraph, from: number, avail: number): number {
    let k = 0;
    let h = 0;
    while (from + k < p.lines.length && h + p.lines[from + k].height <= avail + EPS) h += p.lines[from + k++].height;
    return k;
  }

  function put(p: MeasuredParagraph, from: number, count: number, sb: number) {
    page.y += sb;
    if (from === 0 && p.spec.frame) {
      page.y += p.frameTop;
      frameLines(p, boxX, page.y, page.out.rules);
    }
    for (let k = from; k < from + count; k++) {
      const line = p.lines[k];
      drawLine(line, boxX, page.y, page.out.runs);
      page.y += line.height;
      if (k === p.lines.length - 1 && p.spec.borderBottom) {
        const b = p.spec.borderBottom;
        const y = page.y + b.space + b.width / 2;
        const x1 = boxX + p.spec.left;
        const x2 = boxX + p.boxWidth - p.spec.right;
        if (x2 > x1) page.out.rules.push({ x1, y1: y, x2, y2: y, width: b.width });
        page.y += p.borderHeight;
      }
    }
    page.empty = false;
  }

  // ---- tables ----

  function placeTable(t: MeasuredTable) {
    const pad = t.spec.pad;
    const x0 = boxX + t.spec.indent;
    const headers: MeasuredRow[] = [];
    let k = 0;
    while (k < t.rows.length && t.rows[k].header) headers.push(t.rows[k++]);
    const headersHeight = headers.reduce((a, r) => a + r.height, 0);
    // Row groups: rows tied together by vertically merged cells.
    const groups: number[][] = [];
    for (let r = 0; r < t.rows.length; ) {
      let end = r;
      for (let j = r; j <= end; j++) for (const c of t.rows[j].cells) end = Math.max(end, Math.min(t.rows.length - 1, j + c.rowSpan - 1));
      const g: number[] = [];
      for (let j = r; j <= end; j++) g.push(j);
      groups.push(g);
      r = end + 1;
    }
    const repeatHeaders = () => {
      for (const h of headers) drawRow(t, h, x0, page.y, h.height, fullSlices(h), false);
      page.y += headersHeight;
    };
    const breakPage = () => {
      newPage(true);
      if (headers.length) {
        repeatHeaders();
        page.empty = false;
        fresh = true;
      }
    };
    let first = true;
    for (const g of groups) {
      if (first && headers.length && g.length && t.rows[g[0]].header) {
        // The header rows themselves: keep them with the first body row.
        const need = headersHeight + (groups.length > headers.length ? lead1(t, headers.length) : 0);
        if (!page.empty && page.y + need > bottom + EPS) newPage(true);
      }
      first = false;
      const rows = g.map((r) => t.rows[r]);
      const gh = rows.reduce((a, r) => a + r.height, 0);
      if (page.y + gh <= bottom + EPS) {
        drawGroup(t, g, x0);
        continue;
      }
      if (g.length > 1 || rows[0].cantSplit) {
        if (!page.empty && !fresh) breakPage();
        drawGroup(t, g, x0);
        continue;
      }
      // Split the row between lines, continuing on the next pages.
      const row = rows[0];
      let remaining: Slice[][] = row.cells.map((c) => c.slices);
      let firstPart = true;
      for (let guard = 0; guard < 1000; guard++) {
        const room = bottom - page.y - pad.top - pad.bottom;
        const parts = remaining.map((sl) => takeSlices(sl, room));
        const fitsAll = parts.every((p, c) => p.length === remaining[c].length);
        const placedAny = parts.some((p) => p.length > 0);
        if (fitsAll) {
          const h = firstPart ? row.height : Math.max(0, ...remaining.map(sliceSpan)) + pad.top + pad.bottom;
          drawRow(t, row, x0, page.y, h, remaining, firstPart);
          page.y += h;
          break;
        }
        if (!placedAny) {
          if (page.empty || fresh) {
            // Not even one line fits on a fresh page: draw what there is and move on.
            const h = Math.max(0, ...remaining.map(sliceSpan)) + pad.top + pad.bottom;
            drawRow(t, row, x0, page.y, h, remaining, false);
            page.y += h;
            break;
          }
          breakPage();
          continue;
        }
        const h = Math.max(0, ...parts.map(sliceSpan)) + pad.top + pad.bottom;
        drawRow(t, row, x0, page.y, h, parts, false);
        page.y += h;
        remaining = remaining.map((sl, c) => rebase(sl.slice(parts[c].length)));
        firstPart = false;
        breakPage();
      }
    }
    page.empty = false;

    function drawGroup(tb: MeasuredTable, g: number[], x: number) {
      let y = page.y;
      const heights = g.map((r) => tb.rows[r].height);
      g.forEach((r, k) => {
        const row = tb.rows[r];
        // Merged cells span the heights of the rows they cover.
        drawRow(tb, row, x, y, heights[k], fullSlices(row), true, (c) => heights.slice(k, k + c.rowSpan).reduce((a, b) => a + b, 0));
        y += heights[k];
      });
      page.y = y;
      page.empty = false;
    }
  }

  function drawRow(
    t: MeasuredTable,
    row: MeasuredRow,
    x0: number,
    y: number,
    height: number,
    slices: Slice[][],
    whole: boolean,
    spanHeight: (c: MeasuredCell) => number = () => height,
  ) {
    const pad = t.spec.pad;
    row.cells.forEach((c, k) => {
      const h = c.rowSpan > 1 ? spanHeight(c) : height;
      const content = sliceSpan(slices[k]);
      let dy = pad.top;
      if (whole && c.vAlign === 'center') dy += Math.max(0, (h - pad.top - pad.bottom - content) / 2);
      for (const s of slices[k]) drawSlice(s, x0 + c.x + pad.left, y + dy + s.top, page.out.runs, page.out.rules);
      if (t.spec.border > 0) {
        const w = t.spec.border;
        const xa = x0 + c.x;
        const xb = xa + c.width;
        page.out.rules.push(
          { x1: xa, y1: y, x2: xb, y2: y, width: w },
          { x1: xa, y1: y + h, x2: xb, y2: y + h, width: w },
          { x1: xa, y1: y, x2: xa, y2: y + h, width: w },
          { x1: xb, y1: y, x2: xb, y2: y + h, width: w },
        );
      }
    });
    page.empty = false;
    fresh = false;
    lastAfter = 0;
  }

  // ---- page numbers ----
  if (section.pageNumber) {
    pages.forEach((out, k) => {
      if (k === 0) return;
      const p = measureParagraph(section.pageNumber!(k + 1), boxWidth);
      let y = section.headerDistance + p.spec.spaceBefore;
      for (const line of p.lines) {
        drawLine(line, boxX, y, out.runs);
        y += line.height;
      }
    });
  }
  return { pages };
}

function firstLineHeight(r: MeasuredRow): number {
  return Math.max(0, ...r.cells.map((c) => (c.slices.length ? c.slices[0].top + c.slices[0].height : 0)));
}

function lead1(t: MeasuredTable, k: number): number {
  const r = t.rows[k];
  return r.cantSplit ? r.height : Math.min(r.height, firstLineHeight(r) + t.spec.pad.top + t.spec.pad.bottom);
}

function fullSlices(row: MeasuredRow): Slice[][] {
  return row.cells.map((c) => c.slices);
}

function sliceSpan(sl: Slice[]): number {
  if (!sl.length) return 0;
  const last = sl[sl.length - 1];
  return last.top + last.height;
}

/** The leading slices whose bottom is within `room`. */
function takeSlices(sl: Slice[], room: number): Slice[] {
  let k = 0;
  while (k < sl.length && sl[k].top + sl[k].height <= room + EPS) k++;
  return sl.slice(0, k);
}

/** Moves the remaining slices of a split cell up to the top of the next part. */
function rebase(sl: Slice[]): Slice[] {
  if (!sl.length) return sl;
  const d = sl[0].top;
  return sl.map((s) => ({ ...s, top: s.top - d }));
}
