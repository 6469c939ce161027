// Laid-out lines remembered by their content (src/text/line-cache.ts): every paragraph must come
// out of the cache exactly as the line breaker lays it out afresh, whatever was laid out before,
// so paragraphs that differ in anything the breaker reads must never share an entry.
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../src/fonts/metrics.js';
import { clearLineCache, layoutLinesCached } from '../src/text/line-cache.js';
import { layoutLines, type Span, type TextBox } from '../src/text/linebreak.js';

const fonts = loadFontSet();
const regular = fonts.face(false, false);
const bold = fonts.face(true, false);
const TEXT = 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; ';

const box = (spans: Span[], over: Partial<TextBox> = {}): TextBox => ({
  spans,
  align: 'justify',
  left: 0,
  right: 0,
  firstLine: 36,
  lineSpacing: 1,
  markFace: regular,
  markSize: 14,
  ...over,
});
const plain = (text: string, over: Partial<Span> = {}): Span => ({ text, face: regular, size: 14, ...over });

/** Paragraphs that differ from the first in one thing each (text, span boundary, face, size, decoration, box). */
const variants: [string, TextBox, number][] = [
  ['base', box([plain(TEXT.repeat(3))]), 450],
  ['other text', box([plain(TEXT.repeat(3).replace('30', '31'))]), 450],
  ['split in two spans', box([plain(TEXT), plain(TEXT.repeat(2))]), 450],
  ['split elsewhere', box([plain(TEXT.repeat(2)), plain(TEXT)]), 450],
  ['bold first span', box([plain(TEXT, { face: bold }), plain(TEXT.repeat(2))]), 450],
  ['size', box([plain(TEXT.repeat(3), { size: 13 })]), 450],
  ['underline', box([plain(TEXT.repeat(3), { underline: true })]), 450],
  ['colour', box([plain(TEXT.repeat(3), { color: [1, 0, 0] })]), 450],
  ['rise', box([plain(TEXT.repeat(3), { rise: 3 })]), 450],
  ['footnote mark', box([plain(TEXT.repeat(3)), plain('1', { size: 8, rise: 5, note: 1 })]), 450],
  ['other footnote', box([plain(TEXT.repeat(3)), plain('1', { size: 8, rise: 5, note: 2 })]), 450],
  ['width', box([plain(TEXT.repeat(3))]), 440],
  ['centred', box([plain(TEXT.repeat(3))], { align: 'center' }), 450],
  ['left indent', box([plain(TEXT.repeat(3))], { left: 20 }), 450],
  ['right indent', box([plain(TEXT.repeat(3))], { right: 20 }), 450],
  ['first line', box([plain(TEXT.repeat(3))], { firstLine: 0 }), 450],
  ['line spacing', box([plain(TEXT.repeat(3))], { lineSpacing: 1.5 }), 450],
  ['mark face', box([], { markFace: bold }), 450],
  ['mark size', box([], { markSize: 13 }), 450],
];

describe('line layout cache', () => {
  it('lays out every variant as the line breaker does, in either order', () => {
    for (const order of [variants, [...variants].reverse()]) {
      clearLineCache();
      for (const [name, spec, width] of order) expect(layoutLinesCached(spec, width), name).toEqual(layoutLines(spec, width));
      // Again, from the cache.
      for (const [name, spec, width] of order) expect(layoutLinesCached(spec, width), name).toEqual(layoutLines(spec, width));
    }
  });

  it('serves an equal paragraph (new objects, same content) from the cache', () => {
    clearLineCache();
    const first = layoutLinesCached(box([plain(TEXT.repeat(3))]), 450);
    expect(layoutLinesCached(box([plain(TEXT.repeat(3))]), 450)).toBe(first);
  });
});
