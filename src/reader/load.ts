// Reads and validates an input file against a document type's zod schema.
import type { z } from 'zod';
import { InputError, type Diagnostic } from './diagnostic.js';
import { issuesToDiagnostics } from './messages.js';
import { readSource, type Source } from './source.js';

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

export interface Validated<T> {
  data: T;
  source: Source;
}

/** Validates parsed data; every problem comes back at once, with line/column where found. */
export function validateSource<S extends z.ZodType>(schema: S, source: Source): Validated<z.infer<S>> {
  const result = schema.safeParse(normalizeStrings(source.data));
  if (result.success) return { data: result.data, source };
  const diags: Diagnostic[] = issuesToDiagnostics(result.error.issues).map((d) => {
    const segs = (d.path ?? '').match(/[^.[\]]+/g) ?? [];
    const pos = source.locate(segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
    return { ...d, file: source.file, ...pos };
  });
  throw new InputError(diags);
}

export function loadFile<S extends z.ZodType>(schema: S, file: string): Validated<z.infer<S>> {
  return validateSource(schema, readSource(file));
}
