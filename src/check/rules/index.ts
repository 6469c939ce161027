// `kehoach check`'s rules (docs/CHECK.md), in the order findings are reported.
import type { DocxFile } from '../docx-file.js';
import { locate, type DocType } from '../locate.js';
import { estimatePositions } from '../position.js';
import { readThemeFonts } from '../theme.js';
import { bodyRules } from './body.js';
import { closingRules } from './closing.js';
import { Ctx, type Finding } from './context.js';
import { headerRules } from './header.js';
import { encodingRules, fontRules, pageRules } from './page.js';
import { pageNumberRules } from './page-number.js';
import { titleRules } from './title.js';

export type { Finding } from './context.js';

export const CHECKS = [pageRules, fontRules, encodingRules, headerRules, titleRules, bodyRules, closingRules, pageNumberRules];

export interface CheckResult {
  type: DocType;
  findings: Finding[];
}

export function checkDocument(doc: DocxFile): CheckResult {
  const loc = locate(doc);
  const theme = readThemeFonts(doc.has('word/theme/theme1.xml') ? doc.xml('word/theme/theme1.xml') : undefined);
  const ctx = new Ctx(doc, loc, estimatePositions(doc), theme);
  for (const c of CHECKS) c(ctx);
  return { type: loc.type, findings: ctx.finish() };
}

/** The findings alone (tests, tools). */
export function checkDocx(doc: DocxFile): Finding[] {
  return checkDocument(doc).findings;
}
