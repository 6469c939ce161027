// Blocks taller than a page (a long nơi nhận list, a cell merged over 80 rows, a 300-row table):
// split across pages like Word and LibreOffice, every glyph inside the page body, no text lost.
import { describe, expect, it } from 'vitest';
import { ASCENT_EM, DESCENT_EM } from './helpers/font-metrics.js';
import { openDocx } from './helpers/ooxml.js';
import { readPdf } from './helpers/pdf-extract.js';
import { type DocumentModel, minimalPlan, modelOf, renderModel } from './helpers/render.js';

function model(patch: (plan: any) => void): DocumentModel {
  const plan = minimalPlan();
  patch(plan);
  return modelOf(plan).model;
}

const pt = (mm: number) => Math.round((mm * 1440) / 25.4) / 20;

/** Our PDF read back: its pages, the text outside the page body, all text; and the DOCX's closing row. */
async function laidOut(m: DocumentModel) {
  const { docx, pdf } = await renderModel(m);
  const read = await readPdf(pdf);
  const outside: string[] = [];
  const top = pt(m.page.margins.top);
  const bottom = read.pages[0].height - pt(m.page.margins.bottom);
  read.pages.forEach((p, k) => {
    for (const r of p.items.filter((i) => i.text.trim())) {
      // Page numbers live in the header area above the body.
      if (k > 0 && r.y < top) continue;
      if (r.y - ASCENT_EM * r.size < top - 0.5 || r.y + DESCENT_EM * r.size > bottom + 0.5) outside.push(`p${k + 1}: ${r.text}`);
    }
    for (const l of p.lines) if (Math.max(l.y1, l.y2) > bottom + 1) outside.push(`p${k + 1}: rule at ${l.y2}`);
  });
  const text = read.pages.map((p) => p.items.map((r) => r.text).join(' ')).join(' ');
  const d = openDocx(docx);
  const closing = d.body.flatMap((b) =>
    b.kind === 'tbl' && b.t.rows.some((r) => r.cells.some((c) => c.paras.some((x) => x.text === 'Nơi nhận:'))) ? [b.t] : [],
  );
  expect(closing.length, 'one closing table').toBe(1);
  return { pages: read.pages, outside, text, closingRow: closing[0].rows[0], closingRows: closing[0].rows };
}

describe('blocks taller than a page', () => {
  it('splits a closing block with 60 recipients; the "- Lưu" line is kept; DOCX row may split', async () => {
    const m = model((p) => {
      p.recipients = Array.from({ length: 60 }, (_, k) => `Đơn vị nhận số ${k + 1}`);
    });
    const { pages, outside, text, closingRow, closingRows } = await laidOut(m);
    expect(outside).toEqual([]);
    for (let k = 1; k <= 60; k++) expect(text).toContain(`Đơn vị nhận số ${k};`);
    expect(text).toMatch(/Lưu: VT, NVY/);
    expect(text).toContain('Nguyễn Văn An');
    expect(pages.length).toBe(2); // as LibreOffice lays out the DOCX (its row may split now)
    // The signature stays whole beside the first recipients; the rest of the list runs on in a
    // second row that may split over pages.
    expect(closingRow.cantSplit, 'the signature row never splits').toBe(true);
    expect(closingRows).toHaveLength(2);
    expect(closingRows[1].cantSplit, 'the rest of the nơi nhận may split').toBe(false);
  });

  it('keeps a normal closing block whole (cantSplit)', async () => {
    const { closingRow, pages } = await laidOut(model(() => {}));
    expect(pages.length).toBe(1);
    expect(closingRow.cantSplit).toBe(true);
  });

  it('splits a cell merged over 80 rows row by row', async () => {
    const rows: unknown[][] = [[{ text: 'Gộp', rowspan: 80 }, 'Hàng 1']];
    for (let k = 2; k <= 80; k++) rows.push([`Hàng ${k}`]);
    const m = model((p) => {
      p.purposes.purpose.push({ table: { columns: [1, 3], header: ['Nhóm', 'Nội dung'], rows } });
    });
    const { pages, outside, text } = await laidOut(m);
    expect(outside).toEqual([]);
    for (let k = 1; k <= 80; k++) expect(text).toMatch(new RegExp(`Hàng ${k}\\b`));
    expect(text).toContain('Gộp');
    expect(pages.length).toBeGreaterThan(2);
  });

  it('lays out a 300-row table inside the page body', async () => {
    const rows = Array.from({ length: 300 }, (_, k) => [String(k + 1), `Nội dung dòng ${k + 1}`]);
    const m = model((p) => {
      p.purposes.purpose.push({ table: { columns: [1, 5], header: ['TT', 'Nội dung'], rows } });
    });
    const { pages, outside, text } = await laidOut(m);
    expect(outside).toEqual([]);
    // LibreOffice counts each row's border in its height: 36 rows a page, 10 pages.
    expect(pages.length).toBe(10);
    for (let k = 1; k <= 300; k++) expect(text).toContain(`Nội dung dòng ${k}`);
  });
});
