// Paragraph geometry of each semantic style, shared by all writers so that the DOCX,
// the PDF and the HTML preview break lines and pages alike.
import type { PageSetup, ParagraphStyle } from '../model/document.js';

export type Align = 'justify' | 'center' | 'left' | 'right';

export interface ParagraphGeometry {
  align: Align;
  /** First-line indent, mm (negative = hanging). */
  firstLine: number;
  /** Left indent, mm. */
  left: number;
  spaceBefore: number; // pt
  spaceAfter: number; // pt
  size: number; // pt
  bold: boolean;
  italic: boolean;
  keepNext: boolean;
  /** Headings are never split over two pages. */
  keepLines: boolean;
}

/** Word style id and the name a clerk sees in Word's style gallery. */
export const WORD_STYLES: Record<ParagraphStyle, { id: string; name: string }> = {
  body: { id: 'VBBody', name: 'VB Nội dung' },
  basis: { id: 'VBBasis', name: 'VB Căn cứ' },
  heading1: { id: 'Heading1', name: 'heading 1' },
  heading2: { id: 'Heading2', name: 'heading 2' },
  heading3: { id: 'Heading3', name: 'heading 3' },
  heading4: { id: 'Heading4', name: 'heading 4' },
  item: { id: 'VBItem', name: 'VB Mục đánh số' },
  bullet: { id: 'VBBullet', name: 'VB Gạch đầu dòng' },
  bullet2: { id: 'VBBullet2', name: 'VB Gạch đầu dòng 2' },
  closing: { id: 'VBClosing', name: 'VB Câu kết' },
  center: { id: 'VBCenter', name: 'VB Căn giữa' },
  right: { id: 'VBRight', name: 'VB Căn phải' },
};

/** Section titles: the official template puts 12 pt before them. */
export const HEADING1_SPACE_BEFORE = 12;

export function paragraphGeometry(style: ParagraphStyle, page: PageSetup): ParagraphGeometry {
  const base: ParagraphGeometry = {
    align: 'justify',
    firstLine: page.firstLineIndent,
    left: 0,
    spaceBefore: page.spaceBefore,
    spaceAfter: page.spaceAfter,
    size: page.bodySize,
    bold: false,
    italic: false,
    keepNext: false,
    keepLines: false,
  };
  switch (style) {
    case 'basis':
      return { ...base, italic: true };
    case 'heading1':
      return { ...base, bold: true, keepNext: true, keepLines: true, spaceBefore: Math.max(HEADING1_SPACE_BEFORE, page.spaceBefore) };
    case 'heading2':
    case 'heading3':
    case 'heading4':
      return { ...base, bold: true, keepNext: true, keepLines: true };
    case 'center':
      return { ...base, align: 'center', firstLine: 0 };
    case 'right':
      return { ...base, align: 'right', firstLine: 0 };
    default:
      return base;
  }
}

/** Word style ids and gallery names of the fixed parts of an NĐ 30 document. */
export const PART_STYLES = {
  parent: { id: 'VBParent', name: 'VB Cơ quan chủ quản' },
  agency: { id: 'VBAgency', name: 'VB Cơ quan ban hành' },
  number: { id: 'VBNumber', name: 'VB Số, ký hiệu' },
  national: { id: 'VBNational', name: 'VB Quốc hiệu' },
  motto: { id: 'VBMotto', name: 'VB Tiêu ngữ' },
  placeDate: { id: 'VBPlaceDate', name: 'VB Địa danh, ngày tháng' },
  kind: { id: 'VBKind', name: 'VB Tên loại' },
  summary: { id: 'VBSummary', name: 'VB Trích yếu' },
  rule: { id: 'VBRule', name: 'VB Đường kẻ' },
  recipientsLabel: { id: 'VBRecipientsLabel', name: 'VB Nơi nhận' },
  recipient: { id: 'VBRecipient', name: 'VB Nơi nhận - dòng' },
  signTitle: { id: 'VBSignTitle', name: 'VB Chức vụ người ký' },
  signer: { id: 'VBSigner', name: 'VB Họ tên người ký' },
  table: { id: 'VBTable', name: 'VB Bảng' },
  appendixLabel: { id: 'VBAppendixLabel', name: 'VB Phụ lục' },
  appendixTitle: { id: 'VBAppendixTitle', name: 'VB Tên phụ lục' },
  appendixNote: { id: 'VBAppendixNote', name: 'VB Kèm theo' },
  pageNumber: { id: 'VBPageNumber', name: 'VB Số trang' },
  urgency: { id: 'VBUrgency', name: 'VB Độ khẩn' },
} as const;

export type Part = keyof typeof PART_STYLES;

/**
 * Footnote text. The decree leaves footnotes open; real plans set them a size below the body,
 * single-spaced and justified.
 */
export const FOOTNOTE_STYLE = { id: 'FootnoteText', name: 'footnote text', size: 12 } as const;
