// Table rows across a page break: the repeated header keeps its vertical centring, and a group
// row of the targets table goes with its first sub-row (<tr keep-next="true">), in the model, our
// PDF (read back with pdf.js), the DOCX (independent reader) and LibreOffice's rendering of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { libreOffice } from './helpers/libreoffice.js';
import { loDoc } from './helpers/lo-measure.js';
import { openDocx } from './helpers/ooxml.js';
import { type PdfContent, type PdfPage, readPdf } from './helpers/pdf-extract.js';
import { exampleFiles, type Rendered, renderExample } from './helpers/render.js';

const lo = libreOffice();
const file = exampleFiles().find((f) => f.endsWith('tiem-chung-2026.json'))!;
let r: Rendered;
let pdf: PdfContent;
beforeAll(async () => {
  r = await renderExample(file);
  pdf = await readPdf(r.pdf);
});
const y = (p: PdfPage, text: string) => p.items.find((i) => i.text.trim() === text)?.y;
const pageOf = (doc: PdfContent, text: string) => doc.pages.findIndex((p) => p.items.some((i) => i.text.includes(text)));

describe('targets table across pages', () => {
  it('centres the repeated header cells vertically, as on the first page', () => {
    const first = pageOf(pdf, 'Đơn vị');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(pdf.pages.length).toBeGreaterThan(first + 1);
    const [p1, p2] = [pdf.pages[first], pdf.pages[first + 1]];
    for (const p of [p1, p2]) {
      // "TT" sits between the two lines of "Đơn vị / tính", not at the top of its cell.
      expect(y(p, 'TT')).toBeGreaterThan(y(p, 'Đơn vị')! + 2);
      expect(y(p, 'TT')).toBeLessThan(y(p, 'tính')!);
      expect(y(p, 'Chỉ tiêu')).toBeCloseTo(y(p, 'TT')!, 1);
    }
    expect(y(p2, 'TT')! - y(p2, 'Đơn vị')!).toBeCloseTo(y(p1, 'TT')! - y(p1, 'Đơn vị')!, 3);
  });

  it('keeps a group row with its first sub-row in the model, our PDF and the DOCX', async () => {
    const table = r.model.body.find(
      (b) => b.kind === 'table' && b.rows.some((row) => row.cells.some((c) => c.blocks.some((p) => p.runs.some((x) => x.text.includes('nhóm tuổi'))))),
    );
    expect(table?.kind).toBe('table');
    const rows = table!.kind === 'table' ? table!.rows : [];
    const group = rows.findIndex((row) => row.cells.some((c) => c.blocks.some((p) => p.runs.some((x) => x.text === 'Số trẻ được tiêm theo nhóm tuổi'))));
    expect(rows[group].keepNext).toBe(true);
    expect(rows[group + 1].keepNext).toBeFalsy();
    expect(pageOf(pdf, 'Số trẻ được tiêm theo nhóm tuổi')).toBe(pageOf(pdf, 'Trẻ từ 1 đến dưới 3 tuổi'));
    const doc = openDocx(r.docx);
    const para = doc.allParagraphs().find((p) => p.text === 'Số trẻ được tiêm theo nhóm tuổi')!;
    const row = para.cell!.table.rows[para.cell!.row];
    expect(row.cantSplit).toBe(true);
    // Word and LibreOffice keep a row with the next one through "keep with next" on its paragraphs.
    const paras = row.cells.flatMap((c) => c.paras);
    expect(paras.length).toBeGreaterThan(0);
    expect(paras.every((p) => p.props.keepNext)).toBe(true);
  });

  it.skipIf(!lo.available)(lo.available ? 'LibreOffice keeps them together too' : `LibreOffice (skipped: ${lo.reason})`, async () => {
    const d = await loDoc(r.name);
    const group = pageOf(d.pdf, 'Số trẻ được tiêm theo nhóm tuổi');
    expect(group).toBeGreaterThanOrEqual(0);
    expect(pageOf(d.pdf, 'Trẻ từ 1 đến dưới 3 tuổi')).toBe(group);
  });
});
