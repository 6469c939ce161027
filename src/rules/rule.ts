// Domain rules on a validated plan: the decree's requirements and common sense that a
// schema cannot express (dates in order, the symbol, the signature stack, recipients, text).
import type { Plan } from '../schema/plan.js';

export type Path = (string | number)[];

export interface Finding {
  path: Path;
  message: string;
  hint?: string;
}

export interface Rule {
  id: string;
  severity: 'error' | 'warning';
  /** Where the rule comes from: an article/appendix of NĐ 30 or "thực tiễn" (practice). */
  source: string;
  check(plan: Plan, raw: unknown): Finding[];
}

/** Every string in a value with its path (for text rules). */
export function* strings(value: unknown, path: Path = []): Generator<[string, Path]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== '$schema') yield* strings(v, [...path, k]);
}

/** Vietnamese upper case without surrounding spaces, for comparisons. */
export const norm = (s: string | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi-VN');
