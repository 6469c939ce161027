// A plan's data written back into its own file: YAML through the yaml package's Document API
// (the change is applied to the parsed document, so comments, key order and each value's quoting
// stay), JSON in its own indentation; then carried over onto the original text (text-merge.ts)
// so lines the edit did not touch stay byte for byte as the clerk wrote them.
import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { z } from 'zod';
import { parseSource } from '../reader/source.js';
import { Plan } from '../schema/plan.js';
import { jsonText } from './json-text.js';
import { carryChange, matchLines } from './text-merge.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export const isObject = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || !a || !b || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Obj)[k], (b as Obj)[k]));
}

/** Rank of each field name in the format, in the order the schema lists them. */
let ranks: Map<string, number> | undefined;
function keyRank(key: string): number {
  if (!ranks) {
    const r = new Map<string, number>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && isObject(v)) for (const p of Object.keys(v)) if (!r.has(p)) r.set(p, r.size);
          walk(v);
        }
      }
    };
    walk(z.toJSONSchema(Plan, { io: 'input', unrepresentable: 'any' }));
    ranks = r;
  }
  return ranks.get(key) ?? Number.MAX_SAFE_INTEGER;
}

/** Where a key new to an object goes among the keys it has: before the first that the format lists after it. */
export function insertIndex(keys: string[], key: string): number {
  const r = keyRank(key);
  const i = keys.findIndex((k) => keyRank(k) > r);
  return i < 0 ? keys.length : i;
}

/**
 * `next` with the keys of every object in the order `prev` has them; keys new to an object are
 * placed where the format lists them (a new "symbol" after "number", not at the end).
 */
export function orderLike(prev: unknown, next: Json): Json {
  if (Array.isArray(next)) return next.map((x, i) => orderLike(Array.isArray(prev) ? prev[i] : undefined, x));
  if (!isObject(next)) return next;
  const old = isObject(prev) ? Object.keys(prev).filter((k) => Object.hasOwn(next, k)) : [];
  const keys = [...old];
  for (const k of Object.keys(next)) if (!keys.includes(k)) keys.splice(insertIndex(keys, k), 0, k);
  const out: Obj = {};
  for (const k of keys) out[k] = orderLike(isObject(prev) ? prev[k] : undefined, next[k]);
  return out;
}

/** Pairs the items of two lists: equal ones by a common subsequence, the rest by position between them. */
function pairItems(old: Json[], next: Json[]): (number | -1)[] {
  const key = (x: Json) => JSON.stringify(x);
  const m = matchLines(old.map(key), next.map(key), 4_000_000) ?? new Int32Array(next.length).fill(-1);
  const out: number[] = Array.from(m);
  // Between two matched items, unmatched ones are the same items edited: pair them in order.
  let prevOld = -1;
  for (let j = 0; j < out.length; j++) {
    if (out[j] >= 0) {
      prevOld = out[j];
      continue;
    }
    let end = j;
    while (end < out.length && out[end] < 0) end++;
    const nextOld = end < out.length ? out[end] : old.length;
    for (let k = j; k < end && prevOld + 1 + (k - j) < nextOld; k++) out[k] = prevOld + 1 + (k - j);
    j = end - 1;
  }
  return out;
}

/** Applies `next` to the node holding `old`; returns the node to keep (the same one, changed, or a new one). */
function applyNode(doc: Document, node: unknown, old: Json, next: Json): unknown {
  if (deepEqual(old, next)) return node;
  if (isMap(node) && isObject(old) && isObject(next)) {
    applyMap(doc, node, old, next);
    return node;
  }
  if (isSeq(node) && Array.isArray(old) && Array.isArray(next)) {
    const pairs = pairItems(old, next);
    const items = node.items;
    node.items = next.map((x, j) => (pairs[j] >= 0 ? applyNode(doc, items[pairs[j]], old[pairs[j]], x) : doc.createNode(x)));
    return node;
  }
  if (isScalar(node) && (next === null || typeof next !== 'object')) {
    node.value = next;
    // A block scalar keeps its style only while the text has several lines.
    if ((node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && !(typeof next === 'string' && next.includes('\n'))) node.type = undefined;
    return node;
  }
  const fresh = doc.createNode(next) as Node;
  if (node && typeof node === 'object' && 'commentBefore' in node) fresh.commentBefore = (node as Node).commentBefore;
  return fresh;
}

const keyOf = (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key);

function applyMap(doc: Document, map: YAMLMap, old: Obj, next: Obj): void {
  map.items = map.items.filter((p) => Object.hasOwn(next, keyOf(p as Pair)));
  for (const [k, v] of Object.entries(next)) {
    const pair = map.items.find((p) => keyOf(p as Pair) === k) as Pair | undefined;
    if (pair) {
      pair.value = applyNode(doc, pair.value, Object.hasOwn(old, k) ? old[k] : (undefined as unknown as Json), v);
      continue;
    }
    const keys = map.items.map((p) => keyOf(p as Pair));
    map.items.splice(insertIndex(keys, k), 0, doc.createPair(k, v) as Pair);
  }
}

export type PlanFormat = 'yaml' | 'json';

export const formatOf = (file: string): PlanFormat => (/\.ya?ml$/i.test(file) ? 'yaml' : 'json');

/** The data as the reader sees it (YAML numbers kept as typed, and so on). */
export function readData(text: string, file: string): Json {
  return parseSource(text, file).data as Json;
}

function yamlPrint(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** The new text of a file: `text` (which reads as `old`) changed to hold `next`. */
export function planText(file: string, text: string, old: Json, next: Json): string {
  const ordered = orderLike(old, next);
  if (formatOf(file) === 'json') {
    const edited = jsonText(text, old, ordered);
    try {
      if (deepEqual(JSON.parse(edited), ordered)) return edited;
    } catch {
      // Not valid: print the whole file below.
    }
    return JSON.stringify(ordered, null, 2) + '\n';
  }
  const doc = parseDocument(text, { keepSourceTokens: false });
  // As the reader does: a number YAML would print differently ("0124" → 124) is the text typed.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && String(node.value) !== node.source) node.value = node.source;
    },
  });
  const base = yamlPrint(doc);
  doc.contents = applyNode(doc, doc.contents, old, ordered) as typeof doc.contents;
  const full = yamlPrint(doc);
  const merged = carryChange(text, base, full);
  if (merged !== undefined && merged !== full) {
    try {
      if (deepEqual(readData(merged, file), readData(full, file))) return merged;
    } catch {
      // The merged text does not read: the full print is right by construction.
    }
  }
  return full;
}

/** The text of a new plan file. */
export function newPlanText(file: string, data: Json): string {
  const ordered = orderLike(undefined, data);
  return formatOf(file) === 'yaml' ? stringify(ordered, { lineWidth: 0 }) : JSON.stringify(ordered, null, 2) + '\n';
}
