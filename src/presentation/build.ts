// DocumentModel → page description: the one place where the decree's geometry is applied to a
// document. Both renderings (DOCX, and PDF/HTML through the layout engine) start from its result.
import { type FontSet, loadFontSet } from '../fonts/metrics.js';
import type { Appendix, Block as ModelBlock, DocumentModel, DocumentMeta, PageSetup } from '../model/document.js';
import { GAPS, RULE_SHARE } from '../nd30/header.js';
import { A4, A4_LANDSCAPE, FONT_FAMILY, FOOTER_DISTANCE, LANGUAGE } from '../nd30/page.js';
import { PART_STYLES, paragraphGeometry } from '../nd30/styles.js';
import { parseDocDate } from '../schema/dates.js';
import { mmToGridPt, mmToPt, ptToMm } from '../util/units.js';
import { type BodyContext, bodyBlocks, joinLines, runs } from './body.js';
import { closingBlock } from './closing.js';
import { Notes } from './footnotes.js';
import { bandGeometry, headerBand } from './header-band.js';
import { wrappedLineWidths } from './measure.js';
import { emptyParagraph, lines, rule } from './parts.js';
import { documentStyles } from './styles.js';
import type { Block, Meta, Paragraph, Presentation, Section } from './types.js';

/** Text width of a page in mm. */
export function textWidthMm(page: PageSetup, landscape = false): number {
  return (landscape ? A4_LANDSCAPE : A4).width - page.margins.left - page.margins.right;
}

/**
 * Where the gap under a title rule (trích yếu, appendix title) goes. Word adds a paragraph's space
 * after to the next one's space before, LibreOffice (and our layout) take the larger, so a space
 * after never meets a space before: the first body paragraph carries the gap as its space before
 * (at least its style's own); only a body starting with a table or a page break leaves it to the
 * rule's space after.
 */
export function gapUnderRule(first: ModelBlock | undefined, page: PageSetup): { ruleAfter: number; firstBefore?: number } {
  const gap = GAPS.afterSummaryRule;
  if (first?.kind !== 'paragraph') return { ruleAfter: gap };
  return { ruleAfter: 0, firstBefore: Math.max(gap, paragraphGeometry(first.style, page).spaceBefore) };
}

/** A rule under a centred title, 2/5 of its longest line as laid out in `widthMm`. */
function titleRule(title: DocumentModel['title']['summary'], page: PageSetup, fonts: FontSet, widthMm: number, after: number): Paragraph {
  const widths = title.flatMap((line) => wrappedLineWidths(line, page.bodySize, fonts, mmToPt(widthMm)));
  return rule(ptToMm(Math.max(0, ...widths)) * RULE_SHARE, widthMm, after);
}

/** Tên loại, trích yếu (and, for a document issued with another, the line saying so), the rule under them. */
function titleBlock(model: DocumentModel, fonts: FontSet, widthMm: number, notes: Notes): Paragraph[] {
  // Without a header band above, the tên loại starts the page.
  const out = lines('kind', model.title.kind, { before: model.header ? GAPS.beforeKind : undefined });
  if (model.title.summary.length) out.push({ kind: 'paragraph', style: PART_STYLES.summary.id, runs: runs(joinLines(model.title.summary), notes) });
  if (model.title.note) out.push(...lines('appendixNote', model.title.note));
  if (model.title.summary.length || model.title.note)
    out.push(titleRule(model.title.summary, model.page, fonts, widthMm, gapUnderRule(model.body[0], model.page).ruleAfter));
  return out;
}

/** A section on A4 with the page's margins; the page number shows from its second page. */
function section(model: DocumentModel, blocks: Block[], landscape: boolean): Section {
  const size = landscape ? A4_LANDSCAPE : A4;
  const m = model.page.margins;
  const pageNumber: Paragraph = { kind: 'paragraph', style: PART_STYLES.pageNumber.id, runs: [{ text: '', field: 'page' }] };
  return {
    width: mmToGridPt(size.width),
    height: mmToGridPt(size.height),
    landscape,
    margins: { top: mmToGridPt(m.top), bottom: mmToGridPt(m.bottom), left: mmToGridPt(m.left), right: mmToGridPt(m.right) },
    headerDistance: mmToGridPt(model.page.headerDistance),
    footerDistance: mmToGridPt(FOOTER_DISTANCE),
    header: model.page.pageNumbers ? [pageNumber] : undefined,
    pageNumberStart: 1,
    blocks,
  };
}

/** A phụ lục: its own section (own page numbering, maybe landscape), label, title, note, rule, body. */
function appendixSection(a: Appendix, model: DocumentModel, fonts: FontSet, ctx: BodyContext): Section {
  const width = textWidthMm(model.page, a.landscape);
  const blocks: Block[] = [];
  if (a.label) blocks.push(...lines('appendixLabel', a.label));
  if (a.title.length) blocks.push({ kind: 'paragraph', style: PART_STYLES.appendixTitle.id, runs: runs(joinLines(a.title), ctx.notes) });
  if (a.note) blocks.push(...lines('appendixNote', a.note));
  const gap = gapUnderRule(a.blocks[0], model.page);
  blocks.push(titleRule(a.title, model.page, fonts, width, gap.ruleAfter));
  blocks.push(...bodyBlocks(a.blocks, width, ctx, false, gap.firstBefore));
  return section(model, blocks, !!a.landscape);
}

/** File metadata as one-line NFC fields; the date from the document, never the clock. */
export function presentMeta(meta: DocumentMeta): Meta {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().normalize('NFC');
  return {
    title: oneLine(meta.title),
    author: oneLine(meta.author),
    subject: meta.subject === undefined ? undefined : oneLine(meta.subject),
    keywords: meta.keywords?.map(oneLine),
    language: meta.language || LANGUAGE,
    date: meta.date === undefined ? undefined : parseDocDate(meta.date),
  };
}

/**
 * Every string in Unicode NFC (NĐ 30 / TCVN 6909), whoever built the model. Copies only the
 * objects on the way to a string that changes: models are usually NFC already, and this runs
 * for every render.
 */
function nfc<T>(x: T): T {
  if (typeof x === 'string') return x.normalize('NFC') as T;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v = nfc(x[i]);
      if (v === x[i]) continue;
      out ??= x.slice();
      out[i] = v;
    }
    return (out ?? x) as T;
  }
  if (x && typeof x === 'object') {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(x)) {
      const old = (x as Record<string, unknown>)[k];
      const v = nfc(old);
      if (v === old) continue;
      out ??= { ...(x as Record<string, unknown>) };
      out[k] = v;
    }
    return (out ?? x) as T;
  }
  return x;
}

/** The page description of a document model. `fonts` measures what follows the text (rules, band columns). */
export function present(input: DocumentModel, fonts: FontSet = loadFontSet()): Presentation {
  const model = nfc(input);
  const p = model.page;
  const width = textWidthMm(p);
  const closing = closingBlock(model, fonts, width);
  const notes = new Notes();
  const ctx: BodyContext = { page: p, notes, fonts, notices: [] };
  const firstBefore = model.title.summary.length || model.title.note ? gapUnderRule(model.body[0], p).firstBefore : undefined;
  const main: Block[] = [
    ...(model.header ? [headerBand(model.header, p, bandGeometry(model.header, p, fonts, width), fonts)] : []),
    ...titleBlock(model, fonts, width, notes),
    ...bodyBlocks(model.body, width, ctx, !!closing, firstBefore),
    ...(closing ? [closing] : []),
  ];
  // LibreOffice, reading a DOCX that has footnotes and starts with a table, puts an empty body
  // paragraph above the table (a page's first line lower than in Word); a 1 pt empty paragraph
  // first keeps the two alike.
  if (notes.list.length && main[0]?.kind === 'table') main.unshift(emptyParagraph(PART_STYLES.rule.id));
  return {
    meta: presentMeta(model.meta),
    defaults: {
      font: FONT_FAMILY,
      language: LANGUAGE,
      paragraph: { spaceBefore: 0, spaceAfter: 0, lineSpacing: 1, widowControl: true },
      run: { size: p.bodySize },
    },
    styles: documentStyles(p),
    sections: [section(model, main, false), ...model.appendices.map((a) => appendixSection(a, model, fonts, ctx))],
    footnotes: notes.list,
    notices: ctx.notices,
  };
}
