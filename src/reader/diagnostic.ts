// One problem found in an input file, phrased for a clerk (Vietnamese).

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable id, e.g. "schema.invalid_type", "json.syntax". */
  code: string;
  file?: string;
  /** JSON path, e.g. "signer.name" or "content.blocks[2].items[0]". */
  path?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

/** Error thrown when an input cannot be used; carries every problem found. */
export class InputError extends Error {
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'InputError';
  }
}

export function formatPath(path: (string | number | symbol)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + String(seg);
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line !== undefined ? `dòng ${d.line}` : undefined, d.column !== undefined ? `cột ${d.column}` : undefined]
    .filter(Boolean)
    .join(', ');
  const label = d.severity === 'error' ? 'Lỗi' : 'Cảnh báo';
  const field = d.path ? ` tại "${d.path}"` : '';
  let s = `${label}${where ? ` (${where})` : ''}${field}: ${d.message}`;
  if (d.hint) s += `\n    → ${d.hint}`;
  return s;
}

/** 50000 → "50.000", as Vietnamese writes numbers (the same on every system, unlike toLocaleString). */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
