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

/** Heights (pt) of the recipients' lines (label first) and of the signature stack, wrapped in their columns. */
function closingHeights(model: DocumentModel, fonts: FontSet, leftMm: number, rightMm: number): { recipients: number[]; signature: number } {
  const { recipients, signature } = model.closing;
  const height = (text: string, bold: boolean, italic: boolean, size: number, widthMm: number) => {
    const face = fonts.face(bold, italic);
    return lineCount(text, face, size, mmToPt(widthMm - 2 * LAYOUT_CELL_PAD)) * face.lineHeight * size;
  };
  const rec = recipients
    ? [
        GAPS.beforeClosingBlock + height(recipients.label, true, true, RECIPIENT_LABEL_SIZE, leftMm),
        ...recipients.items.map((i) => height(i, false, false, RECIPIENT_ITEM_SIZE, leftMm)),
      ]
    : [];
  let sig = 0;
  if (signature) {
    const size = model.page.bodySize;
    sig += GAPS.beforeClosingBlock;
    for (const l of signature.lines) sig += height(l, true, false, size, rightMm);
    sig += (signature.gapLines ?? model.page.signatureGapLines) * fonts.face(true, false).lineHeight * size;
    sig += height(signature.name, true, false, size, rightMm);
  }
  return { recipients: rec, signature: sig };
}

/** Height of the closing block if set in one row, pt. */
export function closingHeightPt(model: DocumentModel, fonts: FontSet, leftMm: number, rightMm: number): number {
  const h = closingHeights(model, fonts, leftMm, rightMm);
  return Math.max(
    h.recipients.reduce((a, b) => a + b, 0),
    h.signature,
  );
}

/** The "Nơi nhận:" label and the recipient lines `from`…`to` (items, 0-based). */
function recipientsCell(model: DocumentModel, from = 0, to = Infinity): Paragraph[] {
  const r = model.closing.recipients;
  if (!r) return [];
  const label = from === 0 ? lines('recipientsLabel', r.label, { before: GAPS.beforeClosingBlock }) : [];
  return [...label, ...r.items.slice(from, to).flatMap((item) => lines('recipient', item))];
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
 * The block breaks as a clerk would break it: the signature stack (beside as many recipients as
 * fit next to it) is one row that never splits, and goes to the next page with the last lines of
 * the text before it (that paragraph keeps with the block); a longer nơi nhận continues in a
 * second row that may run on to the next page beside nothing, rather than taking the whole block
 * to a new page and leaving the previous one two thirds empty.
 */
export function closingBlock(model: DocumentModel, fonts: FontSet, textWidth: number): Table | undefined {
  const { recipients, signature } = model.closing;
  if (!recipients && !signature) return undefined;
  const leftWidth = RECIPIENTS_WIDTH;
  const rightWidth = textWidth - leftWidth;
  const orEmpty = (cell: Paragraph[]) => (cell.length ? cell : [emptyParagraph(NORMAL)]);
  const h = closingHeights(model, fonts, leftWidth, rightWidth);
  // Recipients beside the signature: the label and the items that fit the stack's height.
  let beside = recipients ? recipients.items.length : 0;
  const p = model.page;
  const bodyHeight = mmToPt(A4.height - p.margins.top - p.margins.bottom);
  const oneRow = Math.max(
    h.signature,
    h.recipients.reduce((a, b) => a + b, 0),
  );
  // A block up to a third of a page moves whole (what it may leave empty is within bounds).
  if (recipients && signature && oneRow > bodyHeight / 3) {
    let used = h.recipients[0];
    beside = 0;
    while (beside < recipients.items.length && used + h.recipients[beside + 1] <= h.signature + 0.01) used += h.recipients[++beside];
    // A lone last line is not worth a row of its own.
    if (recipients.items.length - beside === 1) beside++;
  }
  const rows: Paragraph[][][] = [[orEmpty(recipientsCell(model, 0, beside)), orEmpty(signatureCell(model))]];
  if (recipients && beside < recipients.items.length) rows.push([recipientsCell(model, beside), [emptyParagraph(NORMAL)]]);
  const table = layoutTable([leftWidth, rightWidth], rows);
  // The first row never splits (unless taller than a page, which Word and LibreOffice would clip).
  if (
    Math.max(
      h.signature,
      h.recipients.slice(0, beside + 1).reduce((a, b) => a + b, 0),
    ) <= bodyHeight
  )
    table.rows[0].cantSplit = true;
  return table;
}
