// What a document type supplies to the shared pipeline.
import type { HelperDelegate } from 'handlebars';
import type { z } from 'zod';
import type { LayoutOptions } from '../schema/layout.js';
import type { Diagnostic } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';
import type { InputChange } from './ke-hoach-input.js';

export interface DocType<T> {
  id: string;
  /** Vietnamese name shown to clerks. */
  name: string;
  schema: z.ZodType<T>;
  /** Folder under templates/. */
  templates: string;
  layout(data: T): LayoutOptions | undefined;
  context(data: T, extra?: Record<string, unknown>): object;
  /**
   * Whole-input size limits (no one field can check them), measured on the input as written
   * (after normalize): `far` over them, it is refused at once, before the schema and the rules;
   * otherwise the issues are reported with the schema's.
   */
  limits?(data: unknown): { issues: { path: (string | number)[]; message: string }[]; far: boolean };
  /** Domain rules beyond the schema (errors stop rendering, warnings are printed). */
  check?(data: T, source: Source): Diagnostic[];
  /** The clerk forms it understands, as changes to apply in order (`data` is not changed). */
  normalize?(data: unknown): InputChange[];
  /** The field a name in the clerk's own words stands for (a did-you-mean). */
  aliasOf?(key: string): string | undefined;
  /** Extra helpers the type's templates need. */
  helpers?: Record<string, HelperDelegate>;
  /** Default output file name without extension (ASCII). */
  fileStem(data: T): string;
}
