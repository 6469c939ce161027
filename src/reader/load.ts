// Reads and validates an input file against a document type's zod schema.
import { z } from 'zod';
import { InputError, type Diagnostic } from './diagnostic.js';
import { shortPath } from './depth.js';
import { issuesToDiagnostics } from './messages.js';
import type { Source } from './source.js';

/** Deep copy with every string in Unicode NFC (decomposed marks render detached). */
export function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeStrings) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeStrings(v);
    return out as T;
  }
  return value;
}

/** Every property name a schema knows, for "did you mean" hints. */
const knownKeys = new WeakMap<object, string[]>();
function keysOf(schema: z.ZodType): string[] {
  let keys = knownKeys.get(schema);
  if (!keys) {
    const set = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && v && typeof v === 'object') for (const p of Object.keys(v)) set.add(p);
          walk(v);
        }
      }
    };
    walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
    keys = [...set];
    knownKeys.set(schema, keys);
  }
  return keys;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The known key closest to an unknown one, if it is a likely typo. */
export function suggestKey(schema: z.ZodType, key: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of keysOf(schema)) {
    const dd = distance(key.toLowerCase(), k.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return best && bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

export interface Validated<T> {
  data: T;
  source: Source;
}

/** Validates parsed data; every problem comes back at once, with line/column where found. */
export function validateSource<S extends z.ZodType>(schema: S, source: Source, aliasOf?: (key: string) => string | undefined): Validated<z.infer<S>> {
  // reportInput: without it zod 4 leaves issue.input empty and every wrong type reads as "missing".
  const result = schema.safeParse(normalizeStrings(source.data), { reportInput: true });
  if (result.success) return { data: result.data, source };
  throw new InputError(locate(issuesToDiagnostics(result.error.issues), source, schema, aliasOf));
}

/**
 * Whole-plan limits found before validation (measurePlan): reported alone, without running the
 * schema over an input that big (zod, the NFC pass and the rules would each walk all of it).
 */
export function limitDiagnostics(issues: readonly { path: (string | number)[]; message: string }[], source: Source): Diagnostic[] {
  return locate(issuesToDiagnostics(issues.map((i) => ({ code: 'custom', message: i.message, path: i.path, input: undefined }) as z.core.$ZodIssue)), source);
}

/** Diagnostics with the file, line and column of their path (and a did-you-mean for unknown keys). */
function locate(diags: Diagnostic[], source: Source, schema?: z.ZodType, aliasOf?: (key: string) => string | undefined): Diagnostic[] {
  return diags.map((d) => {
    const segs = (d.path ?? '').match(/[^.[\]]+/g) ?? [];
    const path = segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const pos = source.locate(path);
    if (schema && d.code === 'schema.unrecognized_keys') {
      const key = segs[segs.length - 1] ?? '';
      const near = aliasOf?.(key) ?? suggestKey(schema, key);
      const parent = segs.slice(0, -1).join('.') || 'gốc tệp';
      // A name valid elsewhere in the format but not here: saying "did you mean items?" about
      // "items" would only confuse.
      if (near === key)
        d.hint = `Trường "${key}" có trong định dạng nhưng không đặt trực tiếp trong "${parent}"; xem ví dụ trong docs/KE-HOACH.md và thư mục examples/.`;
      else if (near) d.hint = `Có phải ý bạn là "${near}"? ` + (d.hint ?? '');
    }
    // A path through 20 nested lists is shown by its start and end; the line points at it.
    return { ...d, path: path.length > 24 ? shortPath(path) : d.path, file: source.file, ...pos };
  });
}
