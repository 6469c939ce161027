// PDF text items (from pdf-extract.ts) grouped into line segments, and the matching of DOCX
// paragraphs to them by text. Used to compare our PDF with the DOCX it must equal, and to
// measure LibreOffice's rendering of the DOCX.
import type { PdfContent, TextItem } from './pdf-extract.js';

/** Text without any whitespace (incl. NBSP and soft hyphens), in NFC: how renderings are compared. */
export const squash = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0\u00ad\u2007\u202f]+/gu, '')
    .replace(/\u2011/g, '-');

/** The items of one page on one baseline, in x order. */
export interface Row {
  page: number;
  /** Baseline, from the top edge (pt). */
  y: number;
  items: TextItem[];
  /** Position in reading order (page, y) among the rows of the document. */
  index: number;
}

/** A line of a paragraph: the items of one row that fall in the paragraph's column. */
export interface Segment {
  page: number;
  y: number;
  /** Left edge of the first item. */
  x: number;
  /** Right edge of the last item. */
  end: number;
  text: string;
  items: TextItem[];
  /** Index of its row. */
  row: number;
}

/**
 * Rows of a PDF: the items on the same page and baseline (within 0.05 pt), in reading order.
 * Whitespace-only items (pdf.js inserts them for gaps) are dropped.
 */
export function rows(pdf: PdfContent): Row[] {
  const out: Row[] = [];
  pdf.pages.forEach((page, p) => {
    const items = page.items.filter((i) => i.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
    const mine: Row[] = [];
    for (const it of items) {
      const row = mine.find((r) => Math.abs(r.y - it.y) < 0.05);
      if (row) row.items.push(it);
      else mine.push({ page: p, y: it.y, items: [it], index: 0 });
    }
    for (const r of mine) r.items.sort((a, b) => a.x - b.x);
    out.push(...mine);
  });
  out.forEach((r, k) => {
    r.index = k;
  });
  return out;
}

/** The items of a row inside a column, as one segment (undefined when none). */
export function segmentIn(row: Row, column: { left: number; right: number }, used?: Set<TextItem>, slack = 3): Segment | undefined {
  const items = row.items.filter((i) => !used?.has(i) && i.x >= column.left - slack && i.x + i.width <= column.right + slack);
  if (!items.length) return undefined;
  const last = items[items.length - 1];
  return { page: row.page, y: row.y, x: items[0].x, end: last.x + last.width, text: items.map((i) => i.text).join(''), items, row: row.index };
}

export interface Match {
  lines: Segment[];
  /** Index of the last line's row. */
  last: number;
}

/**
 * Finds the lines of a paragraph: in the first row at or after `from` whose unused items inside
 * [left, right] (pt, with `slack`) start the paragraph's text, then in each next row whose items
 * in that column continue it, until the whole text is covered. Marks the items used.
 */
export function findParagraph(
  all: Row[],
  used: Set<TextItem>,
  text: string,
  from: number,
  column: { left: number; right: number },
  slack = 3,
): Match | undefined {
  const want = squash(text);
  if (!want) return undefined;
  for (let k = from; k < all.length; k++) {
    const s = segmentIn(all[k], column, used, slack);
    const t = s ? squash(s.text) : '';
    if (!s || !t || !want.startsWith(t)) continue;
    const lines = [s];
    let rest = want.slice(t.length);
    let at = k;
    while (rest) {
      let next: Segment | undefined;
      for (let j = at + 1; j < all.length && !next; j++) {
        const u = segmentIn(all[j], column, used, slack);
        if (u && squash(u.text) && rest.startsWith(squash(u.text))) next = u;
      }
      if (!next) break;
      lines.push(next);
      rest = rest.slice(squash(next.text).length);
      at = next.row;
    }
    if (rest) continue;
    for (const l of lines) for (const i of l.items) used.add(i);
    return { lines, last: at };
  }
  return undefined;
}
