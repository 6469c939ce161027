// The pipeline: input file → validated data → template markup → document model → page
// description → writers.
import type { DocType } from './doctypes/doctype.js';
import type { InputChange } from './doctypes/ke-hoach-input.js';
import { type FontSet, loadFontSet } from './fonts/metrics.js';
import { layoutDocument, type PageOut } from './layout/index.js';
import { present } from './presentation/build.js';
import type { Notice } from './presentation/types.js';
import { writeDocx } from './writers/docx/index.js';
import { type PdfOptions, writePdf } from './writers/pdf/index.js';
import { buildDocument } from './model/build.js';
import type { DocumentModel } from './model/document.js';
import { resolvePage } from './nd30/page.js';
import { formatPath, InputError, type Diagnostic } from './reader/diagnostic.js';
import { limitDiagnostics, validateSource } from './reader/load.js';
import { readSource, type Source } from './reader/source.js';
import { loadTemplates, type TemplateSet } from './template/engine.js';

export function templatesFor<T>(type: DocType<T>, customDir?: string): TemplateSet {
  return loadTemplates(type.templates, customDir, type.helpers);
}

/** Validated data → document model, through the type's templates. */
export function buildModel<T>(type: DocType<T>, data: T, templates: TemplateSet, extra?: Record<string, unknown>): DocumentModel {
  const markup = templates.render(type.context(data, extra)).normalize('NFC');
  return buildDocument(markup, resolvePage(type.layout(data)));
}

export interface Loaded<T> {
  data: T;
  source: Source;
  /** Rule warnings (errors throw). */
  warnings: Diagnostic[];
}

/** Schema validation, then the type's domain rules; throws InputError listing every error. */
export function checkSource<T>(type: DocType<T>, source: Source): Loaded<T> {
  const { data: raw, understood } = normalizeInput(type, source);
  const limits = type.limits?.(raw);
  const over = limits ? limitDiagnostics(limits.issues, source) : [];
  if (limits?.far) throw new InputError([...over, ...understood]);
  let data: T;
  try {
    data = validateSource(type.schema, { ...source, data: raw }, type.aliasOf).data;
  } catch (e) {
    // What was understood is still worth saying next to what is wrong.
    if (e instanceof InputError && (over.length || understood.length)) throw new InputError([...e.diagnostics, ...over, ...understood]);
    throw e;
  }
  if (over.length) throw new InputError([...over, ...understood]);
  const diags = [...understood, ...(type.check?.(data, source) ?? [])];
  if (diags.some((d) => d.severity === 'error')) throw new InputError(diags);
  return { data, source, warnings: diags };
}

/** Sets the value at `path` in data the normaliser walked (every step but the last exists). */
function setIn(data: unknown, path: (string | number)[], value: unknown): void {
  let node = data as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/** The clerk forms a type understands, rewritten on a copy and reported as warnings (one per change, in order). */
export function normalizeInput<T>(type: DocType<T>, source: Source): { data: unknown; understood: Diagnostic[]; changes: InputChange[] } {
  const changes = type.normalize?.(source.data) ?? [];
  // Most inputs are in the canonical form already: no copy (a plan's copy was ~0.07 ms a batch row).
  if (!changes.length) return { data: source.data, understood: [], changes };
  const data = structuredClone(source.data);
  for (const c of changes) {
    setIn(data, c.path, c.value);
    if (c.sibling) setIn(data, [...c.path.slice(0, -1), c.sibling.key], c.sibling.value);
  }
  const understood = changes.map(
    (c): Diagnostic => ({
      severity: 'warning',
      code: 'input.understood',
      file: source.file,
      path: formatPath(c.path),
      ...source.locate(c.path),
      message: `đã hiểu "${c.from}" là ${c.to}.`,
      hint: 'Chạy "kehoach validate --fix" để ghi lại theo cách viết chuẩn.',
    }),
  );
  return { data, understood, changes };
}

export function loadInput<T>(type: DocType<T>, file: string): Loaded<T> {
  return checkSource(type, readSource(file));
}

/** Reads, validates and builds the model of one input file. */
export function modelFromFile<T>(type: DocType<T>, file: string, templates: TemplateSet): Loaded<T> & { model: DocumentModel } {
  const loaded = loadInput(type, file);
  return { ...loaded, model: buildModel(type, loaded.data, templates) };
}

/** Model → page description → DOCX, for callers holding a model (tests, tools). */
export function docxFromModel(model: DocumentModel, fonts: FontSet = loadFontSet()): Promise<Uint8Array> {
  return writeDocx(present(model, fonts));
}

/** Model → page description → PDF. */
export function pdfFromModel(model: DocumentModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  const fonts = opts.fonts ?? loadFontSet();
  return writePdf(present(model, fonts), { ...opts, fonts });
}

/** What the page description had to compromise on (a table too narrow for its words), as warnings. */
export function noticeDiagnostics(notices: Notice[], file?: string): Diagnostic[] {
  return notices.map((n) => ({ severity: 'warning', code: `layout.${n.code}`, file, message: n.message, hint: n.hint }));
}

/** The layout warnings of validated data: the model built and its page described, nothing written. */
export function layoutWarnings<T>(type: DocType<T>, data: T, templates: TemplateSet, file?: string, fonts: FontSet = loadFontSet()): Diagnostic[] {
  return noticeDiagnostics(present(buildModel(type, data, templates), fonts).notices, file);
}

/** Model → page description → laid-out pages (what the PDF and the HTML preview draw). */
export function pagesFromModel(model: DocumentModel, fonts: FontSet = loadFontSet()): PageOut[] {
  return layoutDocument(present(model, fonts), fonts);
}
