// What a document type supplies to the shared pipeline.
import type { HelperDelegate } from 'handlebars';
import type { z } from 'zod';
import type { LayoutOptions } from '../schema/layout.js';

export interface DocType<T> {
  id: string;
  /** Vietnamese name shown to clerks. */
  name: string;
  schema: z.ZodType<T>;
  /** Folder under templates/. */
  templates: string;
  layout(data: T): LayoutOptions | undefined;
  context(data: T, extra?: Record<string, unknown>): object;
  /** Extra helpers the type's templates need. */
  helpers?: Record<string, HelperDelegate>;
  /** Default output file name without extension (ASCII). */
  fileStem(data: T): string;
}
