// The layout engine on its own: line breaking, justification, spacing and pagination rules.
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../src/fonts/metrics.js';
import { italicReserve, layoutLines, lineWidths } from '../src/text/linebreak.js';
import { paginate } from '../src/layout/paginate.js';
import type { BlockSpec, GlyphRun, ParagraphSpec, SectionSpec, TableSpec } from '../src/layout/types.js';

const fonts = loadFontSet();
const regular = fonts.faces.regular;
const bold = fonts.faces.bold;
const italic = fonts.faces.italic;
const SIZE = 14;
const LINE = regular.lineHeight * SIZE;
const WIDTH = 300;

function para(text: string, extra: Partial<ParagraphSpec> = {}): ParagraphSpec {
  return {
    kind: 'paragraph',
    spans: [{ text, face: regular, size: SIZE }],
    align: 'justify',
    left: 0,
    right: 0,
    firstLine: 0,
    spaceBefore: 0,
    spaceAfter: 0,
    lineSpacing: 1,
    markFace: regular,
    markSize: SIZE,
    widowControl: true,
    ...extra,
  };
}

/** A section whose body holds exactly `lines` single-spaced lines of 14 pt. */
function section(blocks: BlockSpec[], lines = 10): SectionSpec {
  return { width: WIDTH + 20, height: lines * LINE + 20 + 0.001, margins: { top: 10, bottom: 10, left: 10, right: 10 }, headerDistance: 5, blocks };
}

const words = (n: number, from = 0) => Array.from({ length: n }, (_, k) => `từ${from + k}`).join(' ');
/** Text of each page, one string per page. */
const pageTexts = (s: SectionSpec) => paginate(s).pages.map((p) => p.runs.map((r) => r.text).join(' '));
const linesOf = (runs: GlyphRun[]) => [...new Set(runs.map((r) => r.y))].length;

describe('line breaking', () => {
  it("uses Word's single line height (≈ 1.15 em for Times metrics)", () => {
    expect(regular.lineHeight).toBeCloseTo(1.15, 2);
    const lines = layoutLines(para('một dòng'), WIDTH);
    expect(lines[0].height).toBeCloseTo(1.15 * SIZE, 1);
    expect(layoutLines(para('một dòng', { lineSpacing: 1.5 }), WIDTH)[0].height).toBeCloseTo(1.5 * LINE, 5);
  });

  it('breaks greedily at spaces, justifies all lines but the last', () => {
    const text = words(40);
    const lines = layoutLines(para(text), WIDTH);
    expect(lines.length).toBeGreaterThan(2);
    for (const [k, l] of lines.entries()) {
      const last = l.pieces[l.pieces.length - 1];
      const end = last.x + regular.width(last.text, SIZE) + last.spaceExtra * (last.text.split(' ').length - 1);
      if (k < lines.length - 1) expect(end).toBeCloseTo(WIDTH, 5);
      else expect(last.spaceExtra).toBe(0);
    }
    // Greedy: the first word of each line would not have fitted on the line before.
    for (let k = 1; k < lines.length; k++) {
      const prev = lines[k - 1].pieces.map((p) => p.text).join('');
      const next = lines[k].pieces[0].text.split(' ')[0];
      expect(regular.width(prev + ' ' + next, SIZE)).toBeGreaterThan(WIDTH);
    }
    expect(lines.map((l) => l.pieces.map((p) => p.text).join('')).join(' ')).toBe(text);
  });

  it('indents the first line, hangs indents, centres and right-aligns', () => {
    const first = layoutLines(para(words(30), { firstLine: 28 }), WIDTH);
    expect(first[0].pieces[0].x).toBe(28);
    expect(first[1].pieces[0].x).toBe(0);
    const hanging = layoutLines(para(words(30), { left: 20, firstLine: -20 }), WIDTH);
    expect(hanging[0].pieces[0].x).toBe(0);
    expect(hanging[1].pieces[0].x).toBe(20);
    const w = regular.width('giữa', SIZE);
    expect(layoutLines(para('giữa', { align: 'center' }), WIDTH)[0].pieces[0].x).toBeCloseTo((WIDTH - w) / 2, 5);
    expect(layoutLines(para('giữa', { align: 'right' }), WIDTH)[0].pieces[0].x).toBeCloseTo(WIDTH - w, 5);
  });

  it('mixes bold and regular runs on one line and keeps explicit breaks', () => {
    const spec = para('', { align: 'left' });
    spec.spans = [
      { text: '1. Nhãn:', face: bold, size: SIZE },
      { text: ' nội dung\ndòng mới', face: regular, size: SIZE },
    ];
    const lines = layoutLines(spec, WIDTH);
    expect(lines).toHaveLength(2);
    expect(lines[0].pieces.map((p) => p.face.name)).toEqual(['bold', 'regular']);
    expect(lines[0].pieces[1].x).toBeCloseTo(bold.width('1. Nhãn:', SIZE), 5);
    expect(lines[1].pieces[0].text).toBe('dòng mới');
  });

  it('splits a word longer than the line and breaks after a hyphen', () => {
    const long = 'A'.repeat(60);
    const lines = layoutLines(para(long), WIDTH);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.pieces[0].text).join('')).toBe(long);
    for (const l of lines) expect(regular.width(l.pieces[0].text, SIZE)).toBeLessThanOrEqual(WIDTH + 0.01);
    // Ten words leave room for "12/KH-" but not for "12/KH-UBND" (the old 14 never broke inside the symbol).
    const hy = layoutLines(para(`${words(10)} 12/KH-UBND`), WIDTH);
    const texts = hy.map((l) => l.pieces.map((p) => p.text).join(''));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[0].endsWith('12/KH-'), `first line ends "${texts[0].slice(-12)}"`).toBe(true);
    expect(texts[1].startsWith('UBND')).toBe(true);
  });
});

describe('break opportunities and fit (as LibreOffice lays out our DOCX)', () => {
  const texts = (spec: ParagraphSpec, width: number) =>
    layoutLines(spec, width).map((l) =>
      l.pieces
        .map((p) => p.text)
        .join('')
        .trimEnd(),
    );
  const prefix = 'Văn bản số';

  it('breaks after a hyphen before a letter, never after a slash', () => {
    const upTo = (s: string) => regular.width(`${prefix} ${s}`, SIZE);
    // Room for "12/KH-" but not "12/KH-UBND": the break follows the hyphen.
    expect(texts(para(`${prefix} 12/KH-UBND ngày`, { align: 'left' }), upTo('12/KH-') + 0.5)).toEqual([`${prefix} 12/KH-`, 'UBND ngày']);
    // Room for "05/2026/" but not "05/2026/VLN": no break after a slash, the whole symbol moves.
    expect(texts(para(`${prefix} 05/2026/VLN/CV-LV ngày`, { align: 'left' }), upTo('05/2026/VLN/') + 0.5)).toEqual([prefix, '05/2026/VLN/CV-LV', 'ngày']);
  });

  it('keeps 1/12 of the font height free at the end of italic lines (LibreOffice), none for upright text', () => {
    expect(italicReserve(regular, 14)).toBe(0);
    expect(italicReserve(italic, 14)).toBe(1.25); // (250 + 61 twips) / 12 → 25 twips
    expect(italicReserve(italic, 13)).toBe(1.2); // (232 + 56) / 12 → 24 twips
    const text = 'Căn cứ Quyết định số 2797/QĐ-SCT ngày 28/11/2025';
    const upright = para(text, { align: 'left' });
    const slanted = para('', { align: 'left', spans: [{ text, face: italic, size: SIZE }] });
    const w = (face: typeof regular) => face.width(text, SIZE);
    expect(texts(upright, w(regular) + 1)).toHaveLength(1);
    expect(texts(slanted, w(italic) + 1)).toHaveLength(2);
    // Fits with the reserve and LibreOffice's half twip (see FIT_EPSILON).
    expect(texts(slanted, w(italic) + 1.28)).toHaveLength(1);
    // The widths used for rules under wrapped titles follow the same breaks.
    expect(lineWidths(slanted.spans, w(italic) + 1)).toHaveLength(2);
  });
});

describe('pagination', () => {
  it('drops space before at the top of a page reached by overflow, not on the first page', () => {
    const s = section([para(words(5), { spaceBefore: 6 }), para(words(120), { spaceBefore: 6 }), para(words(5), { spaceBefore: 6 })]);
    const pages = paginate(s).pages;
    expect(pages[0].runs[0].y - LINE + regular.descent * SIZE).toBeCloseTo(10 + 6, 5);
    const top = pages[1].runs[0];
    expect(top.y - LINE + regular.descent * SIZE).toBeCloseTo(10, 5);
  });

  it('never leaves a single first line at a page bottom nor a single last line at a page top', () => {
    // Paragraphs of exactly n lines (explicit breaks).
    const fill = (n: number) => para(Array.from({ length: n }, (_, k) => `dòng ${k + 1}`).join('\n'), { align: 'left' });
    // 9 lines, then a 3-line paragraph: 1 line would fit (orphan) → moved whole.
    const nine = fill(9);
    const three = fill(3);
    const p1 = paginate(section([nine, three])).pages;
    expect(linesOf(p1[0].runs)).toBe(9);
    expect(linesOf(p1[1].runs)).toBe(3);
    // 7 lines then a 4-line paragraph: 3 fit, but that leaves 1 (widow) → 2 and 2.
    const seven = fill(7);
    const four = fill(4);
    const p2 = paginate(section([seven, four])).pages;
    expect(linesOf(p2[0].runs)).toBe(9);
    expect(linesOf(p2[1].runs)).toBe(2);
  });

  it('keeps a heading with the next paragraph and the closing block with the last lines', () => {
    const filler = (n: number) => para(Array.from({ length: n }, () => 'x').join('\n'), { align: 'left' });
    const heading = para('I. TIÊU ĐỀ', { keepNext: true });
    const body = para(words(60));
    const pages = paginate(section([filler(9), heading, body])).pages;
    expect(pages[0].runs.some((r) => r.text.includes('TIÊU ĐỀ'))).toBe(false);
    expect(pages[1].runs[0].text).toContain('TIÊU ĐỀ');

    // The closing block (one unsplittable row) follows a keep-with-next last paragraph.
    const closing: TableSpec = {
      kind: 'table',
      indent: 0,
      columns: [150, 150],
      border: 0,
      pad: { left: 2, right: 2, top: 0, bottom: 0 },
      rows: [
        {
          cantSplit: true,
          cells: [0, 1].map((col) => ({ col, colSpan: 1, rowSpan: 1, vAlign: 'top' as const, paragraphs: [para('Nơi nhận:\n- A;\n- B.', { align: 'left' })] })),
        },
      ],
    };
    const last = para(words(30), { keepNext: true });
    const nLast = layoutLines(last, WIDTH).length;
    const out = paginate(section([filler(10 - nLast - 1), last, closing])).pages;
    expect(out).toHaveLength(2);
    const p2 = out[1].runs.map((r) => r.text).join(' ');
    expect(p2).toContain('Nơi nhận:');
    // At least two lines of the last paragraph moved along with the closing block.
    expect(linesOf(out[1].runs.filter((r) => r.text.includes('từ')))).toBeGreaterThanOrEqual(2);
    // And the closing block is in one piece.
    expect(out[0].runs.some((r) => r.text.includes('Nơi nhận'))).toBe(false);
  });

  it('splits table rows across pages and repeats the header row', () => {
    const cell = (col: number, text: string) => ({ col, colSpan: 1, rowSpan: 1, vAlign: 'center' as const, paragraphs: [para(text, { align: 'left' })] });
    const table: TableSpec = {
      kind: 'table',
      indent: 0,
      columns: [100, 200],
      border: 0.5,
      pad: { left: 5, right: 5, top: 2, bottom: 2 },
      rows: [
        { header: true, cells: [cell(0, 'TT'), cell(1, 'Nội dung')] },
        ...Array.from({ length: 6 }, (_, k) => ({ cells: [cell(0, String(k + 1)), cell(1, words(12, k * 100))] })),
      ],
    };
    const pages = paginate(section([table])).pages;
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.runs[0].text).toBe('TT');
    // Every word is drawn exactly once (rows split between lines, nothing lost).
    const body = pages.flatMap((p) => p.runs.map((r) => r.text)).join(' ');
    for (let k = 0; k < 6; k++) expect(body).toContain(`từ${k * 100 + 11}`);
    // Borders: every page has lines, none below the bottom margin.
    for (const p of pages) {
      expect(p.rules.length).toBeGreaterThan(0);
      for (const l of p.rules) expect(Math.max(l.y1, l.y2)).toBeLessThanOrEqual(p.height - 10 + 0.01);
    }
  });

  it('numbers pages from the second one', () => {
    const s = section([para(words(300))]);
    s.runningHeader = (n) => [para(String(n), { align: 'center' })];
    const pages = paginate(s).pages;
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0].runs.some((r) => r.y < 10)).toBe(false);
    pages.slice(1).forEach((p, k) => {
      expect(p.runs.filter((r) => r.y < 10 + LINE && r.text === String(k + 2))).toHaveLength(1);
    });
    expect(pageTexts(s).length).toBe(pages.length);
  });
});
