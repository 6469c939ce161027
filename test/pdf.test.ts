// The PDF writer against the NĐ 30 rules and against the DOCX: every example is rendered and
// read back with pdf.js (text, positions, font names, stroked lines).
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet } from '../src/fonts/metrics.js';
import { mmToPt } from '../src/util/units.js';
import type { DocumentModel } from '../src/model/document.js';
import { GAPS, RULE_SHARE, RULE_WIDTH } from '../src/nd30/header.js';
import { headerGeometry } from './helpers/geometry.js';
import { docxFromModel, modelFromFile, pdfFromModel, templatesFor } from '../src/pipeline.js';
import { present } from '../src/presentation/build.js';
import { mmToGridPt as twipPt } from '../src/util/units.js';
import { WRITERS } from '../src/writers/index.js';
import { docxParagraphs } from './helpers/docx-text.js';
import { readPdf, squash, type PdfContent, type PdfPage, type TextItem } from './helpers/pdf-extract.js';

const EXAMPLES = join(__dirname, '..', 'examples');
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(EXAMPLES, f));
const fonts = loadFontSet();
const templates = templatesFor(keHoach);

interface Rendered {
  model: DocumentModel;
  pdf: Uint8Array;
  docx: Uint8Array;
  read: PdfContent;
}
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  for (const f of files) {
    const { model } = modelFromFile(keHoach, f, templates);
    const pdf = await pdfFromModel(model, { fonts });
    const docx = await docxFromModel(model, fonts);
    rendered.set(basename(f, '.json'), { model, pdf, docx, read: await readPdf(pdf) });
  }
});

const center = (it: TextItem) => it.x + it.width / 2;
const norm = (s: string) => s.replace(/[\s\u00a0]+/gu, ' ').trim();
/** The text as drawn, possibly in several consecutive items (pdf.js splits at wide spaces). */
function find(page: PdfPage, text: string): TextItem | undefined {
  const want = norm(text).replace(/ /g, '');
  for (let k = 0; k < page.items.length; k++) {
    if (!norm(page.items[k].text)) continue;
    let got = '';
    for (let j = k; j < page.items.length; j++) {
      got += norm(page.items[j].text).replace(/ /g, '');
      if (!want.startsWith(got)) break;
      if (got === want) {
        const a = page.items[k];
        const b = page.items[j];
        return { ...a, text, width: b.x + b.width - a.x };
      }
    }
  }
  return undefined;
}
const isBold = (font: string) => /-Bold(Italic)?$/.test(font);
const isItalic = (font: string) => /-(Bold)?Italic$/.test(font);
/** Items in the top margin (the page-number header). */
const inHeaderZone = (model: DocumentModel, it: TextItem) => it.y < twipPt(model.page.margins.top);

/** Pages per section: appendices restart numbering. */
function _sectionStarts(r: Rendered): number[] {
  const starts = [0];
  r.read.pages.forEach((p, k) => {
    if (k > 0 && r.model.appendices.some((a) => a.label && p.items.some((i) => i.text.trim() === a.label && !inHeaderZone(r.model, i)))) {
      if (
        p.items.filter((i) => !inHeaderZone(r.model, i))[0]?.text.trim() === r.model.appendices.find((a) => a.label)?.label ||
        starts.length <= r.model.appendices.length
      )
        starts.push(k);
    }
  });
  return starts;
}

describe.each(files.map((f) => basename(f, '.json')))('PDF of %s', (name) => {
  const get = () => rendered.get(name)!;

  it('is A4 with every glyph inside the margins', () => {
    const { model, read } = get();
    const m = model.page.margins;
    for (const page of read.pages) {
      expect(page.width).toBeCloseTo(595.3, 0);
      expect(page.height).toBeCloseTo(841.9, 0);
      for (const it of page.items) {
        if (inHeaderZone(model, it)) continue;
        expect(it.x).toBeGreaterThanOrEqual(twipPt(m.left) - 0.5);
        expect(it.x + it.width).toBeLessThanOrEqual(page.width - twipPt(m.right) + 0.5);
        // Tinos' ascent is 0.891 em.
        expect(it.y - 0.891 * it.size).toBeGreaterThanOrEqual(twipPt(m.top) - 0.5);
        expect(it.y).toBeLessThanOrEqual(page.height - twipPt(m.bottom) + 0.5);
      }
    }
  });

  it('numbers pages top centre from page 2, none on page 1', () => {
    const { model, read } = get();
    const m = model.page.margins;
    const mid = twipPt(m.left) + (595.3 - twipPt(m.left) - twipPt(m.right)) / 2;
    let section = 0;
    let n = 0;
    read.pages.forEach((page, k) => {
      const header = page.items.filter((i) => inHeaderZone(model, i));
      // A page with an appendix label right at the top starts a new section.
      const firstBody = page.items.find((i) => !inHeaderZone(model, i));
      const startsAppendix = k > 0 && model.appendices.some((a) => a.label && firstBody?.text.trim() === a.label);
      if (k === 0 || startsAppendix) {
        section++;
        n = 1;
        expect(header, `page ${k + 1} has no number`).toHaveLength(0);
        return;
      }
      n++;
      expect(header.map((i) => i.text.trim())).toEqual([String(n)]);
      expect(center(header[0])).toBeCloseTo(mid, 0);
      // 10 mm from the top edge: the baseline lies within the first line below it.
      expect(header[0].y).toBeGreaterThan(twipPt(model.page.headerDistance));
      expect(header[0].y).toBeLessThan(twipPt(model.page.headerDistance) + 1.2 * model.page.bodySize);
    });
    expect(section).toBeGreaterThanOrEqual(1);
  });

  it('centres the header elements in their columns and draws the rules at the decree lengths', () => {
    const { model, read } = get();
    const page = read.pages[0];
    const g = headerGeometry(model, fonts);
    const left = twipPt(model.page.margins.left);
    // The band reaches up to 3.5 mm into the left margin (the official table), like the DOCX's tblInd.
    expect(g.bandIndent).toBeGreaterThanOrEqual(-3.5);
    const band = left + twipPt(g.bandIndent);
    const leftMid = band + twipPt(g.leftWidth) / 2;
    const rightMid = band + twipPt(g.leftWidth) + twipPt(g.rightWidth) / 2;
    expect(rightMid + twipPt(g.rightWidth) / 2, 'band ends at the right margin').toBeCloseTo(left + twipPt(g.textWidth), 1);
    const h = model.header;
    const national = find(page, h.nationalTitle)!;
    const motto = find(page, h.motto)!;
    const placeDate = find(page, h.placeDate.split('\n')[0])!;
    const agency = find(page, h.agency.split('\n')[0])!;
    const number = find(page, h.number.split('\n')[0])!;
    for (const it of [national, motto, placeDate]) expect(center(it)).toBeCloseTo(rightMid, 0);
    for (const it of [agency, number]) expect(center(it)).toBeCloseTo(leftMid, 0);
    if (h.parent) expect(center(find(page, h.parent.split('\n')[0])!)).toBeCloseTo(leftMid, 0);
    // "Số" and the date on one line (their rows start together; sizes may differ).
    expect(Math.abs(number.y - placeDate.y)).toBeLessThan(3);

    const horizontal = page.lines.filter((l) => Math.abs(l.y1 - l.y2) < 0.01);
    const near = (len: number, mid: number) => horizontal.find((l) => Math.abs(Math.abs(l.x2 - l.x1) - len) < 0.6 && Math.abs((l.x1 + l.x2) / 2 - mid) < 0.6);
    const mottoRule = near(mmToPt(g.mottoRule), rightMid);
    expect(mottoRule, 'tiêu ngữ rule as long as the tiêu ngữ').toBeDefined();
    expect(Math.abs(mottoRule!.x2 - mottoRule!.x1)).toBeCloseTo(motto.width, 0);
    expect(mottoRule!.y1).toBeGreaterThan(motto.y);
    const agencyRule = near(mmToPt(g.agencyRule), leftMid);
    expect(agencyRule, 'agency rule').toBeDefined();
    expect(Math.abs(agencyRule!.x2 - agencyRule!.x1) / agency.width).toBeGreaterThanOrEqual(1 / 3 - 0.01);
    expect(Math.abs(agencyRule!.x2 - agencyRule!.x1) / agency.width).toBeLessThanOrEqual(1 / 2 + 0.01);
    const textMid = left + twipPt(g.textWidth) / 2;
    const summaryRule = near(mmToPt(g.summaryRule), textMid);
    expect(summaryRule, 'trích yếu rule').toBeDefined();
    expect(g.summaryRule / g.textWidth).toBeLessThanOrEqual(RULE_SHARE + 1e-9);
  });

  it('leaves 12 pt between the trích yếu rule and the first body line, as the DOCX now says unambiguously', () => {
    const { model, read } = get();
    const page = read.pages[0];
    const g = headerGeometry(model, fonts);
    const textMid = twipPt(model.page.margins.left) + twipPt(g.textWidth) / 2;
    const rule = page.lines.find(
      (l) => Math.abs(l.y1 - l.y2) < 0.01 && Math.abs(Math.abs(l.x2 - l.x1) - mmToPt(g.summaryRule)) < 0.6 && Math.abs((l.x1 + l.x2) / 2 - textMid) < 0.6,
    )!;
    expect(rule, 'trích yếu rule').toBeDefined();
    expect(model.body[0]?.kind).toBe('paragraph');
    const firstBaseline = Math.min(...page.items.filter((i) => i.y > rule.y1 && i.text.trim()).map((i) => i.y));
    const size = model.page.bodySize;
    const face = fonts.faces.regular;
    const expected = RULE_WIDTH / 2 + GAPS.afterSummaryRule + (face.lineHeight - face.descent) * size;
    expect(firstBaseline - rule.y1).toBeCloseTo(expected, 1);
  });

  it('uses bold and italic where the DOCX does', () => {
    const { model, read } = get();
    const page = read.pages[0];
    const h = model.header;
    expect(isBold(find(page, h.nationalTitle)!.font)).toBe(true);
    expect(isBold(find(page, h.motto)!.font)).toBe(true);
    expect(isBold(find(page, h.agency.split('\n')[0])!.font)).toBe(true);
    if (h.parent) expect(isBold(find(page, h.parent.split('\n')[0])!.font)).toBe(false);
    const pd = find(page, h.placeDate.split('\n')[0])!;
    expect(isItalic(pd.font) && !isBold(pd.font)).toBe(true);
    expect(isBold(find(page, model.title.kind)!.font)).toBe(true);
    const all = read.pages.flatMap((p) => p.items);
    const label = model.closing.recipients?.label;
    if (label) {
      const it = all.find((i) => i.text.trim() === label)!;
      expect(it.font).toMatch(/-BoldItalic$/);
      expect(it.size).toBe(12);
    }
    // Section titles bold, căn cứ lines italic.
    for (const b of model.body) {
      if (b.kind !== 'paragraph') continue;
      const first = (b.marker ? b.marker + ' ' : '') + b.runs.map((r) => r.text).join('');
      const start = first.slice(0, 12);
      const it = all.find((i) => i.text.startsWith(start));
      if (!it) continue;
      if (b.style === 'heading1') expect(isBold(it.font)).toBe(true);
      if (b.style === 'basis' && !b.runs[0].bold) expect(isItalic(it.font)).toBe(true);
    }
    for (const p of read.pages) for (const it of p.items) expect(it.font).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
  });

  it('holds the same text as the DOCX', () => {
    const { model, read, docx } = get();
    const pdfText = read.pages
      .map((p) =>
        p.items
          .filter((i) => !inHeaderZone(model, i))
          .map((i) => i.text)
          .join(''),
      )
      .join('');
    const docxText = docxParagraphs(docx).join('');
    // Header rows of tables repeat on every page a table runs over: take the repeats out.
    let ours = squash(pdfText);
    let theirs = squash(docxText);
    for (const b of [...model.body, ...model.appendices.flatMap((a) => a.blocks)]) {
      if (b.kind !== 'table') continue;
      const head = squash(
        b.rows
          .filter((r) => r.header)
          .flatMap((r) => r.cells.flatMap((c) => c.blocks.map((p) => p.runs.map((x) => x.text).join(''))))
          .join(''),
      );
      if (!head) continue;
      expect(ours.split(head).length).toBeGreaterThanOrEqual(theirs.split(head).length);
      ours = ours.split(head).join('');
      theirs = theirs.split(head).join('');
    }
    expect(ours).toBe(theirs);
  });

  it('has the metadata and is deterministic', async () => {
    const { model, read, pdf } = get();
    const info = read.info;
    expect(Number(info.PDFFormatVersion)).toBeGreaterThanOrEqual(1.4);
    // One-line fields, as in the DOCX core properties.
    const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(info.Title).toBe(oneLine(model.meta.title));
    expect(info.Author).toBe(oneLine(model.meta.author));
    if (model.meta.subject) expect(info.Subject).toBe(oneLine(model.meta.subject));
    expect(info.Creator).toBe('kehoach');
    expect(info.Producer).toBe('kehoach');
    expect(info.Language).toBe('vi-VN');
    if (model.meta.date) expect(info.CreationDate).toMatch(new RegExp('^D:' + model.meta.date.slice(0, 4)));
    const again = await pdfFromModel(model, { fonts });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
  });
});

describe('PDF writer registry', () => {
  it('is registered as the pdf format', async () => {
    expect(WRITERS.pdf?.extension).toBe('.pdf');
    const r = rendered.values().next().value!;
    const bytes = await WRITERS.pdf!.write(present(r.model, fonts), { fonts });
    expect(new TextDecoder().decode(bytes.slice(0, 8))).toMatch(/^%PDF-1\.\d/);
  });
});
