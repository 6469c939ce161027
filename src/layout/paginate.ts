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
    const x0 = boxX + t.spec.indent;
    const headers: MeasuredRow[] = [];
    let k = 0;
    while (k < t.rows.length && t.rows[k].header) headers.push(t.rows[k++]);
    const headersHeight = headers.reduce((a, r) => a + r.height, 0);
    // What a page holds below the repeated header rows: a block taller than this cannot move whole.
    const freshRoom = bottom - top - headersHeight;
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
      // Header cells keep their vertical centring on every page.
      for (const h of headers) {
        drawCells(t, h.cells, fullSlices(h), x0, page.y, h.height, true);
        page.y += h.height;
      }
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
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      if (first && headers.length && g.length && t.rows[g[0]].header) {
        // The header rows themselves: keep them with the first body row.
        const need = headersHeight + (groups.length > headers.length ? lead1(t, headers.length) : 0);
        if (!page.empty && page.y + need > bottom + EPS) newPage(true);
      }
      first = false;
      const rows = g.map((r) => t.rows[r]);
      const gh = rows.reduce((a, r) => a + r.height, 0);
      // A row kept with the next one (a group row and its first child) moves with it.
      const next = groups[gi + 1];
      const keep = rows[rows.length - 1].keepNext && next ? next.map((r) => t.rows[r]) : [];
      const keepH = keep.length ? (keep.length > 1 || keep[0].cantSplit ? keep.reduce((a, r) => a + r.height, 0) : lead1(t, next[0])) : 0;
      if (keepH > 0 && page.y + gh + keepH > bottom + EPS && !page.empty && !fresh && gh + keepH <= freshRoom + EPS) {
        breakPage();
        drawGroup(t, g, x0);
        continue;
      }
      if (page.y + gh <= bottom + EPS) {
        drawGroup(t, g, x0);
        continue;
      }
      // Rows tied together (merged cells, "can't split") move whole to the next page, unless they
      // are taller than a page: then they split row by row and line by line, as Word and LibreOffice do.
      if ((g.length > 1 || rows[0].cantSplit) && gh <= freshRoom + EPS) {
        if (!page.empty && !fresh) breakPage();
        drawGroup(t, g, x0);
        continue;
      }
      flowGroup(t, g, x0, breakPage);
    }
    page.empty = false;

    function drawGroup(tb: MeasuredTable, g: number[], x: number) {
      let y = page.y;
      const heights = g.map((r) => tb.rows[r].height);
      g.forEach((r, k) => {
        const row = tb.rows[r];
        // Merged cells span the heights of the rows they cover.
        drawCells(tb, row.cells, fullSlices(row), x, y, heights[k], true, (c) => heights.slice(k, k + c.rowSpan).reduce((a, b) => a + b, 0));
        y += heights[k];
      });
      page.y = y;
      page.empty = false;
    }
  }

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

  /**
   * Rows placed one by one, each split between lines where the page ends. Merged cells are drawn
   * part by part: on each page, the lines that fit in the rows it covers there.
   */
  function flowGroup(t: MeasuredTable, g: number[], x0: number, breakPage: () => void) {
    const pad = t.spec.pad;
    const open: OpenCell[] = [];
    // Draws the part of each open merged cell on this page; `only` restricts it to cells ending here.
    const flush = (final: (o: OpenCell) => boolean) => {
      for (const o of [...open]) {
        const end = final(o);
        const h = page.y - o.segTop;
        const part = end ? o.slices : takeSlices(o.slices, h - pad.top - pad.bottom);
        drawCells(t, [o.cell], [part], x0, o.segTop, h, end && !o.split);
        o.slices = rebase(o.slices.slice(part.length));
        o.split = true;
        if (end) open.splice(open.indexOf(o), 1);
      }
    };
    const pageBreak = () => {
      flush(() => false);
      breakPage();
      for (const o of open) o.segTop = page.y;
    };
    for (const r of g) {
      const row = t.rows[r];
      const singles = row.cells.filter((c) => c.rowSpan <= 1);
      // The row's own height, or more when a merged cell ending here still has lines to place.
      const need = () => Math.max(row.height, ...open.filter((o) => o.last === r).map((o) => sliceSpan(o.slices) + pad.top + pad.bottom - (page.y - o.segTop)));
      const opens = () => {
        for (const c of row.cells) if (c.rowSpan > 1) open.push({ cell: c, last: r + c.rowSpan - 1, segTop: page.y, slices: c.slices, split: false });
      };
      if (page.y + need() > bottom + EPS && row.cantSplit && need() <= freshRoomOf(t) + EPS && !page.empty && !fresh) pageBreak();
      const h = need();
      if (page.y + h <= bottom + EPS) {
        opens();
        drawCells(
          t,
          singles,
          singles.map((c) => c.slices),
          x0,
          page.y,
          h,
          true,
        );
        page.y += h;
      } else {
        opens();
        splitRow(t, row, singles, x0, pageBreak);
      }
      flush((o) => o.last === r);
    }
    // Merged cells reaching past the table's end (a rowspan larger than the rows left).
    flush(() => true);
  }

  function freshRoomOf(t: MeasuredTable): number {
    let h = 0;
    for (const r of t.rows) {
      if (!r.header) break;
      h += r.height;
    }
    return bottom - top - h;
  }

  /** One row split between lines, continuing on the next pages. */
  function splitRow(t: MeasuredTable, row: MeasuredRow, cells: MeasuredCell[], x0: number, pageBreak: () => void) {
    const pad = t.spec.pad;
    let remaining: Slice[][] = cells.map((c) => c.slices);
    let firstPart = true;
    for (let guard = 0; guard < 10_000; guard++) {
      const room = bottom - page.y - pad.top - pad.bottom;
      const parts = remaining.map((sl) => takeSlices(sl, room));
      const fitsAll = parts.every((p, c) => p.length === remaining[c].length);
      const placedAny = parts.some((p) => p.length > 0);
      if (fitsAll) {
        const h = firstPart ? Math.min(row.height, bottom - page.y) : Math.max(0, ...remaining.map(sliceSpan)) + pad.top + pad.bottom;
        drawCells(t, cells, remaining, x0, page.y, h, firstPart);
        page.y += h;
        return;
      }
      if (!placedAny) {
        if (page.empty || fresh) {
          // Not even one line fits on a fresh page: draw the first line of each cell and go on.
          const one = remaining.map((sl) => sl.slice(0, 1));
          const h = Math.max(0, ...one.map(sliceSpan)) + pad.top + pad.bottom;
          drawCells(t, cells, one, x0, page.y, h, false);
          page.y += h;
          remaining = remaining.map((sl) => rebase(sl.slice(1)));
          firstPart = false;
          pageBreak();
          continue;
        }
        pageBreak();
        continue;
      }
      const h = Math.max(0, ...parts.map(sliceSpan)) + pad.top + pad.bottom;
      drawCells(t, cells, parts, x0, page.y, h, false);
      page.y += h;
      remaining = remaining.map((sl, c) => rebase(sl.slice(parts[c].length)));
      firstPart = false;
      pageBreak();
    }
  }

  /** Draws cells of a row at `y` with their borders; `center` applies vertical centring. */
  function drawCells(
    t: MeasuredTable,
    cells: MeasuredCell[],
    slices: Slice[][],
    x0: number,
    y: number,
    height: number,
    center: boolean,
    spanHeight: (c: MeasuredCell) => number = () => height,
  ) {
    const pad = t.spec.pad;
    cells.forEach((c, k) => {
      const h = c.rowSpan > 1 ? spanHeight(c) : height;
      const content = sliceSpan(slices[k]);
      let dy = pad.top;
      if (center && c.vAlign === 'center') dy += Math.max(0, (h - pad.top - pad.bottom - content) / 2);
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
