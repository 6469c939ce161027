// The named paragraph styles of the document, from the decree's numbers: one per semantic body
// style (nd30/styles.ts) and one per fixed part (cơ quan, quốc hiệu, nơi nhận…), so a clerk can
// keep editing with Word's style gallery and both renderings resolve the same formatting.
import type { PageSetup, ParagraphStyle as BodyStyle } from '../model/document.js';
import { RECIPIENT_ITEM_SIZE, RECIPIENT_LABEL_SIZE } from '../nd30/closing.js';
import { APPENDIX_LABEL_SIZE, NUMBER_SIZE, RULE_MARK_SIZE, STAMP_RED } from '../nd30/header.js';
import { FOOTNOTE_STYLE, type Part, PART_STYLES, paragraphGeometry, WORD_STYLES } from '../nd30/styles.js';
import { mmToGridPt } from '../util/units.js';
import type { Align, ParagraphStyle, RunProps } from './types.js';

/** A fixed part: single-spaced, no space before or after, centred unless said otherwise. */
function part(which: Part, size: number, run: RunProps = {}, align: Align = 'center'): ParagraphStyle {
  const { id, name } = PART_STYLES[which];
  return { id, name, paragraph: { align, spaceBefore: 0, spaceAfter: 0, lineSpacing: 1 }, run: { size, ...run } };
}

/** A body style: the page's size, spacing and first-line indent, with its own weight and keeps. */
function body(id: string, name: string, style: BodyStyle, page: PageSetup, outlineLevel?: number): ParagraphStyle {
  const g = paragraphGeometry(style, page);
  return {
    id,
    name,
    outlineLevel,
    next: style.startsWith('heading') ? WORD_STYLES.body.id : id,
    paragraph: {
      align: g.align,
      firstLine: mmToGridPt(g.firstLine),
      left: mmToGridPt(g.left),
      spaceBefore: g.spaceBefore,
      spaceAfter: g.spaceAfter,
      lineSpacing: page.lineSpacing,
      keepNext: g.keepNext || undefined,
      keepLines: g.keepLines || undefined,
    },
    run: { size: g.size, bold: g.bold || undefined, italic: g.italic || undefined },
  };
}

export function documentStyles(page: PageSetup): ParagraphStyle[] {
  const bodies = (Object.keys(WORD_STYLES) as BodyStyle[]).map((style) => {
    const { id, name } = WORD_STYLES[style];
    return body(id, name, style, page, style.startsWith('heading') ? Number(style.slice(-1)) - 1 : undefined);
  });
  return [
    ...bodies,
    // Word's own Heading 5–6, Title and Caption, redefined so that a clerk who applies them later
    // still gets NĐ 30 text (Times New Roman, black, body geometry) instead of Word's blue.
    body('Heading5', 'heading 5', 'heading4', page, 4),
    body('Heading6', 'heading 6', 'heading4', page, 5),
    { ...part('kind', page.bodySize, { bold: true }), id: 'Title', name: 'Title' },
    { ...part('kind', page.tableSize, { italic: true }), id: 'Caption', name: 'caption' },
    part('parent', page.agencySize),
    part('agency', page.agencySize, { bold: true }),
    part('number', NUMBER_SIZE),
    part('national', page.nationalTitleSize, { bold: true }),
    part('motto', page.mottoSize, { bold: true }),
    part('placeDate', page.placeDateSize, { italic: true }),
    part('kind', page.bodySize, { bold: true }),
    part('summary', page.bodySize, { bold: true }),
    part('rule', RULE_MARK_SIZE),
    part('recipientsLabel', RECIPIENT_LABEL_SIZE, { bold: true, italic: true }, 'left'),
    part('recipient', RECIPIENT_ITEM_SIZE, {}, 'left'),
    part('signTitle', page.bodySize, { bold: true }),
    part('signer', page.bodySize, { bold: true }),
    part('table', page.tableSize, {}, 'left'),
    part('appendixLabel', APPENDIX_LABEL_SIZE, { bold: true }),
    part('appendixTitle', page.bodySize, { bold: true }),
    part('appendixNote', page.bodySize, { italic: true }),
    part('pageNumber', page.bodySize),
    part('urgency', page.bodySize, { bold: true, color: STAMP_RED }),
    {
      id: FOOTNOTE_STYLE.id,
      name: FOOTNOTE_STYLE.name,
      paragraph: { align: 'justify', spaceBefore: 0, spaceAfter: 0, lineSpacing: 1 },
      run: { size: FOOTNOTE_STYLE.size },
    },
  ];
}
