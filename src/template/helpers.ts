// Handlebars helpers: formatting rules of NĐ 30 (dates, numbers, numerals) and the
// bridge from plan text (with **đậm**/*nghiêng*) to the document markup.
import { Lru } from '../util/lru.js';
import type { HelperDelegate } from 'handlebars';
import { Handlebars } from './runtime.js';
import { dateParts } from '../schema/dates.js';
import { romanNumeral } from '../model/numbering.js';
import { HelperError } from './errors.js';
import { clearInlineMemo, inlineToMarkup } from './inline.js';
import { MAX_NUMBER_WORDS, numberWords } from './number-words.js';

const { escapeExpression, SafeString } = Handlebars;

/** Blank left for handwriting in drafts (no-break spaces survive whitespace folding). */
export const BLANK = '\u00a0'.repeat(6);

/** NĐ 30: day < 10 and months 1–2 get a leading zero. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
export const padDay = pad2;
export function padMonth(m: number): string {
  return m < 3 ? `0${m}` : String(m);
}

/** "ngày 05 tháng 02 năm 2024"; blanks for the parts a draft leaves out. */
export function ndDate(iso: string): string {
  const { year, month, day } = dateParts(iso);
  return `ngày ${day ? padDay(day) : BLANK} tháng ${month ? padMonth(month) : BLANK} năm ${year}`;
}

/** A date inside the text: long "ngày 17 tháng 7 năm 2024" or short "ngày 17/7/2024". */
export function refDate(iso: string, style: 'long' | 'short' = 'long'): string {
  if (style === 'long') return ndDate(iso);
  const { year, month, day } = dateParts(iso);
  return `ngày ${day ? padDay(day) : BLANK}/${month ? padMonth(month) : BLANK}/${year}`;
}

export function docNumber(n: number | string | null | undefined): string {
  if (n === null || n === undefined || n === '') return BLANK;
  if (typeof n === 'string') return n.length === 1 ? `0${n}` : n; // keep what the user wrote ("0124")
  return pad2(n);
}

export function upperVi(s: string): string {
  return s.toLocaleUpperCase('vi-VN');
}

/**
 * Section titles print in capitals. A title typed mostly in capitals was typed as the source
 * prints it ("NHIỆM VỤ VÀ GIẢI PHÁP *(chi tiết Phụ lục đính kèm)*", "… 5G, IoT …"): it is kept
 * as typed; an acronym in a lower-case title ("… an toàn VLNCN") does not count.
 */
export function headingCase(s: string): string {
  // Remembered: lower-casing letter by letter was ~0.1 ms of a plan, the same titles every row.
  return headings.remember(s, () => {
    const letters = s.match(/\p{L}/gu) ?? [];
    const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi-VN')).length;
    return letters.length && upper / letters.length >= 0.6 ? s : upperVi(s);
  });
}

const headings = new Lru<string, string>(500);

/** Forgets every remembered text and title (benchmarks measure a plan's first model with it). */
export function clearTemplateMemos(): void {
  headings.clear();
  clearInlineMemo();
}

type RunLike = { text: string; bold?: boolean; italic?: boolean; underline?: boolean };

export function isInline(x: unknown): x is string | RunLike[] {
  if (typeof x === 'string') return true;
  return (
    Array.isArray(x) &&
    x.length > 0 &&
    x.every((e) => e && typeof e === 'object' && typeof (e as RunLike).text === 'string' && !('bullets' in e) && !('blocks' in e))
  );
}

/** Plan text → markup: **đậm**, *nghiêng*, ^[chú thích]; a backslash types a marker literally (see inline.ts). */
export function inlineMarkup(x: unknown): string {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string') return inlineToMarkup(x);
  if (Array.isArray(x)) {
    return x
      .map((r: RunLike) => {
        let s = escapeExpression(r.text).replace(/\n/g, '<br/>');
        if (r.underline) s = `<u>${s}</u>`;
        if (r.italic) s = `<i>${s}</i>`;
        if (r.bold) s = `<b>${s}</b>`;
        return s;
      })
      .join('');
  }
  return escapeExpression(String(x));
}

/** Ensures text (string or runs) ends with `suffix`, replacing trailing punctuation. */
export function endWith<T extends string | RunLike[]>(x: T, suffix: string): T {
  const fix = (s: string) => (s.endsWith(suffix) ? s : s.replace(/[\s.;:,]+$/u, '') + suffix);
  if (typeof x === 'string') return fix(x) as T;
  if (Array.isArray(x) && x.length) {
    const runs = x.map((r) => ({ ...r }));
    runs[runs.length - 1].text = fix(runs[runs.length - 1].text);
    return runs as T;
  }
  return x;
}

function opts(args: unknown[]): unknown[] {
  return args.slice(0, -1); // drop Handlebars' options object
}

/** Most no-break spaces `{{blank n}}` gives: more than a line of A4 text at 13–14 pt. */
export const MAX_BLANK = 200;
/** Roman numerals stop at MMMCMXCIX. */
export const MAX_ROMAN = 3999;

type HelperOptions = { loc?: { start?: { line: number; column: number } } };

/** What a template passed, as a clerk would read it in the message. */
function shown(x: unknown): string {
  if (x === undefined) return 'không có giá trị (một tên không có trong dữ liệu; số phải viết bằng chữ số, ví dụ 10)';
  if (typeof x === 'string') return `"${x.slice(0, 40)}"`;
  return String(x).slice(0, 40);
}

/**
 * A whole number in [min, max] for a helper, or a HelperError at the helper's place in the
 * template: an unbounded count ({{blank 300000000}}) would hang or exhaust the process.
 */
export function boundedInt(helper: string, x: unknown, min: number, max: number, options: unknown): number {
  const n = typeof x === 'number' ? x : typeof x === 'string' && /^\s*-?\d+\s*$/.test(x) ? Number(x) : Number.NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  const at = (options as HelperOptions | undefined)?.loc?.start;
  throw new HelperError(
    `{{${helper}}} cần một số nguyên từ ${min.toLocaleString('vi-VN')} đến ${max.toLocaleString('vi-VN')}, nhận được ${shown(x)}`,
    at?.line,
    at === undefined ? undefined : at.column + 1,
  );
}

/** `{{blank}}`: 6 no-break spaces; `{{blank n}}`: n of them, n at most MAX_BLANK. */
function blank(...args: unknown[]): string {
  const options = args[args.length - 1];
  if (args.length < 2) return BLANK;
  return '\u00a0'.repeat(boundedInt('blank', args[0], 0, MAX_BLANK, options));
}

export const helpers: Record<string, HelperDelegate> = {
  roman: (n: unknown, options: unknown) => romanNumeral(boundedInt('roman', n, 1, MAX_ROMAN, options)),
  inc: (n: number) => Number(n) + 1,
  pad2: (n: number) => pad2(Number(n)),
  ndDate: (d: string) => ndDate(d),
  refDate: (d: string, style: unknown) => refDate(d, style === 'short' ? 'short' : 'long'),
  docNumber: (n: unknown) => docNumber(n as number | string | null | undefined),
  blank,
  upper: (s: unknown) => (s === undefined || s === null ? '' : upperVi(String(s))),
  /** A section title in capitals, unless the clerk typed its capitals (and lower-case parts) already. */
  headingCase: (s: unknown) => headingCase(String(s ?? '')),
  numberWords: (n: unknown, options: unknown) => numberWords(boundedInt('numberWords', n, -MAX_NUMBER_WORDS, MAX_NUMBER_WORDS, options)),
  inline: (x: unknown) => new SafeString(inlineMarkup(x)),
  /** Escaped text with "\n" as line breaks. */
  lines: (s: unknown) => new SafeString(escapeExpression(String(s ?? '')).replace(/\n/g, '<br/>')),
  endWith: (x: unknown, suffix: unknown) => endWith(x as string, String(suffix)),
  /** Removes trailing characters from the given set, e.g. (trimEnd name ";.") */
  trimEnd: (s: unknown, chars: unknown) => {
    const set = new Set(String(chars));
    let t = String(s ?? '').trimEnd();
    while (t && set.has(t[t.length - 1])) t = t.slice(0, -1).trimEnd();
    return t;
  },
  join: (arr: unknown, sep: unknown) => (Array.isArray(arr) ? arr.join(typeof sep === 'string' ? sep : ', ') : ''),
  isInline: (x: unknown) => isInline(x),
  isString: (x: unknown) => typeof x === 'string',
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  not: (a: unknown) => !a,
  ifElse: (cond: unknown, a: unknown, b: unknown) => (cond ? a : b),
  or: (...args: unknown[]) => opts(args).find(Boolean),
  and: (...args: unknown[]) => opts(args).every(Boolean),
  concat: (...args: unknown[]) =>
    opts(args)
      .map((a) => (a === undefined || a === null ? '' : String(a)))
      .join(''),
  length: (x: unknown) => (Array.isArray(x) ? x.length : 0),
};
