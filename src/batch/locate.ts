// Puts a merged plan's diagnostics back where the clerk wrote the value: the cell or key in
// the rows file when the row set it, else the base plan's line and column.
import type { Diagnostic } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';
import { getPath, parseFieldPath, startsWith, type Segment } from './field-path.js';
import type { Row, RowField } from './rows.js';

function placeAt(d: Diagnostic, pos: { file: string; line?: number; column?: number } | undefined, fallbackFile: string): Diagnostic {
  const { line: _l, column: _c, file: _f, ...rest } = d;
  return {
    ...rest,
    file: pos?.file ?? fallbackFile,
    ...(pos?.line !== undefined ? { line: pos.line } : {}),
    ...(pos?.column !== undefined ? { column: pos.column } : {}),
  };
}

/** The row field a diagnostic at `segs` comes from, if the row set it. */
export function fieldFor(segs: Segment[], message: string, row: Row, base: unknown): { field: RowField; rest: Segment[] } | undefined {
  // Later fields override earlier ones, so look from the end.
  for (let k = row.fields.length - 1; k >= 0; k--) {
    const f = row.fields[k];
    if (!startsWith(segs, f.path)) continue;
    const rest = segs.slice(f.path.length);
    const inRow = rest.length === 0 || getPath(f.value, rest) !== undefined;
    // A nested problem the row did not write comes from the base, merged under the row's object.
    if (!inRow && getPath(base, segs) !== undefined) continue;
    return { field: f, rest: inRow ? rest : [] };
  }
  // A problem about an object the row wrote into, e.g. an unknown key "isuer" from "isuer.name".
  const below = row.fields.filter((f) => f.path.length > segs.length && startsWith(f.path, segs));
  const named = below.find((f) => message.includes(`"${String(f.path[segs.length])}"`));
  if (named) return { field: named, rest: [] };
  if (below.length && getPath(base, segs) === undefined) return { field: below[0], rest: [] };
  return undefined;
}

export function placeDiagnostics(diags: Diagnostic[], row: Row, base: Source): Diagnostic[] {
  return diags.map((d) => {
    const segs = d.path ? (parseFieldPath(d.path) ?? []) : [];
    const hit = fieldFor(segs, d.message, row, base.data);
    if (hit) return placeAt(d, hit.field.at(hit.rest), row.file);
    return placeAt(d, { file: base.file, ...base.locate(segs) }, base.file);
  });
}
