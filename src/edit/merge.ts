// Three-way merge of plan data: the clerk's edit in the browser (ours) and a change made to the
// file by someone or something else (theirs), from the version both started from (base). A field
// changed on one side only takes that change; a field changed on both sides differently is a
// conflict (ours is kept in the result, and the path is reported so the clerk can choose).
import { formatPath } from '../reader/diagnostic.js';
import { deepEqual, isObject, type Json } from './plan-text.js';

export interface MergeResult {
  data: Json;
  /** Paths changed on both sides differently ("signer.name", "recipients"). */
  conflicts: string[];
}

const MISSING = undefined as unknown as Json;

function mergeAt(base: Json, ours: Json, theirs: Json, path: (string | number)[], conflicts: string[]): Json {
  if (deepEqual(ours, theirs)) return ours;
  if (deepEqual(base, ours)) return theirs;
  if (deepEqual(base, theirs)) return ours;
  if (isObject(ours) && isObject(theirs)) {
    const b = isObject(base) ? base : {};
    const out: Record<string, Json> = {};
    const keys = [...Object.keys(theirs), ...Object.keys(ours).filter((k) => !Object.hasOwn(theirs, k))];
    for (const k of keys) {
      const v = mergeAt(
        Object.hasOwn(b, k) ? b[k] : MISSING,
        Object.hasOwn(ours, k) ? ours[k] : MISSING,
        Object.hasOwn(theirs, k) ? theirs[k] : MISSING,
        [...path, k],
        conflicts,
      );
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && Array.isArray(base) && ours.length === theirs.length && ours.length === base.length)
    return ours.map((o, i) => mergeAt(base[i], o, theirs[i], [...path, i], conflicts));
  conflicts.push(formatPath(path) || '(cả tệp)');
  return ours;
}

export function mergePlans(base: Json, ours: Json, theirs: Json): MergeResult {
  const conflicts: string[] = [];
  const data = mergeAt(base, ours, theirs, [], conflicts);
  return { data, conflicts };
}
