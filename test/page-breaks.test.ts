// Page breaks a clerk would sign, for every example (the real plans of examples/corpus/ too), in
// our PDF and in LibreOffice's rendering of our DOCX, read by poppler's pdftotext -bbox: no page
// ends with a heading, a lead line, a line ending with ":" or a table group row; no word of the
// source is split across lines; no code is broken after its hyphen; no page (other than the last
// of the body or of an appendix, or one before a page break) is less than two thirds full.
// What each text is comes from the document model (the input), never from the layout under test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import type { Block, DocumentModel } from '../src/model/document.js';
import { modelFromFile, pdfFromModel, templatesFor } from '../src/pipeline.js';
// @ts-expect-error: a plain ES module shared with scripts/page-defects.mjs
import { pageDefects } from '../scripts/page-defects-lib.mjs';
import { libreOffice, renderPaths } from './helpers/libreoffice.js';
import { EXTRA_CASES } from './helpers/cases.js';
import { exampleFiles, exampleName, renderCase, ROOT } from './helpers/render.js';

interface Defect {
  page: number;
  kind: string;
  text: string;
}
interface Report {
  defects: Defect[];
  stats: { pages: number; judged: number; ambiguous: number; unknown: number };
}
const judge = (model: DocumentModel, pdf: string) => pageDefects(model, pdf) as Report;
const show = (r: Report) => r.defects.map((d) => `p${d.page} ${d.kind}: ${d.text}`).join('\n');

const havePoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const lo = libreOffice();
const templates = templatesFor(keHoach);
const files = exampleFiles();
const cases = files.map((f) => [f.slice(ROOT.length + 1), f] as const);
const modelOf = (file: string) => modelFromFile(keHoach, file, templates).model;

/** Every page end must be judged (not left ambiguous) for most pages, or the check proves little. */
function expectJudged(r: Report) {
  const ends = r.stats.pages - 1;
  expect(r.stats.judged, `page ends judged: ${JSON.stringify(r.stats)}`).toBeGreaterThanOrEqual(Math.floor(ends * 0.75));
}

describe.skipIf(!havePoppler)('page breaks (pdftotext -bbox from poppler-utils)', () => {
  it('covers the examples and the corpus', () => {
    expect(files.filter((f) => f.includes('corpus')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('our PDF of %s', (_label, file) => {
    const r = judge(modelOf(file), renderPaths(exampleName(file)).pdf);
    expect(r.defects, show(r)).toEqual([]);
    expectJudged(r);
  });

  describe.skipIf(!lo.available)(lo.available ? "LibreOffice's rendering of our DOCX" : `LibreOffice (skipped: ${lo.reason})`, () => {
    it.each(cases)('%s', (_label, file) => {
      const r = judge(modelOf(file), renderPaths(exampleName(file)).lo!);
      expect(r.defects, show(r)).toEqual([]);
      expectJudged(r);
    });
  });

  it.each(EXTRA_CASES.map((c) => [c.title, c.slug] as const))('our PDF and LibreOffice\'s of the case "%s"', async (_title, slug) => {
    const { model } = await renderCase(slug);
    const paths = renderPaths(slug);
    for (const pdf of [paths.pdf, ...(lo.available ? [paths.lo!] : [])]) {
      const r = judge(model, pdf);
      expect(r.defects, `${pdf}\n${show(r)}`).toEqual([]);
    }
  });

  it('finds the lead line the layout keeps with its text once keep-with-next is taken out of the model', async () => {
    const file = join(ROOT, 'examples', 'kon-tum-2024-phong-trao-70-nam.json');
    const model = structuredClone(modelOf(file));
    const strip = (blocks: Block[]) => {
      for (const b of blocks) if (b.kind === 'paragraph') delete b.keepNext;
    };
    strip(model.body);
    for (const a of model.appendices) strip(a.blocks);
    const pdf = join(mkdtempSync(join(tmpdir(), 'kehoach-breaks-')), 'loose.pdf');
    writeFileSync(pdf, await pdfFromModel(model));
    const kinds = judge(model, pdf).defects.map((d) => d.kind);
    expect(kinds).toContain('lead');
  });
});

// The checker itself, on PDFs drawn by hand: each defect is found, and its fixed twin passes.
describe.skipIf(!havePoppler)('the page-break checker', () => {
  const A4 = { w: 595.28, h: 841.89 };
  const MM = 72 / 25.4;
  const top = 20 * MM;
  type Line = { text: string; x?: number };
  /**
   * A PDF whose pages hold the given lines, 18 pt apart from the top margin (Helvetica, ASCII
   * only): filler lines first, so the page is as full as asked and the lines under test end it;
   * a page given as { top } starts with its lines instead.
   */
  async function drawn(pages: (Line[] | { top: Line[] })[], fill = 0.9): Promise<string> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const spec of pages) {
      const lines = Array.isArray(spec) ? spec : spec.top;
      const page = doc.addPage([A4.w, A4.h]);
      const room = A4.h - top - 20 * MM;
      const n = Math.max(0, Math.floor((room * fill) / 18) - lines.length);
      const filler = Array.from({ length: n }, (_, k) => ({ text: `filler line ${k} of the body text` }));
      const all = Array.isArray(spec) ? [...filler, ...lines] : [...lines, ...filler];
      all.forEach((l, k) => {
        page.drawText(l.text, { x: l.x ?? 30 * MM, y: A4.h - top - 14 - k * 18, size: 13, font });
      });
    }
    const file = join(mkdtempSync(join(tmpdir(), 'kehoach-checker-')), 'drawn.pdf');
    writeFileSync(file, await doc.save());
    return file;
  }
  const filler = Array.from({ length: 60 }, (_, k) => `filler line ${k} of the body text`).join(' ');
  function model(body: Block[], appendices: DocumentModel['appendices'] = []): DocumentModel {
    return {
      page: { margins: { top: 20, bottom: 20, left: 30, right: 15 } },
      title: { kind: 'KE HOACH', summary: [] },
      body: [{ kind: 'paragraph', style: 'body', runs: [{ text: filler }] }, ...body],
      appendices,
    } as unknown as DocumentModel;
  }
  const p = (text: string, style = 'body', marker?: string): Block => ({ kind: 'paragraph', style, marker, runs: [{ text }] }) as Block;
  const kinds = async (m: DocumentModel, pages: (Line[] | { top: Line[] })[], fill?: number) => judge(m, await drawn(pages, fill)).defects.map((d) => d.kind);

  it('a heading at the foot of a page', async () => {
    const m = model([p('MUC DICH, YEU CAU', 'heading1', 'I.'), p('Noi dung cua muc.')]);
    expect(await kinds(m, [[{ text: 'I. MUC DICH, YEU CAU' }], [{ text: 'Noi dung cua muc.' }]])).toEqual(['heading']);
    expect(await kinds(m, [[], { top: [{ text: 'I. MUC DICH, YEU CAU' }, { text: 'Noi dung cua muc.' }] }])).toEqual([]);
  });

  it('a paragraph ending with ":" at the foot of a page', async () => {
    const m = model([p('Cac don vi gom:'), p('So Y te;', 'bullet', '-')]);
    expect(await kinds(m, [[{ text: 'Cac don vi gom:' }], [{ text: '- So Y te;' }]])).toEqual(['colon']);
  });

  it('a lettered lead line alone, but not a complete lettered item', async () => {
    const m = model([p('Hoat dong 3', 'item', 'c)'), p('To chuc hoi nghi.', 'bullet', '-'), p('Ket thuc dot.', 'item', 'd)'), p('Van ban cuoi.')]);
    expect(await kinds(m, [[{ text: 'c) Hoat dong 3' }], [{ text: '- To chuc hoi nghi.' }, { text: 'd) Ket thuc dot.' }, { text: 'Van ban cuoi.' }]])).toEqual([
      'lead',
    ]);
    expect(await kinds(m, [[{ text: 'c) Hoat dong 3' }, { text: '- To chuc hoi nghi.' }, { text: 'd) Ket thuc dot.' }], [{ text: 'Van ban cuoi.' }]])).toEqual(
      [],
    );
  });

  it('a code broken after its hyphen, and a word broken inside a cell', async () => {
    const m = model([p('Theo Cong van 196-TB/TW ngay 5.'), p('DIEM CHUAN cua nam.')]);
    const found = await kinds(m, [[{ text: 'Theo Cong van 196-' }, { text: 'TB/TW ngay 5.' }, { text: 'DIEM CHUA' }, { text: 'N cua nam.' }]]);
    expect(found.sort()).toEqual(['code', 'code', 'split', 'split']);
  });

  it('a page less than two thirds full, unless an appendix starts on the next', async () => {
    const m = model([p('Doan cuoi.')], [{ label: 'Phu luc I', title: [[{ text: 'DANH SACH' }]], blocks: [] }]);
    expect(await kinds(m, [[{ text: 'Doan cuoi.' }], [{ text: filler.slice(0, 30) }]], 0.4)).toEqual(['underfull']);
    expect(await kinds(m, [[{ text: 'Doan cuoi.' }], { top: [{ text: 'Phu luc I' }, { text: 'DANH SACH' }] }], 0.4)).toEqual([]);
  });
});
