// The ONE place where tests reach into the code under test for rendered output. The writers'
// APIs move during refactors: only this file needs updating then. Everything else measures the
// DOCX and PDF bytes from outside (test/helpers/ooxml.ts, test/helpers/pdf-extract.ts, and
// LibreOffice's rendering of the DOCX via test/helpers/libreoffice.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { keHoach } from '../../src/doctypes/ke-hoach.js';
import type { DocumentModel } from '../../src/model/document.js';
export type { Block, DocumentModel, Paragraph, ParagraphStyle, Run, Table } from '../../src/model/document.js';
export type { Plan } from '../../src/schema/plan.js';
import { buildModel, docxFromModel, modelFromFile, pagesFromModel, pdfFromModel, templatesFor } from '../../src/pipeline.js';
import { Plan } from '../../src/schema/plan.js';
import { loadFontSet } from '../../src/fonts/metrics.js';
import { present } from '../../src/presentation/build.js';
import { writeDocx, writeDocxWithLibrary } from '../../src/writers/docx/index.js';
import { EXTRA_CASES } from './cases.js';

export const ROOT = resolve(__dirname, '..', '..');

export interface Rendered {
  /** Short name: the example's file name without .json, or the extra case's slug. */
  name: string;
  /** The validated plan (plain data, as the user wrote it after defaults). */
  plan: Plan;
  /** The document model (for tests that compare with the model's content, never its geometry). */
  model: DocumentModel;
  docx: Uint8Array;
  pdf: Uint8Array;
}

/**
 * Every example plan: examples/*.json and, when present, examples/corpus/*.yaml (the real plans
 * reproduced as issued; `{ corpus: false }` for the tests written for our own standalone plans).
 */
export function exampleFiles(opts: { corpus?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const dir of ['examples', ...(opts.corpus === false ? [] : [join('examples', 'corpus')])]) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) if (/\.(json|ya?ml)$/.test(f)) out.push(join(abs, f));
  }
  return out;
}

/** The name of an example: its file name without .json (corpus files get a "corpus-" prefix). */
export function exampleName(file: string): string {
  const name = basename(file).replace(/\.(json|ya?ml)$/, '');
  return file.includes(`${join('examples', 'corpus')}`) ? `corpus-${name}` : name;
}

let templates: ReturnType<typeof templatesFor> | undefined;
const tpl = () => (templates ??= templatesFor(keHoach));
const cache = new Map<string, Promise<Rendered>>();

async function render(name: string, plan: Plan, model: DocumentModel): Promise<Rendered> {
  const [docx, pdf] = await Promise.all([docxFromModel(model), pdfFromModel(model)]);
  return { name, plan, model, docx: new Uint8Array(docx), pdf };
}

/** The DOCX of a model (for tests of the writer's determinism). */
export async function docxOf(model: DocumentModel): Promise<Uint8Array> {
  return new Uint8Array(await docxFromModel(model));
}

/** The DOCX of a model as the writer gives it (reusing the library's XML) and as the docx library alone writes it. */
export async function docxBothWays(model: DocumentModel): Promise<{ fast: Uint8Array; library: Uint8Array }> {
  const doc = present(model, loadFontSet());
  return { fast: new Uint8Array(await writeDocx(doc)), library: new Uint8Array(await writeDocxWithLibrary(doc)) };
}

/** DOCX and PDF of a model built by the caller. */
export async function renderModel(model: DocumentModel): Promise<{ docx: Uint8Array; pdf: Uint8Array }> {
  const [docx, pdf] = await Promise.all([docxFromModel(model), pdfFromModel(model)]);
  return { docx: new Uint8Array(docx), pdf };
}

/** DOCX and PDF of one example file (cached per test process). */
export function renderExample(file: string): Promise<Rendered> {
  const key = `file:${file}`;
  let r = cache.get(key);
  if (!r) {
    const { data, model } = modelFromFile(keHoach, file, tpl());
    r = render(exampleName(file), data as Plan, model);
    cache.set(key, r);
  }
  return r;
}

/** Validates a plan (plain JSON data) and builds its document model. */
export function modelOf(plan: unknown): { plan: Plan; model: DocumentModel } {
  const data = Plan.parse(plan);
  return { plan: data, model: buildModel(keHoach, data, tpl()) };
}

/** DOCX and PDF of a plan given as data (not cached: the caller owns the data). */
export function renderPlan(name: string, plan: unknown): Promise<Rendered> {
  const { plan: data, model } = modelOf(plan);
  return render(name, data, model);
}

/** The minimal example as plain JSON, to patch into edge cases. */
export function minimalPlan(): Record<string, any> {
  return JSON.parse(readFileSync(join(ROOT, 'examples', 'minimal.json'), 'utf8'));
}

/** DOCX and PDF of one of the extra cases in test/helpers/cases.ts (cached per test process). */
export function renderCase(slug: string): Promise<Rendered> {
  const key = `case:${slug}`;
  let r = cache.get(key);
  if (!r) {
    const c = EXTRA_CASES.find((x) => x.slug === slug);
    if (!c) throw new Error(`no extra case "${slug}"`);
    r = renderPlan(slug, c.plan(minimalPlan()));
    cache.set(key, r);
  }
  return r;
}

/** Every document the LibreOffice-based tests look at: the examples, then the extra cases. */
export function allRenderNames(opts: { corpus?: boolean } = {}): string[] {
  return [...exampleFiles(opts).map(exampleName), ...EXTRA_CASES.map((c) => c.slug)];
}

/** Renders a document by the name allRenderNames() gives it. */
export function renderByName(name: string): Promise<Rendered> {
  const file = exampleFiles().find((f) => exampleName(f) === name);
  return file ? renderExample(file) : renderCase(name);
}

/** How many pages a model lays out to (the layout the PDF draws). */
export function pageCount(model: DocumentModel): number {
  return pagesFromModel(model).length;
}
