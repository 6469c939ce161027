// Measuring text for geometry that follows it: rule lengths under wrapped titles, names set in
// balanced lines, lines that must not wrap. Uses the same line breaker as the layout engine, so
// what is measured here is what the page shows.
import type { FaceMetrics, FontSet } from '../fonts/metrics.js';
import type { Run } from '../model/document.js';
import { lineWidths } from '../text/linebreak.js';

/** Line widths (pt) of a centred text wrapped at `maxPt`, with Word's and LibreOffice's breaks. */
export function wrappedLineWidths(runs: Run[], size: number, fonts: FontSet, maxPt: number): number[] {
  const spans = runs.filter((r) => r.text.length).map((r) => ({ text: r.text, face: fonts.face(r.bold, r.italic), size }));
  return spans.length ? lineWidths(spans, maxPt) : [];
}

/** Whether `text` stays on one line at `maxPt`. */
export function fitsOneLine(text: string, face: FaceMetrics, size: number, maxPt: number): boolean {
  return lineWidths([{ text, face, size }], maxPt).length === 1;
}

/** Number of lines `text` takes at `maxPt` (an empty text still takes one). */
export function lineCount(text: string, face: FaceMetrics, size: number, maxPt: number): number {
  return text ? Math.max(1, lineWidths([{ text, face, size }], maxPt).length) : 1;
}

/** Words that do not start a line of a name: "SỞ VĂN HÓA VÀ / THỂ THAO"; a dash would read as a list item. */
const NO_LINE_START = new Set(['VÀ', 'và', '-', '–']);
/** Natural places to break a name: after "VÀ", a comma or a dash ("SỞ NÔNG NGHIỆP VÀ / PHÁT TRIỂN NÔNG THÔN"). */
const goodBreakAfter = (word: string) => NO_LINE_START.has(word) || /[,;]$/.test(word);

type Split = { max: number; cuts: number[] } | null;
type Mode = 'natural' | 'strict' | 'any';

/**
 * A name (cơ quan ban hành) as lines that each fit `maxPt`: the name itself when it fits,
 * otherwise the fewest lines, balanced (the longest line as short as possible) rather than
 * greedy with a lone last word. Breaks after "VÀ", a comma or a dash are preferred, and no line
 * starts with "VÀ" or a dash unless there is no other way. A word wider than the column is left
 * to the line breaker; a clerk can still force lines with "\n" in the name.
 */
export function balancedLines(text: string, face: FaceMetrics, size: number, maxPt: number): string[] {
  const words = text.trim().split(/ +/);
  const fits = (line: string) => fitsOneLine(line, face, size, maxPt);
  if (fits(words.join(' ')) || words.some((w) => !fits(w))) return [text];
  const line = (i: number, j: number) => words.slice(i, j).join(' ');
  const width = (i: number, j: number) => face.width(line(i, j), size);
  const allowed = (j: number, mode: Mode) => mode === 'any' || (!NO_LINE_START.has(words[j]) && (mode === 'strict' || goodBreakAfter(words[j - 1])));
  // best(i, k): words[i..] in k fitting lines, breaking only where `mode` allows, longest line shortest.
  const memo = new Map<string, Split>();
  const best = (i: number, k: number, mode: Mode): Split => {
    const key = `${i}/${k}/${mode}`;
    if (memo.has(key)) return memo.get(key)!;
    let out: Split = null;
    if (k === 1) out = fits(line(i, words.length)) ? { max: width(i, words.length), cuts: [] } : null;
    else
      for (let j = i + 1; j <= words.length - k + 1 && fits(line(i, j)); j++) {
        if (!allowed(j, mode)) continue;
        const rest = best(j, k - 1, mode);
        if (!rest) continue;
        const max = Math.max(width(i, j), rest.max);
        if (!out || max < out.max - 1e-9) out = { max, cuts: [j, ...rest.cuts] };
      }
    memo.set(key, out);
    return out;
  };
  for (let k = 2; k <= words.length; k++) {
    const split = best(0, k, 'natural') ?? best(0, k, 'strict') ?? best(0, k, 'any');
    if (!split) continue;
    const bounds = [0, ...split.cuts, words.length];
    return bounds.slice(1).map((end, n) => line(bounds[n], end));
  }
  return [text];
}
