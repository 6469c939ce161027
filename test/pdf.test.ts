// The PDF writer against the NĐ 30 rules and against the DOCX: every example is rendered and
// read back with pdf.js (text, positions, font names, stroked lines).
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model/document.js';
import { present } from '../src/presentation/build.js';
import { WRITERS } from '../src/writers/index.js';
import { docxParagraphs } from './helpers/docx-text.js';
import { ASCENT_EM, METRICS } from './helpers/font-metrics.js';
import { readPdf, squash, type PdfContent, type PdfPage, type TextItem } from './helpers/pdf-extract.js';
import { exampleFiles, exampleName, renderExample } from './helpers/render.js';

const files = exampleFiles({ corpus: false });
/** Points from the model's millimetres, through whole twips as both writers store lengths. */
const twipPt = (mm: number) => Math.round((mm * 1440) / 25.4) / 20;

interface Rendered {
  model: DocumentModel;
  pdf: Uint8Array;
  docx: Uint8Array;
  read: PdfContent;
}
const rendered = new Map<string, Promise<Rendered>>();
function get(file: string): Promise<Rendered> {
  let r = rendered.get(file);
  if (!r) {
    r = renderExample(file).then(async (x) => ({ model: x.model, pdf: x.pdf, docx: x.docx, read: await readPdf(x.pdf) }));
    rendered.set(file, r);
  }
  return r;
}

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

describe.each(files.map((f) => [exampleName(f), f] as const))('PDF of %s', (_name, file) => {
  it('is A4 with every glyph inside the margins', async () => {
    const { model, read } = await get(file);
    const m = model.page.margins;
    // The header band, like the decree's own table, may reach 3.5 mm into the left margin
    // (nd30-format §2): on page 1, above the tên loại.
    const kindY = read.pages[0].items.find((i) => i.text.trim() === model.title.kind)?.y ?? 0;
    read.pages.forEach((page, k) => {
      expect(page.width).toBeCloseTo(595.3, 0);
      expect(page.height).toBeCloseTo(841.9, 0);
      const body = page.items.filter((i) => !inHeaderZone(model, i));
      expect(body.length).toBeGreaterThan(0);
      for (const it of body) {
        const overhang = k === 0 && it.y < kindY ? twipPt(3.5) : 0;
        expect(it.x).toBeGreaterThanOrEqual(twipPt(m.left) - overhang - 0.5);
        expect(it.x + it.width).toBeLessThanOrEqual(page.width - twipPt(m.right) + 0.5);
        // The glyphs' top: Tinos' winAscent above the baseline.
        expect(it.y - (METRICS.winAscent / METRICS.upm) * it.size).toBeGreaterThanOrEqual(twipPt(m.top) - 0.5);
        expect(it.y).toBeLessThanOrEqual(page.height - twipPt(m.bottom) + 0.5);
      }
    });
  });

  it('numbers pages top centre from page 2, none on page 1', async () => {
    const { model, read } = await get(file);
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

  it('centres the header elements on each other and draws the rules at the decree lengths', async () => {
    const { model, read } = await get(file);
    const page = read.pages[0];
    const h = model.header;
    const national = find(page, h.nationalTitle)!;
    const motto = find(page, h.motto)!;
    const placeDate = find(page, h.placeDate.split('\n')[0])!;
    const agencyLines = h.agency.split('\n').map((l) => find(page, l)!);
    const number = find(page, h.number.split('\n')[0])!;
    const parent = (h.parent ? h.parent.split('\n') : []).map((l) => find(page, l)!);
    expect([national, motto, placeDate, number, ...agencyLines, ...parent].every(Boolean), 'every header line found on one line').toBe(true);
    // Right column: quốc hiệu, tiêu ngữ and place/date share a centre; left column: the agencies and "Số".
    for (const it of [motto, placeDate]) expect(center(it)).toBeCloseTo(center(national), 0);
    for (const it of [number, ...agencyLines, ...parent]) expect(center(it)).toBeCloseTo(center(agencyLines[0]), 0);
    // "Số" and the date on one line (their rows start together; sizes may differ).
    expect(Math.abs(number.y - placeDate.y)).toBeLessThan(3);
    // The band stays within the page's text area, reaching at most 3.5 mm into the left margin.
    const left = twipPt(model.page.margins.left);
    for (const it of [national, motto, placeDate, number, ...agencyLines, ...parent]) {
      expect(it.x).toBeGreaterThanOrEqual(left - twipPt(3.5) - 0.5);
      expect(it.x + it.width).toBeLessThanOrEqual(595.3 - twipPt(model.page.margins.right) + 0.5);
    }

    // Each rule: the first horizontal line below its text, centred under it.
    const horizontal = page.lines.filter((l) => Math.abs(l.y1 - l.y2) < 0.01);
    const under = (it: TextItem) =>
      horizontal.filter((l) => l.y1 > it.y && l.y1 - it.y < 14 && Math.abs((l.x1 + l.x2) / 2 - center(it)) < 0.6).sort((a, b) => a.y1 - b.y1)[0];
    const len = (l: { x1: number; x2: number }) => Math.abs(l.x2 - l.x1);
    const mottoRule = under(motto);
    expect(mottoRule, 'tiêu ngữ rule').toBeDefined();
    expect(len(mottoRule), 'tiêu ngữ rule as long as the tiêu ngữ').toBeCloseTo(motto.width, 0);
    const agencyRule = under(agencyLines[agencyLines.length - 1]);
    expect(agencyRule, 'agency rule').toBeDefined();
    const agencyShare = len(agencyRule) / Math.max(...agencyLines.map((a) => a.width));
    expect(agencyShare, 'agency rule 1/3–1/2 of the agency').toBeGreaterThanOrEqual(1 / 3 - 0.005);
    expect(agencyShare).toBeLessThanOrEqual(1 / 2 + 0.005);
    // The trích yếu: the lines between KẾ HOẠCH and the first rule under it.
    const kind = find(page, model.title.kind)!;
    const summaryRule = horizontal.filter((l) => l.y1 > kind.y).sort((a, b) => a.y1 - b.y1)[0];
    expect(summaryRule, 'trích yếu rule').toBeDefined();
    const summaryItems = page.items.filter((i) => i.text.trim() && i.y > kind.y && i.y < summaryRule.y1);
    expect(summaryItems.length, 'trích yếu lines').toBeGreaterThan(0);
    const summaryLines = [...new Set(summaryItems.map((i) => i.y))].map((y) => {
      const on = summaryItems.filter((i) => i.y === y);
      return Math.max(...on.map((i) => i.x + i.width)) - Math.min(...on.map((i) => i.x));
    });
    const summaryShare = len(summaryRule) / Math.max(...summaryLines);
    expect(summaryShare, 'trích yếu rule 1/3–1/2 of its longest line').toBeGreaterThanOrEqual(1 / 3 - 0.005);
    expect(summaryShare).toBeLessThanOrEqual(1 / 2 + 0.005);
    expect((summaryRule.x1 + summaryRule.x2) / 2, 'trích yếu rule centred under KẾ HOẠCH').toBeCloseTo(center(kind), 0);
  });

  it('leaves at least 6 pt between the trích yếu rule and the first body line', async () => {
    const { model, read } = await get(file);
    const page = read.pages[0];
    const kind = find(page, model.title.kind)!;
    const rule = page.lines.filter((l) => Math.abs(l.y1 - l.y2) < 0.01 && l.y1 > kind.y).sort((a, b) => a.y1 - b.y1)[0];
    expect(rule, 'trích yếu rule').toBeDefined();
    const next = page.items.filter((i) => i.y > rule.y1 && i.text.trim()).sort((a, b) => a.y - b.y)[0];
    expect(next, 'the body starts on page 1').toBeDefined();
    expect(next.y - ASCENT_EM * next.size - rule.y1).toBeGreaterThanOrEqual(6 - 0.2);
  });

  it('uses bold and italic where the DOCX does', async () => {
    const { model, read } = await get(file);
    const page = read.pages[0];
    const h = model.header;
    expect(isBold(find(page, h.nationalTitle)!.font)).toBe(true);
    expect(isBold(find(page, h.motto)!.font)).toBe(true);
    expect(isBold(find(page, h.agency.split('\n')[0])!.font)).toBe(true);
    for (const l of h.parent ? h.parent.split('\n') : []) expect(isBold(find(page, l)!.font)).toBe(false);
    const pd = find(page, h.placeDate.split('\n')[0])!;
    expect(isItalic(pd.font) && !isBold(pd.font)).toBe(true);
    expect(isBold(find(page, model.title.kind)!.font)).toBe(true);
    const all = read.pages.flatMap((p) => p.items);
    const label = model.closing.recipients?.label;
    expect(label, 'a Nơi nhận block').toBeDefined();
    const it = all.find((i) => i.text.trim() === label)!;
    expect(it.font).toMatch(/-BoldItalic$/);
    expect(it.size).toBe(12);
    // Section titles bold, căn cứ lines italic (unless the user made a căn cứ bold).
    const startOf = (b: { marker?: string; runs: { text: string }[] }) => ((b.marker ? b.marker + ' ' : '') + b.runs.map((r) => r.text).join('')).slice(0, 12);
    const paras = model.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
    const titles = paras.filter((b) => b.style === 'heading1');
    const basis = paras.filter((b) => b.style === 'basis' && !b.runs[0].bold);
    expect(titles.length).toBeGreaterThan(0);
    for (const b of titles) expect(isBold(all.find((i) => i.text.startsWith(startOf(b)))!.font), `"${startOf(b)}" bold`).toBe(true);
    for (const b of basis) expect(isItalic(all.find((i) => i.text.startsWith(startOf(b)))!.font), `"${startOf(b)}" italic`).toBe(true);
    for (const p of read.pages) for (const it of p.items) expect(it.font).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
  });

  it('holds the same text as the DOCX', async () => {
    const { model, read, docx } = await get(file);
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
    const heads = [...model.body, ...model.appendices.flatMap((a) => a.blocks)]
      .flatMap((b) => (b.kind === 'table' ? [b] : []))
      .map((b) =>
        squash(
          b.rows
            .filter((r) => r.header)
            .flatMap((r) => r.cells.flatMap((c) => c.blocks.map((p) => p.runs.map((x) => x.text).join(''))))
            .join(''),
        ),
      )
      .filter((h) => h !== '');
    for (const head of heads) {
      expect(ours.split(head).length).toBeGreaterThanOrEqual(theirs.split(head).length);
      ours = ours.split(head).join('');
      theirs = theirs.split(head).join('');
    }
    expect(ours).toBe(theirs);
  });

  it('has the metadata and is deterministic', async () => {
    const { model, read, pdf } = await get(file);
    const info = read.info;
    expect(Number(info.PDFFormatVersion)).toBeGreaterThanOrEqual(1.4);
    // One-line fields, as in the DOCX core properties.
    const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(info.Title).toBe(oneLine(model.meta.title));
    expect(info.Author).toBe(oneLine(model.meta.author));
    expect(info.Subject ?? '').toBe(oneLine(model.meta.subject ?? ''));
    expect(info.Creator).toBe('kehoach');
    expect(info.Producer).toBe('kehoach');
    expect(info.Language).toBe('vi-VN');
    expect(model.meta.date, 'the plan is dated').toBeTruthy();
    expect(info.CreationDate).toMatch(new RegExp('^D:' + model.meta.date!.slice(0, 4)));
    const again = (await WRITERS.pdf!.write(present(model), {})) as Uint8Array;
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
  });
});

describe('PDF writer registry', () => {
  it('is registered as the pdf format', async () => {
    expect(WRITERS.pdf?.extension).toBe('.pdf');
    const r = await get(files[0]);
    const bytes = await WRITERS.pdf!.write(present(r.model), {});
    expect(new TextDecoder().decode(bytes.slice(0, 8))).toMatch(/^%PDF-1\.\d/);
  });
});
