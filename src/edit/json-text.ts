// A JSON plan edited in place: every value the edit did not touch keeps its source text (one-line
// objects stay on one line, the clerk's indentation and spacing stay); a changed value is written
// in the style of its neighbours. Positions come from the yaml parser (JSON is YAML).
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { deepEqual, isObject, type Json } from './plan-text.js';

type Range = [number, number, number];

/** A value printed on one line, as clerks write short objects: `{ "name": "UBND tỉnh", "note": "báo cáo" }`. */
export function compactJson(v: Json): string {
  if (Array.isArray(v)) return v.length ? `[${v.map(compactJson).join(', ')}]` : '[]';
  if (isObject(v)) {
    const pairs = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${compactJson(x)}`);
    return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

/** A value printed over several lines, its lines after the first indented by `indent`. */
function blockJson(v: Json, indent: string, unit: string): string {
  return JSON.stringify(v, null, unit).replace(/\n/g, `\n${indent}`);
}

class Rewriter {
  constructor(
    private readonly text: string,
    private readonly unit: string,
  ) {}

  private src(r: Range | null | undefined): string {
    return r ? this.text.slice(r[0], r[1]) : '';
  }

  /** Indentation of the line a position is on. */
  private indentAt(pos: number): string {
    const start = this.text.lastIndexOf('\n', pos - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(start))![0];
  }

  private multiline(r: Range): boolean {
    return this.text.slice(r[0], r[1]).includes('\n');
  }

  /** A new value among existing children: multi-line if one of them is. */
  private fresh(v: Json, siblings: Node[], indent: string): string {
    const tall = siblings.some((s) => s.range && this.multiline(s.range as Range));
    return tall && v && typeof v === 'object' ? blockJson(v, indent, this.unit) : compactJson(v);
  }

  value(node: unknown, old: Json, next: Json): string {
    const n = node as Node;
    if (deepEqual(old, next) && n?.range) return this.src(n.range as Range);
    if (isMap(node) && isObject(old) && isObject(next)) return this.map(node.items as Pair[], node.range as Range, next);
    if (isSeq(node) && Array.isArray(old) && Array.isArray(next)) return this.seq(node.items as Node[], node.range as Range, old, next);
    if (n?.range && (next === null || typeof next !== 'object')) return JSON.stringify(next);
    return n?.range && this.multiline(n.range as Range) ? blockJson(next, this.indentAt(n.range[0]), this.unit) : compactJson(next);
  }

  /** Children joined with the container's own separators (", " or ",\n    "). */
  private join(open: string, parts: string[], seps: string[], close: string, fallbackSep: string): string {
    if (!parts.length) return `${open.trimEnd().replace(/\s+$/, '')}${close.trimStart()}`;
    let out = open + parts[0];
    for (let i = 1; i < parts.length; i++) out += (seps[i - 1] ?? seps.at(-1) ?? fallbackSep) + parts[i];
    return out + close;
  }

  private map(pairs: Pair[], range: Range, next: Record<string, Json>): string {
    const values = pairs.map((p) => p.value as Node);
    const keyOf = (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key);
    if (!pairs.length) return this.fresh(next, [], this.indentAt(range[0]));
    const first = (pairs[0].key as Node).range as Range;
    const lastEnd = ((values.at(-1)?.range ?? (pairs.at(-1)!.key as Node).range) as Range)[1];
    const seps = pairs
      .slice(1)
      .map((p, i) => this.text.slice(((values[i]?.range ?? (pairs[i].key as Node).range) as Range)[1], ((p.key as Node).range as Range)[0]));
    const childIndent = this.indentAt(first[0]);
    const parts = Object.entries(next).map(([k, v]) => {
      const pair = pairs.find((p) => isPair(p) && keyOf(p) === k);
      if (!pair) return `${JSON.stringify(k)}: ${this.fresh(v, values, childIndent)}`;
      const keyRange = (pair.key as Node).range as Range;
      const val = pair.value as Node;
      const between = val?.range ? this.text.slice(keyRange[1], val.range[0]) : ': ';
      return this.src(keyRange) + between + this.value(val, this.data(val), v);
    });
    const multi = this.multiline(range);
    return this.join(this.text.slice(range[0], first[0]), parts, seps, this.text.slice(lastEnd, range[1]), multi ? `,\n${childIndent}` : ', ');
  }

  private seq(items: Node[], range: Range, old: Json[], next: Json[]): string {
    if (!items.length) return this.fresh(next, [], this.indentAt(range[0]));
    const first = items[0].range as Range;
    const lastEnd = (items.at(-1)!.range as Range)[1];
    const seps = items.slice(1).map((it, i) => this.text.slice((items[i].range as Range)[1], (it.range as Range)[0]));
    const childIndent = this.indentAt(first[0]);
    const used = new Set<number>();
    const parts = next.map((v, j) => {
      // The same item unchanged, else the item at the same place edited, else a new one.
      let k = old.findIndex((o, i) => !used.has(i) && deepEqual(o, v));
      if (k < 0 && j < old.length && !used.has(j) && !next.some((x) => deepEqual(x, old[j]))) k = j;
      if (k < 0) return this.fresh(v, items, childIndent);
      used.add(k);
      return this.value(items[k], old[k], v);
    });
    const multi = this.multiline(range);
    return this.join(this.text.slice(range[0], first[0]), parts, seps, this.text.slice(lastEnd, range[1]), multi ? `,\n${childIndent}` : ', ');
  }

  private data(n: Node | undefined): Json {
    return (n ? JSON.parse(this.src(n.range as Range)) : null) as Json;
  }
}

/** The JSON text changed from `old` (what `text` holds) to `next`, untouched values as written. */
export function jsonText(text: string, old: Json, next: Json): string {
  const doc = parseDocument(text);
  const root = doc.contents as Node | null;
  const unit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  if (!root?.range || doc.errors.length) return JSON.stringify(next, null, unit) + '\n';
  const r = new Rewriter(text, unit);
  const [start, end] = root.range;
  return text.slice(0, start) + r.value(root, old, next) + text.slice(end);
}
