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

/**
 * Every string in a value with its path (for text rules). Several rules walk the same plan in one
 * run of checkPlan, which lists it once (a batch validates a plan per row; the walks were ~10 % of it).
 */
export function strings(value: unknown): readonly [string, Path][] {
  if (listed && value === listed.value) return listed.list;
  const list: [string, Path][] = [];
  collect(value, [], list);
  return list;
}

/** The value checkPlan is checking and its strings (the value is not changed meanwhile). */
let listed: { value: unknown; list: [string, Path][] } | undefined;

/** Runs `fn` with the strings of `value` listed once for every rule that asks. */
export function withStringsOf<T>(value: unknown, fn: () => T): T {
  const list: [string, Path][] = [];
  collect(value, [], list);
  const before = listed;
  listed = { value, list };
  try {
    return fn();
  } finally {
    listed = before;
  }
}

function collect(value: unknown, path: Path, out: [string, Path][]): void {
  if (typeof value === 'string') out.push([value, path]);
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) collect(value[i], [...path, i], out);
  else if (value && typeof value === 'object') for (const k in value) if (k !== '$schema') collect((value as Record<string, unknown>)[k], [...path, k], out);
}

/** Vietnamese upper case without surrounding spaces, for comparisons. */
export const norm = (s: string | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi-VN');
