// Bounds on the size of a plan, so that no input can make a render take gigabytes or overflow
// the call stack. Each is far above every real plan in examples/ and examples/corpus/ (the
// largest value seen there is in the comment); docs/LIMITS.md lists them for clerks.
import { z } from 'zod';

export const LIMITS = {
  /** Characters in one text field: a paragraph, a cell, a title (seen: 2,192). */
  textLength: 50_000,
  /** Lists inside lists: items, bullets, phases, sub-targets (seen: 5; I./1./1.1./1.1.1./a)/-/+ is 7). */
  nesting: 20,
  /** Rows of one table, header rows included (seen: 51). */
  tableRows: 5_000,
  /** Columns of one table, counting spans (seen: 7). */
  tableColumns: 30,
  /** Paragraphs, list entries and table cells of the whole plan (seen: 682). */
  parts: 100_000,
  /** Characters of the whole plan (seen: 49,997). */
  totalText: 2_000_000,
  /** A number given to a section (I., II., …: Roman numerals end at 3,999) or an item (seen: 5). */
  number: 3_999,
} as const;

/** A string field with the length limit (checked first: the other checks may scan it). */
export const str = () => z.string().max(LIMITS.textLength, { message: 'text_too_long', abort: true });

/** Keys whose lists nest: items in items, bullets in bullets, phases, sub-target rows. */
const NESTING_KEYS = new Set(['items', 'bullets', 'phases', 'rows']);

type Path = (string | number)[];

export interface LimitIssue {
  path: Path;
  message: 'too_deep' | 'too_many_parts' | 'too_much_text';
}

/**
 * Whole-plan limits no single field can check: list nesting, the number of parts and the
 * amount of text. Iterative (the reader has already bounded the raw nesting); stops at the
 * first problem of each kind and reports where it is.
 */
export function planLimitIssues(data: unknown): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const found = new Set<string>();
  const report = (message: LimitIssue['message'], path: Path) => {
    if (found.has(message)) return;
    found.add(message);
    issues.push({ path, message });
  };
  let parts = 0;
  let text = 0;
  const stack: { value: unknown; path: Path; level: number }[] = [{ value: data, path: [], level: 0 }];
  while (stack.length) {
    const { value, path, level } = stack.pop()!;
    if (typeof value === 'string') {
      // A string over its own limit is reported by its field, not again here.
      text += Math.min(value.length, LIMITS.textLength);
      if (text > LIMITS.totalText) report('too_much_text', path);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const key = path[path.length - 1];
    // Table rows are a grid, not a nesting; their cells count as parts.
    const nests = Array.isArray(value) && typeof key === 'string' && NESTING_KEYS.has(key) && path[path.length - 2] !== 'table';
    const inner = nests ? level + 1 : level;
    if (inner > LIMITS.nesting) report('too_deep', path);
    if (Array.isArray(value)) {
      parts += value.length;
      if (parts > LIMITS.parts) report('too_many_parts', path);
    }
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, k) => [k, v]) : Object.entries(value);
    // A nesting problem is reported once, at its first list; going deeper would only repeat it.
    if (inner > LIMITS.nesting) continue;
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k][1], path: [...path, entries[k][0]], level: inner });
  }
  return issues;
}

/** The whole-plan limits as zod issues (a superRefine of the plan schema). */
export function addPlanLimitIssues(value: unknown, ctx: z.RefinementCtx): void {
  for (const issue of planLimitIssues(value)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: undefined });
}
