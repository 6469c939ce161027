// The layout engine's entry point: a page description → laid-out pages (glyph runs and rules at
// absolute positions), shared by the PDF writer and the HTML preview.
import { type FontSet, loadFontSet } from '../fonts/metrics.js';
import type { Presentation } from '../presentation/types.js';
import { paginate } from './paginate.js';
import { SpecBuilder } from './resolve.js';
import type { PageOut } from './types.js';

export type { PageOut } from './types.js';

/** The pages of every section, in order. `fonts` must be the set the description was measured with. */
export function layoutDocument(doc: Presentation, fonts: FontSet = loadFontSet()): PageOut[] {
  const specs = new SpecBuilder(doc, fonts);
  return doc.sections.flatMap((s) => paginate(specs.section(s)).pages);
}
