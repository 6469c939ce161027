// What a document type supplies to the shared pipeline.
import type { HelperDelegate } from 'handlebars';
import type { z } from 'zod';
import type { LayoutOptions } from '../schema/layout.js';
import type { Diagnostic } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';

export interface DocType<T> {
  id: string;
  /** Vietnamese name shown to clerks. */
  name: string;
  schema: z.ZodType<T>;
  /** Folder under templates/. */
  templates: string;
  layout(data: T): LayoutOptions | undefined;
  context(data: T, extra?: Record<string, unknown>): object;
  /** Domain rules beyond the schema (errors stop rendering, warnings are printed). */
  check?(data: T, source: Source): Diagnostic[];
  /** Extra helpers the type's templates need. */
  helpers?: Record<string, HelperDelegate>;
  /** Default output file name without extension (ASCII). */
  fileStem(data: T): string;
}
