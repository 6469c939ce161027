// One preview build: plan + templates → document model → laid-out pages (HTML at once, PDF
// and DOCX after). Never throws: a problem becomes an ErrorView for the overlay.
import { basename, extname } from 'node:path';
import { keHoach } from '../doctypes/ke-hoach.js';
import { loadFontSet, type FontSet } from '../fonts/metrics.js';
import { layoutDocument, type PageOut } from '../layout/index.js';
import type { DocumentModel } from '../model/document.js';
import { buildModel, checkSource, noticeDiagnostics, templatesFor } from '../pipeline.js';
import { present } from '../presentation/build.js';
import type { Presentation } from '../presentation/types.js';
import { readSource, type Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { writeDocx } from '../writers/docx/index.js';
import { pagesHtml } from '../writers/html/index.js';
import { renderPages } from '../writers/pdf/index.js';
import { describeError, displayPath, type ErrorView, type ProblemView } from './errors.js';

export interface PreviewInput {
  planFile: string;
  templateDir?: string;
  fonts?: FontSet;
}

export interface GoodBuild {
  /** The validated plan (template authors' clicks are traced back through it). */
  plan: Plan;
  model: DocumentModel;
  /** The page description the pages were laid out from (the DOCX is written from it too). */
  doc: Presentation;
  pages: PageOut[];
  /** The pages as HTML (one `.kh-page` per line). */
  html: string;
  warnings: ProblemView[];
  /** Download name without extension, as `kehoach render` names its outputs. */
  stem: string;
  ms: number;
}

export type BuildOutcome = ({ ok: true } & GoodBuild) | { ok: false; error: ErrorView; ms: number };

export interface BuildResult {
  outcome: BuildOutcome;
  /** Template files read by this build (empty when the templates failed to load). */
  templateFiles: string[];
}

export function buildPreview(input: PreviewInput): BuildResult {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let templateFiles: string[] = [];
  let source: Source | undefined;
  try {
    const templates = templatesFor(keHoach, input.templateDir);
    templateFiles = templates.files;
    source = readSource(input.planFile);
    const { data, warnings } = checkSource(keHoach, source);
    const model = buildModel(keHoach, data, templates);
    const fonts = input.fonts ?? loadFontSet();
    const doc = present(model, fonts);
    const pages = layoutDocument(doc, fonts);
    return {
      templateFiles,
      outcome: {
        ok: true,
        plan: data,
        model,
        doc,
        pages,
        html: pagesHtml(pages),
        warnings: [...warnings, ...noticeDiagnostics(doc.notices, source.file)].map((d) => ({
          file: d.file && displayPath(d.file),
          line: d.line,
          column: d.column,
          path: d.path,
          message: d.message,
          hint: d.hint,
        })),
        stem: basename(input.planFile, extname(input.planFile)),
        ms: ms(),
      },
    };
  } catch (e) {
    return { templateFiles, outcome: { ok: false, error: describeError(e, source?.text), ms: ms() } };
  }
}

/** The PDF of a good build, from the pages already laid out. */
export function pdfOf(b: GoodBuild): Promise<Uint8Array> {
  return renderPages(b.pages, b.doc.meta);
}

export function docxOf(b: GoodBuild): Promise<Uint8Array> {
  return writeDocx(b.doc);
}
