// Units and font measurement for the rules that compare lengths: a rule's length against its
// text's width, whether a line wraps in its cell. Widths come from the font metrics the writers
// use (Tinos has Times New Roman's metrics), so the checker measures what Word lays out.
import type { FontSet } from '../fonts/metrics.js';
import type { RunProps } from './formatting.js';

export const TWIPS_PER_MM = 1440 / 25.4;
export const twipsToMm = (t: number) => t / TWIPS_PER_MM;
export const mmToTwips = (mm: number) => mm * TWIPS_PER_MM;
export const ptToMm = (pt: number) => (pt * 25.4) / 72;

type MeasuredRun = { text: string; props: RunProps };

/** The text as drawn: w:caps shows lower-case letters as capitals (Vietnamese case mapping). */
const shown = (r: MeasuredRun) => (r.props.caps ? r.text.toLocaleUpperCase('vi-VN') : r.text);

/** Width in mm of runs as laid out on one line (caps applied). */
export function runsWidthMm(runs: MeasuredRun[], fonts: FontSet): number {
  let pt = 0;
  for (const r of runs) pt += fonts.face(!!r.props.bold, !!r.props.italic).width(shown(r), r.props.size ?? 10);
  return ptToMm(pt);
}

/** A word with the width of the spaces before it, or an explicit line break. */
interface Word {
  pre: number;
  w: number;
  brk: boolean;
}

/** Splits runs into words (mm widths), keeping the spaces before each word for the line breaker. */
function wordsOf(runs: MeasuredRun[], fonts: FontSet): Word[] {
  const words: Word[] = [];
  let pre = 0;
  let cur: Word | undefined;
  for (const r of runs) {
    const face = fonts.face(!!r.props.bold, !!r.props.italic);
    const size = r.props.size ?? 10;
    for (const ch of shown(r)) {
      if (ch === '\n') {
        words.push({ pre: 0, w: 0, brk: true });
        cur = undefined;
        pre = 0;
      } else if (ch === ' ') {
        pre += ptToMm(face.width(ch, size));
        cur = undefined;
      } else {
        if (!cur) {
          cur = { pre, w: 0, brk: false };
          words.push(cur);
          pre = 0;
        }
        cur.w += ptToMm(face.width(ch, size));
      }
    }
  }
  return words;
}

/**
 * Greedy line breaking at spaces, as Word does for a centred paragraph, returning each line's
 * width in mm (trailing spaces excluded). Explicit breaks ("\n") start a new line.
 */
export function wrapLinesMm(runs: MeasuredRun[], fonts: FontSet, maxMm: number): number[] {
  const lines: number[] = [];
  let line = -1; // width of the line being filled; -1 = no word on it yet
  for (const w of wordsOf(runs, fonts)) {
    if (w.brk) {
      lines.push(Math.max(line, 0));
      line = -1;
    } else if (line < 0) line = w.w;
    else if (line + w.pre + w.w <= maxMm + 1e-6) line += w.pre + w.w;
    else {
      lines.push(line);
      line = w.w;
    }
  }
  if (line >= 0) lines.push(line);
  return lines;
}
