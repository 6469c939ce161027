// The header band: cơ quan chủ quản, cơ quan ban hành and its rule | quốc hiệu, tiêu ngữ and its
// rule; số (and the độ mật / độ khẩn stamps) | địa danh, ngày. Laid out like the decree's official
// table, with column widths, sizes and line splits measured from the text.
import type { FaceMetrics, FontSet } from '../fonts/metrics.js';
import type { Header, PageSetup } from '../model/document.js';
import {
  AGENCY_MIN_SIZE,
  LAYOUT_CELL_PAD,
  MAX_BAND_OVERHANG,
  MIN_LEFT_WIDTH,
  MIN_RIGHT_WIDTH,
  NATIONAL_TITLE_SLACK,
  NUMBER_ROW_GAP,
  OFFICIAL_LEFT_WIDTH,
  PARENT_MIN_SIZE,
  PLACE_DATE_MIN_SIZE,
  RULE_SHARE,
  SIZE_STEP,
} from '../nd30/header.js';
import { italicReserve } from '../text/linebreak.js';
import { mmToPt, ptToMm } from '../util/units.js';
import { balancedLines, wrappedLineWidths } from './measure.js';
import { layoutTable, lines, rule, stamp } from './parts.js';
import type { Table } from './types.js';

export interface BandGeometry {
  /** Offset of the band's left edge from the left margin, mm (≤ 0: into the margin). */
  bandIndent: number;
  leftWidth: number; // mm
  rightWidth: number; // mm
  /** Cơ quan ban hành as the lines (paragraphs) it is set in, each fitting the left column. */
  agencyLines: string[];
  /** Cơ quan chủ quản lines and their size: 13 pt, or 12 pt (the decree's range allows it) when that keeps it on one line. */
  parentLines: string[];
  parentSize: number;
  /** Size of the cơ quan ban hành: the page's, or smaller (down to 12 pt) when that keeps the clerk's lines. */
  agencySize: number;
  /** Size of the place/date line: the page's, or smaller (down to 13 pt) when that keeps it on one line. */
  placeDateSize: number;
  mottoRule: number; // mm
  agencyRule: number; // mm
}

/**
 * The place/date line ("Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026") must not wrap: the
 * right column it needs at the page's size, or, when that is wider than `maxWidth` (mm), the
 * size stepped down within the decree's range (not below `minSize`); undefined when no size fits. Italic lines keep
 * LibreOffice's end reserve.
 */
export function placeDateFit(
  header: Header,
  page: PageSetup,
  fonts: FontSet,
  maxWidth: number,
  minSize = PLACE_DATE_MIN_SIZE,
): { size: number; width: number } | undefined {
  const italic = fonts.face(false, true);
  const texts = header.placeDate.split('\n').filter((l) => l.trim());
  const need = (size: number) =>
    Math.ceil((ptToMm(Math.max(0, ...texts.map((l) => italic.width(l, size))) + italicReserve(italic, size)) + 2 * LAYOUT_CELL_PAD + 0.3) * 10) / 10;
  const start = page.placeDateSize;
  for (let size = start; size >= Math.min(start, minSize); size -= SIZE_STEP) {
    if (need(size) <= maxWidth) return { size, width: need(size) };
  }
  return undefined;
}

/** Widest of the clerk's lines of `text` at `size`, cell padding included, mm. */
function linesNeed(text: string | undefined, face: FaceMetrics, size: number): number {
  if (!text) return 0;
  return Math.max(...text.split('\n').map((l) => ptToMm(face.width(l, size)))) + 2 * LAYOUT_CELL_PAD;
}

/**
 * Column widths: the right one holds the quốc hiệu and the place/date line on one line each; the
 * left one, where the sizes the decree allows make room, keeps the cơ quan chủ quản and the cơ
 * quan ban hành in the lines the clerk typed ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH").
 */
function columns(header: Header, p: PageSetup, fonts: FontSet, textWidth: number) {
  // The quốc hiệu must never wrap: measure it and add cell padding and a safety margin.
  const national = ptToMm(fonts.face(true, false).width(header.nationalTitle, p.nationalTitleSize));
  const minRight = Math.max(MIN_RIGHT_WIDTH, Math.ceil(national + 2 * LAYOUT_CELL_PAD + NATIONAL_TITLE_SLACK));
  const bandWidth = textWidth + MAX_BAND_OVERHANG;
  // The cơ quan chủ quản on one line at the decree's 12 pt.
  const parentNeed = linesNeed(header.parent, fonts.face(false, false), PARENT_MIN_SIZE);
  // The agency in the clerk's lines, at 13 pt or down to 12 pt; a line wider than any left
  // column could be is balanced anyway, and asks for nothing.
  const agencyNeed = (size: number) => {
    const need = linesNeed(header.agency, fonts.face(true, false), size);
    return need <= bandWidth - minRight ? need : 0;
  };
  const agencySizes: number[] = [];
  for (let size = p.agencySize; size >= Math.min(p.agencySize, AGENCY_MIN_SIZE); size -= SIZE_STEP) agencySizes.push(size);
  // First so that both keep their lines; then the agency smaller; when no size allows it, the
  // place/date line wins (the names are then set in balanced lines). The place/date line keeps
  // the page's size (the decree steps it with the quốc hiệu and tiêu ngữ: 13/14/14 or 12/13/13);
  // only when it would wrap even beside the narrowest left column is it set smaller.
  const atPageSize = (maxWidth: number) => placeDateFit(header, p, fonts, maxWidth, p.placeDateSize);
  let fit: { size: number; width: number; agencySize: number } | undefined;
  for (const agencySize of agencySizes) {
    const place = atPageSize(bandWidth - Math.max(MIN_LEFT_WIDTH, parentNeed, agencyNeed(agencySize)));
    if (place) {
      fit = { ...place, agencySize };
      break;
    }
  }
  fit ??= {
    ...(atPageSize(bandWidth - Math.max(MIN_LEFT_WIDTH, parentNeed)) ??
      placeDateFit(header, p, fonts, bandWidth - MIN_LEFT_WIDTH) ?? {
        size: Math.min(p.placeDateSize, PLACE_DATE_MIN_SIZE),
        width: bandWidth - MIN_LEFT_WIDTH,
      }),
    agencySize: p.agencySize,
  };
  const rightWidth = Math.max(minRight, fit.width);
  // Like the official table, the band reaches up to 3.5 mm into the left margin so that the left
  // column gets its 67.5 mm (long agency names then keep to one line more often).
  const plainLeft = textWidth - rightWidth;
  const overhang = Math.min(MAX_BAND_OVERHANG, Math.max(0, OFFICIAL_LEFT_WIDTH - plainLeft));
  return { bandIndent: -overhang, leftWidth: plainLeft + overhang, rightWidth, placeDateSize: fit.size, agencySize: fit.agencySize };
}

export function bandGeometry(header: Header, p: PageSetup, fonts: FontSet, textWidth: number): BandGeometry {
  const cols = columns(header, p, fonts, textWidth);
  const bold = fonts.face(true, false);
  const leftInner = mmToPt(cols.leftWidth - 2 * LAYOUT_CELL_PAD);
  // The clerk's own line breaks are kept; a line that still does not fit is balanced.
  const agencyLines = header.agency.split('\n').flatMap((l) => balancedLines(l, bold, cols.agencySize, leftInner));
  // The cơ quan chủ quản (not bold) steps down to the decree's 12 pt before it would wrap, and is
  // never larger than the agency under it.
  const regular = fonts.face(false, false);
  const parentRaw = header.parent ? header.parent.split('\n') : [];
  const fits = (size: number) => parentRaw.every((l) => regular.width(l, size) <= leftInner);
  const parentSize = fits(cols.agencySize) ? cols.agencySize : Math.min(cols.agencySize, PARENT_MIN_SIZE);
  const parentLines = parentRaw.flatMap((l) => balancedLines(l, regular, parentSize, leftInner));
  // The rule follows the longest agency line as laid out.
  const agencyWidths = agencyLines.flatMap((l) => wrappedLineWidths([{ text: l, bold: true }], cols.agencySize, fonts, leftInner));
  return {
    ...cols,
    agencyLines,
    parentLines,
    parentSize,
    mottoRule: ptToMm(bold.width(header.motto, p.mottoSize)),
    agencyRule: ptToMm(Math.max(0, ...agencyWidths)) * RULE_SHARE,
  };
}

/** The band as a borderless two-row table that never splits. */
export function headerBand(h: Header, p: PageSetup, g: BandGeometry, fonts: FontSet): Table {
  const inner = (w: number) => w - 2 * LAYOUT_CELL_PAD;
  const left = [
    ...(g.parentLines.length ? lines('parent', g.parentLines.join('\n'), { size: g.parentSize !== p.agencySize ? g.parentSize : undefined }) : []),
    ...lines('agency', g.agencyLines.join('\n'), { size: g.agencySize !== p.agencySize ? g.agencySize : undefined }),
    rule(g.agencyRule, inner(g.leftWidth)),
  ];
  const right = [...lines('national', h.nationalTitle), ...lines('motto', h.motto), rule(g.mottoRule, inner(g.rightWidth))];
  const numberCell = lines('number', h.number, { before: NUMBER_ROW_GAP });
  for (const mark of [h.confidentiality, h.urgency]) if (mark) numberCell.push(stamp(mark, p.bodySize, inner(g.leftWidth), fonts));
  const placeDate = lines('placeDate', h.placeDate, { before: NUMBER_ROW_GAP, size: g.placeDateSize !== p.placeDateSize ? g.placeDateSize : undefined });
  return layoutTable(
    [g.leftWidth, g.rightWidth],
    [
      [left, right],
      [numberCell, placeDate],
    ],
    { cantSplit: true, indentMm: g.bandIndent },
  );
}
