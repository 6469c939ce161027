// Merging a row over the base plan. The rules (docs/BATCH.md):
//   - objects merge key by key, recursively;
//   - anything else (strings, numbers, null, arrays) replaces what was there;
//   - an index path ("targets.rows[3].value") reaches into an existing array element;
//   - missing objects along a path are created.
import { formatFieldPath, isForbiddenKey, type Segment } from './field-path.js';

export type PlainObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is PlainObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A row field that cannot be applied (the message is for the clerk). */
export class MergeError extends Error {
  constructor(
    message: string,
    public readonly hint?: string,
  ) {
    super(message);
    this.name = 'MergeError';
  }
}

/** Recursive object merge: `over` wins; arrays and scalars replace. Returns a new object. */
export function deepMerge(base: PlainObject, over: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (isForbiddenKey(k)) throw new MergeError(`tên trường "${k}" không được phép.`);
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? deepMerge(cur, v) : structuredClone(v);
  }
  return out;
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'danh sách';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'chuỗi chữ';
  if (typeof v === 'number') return 'số';
  if (typeof v === 'boolean') return 'true/false';
  return 'giá trị';
}

/**
 * Sets `value` at `path` inside `target` (mutated), merging objects as above.
 * An array index may point at an existing element or one past the end (appends).
 */
export function setPath(target: PlainObject, path: readonly Segment[], value: unknown): void {
  let cur: unknown = target;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k];
    const last = k === path.length - 1;
    const here = k ? formatFieldPath(path.slice(0, k)) : 'kế hoạch';
    let container: PlainObject | unknown[];
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) throw new MergeError(`"${here}" là ${kindOf(cur)}, không phải danh sách nên không dùng được chỉ số [${seg}].`);
      if (seg > cur.length)
        throw new MergeError(
          `chỉ số [${seg}] vượt quá danh sách "${here}" (có ${cur.length} phần tử, đánh số từ 0).`,
          cur.length ? `Dùng chỉ số từ 0 đến ${cur.length - 1}, hoặc [${cur.length}] để thêm một phần tử vào cuối.` : `Dùng [0] để thêm phần tử đầu tiên.`,
        );
      container = cur;
    } else {
      if (!isPlainObject(cur)) throw new MergeError(`"${here}" là ${kindOf(cur)}, không có trường con "${seg}".`);
      container = cur;
    }
    const slot = container as Record<string | number, unknown>;
    if (last) {
      const existing = slot[seg];
      slot[seg] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : structuredClone(value);
    } else {
      const next = path[k + 1];
      if (slot[seg] === undefined || slot[seg] === null) slot[seg] = typeof next === 'number' ? [] : {};
      cur = slot[seg];
    }
  }
}
