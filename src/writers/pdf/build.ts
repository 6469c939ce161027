// Document model → layout sections, mirroring the DOCX writer element by element (same styles,
// sizes, spacing, indents, table geometry) so that the PDF is the same document as the DOCX.
// Lengths the DOCX stores in twips are rounded to twips here too, so both agree to the twip.
import type { Appendix, Block, DocumentModel, Paragraph, Run, Table } from '../../model/document.js';
import type { FaceMetrics, FontSet } from '../../fonts/metrics.js';
import {
  A4,
  A4_LANDSCAPE,
  GAPS,
  gapUnderRule,
  headerGeometry,
  LAYOUT_CELL_PAD,
  RECIPIENT_ITEM_SIZE,
  RECIPIENT_LABEL_SIZE,
  RULE_GAP_BEFORE,
  RULE_SHARE,
  RULE_WIDTH,
  TABLE_CELL_PAD,
  textWidthMm,
  wrappedLineWidths,
  type HeaderGeometry,
} from '../../nd30/geometry.js';
import { paragraphGeometry, type Align } from '../../nd30/styles.js';
import { columnWidthsMm, gridCells } from '../../nd30/tables.js';
import type { CellSpec, BlockSpec, Color, ParagraphSpec, RowSpec, SectionSpec, Span, TableSpec } from '../../layout/types.js';

/** mm → pt through whole twips, exactly as the DOCX stores the length. */
export const twipPt = (mm: number) => Math.round(mm * 56.6929) / 20;

/** Widow/orphan control on every paragraph (two lines), as the DOCX sets in its paragraph defaults. */
const WIDOW_CONTROL = true;
/** Content-table cell padding top/bottom: the DOCX's 40 twips. */
const TABLE_PAD_TB = 2;
/** Content-table border: the DOCX's size 4 (eighths of a point). */
const TABLE_BORDER = 0.5;
/** Độ khẩn / độ mật stamps: the DOCX's STAMP_RED (FF0000), frame size 8 (1 pt). */
const STAMP_RED: Color = [1, 0, 0];
const STAMP_FRAME = 1;
/** Rule paragraphs: a 1 pt paragraph mark and a bottom border 1 pt below it. */
const RULE_MARK_SIZE = 1;
const RULE_SPACE = 1;

interface Style {
  size: number;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Multiple of single line spacing (fixed parts use single). */
  lineSpacing?: number;
  firstLine?: number;
  left?: number;
  keepNext?: boolean;
  color?: Color;
}

class Builder {
  constructor(
    readonly model: DocumentModel,
    readonly fonts: FontSet,
  ) {}

  face(bold?: boolean, italic?: boolean): FaceMetrics {
    return this.fonts.face(bold, italic);
  }

  spans(runs: Run[], st: Style, size = st.size): Span[] {
    return runs
      .filter((r) => r.text.length)
      .map((r) => ({
        text: r.text.normalize('NFC'),
        face: this.face(st.bold || r.bold, st.italic || r.italic),
        size,
        underline: r.underline,
        color: st.color,
      }));
  }

  para(runs: Run[], st: Style, runSize?: number): ParagraphSpec {
    return {
      kind: 'paragraph',
      spans: this.spans(runs, st, runSize),
      align: st.align ?? 'center',
      left: st.left ?? 0,
      right: 0,
      firstLine: st.firstLine ?? 0,
      spaceBefore: st.spaceBefore ?? 0,
      spaceAfter: st.spaceAfter ?? 0,
      lineSpacing: st.lineSpacing ?? 1,
      markFace: this.face(st.bold, st.italic),
      markSize: st.size,
      keepNext: st.keepNext,
      widowControl: WIDOW_CONTROL,
    };
  }

  /** One paragraph per "\n"-separated line of a plain text (the DOCX `lines()` helper). */
  lines(text: string, st: Style): ParagraphSpec[] {
    return text.split('\n').map((t, k) => this.para([{ text: t }], k === 0 ? st : { ...st, spaceBefore: 0 }));
  }

  /** An empty paragraph whose bottom border is a rule of `lengthMm`, centred in `boxMm`. */
  rule(lengthMm: number, boxMm: number, after = 0): ParagraphSpec {
    const side = twipPt(Math.max(0, (boxMm - lengthMm) / 2));
    return {
      ...this.para([], { size: RULE_MARK_SIZE, spaceBefore: RULE_GAP_BEFORE, spaceAfter: after }),
      left: side,
      right: side,
      borderBottom: { width: RULE_WIDTH, space: RULE_SPACE },
    };
  }

  layoutTable(widths: number[], rows: ParagraphSpec[][][], opts: { cantSplit?: boolean; indent?: number } = {}): TableSpec {
    const pad = twipPt(LAYOUT_CELL_PAD);
    return {
      kind: 'table',
      indent: twipPt(opts.indent ?? 0),
      columns: widths.map(twipPt),
      border: 0,
      pad: { left: pad, right: pad, top: 0, bottom: 0 },
      rows: rows.map(
        (cells): RowSpec => ({
          cantSplit: opts.cantSplit,
          cells: cells.map((paragraphs, k): CellSpec => ({ col: k, colSpan: 1, rowSpan: 1, paragraphs, vAlign: 'top' })),
        }),
      ),
    };
  }

  headerBand(g: HeaderGeometry): TableSpec {
    const h = this.model.header;
    const p = this.model.page;
    const inner = (w: number) => w - 2 * LAYOUT_CELL_PAD;
    const left = [
      ...(g.parentLines.length ? this.lines(g.parentLines.join('\n'), { size: g.parentSize }) : []),
      ...this.lines(g.agencyLines.join('\n'), { size: p.agencySize, bold: true }),
      this.rule(g.agencyRule, inner(g.leftWidth)),
    ];
    const right = [
      ...this.lines(h.nationalTitle, { size: p.nationalTitleSize, bold: true }),
      ...this.lines(h.motto, { size: p.mottoSize, bold: true }),
      this.rule(g.mottoRule, inner(g.rightWidth)),
    ];
    const numberCell = this.lines(h.number, { size: 13, spaceBefore: 6 });
    for (const mark of [h.confidentiality, h.urgency]) if (mark) numberCell.push(this.stamp(mark, inner(g.leftWidth)));
    const placeDate = this.lines(h.placeDate, { size: g.placeDateSize, italic: true, spaceBefore: 6 });
    return this.layoutTable(
      [g.leftWidth, g.rightWidth],
      [
        [left, right],
        [numberCell, placeDate],
      ],
      { cantSplit: true, indent: g.bandIndent },
    );
  }

  /** Độ khẩn / độ mật: bold red caps in a red frame sized to the word (the DOCX's stamp()). */
  stamp(text: string, boxMm: number): ParagraphSpec {
    const size = this.model.page.bodySize;
    const word = (this.face(true, false).width(text, size) / 72) * 25.4;
    const side = twipPt(Math.max(0, (boxMm - word) / 2 - 0.3));
    return {
      ...this.para([{ text }], { size, bold: true, spaceBefore: 8, color: STAMP_RED }),
      left: side,
      right: side,
      frame: { width: STAMP_FRAME, color: STAMP_RED, space: { top: 1, bottom: 1, left: 4, right: 4 } },
    };
  }

  titleBlock(g: HeaderGeometry): ParagraphSpec[] {
    const p = this.model.page;
    const out = [this.para([{ text: this.model.title.kind }], { size: p.bodySize, bold: true, spaceBefore: GAPS.beforeKind })];
    if (this.model.title.summary.length) {
      const runs = joinLines(this.model.title.summary);
      out.push(this.para(runs, { size: p.bodySize, bold: true }));
      out.push(this.rule(g.summaryRule, g.textWidth, gapUnderRule(this.model.body[0], p).ruleAfter));
    }
    return out;
  }

  /** A body paragraph; `before` (pt) overrides its style's space before (the DOCX's direct formatting). */
  paragraph(p: Paragraph, keepNext = false, before?: number): ParagraphSpec {
    const page = this.model.page;
    const geo = paragraphGeometry(p.style, page);
    const st: Style = {
      size: geo.size,
      bold: geo.bold,
      italic: geo.italic,
      align: geo.align,
      spaceBefore: before ?? geo.spaceBefore,
      spaceAfter: geo.spaceAfter,
      lineSpacing: page.lineSpacing,
      firstLine: geo.firstLine > 0 ? twipPt(geo.firstLine) : 0,
      left: geo.left ? twipPt(geo.left) : 0,
      keepNext: keepNext || p.keepNext || geo.keepNext,
    };
    const runs: Run[] = p.marker ? [{ text: p.marker + ' ', bold: p.markerBold }, ...p.runs] : p.runs;
    return this.para(runs, st);
  }

  table(t: Table, widthMm: number): TableSpec {
    const cols = columnWidthsMm(t, widthMm).map(twipPt);
    const grid = gridCells(t);
    const size = t.fontSize ?? this.model.page.tableSize;
    const pad = twipPt(TABLE_CELL_PAD);
    const rows = t.rows.map(
      (row, r): RowSpec => ({
        header: row.header,
        keepNext: row.keepNext,
        cells: row.cells.map(
          (c, k): CellSpec => ({
            ...grid[r][k],
            vAlign: 'center',
            paragraphs: c.blocks.map((p) => this.para(p.runs, { size: this.model.page.tableSize, align: c.align ?? (row.header ? 'center' : 'left') }, size)),
          }),
        ),
      }),
    );
    return { kind: 'table', indent: 0, columns: cols, rows, border: TABLE_BORDER, pad: { left: pad, right: pad, top: TABLE_PAD_TB, bottom: TABLE_PAD_TB } };
  }

  /** Body blocks; `firstBefore` is the space before of a first paragraph right under a title rule. */
  blocks(list: Block[], widthMm: number, keepLast = false, firstBefore?: number): BlockSpec[] {
    const out: BlockSpec[] = [];
    list.forEach((b, k) => {
      if (b.kind === 'paragraph') out.push(this.paragraph(b, keepLast && k === list.length - 1, k === 0 ? firstBefore : undefined));
      else if (b.kind === 'table') out.push(this.table(b, widthMm));
      else {
        // A paragraph holding only a page break: its empty rest starts the next page.
        out.push({ kind: 'pageBreak' });
        out.push(this.para([], { size: this.model.page.bodySize, align: 'left' }));
      }
    });
    return out;
  }

  closingBlock(g: HeaderGeometry): TableSpec | undefined {
    const { recipients, signature } = this.model.closing;
    if (!recipients && !signature) return undefined;
    const p = this.model.page;
    const left: ParagraphSpec[] = [];
    if (recipients) {
      left.push(
        this.para([{ text: recipients.label }], { size: RECIPIENT_LABEL_SIZE, bold: true, italic: true, align: 'left', spaceBefore: GAPS.beforeClosingBlock }),
      );
      for (const item of recipients.items) left.push(this.para([{ text: item }], { size: RECIPIENT_ITEM_SIZE, align: 'left' }));
    }
    const right: ParagraphSpec[] = [];
    if (signature) {
      const signer: Style = { size: p.bodySize, bold: true };
      signature.lines.forEach((l, k) => {
        right.push(this.para([{ text: l }], k === 0 ? { ...signer, spaceBefore: GAPS.beforeClosingBlock } : signer));
      });
      const gap = signature.gapLines ?? p.signatureGapLines;
      for (let k = 0; k < gap; k++) right.push(this.para([], signer));
      right.push(this.para([{ text: signature.name }], signer));
    }
    const empty = () => [this.para([], { size: p.bodySize, align: 'left' })];
    return this.layoutTable([g.closingLeft, g.closingRight], [[left.length ? left : empty(), right.length ? right : empty()]], {
      cantSplit: g.closingCantSplit,
    });
  }

  pageNumber = (n: number): ParagraphSpec => this.para([{ text: String(n) }], { size: this.model.page.bodySize });

  section(blocks: BlockSpec[], landscape: boolean): SectionSpec {
    const size = landscape ? A4_LANDSCAPE : A4;
    const m = this.model.page.margins;
    return {
      width: twipPt(size.width),
      height: twipPt(size.height),
      margins: { top: twipPt(m.top), bottom: twipPt(m.bottom), left: twipPt(m.left), right: twipPt(m.right) },
      headerDistance: twipPt(this.model.page.headerDistance),
      pageNumber: this.model.page.pageNumbers ? this.pageNumber : undefined,
      blocks,
    };
  }

  appendix(a: Appendix): SectionSpec {
    const p = this.model.page;
    const width = textWidthMm(this.model, a.landscape);
    const blocks: BlockSpec[] = [];
    if (a.label) blocks.push(this.para([{ text: a.label }], { size: 14, bold: true }));
    const titleRuns = joinLines(a.title);
    if (titleRuns.length) blocks.push(this.para(titleRuns, { size: p.bodySize, bold: true }));
    if (a.note) blocks.push(this.para([{ text: a.note }], { size: p.bodySize, italic: true }));
    const widths = a.title.flatMap((l) => wrappedLineWidths(l, p.bodySize, this.fonts, (width * 72) / 25.4));
    const gap = gapUnderRule(a.blocks[0], p);
    blocks.push(this.rule((Math.max(0, ...widths) / 72) * 25.4 * RULE_SHARE, width, gap.ruleAfter));
    blocks.push(...this.blocks(a.blocks, width, false, gap.firstBefore));
    return this.section(blocks, !!a.landscape);
  }

  sections(): SectionSpec[] {
    const g = headerGeometry(this.model, this.fonts);
    const closing = this.closingBlock(g);
    const body = this.model.body;
    const firstBefore = this.model.title.summary.length ? gapUnderRule(body[0], this.model.page).firstBefore : undefined;
    const main: BlockSpec[] = [
      this.headerBand(g),
      ...this.titleBlock(g),
      ...this.blocks(body, g.textWidth, !!closing, firstBefore),
      ...(closing ? [closing] : []),
    ];
    return [this.section(main, false), ...this.model.appendices.map((a) => this.appendix(a))];
  }
}

/** Lines of runs joined by explicit line breaks (bold, like the DOCX's break runs). */
function joinLines(lines: Run[][]): Run[] {
  return lines.flatMap((line, k) => (k ? [{ text: '\n', bold: true }, ...line] : line));
}

export function buildSections(model: DocumentModel, fonts: FontSet): SectionSpec[] {
  return new Builder(model, fonts).sections();
}
