// Output file names from a pattern such as "{{slug}}/ke-hoach-{{number}}".
// Names are ASCII (Vietnamese diacritics stripped, đ → d), lower case, and can never leave
// the output folder: a value is always one name part ("/" inside a value becomes "-"),
// "..", absolute paths, NUL and Windows device names (CON, NUL, COM1 …) are neutralised.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** "Hồ Chí Minh" → "ho-chi-minh"; keeps a-z, 0-9, ".", "_" and "-". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_PART = 100;
export const UNNAMED = 'khong-ten';

/** One safe path part (a folder or the file stem): never empty, "." or "..", nor a device name. */
export function safePart(text: string): string {
  let part = asciiSlug(text.replace(/\0/g, ''))
    .slice(0, MAX_PART)
    .replace(/[-.]+$/, '');
  if (!part) return '';
  if (WINDOWS_RESERVED.test(part)) part = `${part}_`;
  return part;
}

type Token = { literal: string } | { variable: string };

export class PatternError extends Error {}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  const re = /\{\{\s*([^{}]*?)\s*\}\}/g;
  let last = 0;
  for (const m of pattern.matchAll(re)) {
    out.push({ literal: pattern.slice(last, m.index) });
    if (!m[1]) throw new PatternError('mẫu tên tệp có "{{}}" rỗng');
    out.push({ variable: m[1] });
    last = m.index! + m[0].length;
  }
  out.push({ literal: pattern.slice(last) });
  for (const t of out) if ('literal' in t && /\{\{|\}\}/.test(t.literal)) throw new PatternError('mẫu tên tệp có "{{" hoặc "}}" không đóng mở đủ cặp');
  return out;
}

/** Variables every pattern may use besides the plan's own fields. */
export const NAME_VARIABLES = ['slug', 'stem', 'row', 'line'];

/**
 * Checks a pattern once, before any row (throws PatternError with a Vietnamese message):
 * a variable must be a name variable, `province.…`, or a path into one of `fields` (the plan's
 * top-level fields), so a typo like {{slgu}} fails instead of naming every file "khong-ten".
 */
export function checkPattern(pattern: string, fields: string[] = []): void {
  for (const t of tokenize(pattern)) {
    if (!('variable' in t)) continue;
    const v = t.variable;
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(v))
      throw new PatternError(`mẫu tên tệp có "{{${v}}}" không phải tên biến (chỉ dùng tên biến, không dùng {{#if}} hay hàm trợ giúp)`);
    const root = v.split(/[.[]/)[0];
    if (NAME_VARIABLES.includes(v) || root === 'province' || fields.length === 0 || fields.includes(root)) continue;
    throw new PatternError(
      `mẫu tên tệp dùng biến "{{${v}}}" không có; dùng ${NAME_VARIABLES.map((x) => `{{${x}}}`).join(', ')}, {{province.slug}} hoặc một trường của kế hoạch (ví dụ {{number}})`,
    );
  }
}

/**
 * Renders a pattern into a relative path with "/" separators. Only the pattern's own "/"
 * (or "\") separate folders; values are flattened into the part they appear in.
 * A trailing ".docx" / ".pdf" in the pattern is dropped (each format adds its own).
 */
export function renderName(pattern: string, lookup: (variable: string) => unknown): string {
  const tokens = tokenize(pattern.replace(/\.(docx|pdf)$/i, ''));
  const parts: string[] = [''];
  for (const t of tokens) {
    if ('literal' in t) {
      const pieces = t.literal.split(/[/\\]/);
      parts[parts.length - 1] += pieces[0];
      for (const p of pieces.slice(1)) parts.push(p);
    } else {
      const v = lookup(t.variable);
      const text = v === undefined || v === null || typeof v === 'object' ? '' : String(v);
      parts[parts.length - 1] += text.replace(/[/\\]/g, '-');
    }
  }
  const safe = parts.map(safePart).filter(Boolean);
  if (safe.length === 0) return UNNAMED;
  // The last part is the file name; if the pattern ended in "/", the name falls back.
  if (/[/\\]\s*$/.test(pattern)) safe.push(UNNAMED);
  return safe.join('/');
}

/** Keeps names unique (case-insensitively, as on Windows and macOS) by adding -2, -3 … */
export class NameRegistry {
  private taken = new Set<string>();

  constructor(reserved: string[] = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  claim(name: string): string {
    let candidate = name;
    for (let k = 2; this.taken.has(candidate.toLowerCase()); k++) candidate = `${name}-${k}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** Absolute path of a relative output name; refuses anything outside `outDir` (defence in depth). */
export function outputPath(outDir: string, name: string, extension: string): string {
  const root = resolve(outDir);
  const full = resolve(root, name + extension);
  const rel = relative(root, full);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || !full.startsWith(root + sep)) {
    throw new Error(`tên tệp "${name}" nằm ngoài thư mục kết quả`);
  }
  return full;
}
