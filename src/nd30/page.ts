// Page setup defaults (NĐ 30/2020 Phụ lục I) and user options within the decree's ranges.
import type { PageSetup } from '../model/document.js';
import type { LayoutOptions } from '../schema/layout.js';

/** A4, mm. */
export const A4 = { width: 210, height: 297 };
export const A4_LANDSCAPE = { width: 297, height: 210 };
/** Distance of the running header (page number) and footer from the page edge, mm. */
export const HEADER_DISTANCE = 10;
export const FOOTER_DISTANCE = 10;

/** Font of every part of the document (NĐ 30 Điều 5: Times New Roman, Unicode TCVN 6909). */
export const FONT_FAMILY = 'Times New Roman';
export const LANGUAGE = 'vi-VN';

export const DEFAULT_PAGE: PageSetup = {
  // Within the ranges top/bottom 20–25, left 30–35, right 15–20 mm; the common practice values.
  margins: { top: 20, bottom: 20, left: 30, right: 15 },
  headerDistance: HEADER_DISTANCE,
  bodySize: 14,
  firstLineIndent: 10,
  spaceBefore: 6,
  spaceAfter: 0,
  lineSpacing: 1,
  tableSize: 13,
  nationalTitleSize: 13,
  mottoSize: 14,
  agencySize: 13,
  placeDateSize: 14,
  signatureGapLines: 4,
  pageNumbers: true,
};

export function resolvePage(opts: LayoutOptions = {}): PageSetup {
  const p: PageSetup = { ...DEFAULT_PAGE, margins: { ...DEFAULT_PAGE.margins, ...(opts.margins ?? {}) } };
  if (opts.fontSize) p.bodySize = opts.fontSize;
  if (opts.headerSizes === '12-13-13') {
    p.nationalTitleSize = 12;
    p.mottoSize = 13;
    p.placeDateSize = 13;
    p.agencySize = 12;
  }
  if (opts.firstLineIndent) p.firstLineIndent = opts.firstLineIndent;
  if (opts.lineSpacing) p.lineSpacing = opts.lineSpacing;
  if (opts.paragraphSpacing) p.spaceBefore = opts.paragraphSpacing;
  if (opts.tableFontSize) p.tableSize = opts.tableFontSize;
  if (opts.signatureGap) p.signatureGapLines = opts.signatureGap;
  if (opts.pageNumbers !== undefined) p.pageNumbers = opts.pageNumbers;
  return p;
}
