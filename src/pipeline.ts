// The pipeline: input file → validated data → template markup → document model → writers.
import type { DocType } from './doctypes/doctype.js';
import { keHoach } from './doctypes/ke-hoach.js';
import { buildDocument } from './model/build.js';
import type { DocumentModel } from './model/document.js';
import { resolvePage } from './nd30/page.js';
import { loadFile } from './reader/load.js';
import { loadTemplates, type TemplateSet } from './template/engine.js';

export const DOC_TYPES: Record<string, DocType<any>> = { [keHoach.id]: keHoach };

export function templatesFor<T>(type: DocType<T>, customDir?: string): TemplateSet {
  return loadTemplates(type.templates, customDir, type.helpers);
}

/** Validated data → document model, through the type's templates. */
export function buildModel<T>(type: DocType<T>, data: T, templates: TemplateSet, extra?: Record<string, unknown>): DocumentModel {
  const markup = templates.render(type.context(data, extra)).normalize('NFC');
  return buildDocument(markup, resolvePage(type.layout(data)));
}

/** Reads, validates and builds the model of one input file. */
export function modelFromFile<T>(type: DocType<T>, file: string, templates: TemplateSet): { data: T; model: DocumentModel } {
  const { data } = loadFile(type.schema, file);
  return { data, model: buildModel(type, data, templates) };
}
