// NĐ 30 geometry derived from the text and the fonts: column widths and rule lengths.
// Shared by every writer so DOCX, PDF and HTML agree to the millimetre.
import type { Block, DocumentModel, PageSetup, Run } from '../model/document.js';
import { mmToPt, ptToMm, type FaceMetrics, type FontSet } from '../fonts/metrics.js';
import { italicReserve, lineWidths } from '../layout/linebreak.js';
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

/** Left column of the decree's official header table (Mẫu 1.4), mm. */
export const OFFICIAL_LEFT_WIDTH = 67.5;
/** How far the official header table reaches into the left margin, mm (nd30-format §2). */
export const MAX_BAND_OVERHANG = 3.5;

/** Narrowest left column of the header band when the right one widens for the place/date line, mm. */
export const MIN_LEFT_WIDTH = 55;
/** Smallest size the decree allows for the place/date line (13–14 pt). */
export const PLACE_DATE_MIN_SIZE = 13;

/** Smallest size the decree allows for the cơ quan chủ quản (12–13 pt). */
export const PARENT_MIN_SIZE = 12;

export interface HeaderGeometry {
  textWidth: number; // mm
  /** Offset of the header band's left edge from the left margin, mm (≤ 0: into the margin). */
  bandIndent: number;
  leftWidth: number; // mm
  rightWidth: number; // mm
  /** Cơ quan ban hành as the lines (paragraphs) both writers set, each fitting the left column. */
  agencyLines: string[];
  /** Cơ quan chủ quản lines and their size: 13 pt, or 12 pt (the decree's range allows it) when that keeps it on one line. */
  parentLines: string[];
  parentSize: number;
  /** Size of the place/date line: the page's, or smaller (down to 13 pt) when that keeps it on one line. */
  placeDateSize: number;
  mottoRule: number; // mm
  agencyRule: number; // mm
  summaryRule: number; // mm
  closingLeft: number; // mm
  closingRight: number; // mm
  /**
   * Whether the nơi nhận | signatory row is kept whole on one page. Not when it is taller than a
   * page body (a long nơi nhận list): Word and LibreOffice would clip such a row, so it may split.
   */
  closingCantSplit: boolean;
}

export function textWidthMm(model: DocumentModel, landscape = false): number {
  const page = landscape ? A4_LANDSCAPE : A4;
  return page.width - model.page.margins.left - model.page.margins.right;
}

/** Line widths of a centred text wrapped at `maxPt`, with the layout engine's breaks (Word's and LibreOffice's). */
export function wrappedLineWidths(runs: Run[], size: number, fonts: FontSet, maxPt: number): number[] {
  const spans = runs.filter((r) => r.text.length).map((r) => ({ text: r.text, face: fonts.face(r.bold, r.italic), size }));
  return spans.length ? lineWidths(spans, maxPt) : [];
}

/** Words that do not start a line of a name: "SỞ VĂN HÓA VÀ / THỂ THAO"; a dash would read as a list item. */
const NO_LINE_START = new Set(['VÀ', 'và', '-', '–']);
/** Natural places to break a name: after "VÀ", a comma or a dash ("SỞ NÔNG NGHIỆP VÀ / PHÁT TRIỂN NÔNG THÔN"). */
const goodBreakAfter = (word: string) => NO_LINE_START.has(word) || /[,;]$/.test(word);

type Split = { max: number; cuts: number[] } | null;

/**
 * A name (cơ quan ban hành) as lines that each fit `maxPt`: the name itself when
 * it fits, otherwise the fewest lines, balanced (the longest line as short as possible) rather than
 * greedy with a lone last word. Breaks after "VÀ", a comma or a dash are preferred, and no line
 * starts with "VÀ" or a dash unless there is no other way. A word wider than the column is left to
 * the line breaker; a clerk can still force lines with "\n" in the name.
 */
export function balancedLines(text: string, face: FaceMetrics, size: number, maxPt: number): string[] {
  const words = text.trim().split(/ +/);
  const fits = (line: string) => lineWidths([{ text: line, face, size }], maxPt).length === 1;
  if (fits(words.join(' ')) || words.some((w) => !fits(w))) return [text];
  const line = (i: number, j: number) => words.slice(i, j).join(' ');
  const width = (i: number, j: number) => face.width(line(i, j), size);
  type Mode = 'natural' | 'strict' | 'any';
  const allowed = (j: number, mode: Mode) => mode === 'any' || (!NO_LINE_START.has(words[j]) && (mode === 'strict' || goodBreakAfter(words[j - 1])));
  // best(i, k): words[i..] in k fitting lines, breaking only where `mode` allows, longest line shortest.
  const memo = new Map<string, Split>();
  const best = (i: number, k: number, mode: Mode): Split => {
    const key = `${i}/${k}/${mode}`;
    if (memo.has(key)) return memo.get(key)!;
    let out: Split = null;
    if (k === 1) out = fits(line(i, words.length)) ? { max: width(i, words.length), cuts: [] } : null;
    else
      for (let j = i + 1; j <= words.length - k + 1 && fits(line(i, j)); j++) {
        if (!allowed(j, mode)) continue;
        const rest = best(j, k - 1, mode);
        if (!rest) continue;
        const max = Math.max(width(i, j), rest.max);
        if (!out || max < out.max - 1e-9) out = { max, cuts: [j, ...rest.cuts] };
      }
    memo.set(key, out);
    return out;
  };
  for (let k = 2; k <= words.length; k++) {
    const split = best(0, k, 'natural') ?? best(0, k, 'strict') ?? best(0, k, 'any');
    if (!split) continue;
    const bounds = [0, ...split.cuts, words.length];
    return bounds.slice(1).map((end, n) => line(bounds[n], end));
  }
  return [text];
}

export function headerGeometry(model: DocumentModel, fonts: FontSet): HeaderGeometry {
  const p = model.page;
  const textWidth = textWidthMm(model);
  const bold = fonts.face(true, false);
  // The quốc hiệu must never wrap: measure it and add cell padding and a safety margin.
  const national = ptToMm(bold.width(model.header.nationalTitle, p.nationalTitleSize));
  // The left column keeps room for the cơ quan chủ quản on one line at the decree's 12 pt.
  const parentNeed = model.header.parent
    ? Math.max(...model.header.parent.split('\n').map((l) => ptToMm(fonts.face(false, false).width(l, PARENT_MIN_SIZE)))) + 2 * LAYOUT_CELL_PAD
    : 0;
  const bandWidth = textWidth + MAX_BAND_OVERHANG;
  // First so that the cơ quan chủ quản keeps one line; when no size allows both, the place/date
  // line wins (the cơ quan chủ quản is then set in balanced lines).
  const place = placeDateFit(model, fonts, bandWidth - Math.max(MIN_LEFT_WIDTH, parentNeed)) ??
    placeDateFit(model, fonts, bandWidth - MIN_LEFT_WIDTH) ?? {
      size: Math.min(p.placeDateSize, PLACE_DATE_MIN_SIZE),
      width: bandWidth - MIN_LEFT_WIDTH,
    };
  const rightWidth = Math.max(100, Math.ceil(national + 2 * LAYOUT_CELL_PAD + 3), place.width);
  // Like the official table, the band reaches up to 3.5 mm into the left margin so that the left
  // column gets its 67.5 mm (long agency names then keep to one line more often).
  const plainLeft = textWidth - rightWidth;
  const overhang = Math.min(MAX_BAND_OVERHANG, Math.max(0, OFFICIAL_LEFT_WIDTH - plainLeft));
  const leftWidth = plainLeft + overhang;
  const mottoRule = ptToMm(bold.width(model.header.motto, p.mottoSize));
  const leftInner = mmToPt(leftWidth - 2 * LAYOUT_CELL_PAD);
  // The clerk's own line breaks are kept; a line that still does not fit is balanced.
  const agencyLines = model.header.agency.split('\n').flatMap((l) => balancedLines(l, bold, p.agencySize, leftInner));
  // The cơ quan chủ quản (not bold) steps down to the decree's 12 pt before it would wrap.
  const regular = fonts.face(false, false);
  const parentRaw = model.header.parent ? model.header.parent.split('\n') : [];
  const fits = (size: number) => parentRaw.every((l) => regular.width(l, size) <= leftInner);
  const parentSize = fits(p.agencySize) ? p.agencySize : Math.min(p.agencySize, PARENT_MIN_SIZE);
  const parentLines = parentRaw.flatMap((l) => balancedLines(l, regular, parentSize, leftInner));
  // The rule follows the longest agency line as laid out.
  const agencyWidths = agencyLines.flatMap((l) => wrappedLineWidths([{ text: l, bold: true }], p.agencySize, fonts, leftInner));
  const agencyRule = ptToMm(Math.max(0, ...agencyWidths)) * RULE_SHARE;
  const maxPt = mmToPt(textWidth);
  const summaryWidths = model.title.summary.flatMap((line) => wrappedLineWidths(line, p.bodySize, fonts, maxPt));
  const summaryRule = ptToMm(Math.max(0, ...summaryWidths)) * RULE_SHARE;
  const closingLeft = RECIPIENTS_WIDTH;
  const bodyHeight = mmToPt(A4.height - p.margins.top - p.margins.bottom);
  const closingCantSplit = closingHeightPt(model, fonts, closingLeft, textWidth - closingLeft) <= bodyHeight;
  return {
    textWidth,
    bandIndent: -overhang,
    leftWidth,
    rightWidth,
    agencyLines,
    parentLines,
    parentSize,
    placeDateSize: place.size,
    mottoRule,
    agencyRule,
    summaryRule,
    closingLeft,
    closingRight: textWidth - closingLeft,
    closingCantSplit,
  };
}

/** Height of the closing block's row (single-spaced lines, wrapped in their columns), pt. */
export function closingHeightPt(model: DocumentModel, fonts: FontSet, leftMm: number, rightMm: number): number {
  const { recipients, signature } = model.closing;
  const height = (text: string, bold: boolean, italic: boolean, size: number, widthMm: number) => {
    const face = fonts.face(bold, italic);
    const n = text ? lineWidths([{ text, face, size }], mmToPt(widthMm - 2 * LAYOUT_CELL_PAD)).length : 1;
    return Math.max(1, n) * face.lineHeight * size;
  };
  let left = 0;
  if (recipients) {
    left += GAPS.beforeClosingBlock + height(recipients.label, true, true, RECIPIENT_LABEL_SIZE, leftMm);
    for (const item of recipients.items) left += height(item, false, false, RECIPIENT_ITEM_SIZE, leftMm);
  }
  let right = 0;
  if (signature) {
    const size = model.page.bodySize;
    right += GAPS.beforeClosingBlock;
    for (const l of signature.lines) right += height(l, true, false, size, rightMm);
    right += (signature.gapLines ?? model.page.signatureGapLines) * fonts.face(true, false).lineHeight * size;
    right += height(signature.name, true, false, size, rightMm);
  }
  return Math.max(left, right);
}

/**
 * The place/date line ("Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026") must not wrap: the
 * right column it needs at the page's size, or, when that is wider than `maxWidth` (mm), the
 * size stepped down within the decree's range; undefined when no size fits. Italic lines keep
 * LibreOffice's end reserve.
 */
export function placeDateFit(model: DocumentModel, fonts: FontSet, maxWidth: number): { size: number; width: number } | undefined {
  const italic = fonts.face(false, true);
  const lines = model.header.placeDate.split('\n').filter((l) => l.trim());
  const need = (size: number) =>
    Math.ceil((ptToMm(Math.max(0, ...lines.map((l) => italic.width(l, size))) + italicReserve(italic, size)) + 2 * LAYOUT_CELL_PAD + 0.3) * 10) / 10;
  const start = model.page.placeDateSize;
  for (let size = start; size >= Math.min(start, PLACE_DATE_MIN_SIZE); size -= 0.5) {
    if (need(size) <= maxWidth) return { size, width: need(size) };
  }
  return undefined;
}
