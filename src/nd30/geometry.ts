// NĐ 30 geometry derived from the text and the fonts: column widths and rule lengths.
// Shared by every writer so DOCX, PDF and HTML agree to the millimetre.
import type { Block, DocumentModel, PageSetup, Run } from '../model/document.js';
import { mmToPt, ptToMm, type FontSet } from '../fonts/metrics.js';
import { lineWidths } from '../layout/linebreak.js';
import { paragraphGeometry } from './styles.js';

export const A4 = { width: 210, height: 297 };
export const A4_LANDSCAPE = { width: 297, height: 210 };

/** Left/right cell padding used in the layout tables (header band, closing block), mm. */
export const LAYOUT_CELL_PAD = 1;
/** Default cell padding in content tables, mm (Word's 0.19 cm). */
export const TABLE_CELL_PAD = 1.9;

/** Share of the text length used for the agency and trích yếu rules (decree: 1/3 to 1/2). */
export const RULE_SHARE = 0.4;
/** Space between the text and the rule under it, pt. */
export const RULE_GAP_BEFORE = 2;
/** Rule thickness, pt. */
export const RULE_WIDTH = 0.75;

/** Vertical gaps (pt) the decree leaves open; chosen from the official template. */
export const GAPS = {
  beforeKind: 18, // between the header band and "KẾ HOẠCH"
  afterSummaryRule: 12, // after the trích yếu rule, before the body
  beforeClosingBlock: 12, // between the last body paragraph and Nơi nhận | signatory
};

/**
 * Where the gap under a title rule (trích yếu, appendix title) goes. Word adds a paragraph's space
 * after to the next one's space before, LibreOffice (and our PDF) take the larger, so a space
 * after never meets a space before: the first body paragraph carries the gap as its space before
 * (at least its style's own); only a body starting with a table or a page break leaves it to the
 * rule's space after.
 */
export function gapUnderRule(first: Block | undefined, page: PageSetup): { ruleAfter: number; firstBefore?: number } {
  const gap = GAPS.afterSummaryRule;
  if (first?.kind !== 'paragraph') return { ruleAfter: gap };
  return { ruleAfter: 0, firstBefore: Math.max(gap, paragraphGeometry(first.style, page).spaceBefore) };
}

export const RECIPIENT_LABEL_SIZE = 12;
export const RECIPIENT_ITEM_SIZE = 11;
/** Width of the Nơi nhận column (decree: ~53 mm), mm. */
export const RECIPIENTS_WIDTH = 55;

export interface HeaderGeometry {
  textWidth: number; // mm
  leftWidth: number; // mm
  rightWidth: number; // mm
  mottoRule: number; // mm
  agencyRule: number; // mm
  summaryRule: number; // mm
  closingLeft: number; // mm
  closingRight: number; // mm
}

export function textWidthMm(model: DocumentModel, landscape = false): number {
  const page = landscape ? A4_LANDSCAPE : A4;
  return page.width - model.page.margins.left - model.page.margins.right;
}

export function runsWidthPt(runs: Run[], size: number, fonts: FontSet): number {
  return runs.reduce((w, r) => w + fonts.face(r.bold, r.italic).width(r.text, size), 0);
}

/** Line widths of a centred text wrapped at `maxPt`, with the layout engine's breaks (Word's and LibreOffice's). */
export function wrappedLineWidths(runs: Run[], size: number, fonts: FontSet, maxPt: number): number[] {
  const spans = runs.filter((r) => r.text.length).map((r) => ({ text: r.text, face: fonts.face(r.bold, r.italic), size }));
  return spans.length ? lineWidths(spans, maxPt) : [];
}

export function headerGeometry(model: DocumentModel, fonts: FontSet): HeaderGeometry {
  const p = model.page;
  const textWidth = textWidthMm(model);
  const bold = fonts.face(true, false);
  // The quốc hiệu must never wrap: measure it and add cell padding and a safety margin.
  const national = ptToMm(bold.width(model.header.nationalTitle, p.nationalTitleSize));
  const rightWidth = Math.max(100, Math.ceil(national + 2 * LAYOUT_CELL_PAD + 3));
  const leftWidth = textWidth - rightWidth;
  const mottoRule = ptToMm(bold.width(model.header.motto, p.mottoSize));
  // A long agency name wraps in its column: the rule follows the longest line as laid out.
  const agencyInner = mmToPt(leftWidth - 2 * LAYOUT_CELL_PAD);
  const agencyWidths = model.header.agency.split('\n').flatMap((l) => wrappedLineWidths([{ text: l, bold: true }], p.agencySize, fonts, agencyInner));
  const agencyRule = ptToMm(Math.max(0, ...agencyWidths)) * RULE_SHARE;
  const maxPt = mmToPt(textWidth);
  const summaryWidths = model.title.summary.flatMap((line) => wrappedLineWidths(line, p.bodySize, fonts, maxPt));
  const summaryRule = ptToMm(Math.max(0, ...summaryWidths)) * RULE_SHARE;
  const closingLeft = RECIPIENTS_WIDTH;
  return { textWidth, leftWidth, rightWidth, mottoRule, agencyRule, summaryRule, closingLeft, closingRight: textWidth - closingLeft };
}
