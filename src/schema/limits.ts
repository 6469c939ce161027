// Bounds on the size of a plan, so that no input can make a render take gigabytes or overflow
// the call stack. Each is far above every real plan in examples/ and examples/corpus/ (the
// largest value seen there is in the comment), and together they keep the largest plan allowed
// within a batch worker's heap (256 MB, two plans at a time): rendering cost grows with the
// parts (the DOCX library builds some 20 objects per paragraph, run and cell) and the text.
// bench/big-table.mjs measures it; docs/LIMITS.md lists the limits for clerks.
import { z } from 'zod';

export const LIMITS = {
  /** Characters in one text field: a paragraph, a cell, a title (seen: 2,192). */
  textLength: 50_000,
  /** Lists inside lists: items, bullets, phases, sub-targets (seen: 5; I./1./1.1./1.1.1./a)/-/+ is 7). */
  nesting: 20,
  /** Body rows of one table; its header rows are limited alike (seen: 51 body rows, 53 with the header). */
  tableRows: 1_000,
  /** Columns of one table, counting spans (seen: 7). */
  tableColumns: 30,
  /** Cells of one table: all its rows, header included, × its widest row, spans counted (seen: 212). */
  tableCells: 3_000,
  /**
   * Parts of the whole plan: paragraphs, list entries, table cells (as in tableCells), and in
   * text each bold or italic span, line break and footnote (seen: 657).
   */
  parts: 5_000,
  /** Characters of the whole plan (seen: 49,997). */
  totalText: 300_000,
  /** A number given to a section (I., II., …: Roman numerals end at 3,999) or an item (seen: 5). */
  number: 3_999,
} as const;

/** A string field with the length limit (checked first: the other checks may scan it). */
export const str = () => z.string().max(LIMITS.textLength, { message: 'text_too_long', abort: true });

/** The columns a cell takes: its colspan, or one. */
export const colSpan = (c: unknown): number =>
  c && typeof c === 'object' && 'colspan' in c && typeof c.colspan === 'number' && c.colspan >= 1 ? Math.floor(c.colspan) : 1;

/** A table's grid: its rows (header rows included) and its widest row, spans counted. */
export function tableGrid(table: unknown): { rows: number; columns: number; cells: number } {
  const t = (table && typeof table === 'object' ? table : {}) as { header?: unknown; rows?: unknown };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const header = list(t.header);
  // A header is one row of cells or a list of rows.
  const headerRows = header.length && header.every(Array.isArray) ? header : header.length ? [header] : [];
  const all = [...headerRows, ...list(t.rows)];
  let columns = 0;
  for (const row of all)
    columns = Math.max(
      columns,
      list(row).reduce((n: number, c) => n + colSpan(c), 0),
    );
  return { rows: all.length, columns, cells: all.length * columns };
}

/** Runs a text can add beyond its own: each bold or italic span (**, *), line break and footnote. */
function textParts(s: string): number {
  let stars = 0;
  let breaks = 0;
  let notes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2a && s.charCodeAt(i - 1) !== 0x2a) stars++;
    else if (c === 0x0a) breaks++;
    else if (c === 0x5e && s.charCodeAt(i + 1) === 0x5b) notes++;
  }
  return Math.ceil(stars / 2) + breaks + notes;
}

/** Keys whose lists nest: items in items, bullets in bullets, phases, sub-target rows. */
const NESTING_KEYS = new Set(['items', 'bullets', 'phases', 'rows']);

type Path = (string | number)[];

export interface LimitIssue {
  path: Path;
  message: 'too_deep' | 'too_many_parts' | 'too_much_text';
}

/** The size of a plan as the limits count it. */
export interface PlanSize {
  parts: number;
  text: number;
  /** Deepest list nesting. */
  nesting: number;
}

/**
 * The path of the list a path enters past LIMITS.nesting levels of lists, or undefined: lets the
 * reader say "lists nested over 20 levels" about a file too deep to parse.
 */
export function tooDeepList(path: Path): Path | undefined {
  let level = 0;
  for (let k = 0; k < path.length; k++) {
    const key = path[k];
    if (typeof key === 'string' && NESTING_KEYS.has(key) && path[k - 1] !== 'table' && ++level > LIMITS.nesting) return path.slice(0, k + 1);
  }
  return undefined;
}

/** Arrays that are a table's rows, header or one of their rows: counted as the table's grid. */
function isTableGridArray(path: Path): boolean {
  const n = path.length;
  return (
    (path[n - 2] === 'table' && (path[n - 1] === 'rows' || path[n - 1] === 'header')) ||
    (path[n - 3] === 'table' && (path[n - 2] === 'rows' || path[n - 2] === 'header'))
  );
}

/**
 * Measures a plan and reports the whole-plan limits no single field can check: list nesting,
 * the number of parts and the amount of text. Iterative (the reader has already bounded the raw
 * nesting); reports the first place each limit is passed. A table counts its grid, at most
 * LIMITS.tableCells (a bigger table is reported by its own check).
 */
export function measurePlan(data: unknown): { size: PlanSize; issues: LimitIssue[] } {
  const issues: LimitIssue[] = [];
  const found = new Set<string>();
  const size: PlanSize = { parts: 0, text: 0, nesting: 0 };
  const add = (parts: number, path: Path) => {
    size.parts += parts;
    if (size.parts > LIMITS.parts) report('too_many_parts', path);
  };
  const report = (message: LimitIssue['message'], path: Path) => {
    if (found.has(message)) return;
    found.add(message);
    issues.push({ path, message });
  };
  const stack: { value: unknown; path: Path; level: number }[] = [{ value: data, path: [], level: 0 }];
  while (stack.length) {
    const { value, path, level } = stack.pop()!;
    if (typeof value === 'string') {
      // A string over its own limit is reported by its field, not again here.
      size.text += Math.min(value.length, LIMITS.textLength);
      if (size.text > LIMITS.totalText) report('too_much_text', path);
      add(textParts(value.length > LIMITS.textLength ? value.slice(0, LIMITS.textLength) : value), path);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const key = path[path.length - 1];
    // Table rows are a grid, not a nesting.
    const nests = Array.isArray(value) && typeof key === 'string' && NESTING_KEYS.has(key) && path[path.length - 2] !== 'table';
    const inner = nests ? level + 1 : level;
    size.nesting = Math.max(size.nesting, inner);
    if (inner > LIMITS.nesting) report('too_deep', path);
    if (key === 'table' && !Array.isArray(value)) add(Math.min(tableGrid(value).cells, LIMITS.tableCells), path);
    else if (Array.isArray(value) && !isTableGridArray(path)) add(value.length, path);
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, k) => [k, v]) : Object.entries(value);
    // A nesting problem is reported once, at its first list; going deeper would only repeat it.
    if (inner > LIMITS.nesting) continue;
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k][1], path: [...path, entries[k][0]], level: inner });
  }
  return { size, issues };
}

/**
 * The whole-plan limits of a plan's input (DocType.limits), in the order the clerk wrote it.
 * `far`: twice over the parts or the text, or lists nested too deep — refused at once, without
 * the schema and the rules each walking all of it (49,000 wrong blocks: 600 MB and 9 s of
 * messages). A plan a little over is validated too, its limits reported with every other problem.
 */
export function planLimits(data: unknown): { issues: LimitIssue[]; far: boolean } {
  const { size, issues } = measurePlan(data);
  return { issues, far: size.parts > 2 * LIMITS.parts || size.text > 2 * LIMITS.totalText || size.nesting > LIMITS.nesting };
}

/** A table's grid within LIMITS.tableCells (a superRefine of the table schema). */
export function addTableLimitIssues(value: unknown, ctx: z.RefinementCtx): void {
  const grid = tableGrid(value);
  if (grid.cells > LIMITS.tableCells) ctx.addIssue({ code: 'custom', message: 'too_many_cells', path: ['rows'], input: undefined, params: grid });
}
