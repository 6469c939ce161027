// Plain-data helpers shared by the editor's browser modules (no DOM here: the tests import it).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };
export type Seg = string | number;

export const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

export function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** "recipients[2].note" → ["recipients", 2, "note"]. */
export function parsePath(path: string): Seg[] {
  return (path.match(/[^.[\]]+/g) ?? []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function formatPath(path: Seg[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : (out ? '.' : '') + s;
  return out;
}

export function getAt(root: Json | undefined, path: Seg[]): Json | undefined {
  let v: unknown = root;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v as Json | undefined;
}

/**
 * Sets a value, creating objects on the way; `undefined` removes the key (or the list element).
 * An object left empty by a removal is removed from its parent too, so clearing the last field
 * of "urgency" or "archive" does not leave `archive: {}` in the file.
 */
export function setAt(root: Obj, path: Seg[], value: Json | undefined): void {
  let node: Json = root;
  const chain: [Obj | Json[], Seg][] = [];
  for (let i = 0; i < path.length - 1; i++) {
    const s = path[i];
    const container = node as Obj;
    let next = container[s as string];
    if (next === undefined || next === null || typeof next !== 'object') {
      if (value === undefined) return;
      next = typeof path[i + 1] === 'number' ? [] : {};
      container[s as string] = next;
    }
    chain.push([container, s]);
    node = next;
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === 'number') {
    if (value === undefined) node.splice(last, 1);
    else node[last] = value;
  } else if (isObj(node)) {
    if (value === undefined) delete node[last as string];
    else node[last as string] = value;
  }
  if (value !== undefined) return;
  for (let i = chain.length - 1; i >= 0; i--) {
    const [parent, key] = chain[i];
    const child = (parent as Obj)[key as string];
    if (isObj(child) && Object.keys(child).length === 0 && !Array.isArray(parent)) delete (parent as Obj)[key as string];
    else break;
  }
}
