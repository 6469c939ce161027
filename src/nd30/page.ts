// Page setup defaults (NĐ 30/2020 Phụ lục I) and user options within the decree's ranges.
import type { PageSetup } from '../model/document.js';
import type { LayoutOptions } from '../schema/layout.js';

export const DEFAULT_PAGE: PageSetup = {
  // Within the ranges top/bottom 20–25, left 30–35, right 15–20 mm; the common practice values.
  margins: { top: 20, bottom: 20, left: 30, right: 15 },
  headerDistance: 10,
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
