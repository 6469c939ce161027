// The numbering labels Vietnamese administrative texts put before their sections and items
// (I., 1., 1.1., 1.1.1., a), a., 1), -, +), read off the start of a paragraph with the runs that
// carry them, and the markers the model would compute for a list (to tell when a source's own
// label must be written out).
import { alphaMarker, POINT_LETTERS, romanNumeral } from '../../model/numbering.js';
import type { SRun } from '../source.js';

export type LabelKind = 'roman' | 'dec' | 'paren' | 'alpha)' | 'alpha.' | 'dash' | 'plus' | 'other';

export interface Label {
  kind: LabelKind;
  /** The label as printed ("1.2.", "a)", "-"). */
  text: string;
  /** Its value: the last number, the letter's rank, the Roman numeral's value. */
  value: number;
  /** Decimal levels ("1.2." is 2). */
  depth: number;
  bold: boolean;
  italic: boolean;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
export function romanValue(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const v = ROMAN[s[k]];
    const next = ROMAN[s[k + 1]] ?? 0;
    n += v < next ? -v : v;
  }
  return n;
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => Omit<Label, 'bold' | 'italic' | 'text'>][] = [
  [/^([IVXLC]{1,7})\.(?=\s|\p{Lu})/u, (m) => ({ kind: 'roman', value: romanValue(m[1]), depth: 1 })],
  [/^(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)/u, (m) => ({ kind: 'dec', value: Number(m[1].split('.').pop()), depth: m[1].split('.').length })],
  [/^(\d{1,2})\.(?=\s|\p{Lu})/u, (m) => ({ kind: 'dec', value: Number(m[1]), depth: 1 })],
  [/^(\d{1,2})\)(?=\s)/u, (m) => ({ kind: 'paren', value: Number(m[1]), depth: 1 })],
  [/^([a-zđ])\)(?=\s)/u, (m) => ({ kind: 'alpha)', value: POINT_LETTERS.indexOf(m[1]) + 1, depth: 1 })],
  [/^([a-zđ])\.(?=\s)/u, (m) => ({ kind: 'alpha.', value: POINT_LETTERS.indexOf(m[1]) + 1, depth: 1 })],
  [/^-(?=\s|\p{Lu})/u, () => ({ kind: 'dash', value: 0, depth: 1 })],
  [/^\+(?=\s|\p{Lu})/u, () => ({ kind: 'plus', value: 0, depth: 1 })],
  [/^[–—•·]/u, () => ({ kind: 'other', value: 0, depth: 1 })],
];

/** The label at the start of a paragraph, and the runs after it (leading spaces removed). */
export function splitLabel(runs: SRun[], roman = true): { label?: Label; rest: SRun[] } {
  const text = runs.map((r) => (r.footnote ? '\u0000' : r.text)).join('');
  const lead = text.length - text.trimStart().length;
  const t = text.slice(lead);
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const base = make(m);
    if (base.kind === 'roman' && !roman) continue;
    if (base.kind === 'alpha)' || base.kind === 'alpha.') if (base.value < 1) continue;
    const cut = lead + m[0].length;
    const { head, tail } = cutRuns(runs, cut);
    const vis = head.filter((r) => r.text.trim());
    const rest = trimStart(tail);
    return { label: { ...base, text: m[0], bold: vis.some((r) => r.bold), italic: vis.length > 0 && vis.every((r) => r.italic) }, rest };
  }
  return { rest: runs };
}

function cutRuns(runs: SRun[], at: number): { head: SRun[]; tail: SRun[] } {
  const head: SRun[] = [];
  const tail: SRun[] = [];
  let pos = 0;
  for (const r of runs) {
    const len = r.footnote ? 1 : r.text.length;
    if (pos + len <= at) head.push(r);
    else if (pos >= at) tail.push(r);
    else {
      head.push({ ...r, text: r.text.slice(0, at - pos) });
      tail.push({ ...r, text: r.text.slice(at - pos) });
    }
    pos += len;
  }
  return { head, tail };
}

export function trimStart(runs: SRun[]): SRun[] {
  const out = [...runs];
  while (out.length && !out[0].footnote && !out[0].text.trim()) out.shift();
  if (out.length && !out[0].footnote) out[0] = { ...out[0], text: out[0].text.replace(/^\s+/, '') };
  return out;
}

export function trimEnd(runs: SRun[]): SRun[] {
  const out = [...runs];
  while (out.length && !out[out.length - 1].footnote && !out[out.length - 1].text.trim()) out.pop();
  const k = out.length - 1;
  if (k >= 0 && !out[k].footnote) out[k] = { ...out[k], text: out[k].text.replace(/\s+$/, '') };
  return out;
}

/** The plan format's list numbering for a label kind. */
export const NUMBERING: Partial<Record<LabelKind, 'decimal' | 'a)' | 'a.' | '1)' | 'I.'>> = {
  dec: 'decimal',
  'alpha)': 'a)',
  'alpha.': 'a.',
  paren: '1)',
  roman: 'I.',
};

/** The marker the model prints for the n-th item of a list (template/model numbering). */
export function computedMarker(numbering: string, n: number, parentChain?: string): string {
  switch (numbering) {
    case 'decimal':
      return (parentChain ? `${parentChain}.` : '') + `${n}.`;
    case 'a)':
      return alphaMarker(n);
    case 'a.':
      return alphaMarker(n).replace(/\)$/, '.');
    case '1)':
      return `${n})`;
    case 'I.':
      return `${romanNumeral(n)}.`;
    default:
      return '';
  }
}
