// Named Word styles, so a clerk can keep editing the file with Word's style gallery.
import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IParagraphStylePropertiesOptions, type IStylesOptions } from 'docx';
import type { PageSetup, ParagraphStyle } from '../../model/document.js';
import { paragraphGeometry, WORD_STYLES, type Align } from '../../nd30/styles.js';
import { RECIPIENT_ITEM_SIZE, RECIPIENT_LABEL_SIZE } from '../../nd30/geometry.js';

export const FONT = 'Times New Roman';
/** "Mực … màu đỏ tươi": the độ khẩn / độ mật stamps. */
export const STAMP_RED = 'FF0000';
export const twip = (mm: number) => Math.round(mm * 56.6929);
export const halfPt = (pt: number) => Math.round(pt * 2);

export const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
};

/** Line spacing in Word's "auto" rule: 240 = single. */
export const lineSpacing = (page: PageSetup) => ({ line: Math.round(240 * page.lineSpacing), lineRule: LineRuleType.AUTO });

/** Ids of the styles used for the fixed parts of the document. */
export const PART = {
  parent: 'VBParent',
  agency: 'VBAgency',
  number: 'VBNumber',
  national: 'VBNational',
  motto: 'VBMotto',
  placeDate: 'VBPlaceDate',
  kind: 'VBKind',
  summary: 'VBSummary',
  rule: 'VBRule',
  recipientsLabel: 'VBRecipientsLabel',
  recipient: 'VBRecipient',
  signTitle: 'VBSignTitle',
  signer: 'VBSigner',
  table: 'VBTable',
  appendixLabel: 'VBAppendixLabel',
  appendixTitle: 'VBAppendixTitle',
  appendixNote: 'VBAppendixNote',
  pageNumber: 'VBPageNumber',
  urgency: 'VBUrgency',
} as const;

function part(id: string, name: string, size: number, opts: { bold?: boolean; italic?: boolean; align?: Align; caps?: boolean } = {}): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: 'Normal',
    quickFormat: true,
    run: { size: halfPt(size), bold: opts.bold, italics: opts.italic },
    paragraph: { alignment: ALIGN[opts.align ?? 'center'], spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
  };
}

function bodyStyle(id: string, name: string, style: ParagraphStyle, page: PageSetup, outlineLevel?: number): IParagraphStyleOptions {
  const g = paragraphGeometry(style, page);
  return {
    id,
    name,
    basedOn: 'Normal',
    next: style.startsWith('heading') ? WORD_STYLES.body.id : id,
    quickFormat: true,
    run: { size: halfPt(g.size), bold: g.bold || undefined, italics: g.italic || undefined },
    paragraph: {
      alignment: ALIGN[g.align],
      indent: { firstLine: g.firstLine > 0 ? twip(g.firstLine) : undefined, left: g.left ? twip(g.left) : undefined },
      spacing: { before: Math.round(g.spaceBefore * 20), after: Math.round(g.spaceAfter * 20), ...lineSpacing(page) },
      keepNext: g.keepNext || undefined,
      outlineLevel,
    },
  };
}

/**
 * Default paragraph properties of every paragraph. Widow/orphan control (two lines) is Word's
 * normal behaviour and what the PDF layout applies; without it in the file, Word and LibreOffice
 * leave single lines at page ends. (docx types the defaults without `widowControl` but writes it.)
 */
const DEFAULT_PARAGRAPH: IParagraphStylePropertiesOptions & { widowControl: boolean } = {
  spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
  widowControl: true,
};

export function buildStyles(page: PageSetup): IStylesOptions {
  const body = (Object.keys(WORD_STYLES) as ParagraphStyle[]).map((style) => {
    const { id, name } = WORD_STYLES[style];
    return bodyStyle(id, name, style, page, style.startsWith('heading') ? Number(style.slice(-1)) - 1 : undefined);
  });
  // docx ships Title, Heading 5–6 and Caption in blue and other sizes; a clerk who applies them
  // later must still get NĐ 30 text (Times New Roman, black, body geometry).
  const builtIns: IParagraphStyleOptions[] = [
    bodyStyle('Heading5', 'heading 5', 'heading4', page, 4),
    bodyStyle('Heading6', 'heading 6', 'heading4', page, 5),
    { ...part('Title', 'Title', page.bodySize, { bold: true }), quickFormat: true },
    { ...part('Caption', 'caption', page.tableSize, { italic: true }), quickFormat: true },
  ];
  return {
    default: {
      document: {
        run: { font: FONT, size: halfPt(page.bodySize), language: { value: 'vi-VN', eastAsia: 'vi-VN', bidirectional: 'ar-SA' } },
        paragraph: DEFAULT_PARAGRAPH,
      },
    },
    paragraphStyles: [
      ...body,
      ...builtIns,
      part(PART.parent, 'VB Cơ quan chủ quản', page.agencySize),
      part(PART.agency, 'VB Cơ quan ban hành', page.agencySize, { bold: true }),
      part(PART.number, 'VB Số, ký hiệu', 13),
      part(PART.national, 'VB Quốc hiệu', page.nationalTitleSize, { bold: true }),
      part(PART.motto, 'VB Tiêu ngữ', page.mottoSize, { bold: true }),
      part(PART.placeDate, 'VB Địa danh, ngày tháng', page.placeDateSize, { italic: true }),
      part(PART.kind, 'VB Tên loại', page.bodySize, { bold: true }),
      part(PART.summary, 'VB Trích yếu', page.bodySize, { bold: true }),
      part(PART.rule, 'VB Đường kẻ', 1),
      part(PART.recipientsLabel, 'VB Nơi nhận', RECIPIENT_LABEL_SIZE, { bold: true, italic: true, align: 'left' }),
      part(PART.recipient, 'VB Nơi nhận - dòng', RECIPIENT_ITEM_SIZE, { align: 'left' }),
      part(PART.signTitle, 'VB Chức vụ người ký', page.bodySize, { bold: true }),
      part(PART.signer, 'VB Họ tên người ký', page.bodySize, { bold: true }),
      part(PART.table, 'VB Bảng', page.tableSize, { align: 'left' }),
      part(PART.appendixLabel, 'VB Phụ lục', 14, { bold: true }),
      part(PART.appendixTitle, 'VB Tên phụ lục', page.bodySize, { bold: true }),
      part(PART.appendixNote, 'VB Kèm theo', page.bodySize, { italic: true }),
      part(PART.pageNumber, 'VB Số trang', page.bodySize),
      { ...part(PART.urgency, 'VB Độ khẩn', page.bodySize, { bold: true }), run: { size: halfPt(page.bodySize), bold: true, color: STAMP_RED } },
    ],
  };
}
