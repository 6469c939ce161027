// Placing a paragraph on the pages, as Word (and LibreOffice reading our DOCX) does: space before
// is dropped at the top of a page reached by a natural break; widow/orphan control keeps at least
// two lines on each page; "keep with next" moves the paragraph to the page where the next block
// starts; "keep lines together" never splits it.
import { drawLine, frameLines, type MeasuredParagraph } from './measure.js';
import { EPS, MIN_LINES, type Paginator } from './paginator.js';

/** Places `p`; `follow` is the height that must come after it on the same page when kept with the next block. */
export function placeParagraph(pg: Paginator, p: MeasuredParagraph, follow: number): void {
  const s = p.spec;
  const n = p.lines.length;
  let from = 0; // first line not yet placed
  for (let guard = 0; from < n && guard < 10_000; guard++) {
    const sb = from === 0 && !(pg.empty && pg.natural) ? Math.max(0, s.spaceBefore - pg.lastAfter) : 0;
    const rest = n - from;
    let k = fitCount(pg, p, from, pg.limit - pg.y - sb, true);
    if (k >= rest) {
      // All the rest fits; "keep with next" may still push the tail to the next page.
      const after = pg.y + sb + linesHeight(p, from, rest) + s.spaceAfter;
      if (!(s.keepNext && !pg.empty && after + follow > pg.limit + EPS && follow > 0)) {
        put(pg, p, from, rest, sb);
        pg.y += s.spaceAfter;
        pg.lastAfter = s.spaceAfter;
        return;
      }
      // Like LibreOffice laying out our DOCX: a paragraph kept with the next one moves whole
      // to the next page (only a continuation on a page of its own gives up its tail).
      if (from === 0) {
        pg.newPage(true);
        continue;
      }
      k = rest - 1;
    }
    k = splitCount(pg, p, from, k, sb);
    if (k === 0) {
      pg.newPage(true);
      continue;
    }
    put(pg, p, from, k, sb);
    from += k;
    if (from < n) pg.newPage(true);
  }
}

/**
 * How many of the `fit` lines that fit here to place when the paragraph splits: widow/orphan
 * control and "keep lines together" may take some back (0 = move on to the next page). A paragraph
 * kept with the next one is not split either (LibreOffice moves it whole).
 */
function splitCount(pg: Paginator, p: MeasuredParagraph, from: number, fit: number, sb: number): number {
  const s = p.spec;
  const rest = p.lines.length - from;
  let k = fit;
  if ((s.keepLines || s.keepNext) && from === 0) k = 0;
  if (s.widowControl) {
    if (rest - k < MIN_LINES) k = rest - MIN_LINES;
    if (from === 0 && k < MIN_LINES) k = 0;
  }
  if (k > 0) return k;
  // Nothing fits even on an empty page: place what fits (at least one line).
  return pg.empty ? Math.max(1, Math.min(rest, fitCount(pg, p, from, pg.limit - pg.y - sb, false))) : 0;
}

/**
 * How many lines from `from` fit in `avail`, each with the footnotes it references (a note goes on
 * the page of its reference); with `border`, the last line carries the bottom border.
 */
function fitCount(pg: Paginator, p: MeasuredParagraph, from: number, avail: number, border: boolean): number {
  let k = 0;
  let h = 0;
  const pending = new Set<number>();
  while (from + k < p.lines.length) {
    const line = p.lines[from + k];
    const lh = line.height + (border && from + k === p.lines.length - 1 ? p.borderHeight : 0);
    const notes = pg.notesExtra(line.notes, pending);
    if (h + lh + notes > avail + EPS) break;
    h += lh + notes;
    for (const id of line.notes ?? []) pending.add(id);
    k++;
  }
  return k;
}

function linesHeight(p: MeasuredParagraph, from: number, count: number): number {
  let h = 0;
  for (let k = from; k < from + count; k++) h += p.lines[k].height + (k === p.lines.length - 1 ? p.borderHeight : 0);
  return h;
}

/** Draws lines `from`…`from + count - 1` at the current position, with the frame and bottom border. */
function put(pg: Paginator, p: MeasuredParagraph, from: number, count: number, sb: number): void {
  pg.y += sb;
  if (from === 0 && p.spec.frame) {
    pg.y += p.frameTop;
    frameLines(p, pg.boxX, pg.y, pg.out.rules);
  }
  for (let k = from; k < from + count; k++) {
    const line = p.lines[k];
    drawLine(line, pg.boxX, pg.y, pg.out.runs);
    pg.addNotes(line.notes);
    pg.y += line.height;
    if (k === p.lines.length - 1 && p.spec.borderBottom) {
      const b = p.spec.borderBottom;
      const y = pg.y + b.space + b.width / 2;
      const x1 = pg.boxX + p.spec.left;
      const x2 = pg.boxX + p.boxWidth - p.spec.right;
      if (x2 > x1) pg.out.rules.push({ x1, y1: y, x2, y2: y, width: b.width });
      pg.y += p.borderHeight;
    }
  }
  pg.empty = false;
}
