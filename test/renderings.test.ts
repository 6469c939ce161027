// The two renderings of every example must be the same document: the DOCX, read with our own
// independent OOXML reader (test/helpers/ooxml.ts, formatting resolved like Word), against our
// PDF, read back with pdf.js. Nothing here comes from the writers' constants or our own font
// measuring: positions are derived from the DOCX's numbers (page size, margins, table grid,
// indents, spacing, sizes) and the font files' metrics read with fontkit.
//
// What is compared, for every example and every extra case of test/helpers/cases.ts:
//   - page size of every page against its section's w:pgSz; the first line of each page sits
//     at the top margin, no text crosses the bottom margin;
//   - every DOCX paragraph with text (body, header band, content tables, closing table) is found
//     in the PDF, in order, as consecutive lines of its column (text compared without whitespace);
//   - x of each line: left/justify → box left (+ first-line indent / − hanging on line 1); centre
//     → centre of the box (first line: after its indent); right → box right; a justified line
//     that is not the paragraph's last (nor ends with a line break) reaches the box right. The box
//     is the section's text area (or the cell: tblInd + gridCol widths + cell margins) minus the
//     paragraph's left/right indents;
//   - size of every text item = the resolved size of the run(s) it shows; bold/italic of its font
//     (PostScript name) = the run's resolved bold/italic;
//   - line pitch inside a paragraph = line height; the baseline distance between consecutive
//     paragraphs of one flow (body or one cell) on one page = descent + bottom border + the space
//     (+ the next paragraph's top border, e.g. the độ khẩn frame)
//     between them + empty paragraphs in between + the next line's ascent part. The space between
//     two paragraphs is max(space after, space before): that is what LibreOffice and our engine
//     do, and Word (which adds them) agrees because the writers never set both (asserted here);
//   - line height = (OS/2 winAscent + winDescent + hhea lineGap) / unitsPerEm × size × (w:line /
//     240) for "auto" line spacing. Measured: Tinos has winAscent 1825, winDescent 443, lineGap 87
//     (upm 2048), so single spacing is 1.1499 × size: the lineGap counts (16.10 pt at 14 pt, in
//     our PDF and in LibreOffice's rendering alike); the baseline sits winDescent above the bottom;
//   - tables with borders: the x of the PDF's vertical border lines = tblInd + cumulated gridCol;
//   - rules: every empty paragraph with a bottom border is a PDF line from its box's left to right
//     edge (after indents), just under the text before it;
//   - page numbers: on each page but the first of a section, the number (counted from the
//     section's w:pgNumType start) in the top margin, centred like the header paragraph, at the
//     header distance + ascent part, in the header run's size.
import { beforeAll, describe, expect, it } from 'vitest';
import { DESCENT_EM, LINE_EM } from './helpers/font-metrics.js';
import { type BodyItem, type Cell, type DocxPackage, openDocx, type Para, type RunProps, type Section, type Tbl } from './helpers/ooxml.js';
import { readPdf, type PdfContent, type TextItem } from './helpers/pdf-extract.js';
import { findParagraph, type Row, rows, type Segment, squash } from './helpers/pdf-lines.js';
import { EXTRA_CASES } from './helpers/cases.js';
import { exampleFiles, exampleName, ROOT, renderByName } from './helpers/render.js';

const TOL = 0.25; // pt: our PDF stores lengths in whole twips (0.05 pt) like the DOCX

// ------------------------------------------------------------------ line model

/** Line height (pt) of a line whose largest text is `size` pt, under a paragraph's line spacing. */
function lineHeight(p: Para, size: number): number {
  const rule = p.props.lineRule ?? 'auto';
  const natural = LINE_EM * size;
  if (rule === 'exact') return (p.props.line ?? 240) / 20;
  if (rule === 'atLeast') return Math.max((p.props.line ?? 0) / 20, natural);
  return natural * ((p.props.line ?? 240) / 240);
}
/** Baseline offset from the top of a line. */
const ascentPart = (p: Para, size: number) => lineHeight(p, size) - DESCENT_EM * size;
const descentPart = (size: number) => DESCENT_EM * size;
/** Height of a paragraph's bottom border (space + width), pt. */
/** Height of a paragraph's top border (space + width), pt: it sits above the first line. */
const borderAbove = (p: Para) => {
  const b = p.props.borders.top;
  return b && b.val !== 'none' && b.val !== 'nil' ? (b.space ?? 0) + (b.sz ?? 0) / 8 : 0;
};
const borderBelow = (p: Para) => {
  const b = p.props.borders.bottom;
  return b && b.val !== 'none' && b.val !== 'nil' ? (b.space ?? 0) + (b.sz ?? 0) / 8 : 0;
};

// ------------------------------------------------------------------ the DOCX as positioned paragraphs

interface Placed {
  para: Para;
  section: Section;
  /** Text box (pt, from the page's left edge) before the paragraph's own indents. */
  left: number;
  right: number;
  /** Paragraphs of one flow (the body, or one cell) share it. */
  flow: string;
  /** What the paragraph is, for messages. */
  where: string;
  /** Top-level body item index and, in a table, the row (matching cursors). */
  item: number;
  row?: number;
  table?: Tbl;
  cell?: Cell;
}

const pt = (twips: number) => twips / 20;

/** Column edges (pt) of a table placed in a section. */
function columnEdges(t: Tbl, s: Section): number[] {
  const xs = [pt(s.margins.left + t.indent)];
  for (const w of t.grid) xs.push(xs[xs.length - 1] + pt(w));
  return xs;
}

function place(d: DocxPackage): Placed[] {
  const out: Placed[] = [];
  d.body.forEach((b: BodyItem, item) => {
    const s = d.sectionOf(item);
    const left = pt(s.margins.left);
    const right = pt(s.pageWidth - s.margins.right);
    if (b.kind === 'p') {
      out.push({ para: b.p, section: s, left, right, flow: 'body', where: `body item ${item + 1}`, item });
      return;
    }
    const t = b.t;
    const xs = columnEdges(t, s);
    t.rows.forEach((row, r) => {
      for (const c of row.cells) {
        if (c.items.some((i) => i.kind === 'tbl')) throw new Error('nested tables are not modelled here');
        for (const p of c.paras)
          out.push({
            para: p,
            section: s,
            left: xs[c.col] + pt(c.marginLeft),
            right: xs[c.col + c.gridSpan] - pt(c.marginRight),
            flow: `table ${item + 1} row ${r + 1} column ${c.col + 1}`,
            where: `table ${item + 1}, row ${r + 1}, column ${c.col + 1}`,
            item,
            row: r,
            table: t,
            cell: c,
          });
      }
    });
  });
  return out;
}

// ------------------------------------------------------------------ matching

interface Found extends Placed {
  lines: Segment[];
}

/**
 * Finds every paragraph with text in the PDF. Body paragraphs follow each other; the cells of a
 * table row all start after the previous row; paragraphs of one cell follow each other.
 */
function matchAll(placed: Placed[], segs: Row[]): { found: Found[]; missing: Placed[]; used: Set<TextItem> } {
  const used = new Set<TextItem>();
  const found: Found[] = [];
  const missing: Placed[] = [];
  let cursor = 0; // reading-order index where the next body item may start
  let rowStart = 0;
  let rowMax = 0;
  let lastKey = '';
  const cellCursor = new Map<string, number>();
  for (const p of placed) {
    let from = cursor;
    if (p.table) {
      const key = `${p.item}/${p.row}`;
      if (key !== lastKey) {
        // A new row starts after everything the previous rows used.
        if (lastKey.startsWith(`${p.item}/`)) rowStart = rowMax;
        else rowStart = cursor;
        lastKey = key;
      }
      from = cellCursor.get(p.flow) ?? rowStart;
    } else if (lastKey) {
      cursor = Math.max(cursor, rowMax);
      from = cursor;
      lastKey = '';
    }
    if (!squash(p.para.text)) continue;
    const box = { left: p.left + pt(p.para.props.indLeft ?? 0) - pt(p.para.props.hanging ?? 0), right: p.right - pt(p.para.props.indRight ?? 0) };
    const m = findParagraph(segs, used, p.para.text, from, box);
    if (!m) {
      missing.push(p);
      continue;
    }
    found.push({ ...p, lines: m.lines });
    if (p.table) {
      cellCursor.set(p.flow, m.last + 1);
      // A cell merged down (vMerge restart) is centred over several rows: it does not bound the next row.
      if (!p.cell?.vMerge) rowMax = Math.max(rowMax, m.last + 1);
    } else cursor = m.last + 1;
  }
  return { found, missing, used };
}

// ------------------------------------------------------------------ footnotes

/**
 * Footnotes are not body paragraphs: their reference marks are superscript numbers in the text
 * (smaller than 0.7 of the line), their text stands below a short rule at the foot of the page.
 * The notes' text, page after page, must be footnotes.xml's, in order; their items are claimed.
 */
function claimFootnotes(doc: DocxPackage, pdf: PdfContent, body: Row[], used: Set<TextItem>): void {
  const notes = doc.footnotes();
  if (!notes.length) return;
  const text: string[] = [];
  // A mark sits above its line's baseline (a row of its own): smaller than any text size we set (11 pt).
  for (const row of body) for (const i of row.items) if (!used.has(i) && /^\d+$/.test(i.text.trim()) && i.size < 9) used.add(i);
  pdf.pages.forEach((page, p) => {
    const width = page.width;
    const rule = page.lines.filter((l) => Math.abs(l.y1 - l.y2) < 0.01 && Math.abs(l.x2 - l.x1 - 0.25 * (width - 85 - 42.5)) < 20 && l.y1 > page.height / 2);
    if (!rule.length) return;
    const top = Math.max(...rule.map((l) => l.y1));
    for (const row of body.filter((r) => r.page === p && r.y > top))
      for (const i of row.items) {
        used.add(i);
        text.push(i.text);
      }
  });
  const want = notes.map((n) => `${n.id}${n.paras.map((q) => q.text).join('')}`).join('');
  expect(squash(text.join('')), 'footnotes at the foot of the pages = footnotes.xml').toBe(squash(want));
}

// ------------------------------------------------------------------ per-example context

interface Ctx {
  name: string;
  doc: DocxPackage;
  pdf: PdfContent;
  body: Row[];
  headerRows: Row[];
  used: Set<TextItem>;
  placed: Placed[];
  found: Found[];
  missing: Placed[];
  /** Section of each PDF page and the page's index within it. */
  pageSection: { section: Section; index: number }[];
}

async function context(name: string): Promise<Ctx> {
  const r = await renderByName(name);
  const doc = openDocx(r.docx);
  const pdf = await readPdf(r.pdf);
  const all = rows(pdf);
  // Page headers live above the top margin; the body never goes there.
  const top = Math.min(...doc.sections.map((s) => pt(s.margins.top)));
  const headerRows = all.filter((s) => s.y < top);
  const body = all.filter((s) => s.y >= top);
  body.forEach((s, k) => {
    s.index = k;
  });
  const placed = place(doc);
  const { found, missing, used } = matchAll(placed, body);
  claimFootnotes(doc, pdf, body, used);
  // A section starts on the page where its first paragraph is found.
  const starts = doc.sections.map((s) => Math.min(...found.filter((f) => f.section === s).map((f) => f.lines[0].page)));
  const pageSection = pdf.pages.map((_, p) => {
    let k = 0;
    for (let j = 0; j < starts.length; j++) if (starts[j] <= p) k = j;
    return { section: doc.sections[k], index: p - starts[k] };
  });
  return { name: r.name, doc, pdf, body, headerRows, used, placed, found, missing, pageSection };
}

// ------------------------------------------------------------------ run properties per character

/** The resolved run properties of each non-whitespace character of a paragraph. */
function charProps(p: Para): RunProps[] {
  const out: RunProps[] = [];
  for (const r of p.runs) for (const _ of squash(r.text)) out.push(r.props);
  return out;
}

const fontBold = (font: string) => /Bold|Black|Heavy/i.test(font);
const fontItalic = (font: string) => /Italic|Oblique/i.test(font);

/** Largest text size on a line. */
const lineSize = (l: Segment) => Math.max(...l.items.map((i) => i.size));

/** Squashed-text offsets where the paragraph's manual line breaks fall. */
function breakOffsets(p: Para): Set<number> {
  const out = new Set<number>();
  let at = 0;
  const parts = p.text.split(/[\n\f]/);
  parts.forEach((part, k) => {
    at += squash(part).length;
    if (k < parts.length - 1) out.add(at);
  });
  return out;
}

// ------------------------------------------------------------------ tests

const files = exampleFiles();
// Every example, and the extra cases of the DOCX rule tests (drafts, long names, marks, merged
// cells, an appendix, other layout options…).
const docs = [...files.map((f) => [f.slice(ROOT.length + 1), exampleName(f)] as const), ...EXTRA_CASES.map((x) => [x.title, x.slug] as const)];

it('there are examples to compare', () => {
  expect(files.length).toBeGreaterThanOrEqual(7);
});

/** Left-aligned lines that are not a paragraph's last, and those of them that end flush right. */
const ragged = { lines: 0, flush: 0 };

describe.each(docs)('%s: DOCX ≡ our PDF', (_label, name) => {
  let c: Ctx;
  beforeAll(async () => {
    c = await context(name);
  });

  it('page size of every page = its section; the first line of a page at the top margin; nothing below the bottom margin', () => {
    expect(c.pdf.pages.length).toBeGreaterThan(0);
    c.pdf.pages.forEach((page, p) => {
      const s = c.pageSection[p].section;
      expect(Math.abs(page.width - pt(s.pageWidth)), `page ${p + 1} width`).toBeLessThanOrEqual(0.05);
      expect(Math.abs(page.height - pt(s.pageHeight)), `page ${p + 1} height`).toBeLessThanOrEqual(0.05);
      const lines = c.body.filter((l) => l.page === p);
      expect(lines.length, `page ${p + 1} has text`).toBeGreaterThan(0);
      // Space before is not applied at the top of a page (our engine and LibreOffice alike).
      const firstRow = lines[0].index;
      const owners = c.found.filter((f) => f.lines[0].row === firstRow || (f.lines.some((l) => l.row === firstRow) && f.lines[0].page !== p));
      if (!owners.length) {
        // A table header row repeated at the top of the page (vertically centred cells).
        const headers = c.found.filter((f) => f.table?.rows[f.row!].header).map((f) => squash(f.para.text));
        const row = lines[0];
        expect(
          row.items.every((i) => headers.some((h) => h.includes(squash(i.text)))),
          `page ${p + 1}: its first line "${row.items.map((i) => i.text).join(' ')}" is a DOCX paragraph or a repeated header row`,
        ).toBe(true);
        expect(row.y, `page ${p + 1}: repeated header row below the top margin`).toBeGreaterThanOrEqual(
          pt(s.margins.top) + LINE_EM * row.items[0].size - DESCENT_EM * row.items[0].size - TOL,
        );
      }
      for (const owner of owners) {
        const line = owner.lines.find((l) => l.row === firstRow)!;
        const size = lineSize(line);
        const cellTop = owner.cell && owner.cell.paras[0] === owner.para && line === owner.lines[0] ? pt(owner.cell.marginTop) : 0;
        // Empty paragraphs before the first text of the document take their own height.
        const lead =
          p === 0 && !owner.table && owner.item === 0
            ? 0
            : p === 0
              ? c.doc.body
                  .slice(0, owner.item)
                  .filter((b): b is Extract<BodyItem, { kind: 'p' }> => b.kind === 'p' && !squash(b.p.text))
                  .reduce((h, b) => h + lineHeight(b.p, b.p.markProps.size ?? 10), 0)
              : 0;
        const want = pt(s.margins.top) + lead + cellTop + ascentPart(owner.para, size);
        // A cell whose content is vertically centred starts lower than the row's top.
        if (owner.cell?.vAlign === 'center') expect(line.y, `page ${p + 1}: first line below the top margin`).toBeGreaterThanOrEqual(want - TOL);
        else
          expect(Math.abs(line.y - want), `page ${p + 1}: first baseline ${line.y.toFixed(2)} = top margin + ascent ${want.toFixed(2)}`).toBeLessThanOrEqual(
            TOL,
          );
      }
      for (const l of lines)
        expect(
          l.y + descentPart(Math.max(...l.items.map((i) => i.size))),
          `page ${p + 1}: "${l.items[0].text.slice(0, 30)}" above the bottom margin`,
        ).toBeLessThanOrEqual(pt(s.pageHeight - s.margins.bottom) + TOL);
    });
  });

  it('every paragraph with text is found, in order, in its column', () => {
    const withText = c.placed.filter((p) => squash(p.para.text));
    expect(withText.length).toBeGreaterThan(10);
    expect(
      c.missing.map((m) => `${m.where}: "${m.para.text.slice(0, 50)}"`),
      'DOCX paragraphs not found in the PDF',
    ).toEqual([]);
    expect(c.found.length).toBe(withText.length);
    // Every PDF text item is accounted for, but for table header rows repeated on later pages.
    const headerTexts = c.found.filter((f) => f.table?.rows[f.row!].header).map((f) => squash(f.para.text));
    const stray = c.body.flatMap((r) => r.items.filter((i) => !c.used.has(i) && !headerTexts.some((h) => h.includes(squash(i.text)))).map((i) => ({ r, i })));
    expect(
      stray.map(({ r, i }) => `p${r.page + 1} y ${r.y.toFixed(1)}: ${i.text}`),
      'PDF text that is no DOCX paragraph',
    ).toEqual([]);
  });

  it('x of every line from margins, table grid, cell margins, indents and alignment', () => {
    let lines = 0;
    for (const f of c.found) {
      const pp = f.para.props;
      const left = f.left + pt(pp.indLeft ?? 0);
      const right = f.right - pt(pp.indRight ?? 0);
      const firstOffset = pt(pp.firstLine ?? 0) - pt(pp.hanging ?? 0);
      const align = pp.align ?? 'left';
      const breaks = breakOffsets(f.para);
      let at = 0;
      f.lines.forEach((l, k) => {
        at += squash(l.text).length;
        const start = left + (k === 0 ? firstOffset : 0);
        const what = `${f.where} "${f.para.text.slice(0, 30)}" line ${k + 1} (${align})`;
        lines++;
        if (align === 'center') expect(Math.abs((l.x + l.end) / 2 - (start + right) / 2), `${what}: centred`).toBeLessThanOrEqual(TOL);
        else if (align === 'right') expect(Math.abs(l.end - right), `${what}: right edge`).toBeLessThanOrEqual(TOL);
        else {
          expect(Math.abs(l.x - start), `${what}: starts at ${start.toFixed(2)}, found ${l.x.toFixed(2)}`).toBeLessThanOrEqual(TOL);
          const last = k === f.lines.length - 1 || breaks.has(at);
          if (align === 'justify' && !last)
            expect(Math.abs(l.end - right), `${what}: justified to ${right.toFixed(2)}, ends ${l.end.toFixed(2)}`).toBeLessThanOrEqual(TOL);
          else expect(l.end, `${what}: inside the box`).toBeLessThanOrEqual(right + TOL);
          if (align === 'left' && !last) {
            ragged.lines++;
            if (Math.abs(l.end - right) <= TOL) ragged.flush++;
          }
        }
      });
    }
    expect(lines).toBeGreaterThan(10);
  });

  it('size, bold and italic of every text item from its runs', () => {
    let items = 0;
    for (const f of c.found) {
      const props = charProps(f.para);
      let at = 0;
      for (const l of f.lines)
        for (const it of l.items) {
          const n = squash(it.text).length;
          const span = props.slice(at, at + n);
          at += n;
          expect(span.length, `${f.where}: "${it.text}" maps onto the runs`).toBe(n);
          items++;
          for (const r of span) {
            const what = `${f.where} "${it.text.slice(0, 30)}"`;
            expect(it.size, `${what}: size`).toBeCloseTo(r.size ?? 10, 2);
            expect(fontBold(it.font), `${what}: bold (${it.font})`).toBe(!!r.bold);
            expect(fontItalic(it.font), `${what}: italic (${it.font})`).toBe(!!r.italic);
          }
        }
      expect(at, `${f.where}: every character of the paragraph`).toBe(props.length);
    }
    expect(items).toBeGreaterThan(10);
  });

  it('line pitch and the spacing between paragraphs (max of after and before; never both set)', () => {
    // Consecutive paragraphs of one flow, with the empty paragraphs between them.
    const flows = new Map<string, Placed[]>();
    for (const p of c.placed) {
      const key = p.flow === 'body' ? 'body' : `${p.flow}`;
      flows.set(key, [...(flows.get(key) ?? []), p]);
    }
    const foundOf = new Map(c.found.map((f) => [f.para, f]));
    let pitches = 0;
    let gaps = 0;
    for (const f of c.found)
      for (let k = 1; k < f.lines.length; k++) {
        const [a, b] = [f.lines[k - 1], f.lines[k]];
        if (a.page !== b.page) continue;
        pitches++;
        const want = lineHeight(f.para, lineSize(b)) - descentPart(lineSize(b)) + descentPart(lineSize(a));
        expect(
          Math.abs(b.y - a.y - want),
          `${f.where} "${f.para.text.slice(0, 30)}": line ${k + 1} pitch ${(b.y - a.y).toFixed(2)} = ${want.toFixed(2)}`,
        ).toBeLessThanOrEqual(TOL);
      }
    for (const list of flows.values()) {
      for (let k = 1; k < list.length; k++) {
        // A table between two body paragraphs: they do not meet.
        if (list[k].flow === 'body' && list[k].item !== list[k - 1].item + 1) continue;
        const [a, b] = [list[k - 1].para, list[k].para];
        expect(
          (a.props.after ?? 0) > 0 && (b.props.before ?? 0) > 0,
          `"${a.text.slice(0, 25)}" has space after and "${b.text.slice(0, 25)}" space before`,
        ).toBe(false);
      }
      // Pairs of paragraphs with text; empty paragraphs in between count with their own height.
      let prev: Found | undefined;
      let between: Para[] = [];
      let lastItem = -1;
      for (const p of list) {
        // A table between two body paragraphs: they are not consecutive in the flow.
        if (p.flow === 'body' && p.item !== lastItem + 1) {
          prev = undefined;
          between = [];
        }
        lastItem = p.item;
        const f = foundOf.get(p.para);
        if (!f) {
          if (prev) between.push(p.para);
          continue;
        }
        if (prev && p.table === prev.table && (!p.table || p.row === prev.row)) {
          const a = prev.lines[prev.lines.length - 1];
          const b = f.lines[0];
          if (a.page === b.page) {
            let y = descentPart(lineSize(a)) + borderBelow(prev.para);
            let after = pt(prev.para.props.after ?? 0);
            for (const e of between) {
              const size = e.markProps.size ?? 10;
              y += Math.max(after, pt(e.props.before ?? 0)) + borderAbove(e) + lineHeight(e, size) + borderBelow(e);
              after = pt(e.props.after ?? 0);
            }
            y += Math.max(after, pt(p.para.props.before ?? 0)) + borderAbove(p.para) + ascentPart(p.para, lineSize(b));
            gaps++;
            expect(
              Math.abs(b.y - a.y - y),
              `${p.where}: "${prev.para.text.slice(0, 25)}" → "${p.para.text.slice(0, 25)}" (${between.length} empty between): baseline distance ${(b.y - a.y).toFixed(2)} = ${y.toFixed(2)}`,
            ).toBeLessThanOrEqual(TOL);
          }
        }
        prev = f;
        between = [];
      }
    }
    expect(pitches + gaps).toBeGreaterThan(5);
    expect(gaps).toBeGreaterThan(3);
  });

  it('rules: each empty paragraph with a bottom border is a line across its box, under the text before it', () => {
    let rules = 0;
    const lastFound = new Map<string, Found>();
    const foundOf = new Map(c.found.map((f) => [f.para, f]));
    for (const p of c.placed) {
      const f = foundOf.get(p.para);
      if (f) {
        lastFound.set(p.flow, f);
        continue;
      }
      const b = p.para.props.borders.bottom;
      if (squash(p.para.text) || !b || ['none', 'nil'].includes(b.val)) continue;
      const prev = lastFound.get(p.flow);
      expect(prev, `${p.where}: a rule under some text`).toBeDefined();
      const last = prev!.lines[prev!.lines.length - 1];
      const left = p.left + pt(p.para.props.indLeft ?? 0);
      const right = p.right - pt(p.para.props.indRight ?? 0);
      const line = c.pdf.pages[last.page].lines.find(
        (l) =>
          Math.abs(l.y1 - l.y2) < 0.01 &&
          l.y1 > last.y &&
          l.y1 - last.y < 20 &&
          Math.abs(Math.min(l.x1, l.x2) - left) <= TOL &&
          Math.abs(Math.max(l.x1, l.x2) - right) <= TOL,
      );
      expect(line, `${p.where}: rule from ${left.toFixed(2)} to ${right.toFixed(2)} pt under "${prev!.para.text.slice(0, 30)}"`).toBeDefined();
      rules++;
    }
    // Every document has at least the agency, tiêu ngữ and trích yếu rules; one issued with a
    // Quyết định has no header band of its own, only the rule under its title.
    const band = c.placed.some((p) => /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/.test(p.para.text));
    expect(rules).toBeGreaterThanOrEqual(band ? 3 : 1);
  });

  it('tables with borders: vertical border lines at tblInd + the gridCol widths', () => {
    const bordered = c.doc.body.flatMap((b, item) =>
      b.kind === 'tbl' && ['single', 'thick', 'double'].includes(b.t.borders.insideV?.val ?? '') ? [{ t: b.t, item }] : [],
    );
    for (const { t, item } of bordered) {
      const s = c.doc.sectionOf(item);
      const want = columnEdges(t, s);
      const cells = c.found.filter((f) => f.table === t);
      expect(cells.length, `table ${item + 1} found`).toBeGreaterThan(0);
      const pages = [...new Set(cells.flatMap((f) => f.lines.map((l) => l.page)))];
      for (const p of pages) {
        const ys = cells.flatMap((f) => f.lines.filter((l) => l.page === p).map((l) => l.y));
        const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
        const xs = [
          ...new Set(
            c.pdf.pages[p].lines
              .filter((l) => Math.abs(l.x1 - l.x2) < 0.01 && Math.min(l.y1, l.y2) <= bottom && Math.max(l.y1, l.y2) >= top)
              .map((l) => Math.round(l.x1 * 100) / 100),
          ),
        ].sort((a, b) => a - b);
        expect(xs.length, `table ${item + 1} page ${p + 1}: one vertical border per grid edge`).toBe(want.length);
        xs.forEach((x, k) => {
          expect(Math.abs(x - want[k]), `table ${item + 1} page ${p + 1}: border ${k + 1} at ${x} = ${want[k].toFixed(2)}`).toBeLessThanOrEqual(TOL);
        });
      }
    }
  });

  it('page numbers: top centre from the second page of each section, in the header size, at the header distance', () => {
    expect(c.doc.sections.length).toBeGreaterThan(0);
    const numbered = c.pdf.pages.map((_, p) => p).filter((p) => c.pageSection[p].index > 0);
    for (let p = 0; p < c.pdf.pages.length; p++) {
      const { section: s, index } = c.pageSection[p];
      const segs = c.headerRows
        .filter((h) => h.page === p)
        .map((h) => ({
          ...h,
          text: h.items.map((i) => i.text).join(''),
          x: h.items[0].x,
          end: h.items[h.items.length - 1].x + h.items[h.items.length - 1].width,
        }));
      if (index === 0) {
        expect(
          segs.map((h) => h.text),
          `page ${p + 1} (first of its section): no header text`,
        ).toEqual([]);
        continue;
      }
      const part = s.headers.default;
      expect(part, `page ${p + 1}: section has a default header`).toBeDefined();
      const paras = c.doc.partParagraphs(part!).filter((x) => x.fields.some((f) => /^PAGE\b/.test(f)));
      expect(paras.length, 'one PAGE field paragraph').toBe(1);
      const hp = paras[0];
      const size = (hp.fieldRuns[0] ?? hp.runs[0] ?? { props: hp.markProps }).props.size ?? 10;
      expect(
        segs.map((h) => h.text.trim()),
        `page ${p + 1}: its number`,
      ).toEqual([String((s.pageNumberStart ?? 1) + index)]);
      const h = segs[0];
      expect(h.items[0].size, `page ${p + 1}: number size`).toBeCloseTo(size, 2);
      const left = pt(s.margins.left + (hp.props.indLeft ?? 0));
      const right = pt(s.pageWidth - s.margins.right - (hp.props.indRight ?? 0));
      expect(hp.props.align).toBe('center');
      expect(Math.abs((h.x + h.end) / 2 - (left + right) / 2), `page ${p + 1}: number centred`).toBeLessThanOrEqual(TOL);
      const want = pt(s.margins.header) + pt(hp.props.before ?? 0) + ascentPart(hp, size);
      expect(Math.abs(h.y - want), `page ${p + 1}: number baseline ${h.y.toFixed(2)} = header distance + ascent ${want.toFixed(2)}`).toBeLessThanOrEqual(TOL);
    }
    // Every example long enough for a second page shows numbers; count what was checked.
    expect(numbered.length).toBe(c.pdf.pages.length - c.doc.sections.length);
  });
});

// A left-aligned paragraph the PDF justified would still start and end inside its box: only its
// lines' ends tell. Ragged text ends flush right by chance on few lines; justified text on all.
describe('across all renderings', () => {
  it('left-aligned paragraphs of the DOCX are ragged in the PDF, not justified', () => {
    expect(ragged.lines, 'left-aligned lines that are not the last of their paragraph').toBeGreaterThan(30);
    expect(ragged.flush / ragged.lines, `${ragged.flush} of ${ragged.lines} end flush right`).toBeLessThan(0.5);
  });
});
