// The pipeline: input file → validated data → template markup → document model → page
// description → writers.
import type { DocType } from './doctypes/doctype.js';
import { type FontSet, loadFontSet } from './fonts/metrics.js';
import { layoutDocument, type PageOut } from './layout/index.js';
import { present } from './presentation/build.js';
import { writeDocx } from './writers/docx/index.js';
import { type PdfOptions, writePdf } from './writers/pdf/index.js';
import { buildDocument } from './model/build.js';
import type { DocumentModel } from './model/document.js';
import { resolvePage } from './nd30/page.js';
import { InputError, type Diagnostic } from './reader/diagnostic.js';
import { validateSource } from './reader/load.js';
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
  const { data } = validateSource(type.schema, source);
  const diags = type.check?.(data, source) ?? [];
  if (diags.some((d) => d.severity === 'error')) throw new InputError(diags);
  return { data, source, warnings: diags };
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

/** Model → page description → laid-out pages (what the PDF and the HTML preview draw). */
export function pagesFromModel(model: DocumentModel, fonts: FontSet = loadFontSet()): PageOut[] {
  return layoutDocument(present(model, fonts), fonts);
}
