// The closing block: nơi nhận (left) beside the signatory (right), a borderless one-row table.
import type { FontSet } from '../fonts/metrics.js';
import type { DocumentModel } from '../model/document.js';
import { RECIPIENT_ITEM_SIZE, RECIPIENT_LABEL_SIZE, RECIPIENTS_WIDTH } from '../nd30/closing.js';
import { GAPS, LAYOUT_CELL_PAD } from '../nd30/header.js';
import { A4 } from '../nd30/page.js';
import { PART_STYLES } from '../nd30/styles.js';
import { mmToPt } from '../util/units.js';
import { lineCount } from './measure.js';
import { emptyParagraph, layoutTable, lines } from './parts.js';
import { NORMAL, type Paragraph, type Table } from './types.js';

/** Height of the closing block's row (single-spaced lines, wrapped in their columns), pt. */
export function closingHeightPt(model: DocumentModel, fonts: FontSet, leftMm: number, rightMm: number): number {
  const { recipients, signature } = model.closing;
  const height = (text: string, bold: boolean, italic: boolean, size: number, widthMm: number) => {
    const face = fonts.face(bold, italic);
    return lineCount(text, face, size, mmToPt(widthMm - 2 * LAYOUT_CELL_PAD)) * face.lineHeight * size;
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

function recipientsCell(model: DocumentModel): Paragraph[] {
  const r = model.closing.recipients;
  if (!r) return [];
  return [...lines('recipientsLabel', r.label, { before: GAPS.beforeClosingBlock }), ...r.items.flatMap((item) => lines('recipient', item))];
}

function signatureCell(model: DocumentModel): Paragraph[] {
  const s = model.closing.signature;
  if (!s) return [];
  const out = s.lines.flatMap((l, k) => lines('signTitle', l, { before: k === 0 ? GAPS.beforeClosingBlock : undefined }));
  const gap = s.gapLines ?? model.page.signatureGapLines;
  for (let k = 0; k < gap; k++) out.push(emptyParagraph(PART_STYLES.signer.id));
  out.push(...lines('signer', s.name));
  return out;
}

/**
 * The block, kept whole on one page unless it is taller than a page body (a long nơi nhận list):
 * Word and LibreOffice would clip such a row, so it may split.
 */
export function closingBlock(model: DocumentModel, fonts: FontSet, textWidth: number): Table | undefined {
  const { recipients, signature } = model.closing;
  if (!recipients && !signature) return undefined;
  const leftWidth = RECIPIENTS_WIDTH;
  const rightWidth = textWidth - leftWidth;
  const p = model.page;
  const bodyHeight = mmToPt(A4.height - p.margins.top - p.margins.bottom);
  const cantSplit = closingHeightPt(model, fonts, leftWidth, rightWidth) <= bodyHeight;
  const orEmpty = (cell: Paragraph[]) => (cell.length ? cell : [emptyParagraph(NORMAL)]);
  return layoutTable([leftWidth, rightWidth], [[orEmpty(recipientsCell(model)), orEmpty(signatureCell(model))]], { cantSplit: cantSplit || undefined });
}
