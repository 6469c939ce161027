// Field paths used by batch rows: "issuer.name", "targets.rows[3].value", "recipients[0]".
// A path is a list of object keys (strings) and array indexes (numbers).

export type Segment = string | number;

/** Keys that would reach Object.prototype instead of the plan. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/y;

/** Parses a path; undefined if it is not well formed (empty key, "a..b", "a[x]", "a[-1]"). */
export function parseFieldPath(text: string): Segment[] | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const out: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    if (out.length > 0 && s[i] === '.') {
      i++;
      if (s[i] === '[' || s[i] === '.' || i >= s.length) return undefined;
    } else if (out.length > 0 && s[i] !== '[') return undefined;
    SEGMENT.lastIndex = i;
    const m = SEGMENT.exec(s);
    if (!m) return undefined;
    if (m[1] !== undefined) {
      const key = m[1].trim();
      if (!key || FORBIDDEN.has(key)) return undefined;
      out.push(key);
    } else {
      if (out.length === 0) return undefined; // a path starts with a field name
      out.push(Number(m[2]));
    }
    i = SEGMENT.lastIndex;
  }
  return out;
}

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

/** The value at a path, or undefined. */
export function getPath(value: unknown, path: readonly Segment[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number' && !Array.isArray(cur)) return undefined;
    if (typeof seg === 'string' && Array.isArray(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** True if `prefix` is the start of (or equal to) `path`. */
export function startsWith(path: readonly Segment[], prefix: readonly Segment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, k) => s === path[k]);
}

/** "targets.rows[3].value" from a segment list (the inverse of parseFieldPath). */
export function formatFieldPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : (out ? '.' : '') + seg;
  return out;
}
