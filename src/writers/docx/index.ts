// DOCX writer: renders the document model with the NĐ 30 geometry, using named
// Word styles and plain tables/paragraph borders (no text boxes, no images) so the
// result stays editable in Word.
import {
  BorderStyle,
  Document,
  Header as DocxHeader,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table as DocxTable,
  TableBorders,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow as DocxTableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Appendix, Block, DocumentModel, Paragraph as PPara, Run, Table } from '../../model/document.js';
import { loadFontSet, ptToMm, type FontSet } from '../../fonts/metrics.js';
import {
  A4,
  GAPS,
  gapUnderRule,
  RULE_GAP_BEFORE,
  headerGeometry,
  LAYOUT_CELL_PAD,
  RULE_SHARE,
  RULE_WIDTH,
  TABLE_CELL_PAD,
  textWidthMm,
  wrappedLineWidths,
  type HeaderGeometry,
} from '../../nd30/geometry.js';
import { WORD_STYLES } from '../../nd30/styles.js';
import { columnWidthsMm, gridCells, spanWidth } from '../../nd30/tables.js';
import { corePropertiesXml, stampZipDates } from './package.js';
import { ALIGN, buildStyles, PART, STAMP_RED, twip } from './styles.js';

const NO_BORDER = TableBorders.NONE;

function textRuns(runs: Run[], extra: { size?: number } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    const parts = r.text.split('\n');
    parts.forEach((t, k) => {
      if (!t && k === 0) return; // no empty runs; a break still gets its own run
      out.push(
        new TextRun({
          text: t,
          bold: r.bold || undefined,
          italics: r.italic || undefined,
          underline: r.underline ? {} : undefined,
          break: k > 0 ? 1 : undefined,
          size: extra.size ? extra.size * 2 : undefined,
        }),
      );
    });
  }
  return out;
}

function lines(text: string, style: string, extra: { before?: number; size?: number } = {}): Paragraph[] {
  return text.split('\n').map(
    (t, k) =>
      new Paragraph({
        style,
        children: [new TextRun({ text: t, size: extra.size ? extra.size * 2 : undefined })],
        spacing: k === 0 && extra.before ? { before: extra.before * 20 } : undefined,
      }),
  );
}

/** An empty paragraph whose bottom border is the rule, centred by equal indents. */
function rule(lengthMm: number, boxMm: number, after = 0): Paragraph {
  const side = Math.max(0, (boxMm - lengthMm) / 2);
  return new Paragraph({
    style: PART.rule,
    indent: { left: twip(side), right: twip(side) },
    border: { bottom: { style: BorderStyle.SINGLE, size: Math.round(RULE_WIDTH * 8), color: '000000', space: 1 } },
    // A little air between the text above and the rule, so it never reads as an underline.
    spacing: { before: RULE_GAP_BEFORE * 20, after: after * 20 },
    children: [],
  });
}

/**
 * Độ khẩn / độ mật stamp: bold caps in bright red inside a single red frame sized to the word
 * (NĐ 30, Phụ lục I). Drawn with paragraph borders, so it stays text a clerk can edit.
 */
function stamp(text: string, size: number, boxMm: number, fonts: FontSet): Paragraph {
  const word = ptToMm(fonts.face(true, false).width(text, size));
  const side = Math.max(0, (boxMm - word) / 2 - 0.3); // 0.3 mm of slack so it never wraps
  const line = { style: BorderStyle.SINGLE, size: 8, color: STAMP_RED, space: 1 };
  return new Paragraph({
    style: PART.urgency,
    indent: { left: twip(side), right: twip(side) },
    border: { top: line, bottom: line, left: { ...line, space: 4 }, right: { ...line, space: 4 } },
    spacing: { before: 160 },
    children: [new TextRun(text)],
  });
}

function layoutCell(width: number, children: Paragraph[]): DocxTableCell {
  return new DocxTableCell({
    width: { size: twip(width), type: WidthType.DXA },
    margins: { left: twip(LAYOUT_CELL_PAD), right: twip(LAYOUT_CELL_PAD), top: 0, bottom: 0 },
    children,
  });
}

function headerBand(model: DocumentModel, g: HeaderGeometry, fonts: FontSet): DocxTable {
  const h = model.header;
  const inner = (w: number) => w - 2 * LAYOUT_CELL_PAD;
  const left: Paragraph[] = [
    ...(g.parentLines.length ? lines(g.parentLines.join('\n'), PART.parent, { size: g.parentSize !== model.page.agencySize ? g.parentSize : undefined }) : []),
    ...lines(g.agencyLines.join('\n'), PART.agency),
    rule(g.agencyRule, inner(g.leftWidth)),
  ];
  const right: Paragraph[] = [...lines(h.nationalTitle, PART.national), ...lines(h.motto, PART.motto), rule(g.mottoRule, inner(g.rightWidth))];
  const numberCell: Paragraph[] = [...lines(h.number, PART.number, { before: 6 })];
  for (const mark of [h.confidentiality, h.urgency]) if (mark) numberCell.push(stamp(mark, model.page.bodySize, inner(g.leftWidth), fonts));
  return new DocxTable({
    width: { size: twip(g.leftWidth + g.rightWidth), type: WidthType.DXA },
    columnWidths: [twip(g.leftWidth), twip(g.rightWidth)],
    // A negative indent: the band reaches into the left margin like the official table.
    indent: g.bandIndent ? { size: twip(g.bandIndent), type: WidthType.DXA } : undefined,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDER,
    rows: [
      new DocxTableRow({ cantSplit: true, children: [layoutCell(g.leftWidth, left), layoutCell(g.rightWidth, right)] }),
      new DocxTableRow({
        cantSplit: true,
        children: [
          layoutCell(g.leftWidth, numberCell),
          layoutCell(
            g.rightWidth,
            lines(h.placeDate, PART.placeDate, { before: 6, size: g.placeDateSize !== model.page.placeDateSize ? g.placeDateSize : undefined }),
          ),
        ],
      }),
    ],
  });
}

function titleBlock(model: DocumentModel, g: HeaderGeometry): Paragraph[] {
  const out = [new Paragraph({ style: PART.kind, children: [new TextRun(model.title.kind)], spacing: { before: GAPS.beforeKind * 20 } })];
  if (model.title.summary.length) {
    const runs: Run[] = model.title.summary.flatMap((line, k) => (k ? [{ text: '\n', bold: true }, ...line] : line));
    out.push(new Paragraph({ style: PART.summary, children: textRuns(runs) }));
    out.push(rule(g.summaryRule, g.textWidth, gapUnderRule(model.body[0], model.page).ruleAfter));
  }
  return out;
}

/** A body paragraph; `before` (pt) overrides its style's space before as direct formatting. */
function paragraph(p: PPara, keepNext = false, before?: number): Paragraph {
  const children = textRuns(p.runs);
  if (p.marker) children.unshift(new TextRun({ text: p.marker + ' ', bold: p.markerBold || undefined }));
  const spacing = before === undefined ? undefined : { before: Math.round(before * 20) };
  return new Paragraph({ style: WORD_STYLES[p.style].id, children, keepNext: keepNext || p.keepNext || undefined, spacing });
}

function table(t: Table, model: DocumentModel, widthMm: number): DocxTable {
  const cols = columnWidthsMm(t, widthMm);
  const grid = gridCells(t);
  const size = t.fontSize ?? model.page.tableSize;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new DocxTable({
    width: { size: twip(widthMm), type: WidthType.DXA },
    columnWidths: cols.map(twip),
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: t.rows.map(
      (row, r) =>
        new DocxTableRow({
          tableHeader: row.header || undefined,
          // Kept with the next row: Word and LibreOffice follow "keep with next" on the row's paragraphs.
          cantSplit: row.keepNext || undefined,
          children: row.cells.map((c, k) => {
            // The cell's own columns: after a merged cell from above they are not the next ones.
            const { col, colSpan } = grid[r][k];
            const align = c.align ?? (row.header ? 'center' : 'left');
            return new DocxTableCell({
              width: { size: twip(spanWidth(cols, col, colSpan)), type: WidthType.DXA },
              columnSpan: c.colSpan,
              rowSpan: c.rowSpan,
              verticalAlign: VerticalAlign.CENTER,
              margins: { left: twip(TABLE_CELL_PAD), right: twip(TABLE_CELL_PAD), top: 40, bottom: 40 },
              children: c.blocks.map(
                (p) => new Paragraph({ style: PART.table, alignment: ALIGN[align], keepNext: row.keepNext || undefined, children: textRuns(p.runs, { size }) }),
              ),
            });
          }),
        }),
    ),
  });
}

/** Body blocks; `firstBefore` is the space before of a first paragraph right under a title rule. */
function blocks(list: Block[], model: DocumentModel, widthMm: number, keepLast = false, firstBefore?: number): (Paragraph | DocxTable)[] {
  return list.map((b, k) => {
    if (b.kind === 'paragraph') return paragraph(b, keepLast && k === list.length - 1, k === 0 ? firstBefore : undefined);
    if (b.kind === 'table') return table(b, model, widthMm);
    return new Paragraph({ children: [new PageBreak()] });
  });
}

function closingBlock(model: DocumentModel, g: HeaderGeometry): DocxTable | undefined {
  const { recipients, signature } = model.closing;
  if (!recipients && !signature) return undefined;
  const left: Paragraph[] = [];
  if (recipients) {
    left.push(new Paragraph({ style: PART.recipientsLabel, children: [new TextRun(recipients.label)], spacing: { before: GAPS.beforeClosingBlock * 20 } }));
    for (const item of recipients.items) left.push(new Paragraph({ style: PART.recipient, children: [new TextRun(item)] }));
  }
  const right: Paragraph[] = [];
  if (signature) {
    signature.lines.forEach((l, k) => {
      right.push(new Paragraph({ style: PART.signTitle, children: [new TextRun(l)], spacing: k === 0 ? { before: GAPS.beforeClosingBlock * 20 } : undefined }));
    });
    const gap = signature.gapLines ?? model.page.signatureGapLines;
    for (let k = 0; k < gap; k++) right.push(new Paragraph({ style: PART.signer, children: [] }));
    right.push(new Paragraph({ style: PART.signer, children: [new TextRun(signature.name)] }));
  }
  if (!left.length) left.push(new Paragraph({ children: [] }));
  if (!right.length) right.push(new Paragraph({ children: [] }));
  return new DocxTable({
    width: { size: twip(g.closingLeft + g.closingRight), type: WidthType.DXA },
    columnWidths: [twip(g.closingLeft), twip(g.closingRight)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDER,
    rows: [new DocxTableRow({ cantSplit: g.closingCantSplit || undefined, children: [layoutCell(g.closingLeft, left), layoutCell(g.closingRight, right)] })],
  });
}

function pageHeaders(model: DocumentModel) {
  if (!model.page.pageNumbers) return {};
  return {
    default: new DocxHeader({ children: [new Paragraph({ style: PART.pageNumber, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
    first: new DocxHeader({ children: [new Paragraph({ children: [] })] }),
  };
}

function pageProps(model: DocumentModel, landscape = false) {
  const m = model.page.margins;
  return {
    titlePage: true,
    page: {
      size: { width: twip(A4.width), height: twip(A4.height), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: { top: twip(m.top), bottom: twip(m.bottom), left: twip(m.left), right: twip(m.right), header: twip(model.page.headerDistance), footer: twip(10) },
      pageNumbers: { start: 1 },
    },
  };
}

function appendixSection(a: Appendix, model: DocumentModel, fonts: FontSet): ISectionOptions {
  const width = textWidthMm(model, a.landscape);
  const children: (Paragraph | DocxTable)[] = [];
  if (a.label) children.push(new Paragraph({ style: PART.appendixLabel, children: [new TextRun(a.label)] }));
  const titleRuns: Run[] = a.title.flatMap((line, k) => (k ? [{ text: '\n', bold: true }, ...line] : line));
  if (titleRuns.length) children.push(new Paragraph({ style: PART.appendixTitle, children: textRuns(titleRuns) }));
  if (a.note) children.push(new Paragraph({ style: PART.appendixNote, children: [new TextRun(a.note)] }));
  const widths = a.title.flatMap((l) => wrappedLineWidths(l, model.page.bodySize, fonts, (width * 72) / 25.4));
  const gap = gapUnderRule(a.blocks[0], model.page);
  children.push(rule(ptToMm(Math.max(0, ...widths)) * RULE_SHARE, width, gap.ruleAfter));
  children.push(...blocks(a.blocks, model, width, false, gap.firstBefore));
  return { properties: pageProps(model, a.landscape), headers: pageHeaders(model), children };
}

/** Deep copy with every string in Unicode NFC (NĐ 30 / TCVN 6909), whoever built the model. */
function nfc<T>(x: T): T {
  if (typeof x === 'string') return x.normalize('NFC') as T;
  if (Array.isArray(x)) return x.map(nfc) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, nfc(v)])) as T;
  return x;
}

export function buildDocx(input: DocumentModel, fonts: FontSet = loadFontSet()): Document {
  const model = nfc(input);
  const g = headerGeometry(model, fonts);
  const body = model.body;
  const closing = closingBlock(model, g);
  const main: ISectionOptions = {
    properties: pageProps(model),
    headers: pageHeaders(model),
    children: [
      headerBand(model, g, fonts),
      ...titleBlock(model, g),
      ...blocks(body, model, g.textWidth, !!closing, model.title.summary.length ? gapUnderRule(body[0], model.page).firstBefore : undefined),
      ...(closing ? [closing] : []),
    ],
  };
  // Core properties are one-line fields: a trích yếu or agency broken over lines becomes one line.
  const oneLine = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\s+/g, ' ').trim().normalize('NFC'));
  return new Document({
    title: oneLine(model.meta.title),
    creator: oneLine(model.meta.author),
    lastModifiedBy: oneLine(model.meta.author),
    subject: oneLine(model.meta.subject),
    keywords: oneLine(model.meta.keywords?.join('; ')),
    description: oneLine(model.meta.subject),
    styles: buildStyles(model.page),
    sections: [main, ...model.appendices.map((a) => appendixSection(a, model, fonts))],
  });
}

/** The DOCX file: byte-identical for identical input (dates from the plan, never the clock). */
export async function writeDocx(model: DocumentModel, fonts?: FontSet): Promise<Buffer> {
  const core = { path: 'docProps/core.xml', data: corePropertiesXml(model.meta) };
  return Buffer.from(stampZipDates(await Packer.toBuffer(buildDocx(model, fonts), false, [core]), model.meta.date));
}
