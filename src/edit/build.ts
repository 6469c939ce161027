// One editor build: the plan as the browser holds it → findings (schema, NĐ 30 rules, layout
// notices, each with its field path and a fix where one is known) and the A4 pages. A plan being
// written is often incomplete: the pages are then drawn with "…" in the empty required fields,
// so the clerk sees the document grow from the first line, and the findings say what is missing.
import { keHoach } from '../doctypes/ke-hoach.js';
import type { FontSet } from '../fonts/metrics.js';
import { layoutDocument, type PageOut } from '../layout/index.js';
import { MarkupError } from '../model/markup.js';
import { buildModel, noticeDiagnostics, normalizeInput } from '../pipeline.js';
import { present } from '../presentation/build.js';
import type { Presentation } from '../presentation/types.js';
import { formatPath, InputError, type Diagnostic } from '../reader/diagnostic.js';
import { normalizeStrings, validateSource } from '../reader/load.js';
import { issuesToDiagnostics } from '../reader/messages.js';
import type { Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { TemplateError, type TemplateSet } from '../template/engine.js';
import { pagesHtml } from '../writers/html/index.js';
import { editFindings, fixFor, getAt, parsePath, type FixView, type PathSeg } from './fixes.js';
import { isObject, type Json } from './plan-text.js';

export interface FindingView {
  severity: 'error' | 'warning';
  code: string;
  /** The field ("signer.name", "sections[0].blocks[2]"); absent for the whole document. */
  path?: string;
  message: string;
  hint?: string;
  /** The rule and where it comes from ("archive-vt", "NĐ 30, Phụ lục I"). */
  rule?: string;
  source?: string;
  fix?: FixView;
}

export interface EditBuild {
  findings: FindingView[];
  /** The pages, when the plan (with placeholders) could be laid out. */
  pages?: PageOut[];
  html?: string;
  doc?: Presentation;
  /** The plan the pages were made from (with "…" where required fields are empty). */
  plan?: Plan;
  /** Empty required fields were shown as "…". */
  placeholders: boolean;
  /** Why there are no pages (a template or markup problem), for the notice above the pages. */
  problem?: string;
  ms: number;
}

const RULE_SUFFIX = /\s*\[([\w-]+)(?:; (.+))?\]$/;

function view(d: Diagnostic & { fix?: FixView }, fix?: FixView): FindingView {
  const m = RULE_SUFFIX.exec(d.message);
  return {
    severity: d.severity,
    code: d.code,
    path: d.path || undefined,
    message: m ? d.message.slice(0, m.index) : d.message,
    hint: d.hint,
    rule: m?.[1],
    source: m?.[2],
    fix: d.fix ?? fix,
  };
}

const PLACEHOLDER = '…';
/** Values that make a field valid for the preview only. */
const PLACEHOLDERS: Record<string, Json> = { abbreviation: 'XX', date: String(new Date().getFullYear()) };

/** What stands in for a missing field: a list, an object or a text, as its message says. */
function missing(d: Diagnostic): Json {
  const said = `${d.message} ${d.hint ?? ''}`;
  return /danh sách/.test(said) ? [PLACEHOLDER] : /đối tượng/.test(said) ? {} : PLACEHOLDER;
}

function setAt(root: Json, path: PathSeg[], value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path.at(-1)!;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (isObject(parent)) {
    if (value === undefined) delete parent[key as string];
    else parent[key as string] = value;
  }
}

/** The plan with what blocks validation patched over, or undefined when that does not suffice. */
function withPlaceholders(raw: Json): Plan | undefined {
  let data = structuredClone(raw);
  if (!isObject(data)) return undefined;
  for (let round = 0; round < 6; round++) {
    const r = keHoach.schema.safeParse(normalizeStrings(data), { reportInput: true });
    if (r.success) return r.data;
    const diags = issuesToDiagnostics(r.error.issues);
    // Deepest first, and list elements from the end, so patching one does not move another.
    diags.sort((a, b) => (b.path ?? '').localeCompare(a.path ?? '', 'en', { numeric: true }));
    for (const d of diags) {
      const path = parsePath(d.path ?? '');
      if (!path.length) return undefined;
      const value = getAt(data, path);
      const parent = getAt(data, path.slice(0, -1));
      const key = String(path.at(-1));
      if (Array.isArray(parent) && (value === '' || value === undefined)) setAt(data, path, undefined);
      else if (Array.isArray(value) && value.length === 0) setAt(data, path, [PLACEHOLDER]);
      else if (value === undefined || value === '' || /thiếu trường/.test(d.message)) setAt(data, path, PLACEHOLDERS[key] ?? missing(d));
      else if (round < 3) setAt(data, path, undefined);
      else setAt(data, path, PLACEHOLDERS[key] ?? PLACEHOLDER);
    }
    data = structuredClone(data);
  }
  return undefined;
}

/** Schema, rules and the clerk's own forms, as findings with fixes. */
function check(data: Json, file: string): { findings: FindingView[]; plan?: Plan; raw: Json } {
  const source: Source = { file, text: '', data, locate: () => undefined };
  const { data: raw, understood, changes } = normalizeInput(keHoach, source);
  const findings: FindingView[] = understood.map((d, i) => view(d, fixFor(d, data, changes[i])));
  let plan: Plan | undefined;
  try {
    plan = validateSource(keHoach.schema, { ...source, data: raw }, keHoach.aliasOf).data;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    findings.push(...e.diagnostics.map((d) => view(d)));
  }
  if (plan) findings.push(...(keHoach.check?.(plan, source) ?? []).map((d) => view(d, fixFor(d, data))));
  findings.push(...editFindings(data).map((d) => view(d)));
  return { findings, plan, raw: raw as Json };
}

/** Findings and pages of the plan `data` (the file name is only for messages). */
export function buildEdit(data: Json, file: string, templates: TemplateSet, fonts: FontSet): EditBuild {
  const t0 = performance.now();
  const { findings, plan, raw } = check(data, file);
  const shown = plan ?? withPlaceholders(raw);
  const out: EditBuild = { findings, placeholders: !plan && !!shown, ms: 0 };
  if (shown) {
    try {
      const doc = present(buildModel(keHoach, shown, templates), fonts);
      out.doc = doc;
      out.plan = shown;
      out.pages = layoutDocument(doc, fonts);
      out.html = pagesHtml(out.pages);
      findings.push(...noticeDiagnostics(doc.notices, file).map((d) => view(d)));
    } catch (e) {
      if (!(e instanceof TemplateError || e instanceof MarkupError)) throw e;
      out.problem =
        e instanceof TemplateError
          ? `Mẫu có lỗi (${e.file}${e.line ? `, dòng ${e.line}` : ''}): ${e.message}`
          : `Mẫu sinh ra văn bản sai cú pháp: ${e.message}`;
    }
  } else out.problem = 'Chưa vẽ được trang: sửa các lỗi được đánh dấu đỏ.';
  out.ms = Math.round(performance.now() - t0);
  return out;
}

export { formatPath };
