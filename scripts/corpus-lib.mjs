// Comparing a rendered plan with the text of the real plan it reproduces (test/fixtures/
// corpus-sources): the source's words found in order in our PDF's text, and its numbering labels found in
// order among ours. Shared by test/corpus.test.ts and scripts/corpus-compare.mjs.
import { execFileSync } from 'node:child_process';

/** Markdown and layout marks of the web conversions that are not words of the document. */
function plainLine(line) {
  return line
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\*+/g, '')
    .replace(/^#+\s/, '')
    .replace(/^\s*\|\s*$/, '')
    .replace(/^\s*-{3,}\s*$/, '');
}

/** The source's lines (1-based `from`…`to`, the `# source`/`# notes` lines left out). */
export function sourceLines(text, { from = 1, to = Infinity } = {}) {
  return text
    .split('\n')
    .map((l, k) => ({ l, n: k + 1 }))
    .filter(({ l, n }) => n >= from && n <= to && !/^# (source|notes):/.test(l))
    .map(({ l }) => l);
}

const words = (s) =>
  s
    .normalize('NFC')
    .split(/[\s\u00a0]+/u)
    .filter((w) => w && /[\p{L}\p{N}]/u.test(w));

export function sourceWords(text, range) {
  return words(sourceLines(text, range).map(plainLine).join('\n'));
}

/** Words of a PDF in content order (poppler's pdftotext -raw). */
export function pdfWords(pdfPath) {
  return words(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Length of the longest common subsequence (Myers' O((N+M)D) greedy algorithm). */
export function lcsLength(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return (n + m - d) / 2;
    }
  }
  return 0;
}

/** The words of `src` in order in `out`: share and the first words missing (for a report). */
export function coverage(src, out) {
  const matched = lcsLength(src, out);
  return { matched, total: src.length, ratio: src.length ? matched / src.length : 1 };
}

/** Numbering labels: I. 1. 1.1. 1.1.1. a) a. (not dashes: a wrapped line may start with one). */
export const LABEL = /^(?:[IVXLC]+\.|\d+\.|\d+(?:\.\d+)+\.?|[a-zđ]\)|[a-zđ]\.)$/u;

/**
 * Labels at the start of the source's lines, in order; not in tables (a cell's text stands
 * between lines holding a lone "|", and a "3.1" there is a cell, not a numbered item).
 */
export function sourceLabels(text, range) {
  const lines = sourceLines(text, range);
  const bar = (k) => /^\s*\|\s*$/.test(lines[k] ?? '');
  const inCell = (k) => {
    let a = k - 1;
    while (a >= 0 && !lines[a].trim()) a--;
    let b = k + 1;
    while (b < lines.length && !lines[b].trim()) b++;
    return bar(a) || bar(b);
  };
  return lines.flatMap((l, k) => {
    const t = plainLine(l).trim().split(/\s+/)[0] ?? '';
    return LABEL.test(t) && !inCell(k) ? [t] : [];
  });
}

/**
 * Source words not found in `out` by a greedy forward scan (each looked for within the next
 * `window` words): where to look when the share is short. Positions are word indexes in `src`.
 */
export function missingWords(src, out, window = 300) {
  const missing = [];
  let j = 0;
  for (let i = 0; i < src.length; i++) {
    const k = out.indexOf(src[i], j);
    if (k >= 0 && k - j <= window) j = k + 1;
    else missing.push({ at: i, word: src[i], context: src.slice(Math.max(0, i - 4), i + 5).join(' ') });
  }
  return missing;
}
