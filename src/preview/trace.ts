// A place on a laid-out page → the template file and line that wrote it (for template authors,
// in `kehoach preview` and `kehoach edit`). The plan is rendered once more with a traced template
// set (template/trace.ts); the printed line under the point is found among the traced elements
// by its text, the smallest element holding it winning.
import { keHoach } from '../doctypes/ke-hoach.js';
import type { PageOut } from '../layout/types.js';
import type { Plan } from '../schema/plan.js';
import { loadTemplates, type TemplateSet } from '../template/engine.js';
import { tracedElements, type TracedElement } from '../template/trace.js';
import { displayPath } from './errors.js';

export interface TraceView {
  /** The template file (as the author names it) and the line of the tag. */
  file?: string;
  line?: number;
  /** The printed line that was clicked. */
  text?: string;
}

/** The text of the printed line of `page` (0-based) nearest to `y` (points from the top). */
export function lineAt(page: PageOut, y: number): string | undefined {
  let best: { y: number; d: number } | undefined;
  for (const r of page.runs) {
    const top = r.y - r.face.ascent * r.size;
    const bottom = r.y + r.face.descent * r.size;
    const d = y < top ? top - y : y > bottom ? y - bottom : 0;
    if (!best || d < best.d) best = { y: r.y, d };
  }
  if (!best || best.d > 12) return undefined;
  return page.runs
    .filter((r) => Math.abs(r.y - best.y) < 0.01)
    .sort((a, b) => a.x - b.x)
    .map((r) => r.text)
    .join('');
}

/** Text compared without spaces, case or the marks the model adds (numbers, "./."). */
const squash = (s: string) =>
  s
    .normalize('NFC')
    .replace(/^\s*([IVXLC]+\.|\d+(\.\d+)*[.)]|[a-zđ][.)]|[-+])\s+/u, '')
    .replace(/\.\/\.\s*$/, '')
    .replace(/[\s\u00a0]+/g, '')
    .toLocaleLowerCase('vi-VN');

/** The smallest traced element whose text holds the printed line (the first of equals). */
export function elementFor(elements: TracedElement[], line: string): TracedElement | undefined {
  const want = squash(line);
  if (!want) return undefined;
  let best: { e: TracedElement; size: number } | undefined;
  for (const e of elements) {
    const have = squash(e.text);
    if (have.includes(want) && (!best || have.length < best.size)) best = { e, size: have.length };
  }
  return best?.e;
}

/** Traced renders of a template folder, one per plan (the last one kept). */
export class Tracer {
  private set: TemplateSet | undefined;
  private last: { plan: Plan; elements: TracedElement[] } | undefined;

  constructor(private readonly templateDir?: string) {}

  elements(plan: Plan): TracedElement[] {
    if (this.last?.plan === plan) return this.last.elements;
    this.set ??= loadTemplates(keHoach.templates, this.templateDir, keHoach.helpers, { trace: true });
    const elements = tracedElements(this.set.render(keHoach.context(plan)).normalize('NFC'));
    this.last = { plan, elements };
    return elements;
  }

  /** What wrote the printed line at (page number from 1, y in points) of `pages`. */
  at(plan: Plan, pages: PageOut[], pageNo: number, y: number): TraceView | undefined {
    const page = pages[pageNo - 1];
    const text = page ? lineAt(page, y) : undefined;
    if (!text) return undefined;
    try {
      const e = elementFor(this.elements(plan), text);
      return e ? { file: displayPath(e.file), line: e.line, text } : { text };
    } catch {
      // A template that fails traced fails untraced too: the preview says so elsewhere.
      return { text };
    }
  }
}
