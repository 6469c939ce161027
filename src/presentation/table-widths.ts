// Column widths from the content, like Word's autofit: a column is at least as wide as its longest
// word (at its font), and given room up to its longest line. Widths the author gave are a wish,
// widened where a word would not fit, the room taken from columns that have some to spare. A
// word is broken only when the whole table cannot hold its words side by side, and then said.
import type { FontSet } from '../fonts/metrics.js';
import type { Table as ModelTable } from '../model/document.js';
import { lineWidths } from '../text/linebreak.js';
import { ptToMm } from '../util/units.js';
import { keepCodesTogether } from './nobreak.js';

export interface ColumnFit {
  /** Column widths in mm, summing to the table's width. */
  widths: number[];
  /** The words of the narrowest columns do not fit side by side: some break inside. */
  tooNarrow: boolean;
  /** The longest word of each column (for the message), and its width with the padding, mm. */
  longest: { word: string; mm: number }[];
}

/** Places where a line may break inside a run of text: spaces, and after a hyphen between letters. */
function unbreakable(text: string): string[] {
  return keepCodesTogether(text)
    .split(/[ \n]+/)
    .flatMap((w) => w.split(/(?<=[\p{L}\p{N}]-)(?=[\p{L}\p{N}])/u))
    .filter(Boolean);
}

/** Room beside a column's longest word, mm: line fitting rounds to twips (see text/linebreak.ts). */
const SLACK = 0.3;

/** Minimum (longest word) and preferred (longest line) widths of each column, mm, padding included. */
function measureColumns(t: ModelTable, grid: number[][], size: number, fonts: FontSet, padMm: number) {
  const n = t.columns.length;
  const min = new Array<number>(n).fill(2 * padMm);
  const pref = new Array<number>(n).fill(2 * padMm);
  const longest = Array.from({ length: n }, () => ({ word: '', mm: 0 }));
  t.rows.forEach((row, r) => {
    row.cells.forEach((c, k) => {
      if ((c.colSpan ?? 1) > 1) return;
      const col = grid[r][k];
      for (const p of c.blocks)
        for (const run of p.runs) {
          const face = fonts.face(run.bold || c.bold || row.header, run.italic);
          for (const word of unbreakable(run.text)) {
            const mm = ptToMm(face.width(word, size)) + 2 * padMm + SLACK;
            if (mm > min[col]) min[col] = mm;
            if (mm > longest[col].mm) longest[col] = { word, mm };
          }
        }
      for (const p of c.blocks) {
        const spans = p.runs
          .filter((x) => x.text)
          .map((x) => ({ text: keepCodesTogether(x.text), face: fonts.face(x.bold || c.bold || row.header, x.italic), size }));
        const line = spans.length ? Math.max(...lineWidths(spans, 1e6)) : 0;
        pref[col] = Math.max(pref[col], ptToMm(line) + 2 * padMm + SLACK);
      }
    });
  });
  return { min, pref, longest };
}

/** Moves room to the columns below their minimum from those above it, in proportion to what each can spare. */
function widenToMinimum(wish: number[], min: number[], width: number): { widths: number[]; tooNarrow: boolean } {
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin > width + 1e-6) return { widths: min.map((m) => (m * width) / sumMin), tooNarrow: true };
  const widths = wish.map((w, k) => Math.max(w, min[k]));
  const excess = widths.reduce((a, b) => a + b, 0) - width;
  if (excess <= 1e-9) return { widths, tooNarrow: false };
  const spare = widths.map((w, k) => (wish[k] > min[k] ? w - min[k] : 0));
  const total = spare.reduce((a, b) => a + b, 0);
  return { widths: widths.map((w, k) => w - (spare[k] / total) * excess), tooNarrow: false };
}

/** Without the author's widths: every column its longest line if the table holds them, else in between. */
function autoWidths(min: number[], pref: number[], width: number): number[] {
  const sumPref = pref.reduce((a, b) => a + b, 0);
  if (sumPref <= width) return pref.map((p) => p + ((width - sumPref) * p) / sumPref);
  const sumMin = min.reduce((a, b) => a + b, 0);
  const f = (width - sumMin) / (sumPref - sumMin);
  return min.map((m, k) => m + (pref[k] - m) * f);
}

export function fitColumns(t: ModelTable, grid: number[][], widthMm: number, size: number, fonts: FontSet, padMm: number): ColumnFit {
  const { min, pref, longest } = measureColumns(t, grid, size, fonts, padMm);
  const total = t.columns.reduce((a, b) => a + b, 0);
  const wish = t.autoWidth ? autoWidths(min, pref, widthMm) : t.columns.map((c) => (c / total) * widthMm);
  const { widths, tooNarrow } = widenToMinimum(wish, min, widthMm);
  return { widths, tooNarrow, longest };
}
