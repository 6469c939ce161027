// The header band keeps its lines whole: the cơ quan chủ quản steps down to 12 pt (the decree's
// range) rather than wrap, and a long place/date line ("Thành phố Hồ Chí Minh, ngày …") stays on one
// line next to it. Checked in the DOCX (independent reader), in LibreOffice's rendering of the DOCX
// and in our PDF (pdf.js), never with our own font measuring.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseByTitle } from './helpers/cases.js';
import { libreOffice } from './helpers/libreoffice.js';
import { isBoldFont, isItalicFont, lineOf, loDoc, sizesOf } from './helpers/lo-measure.js';
import { openDocx, type DocxPackage, type Para, twipsToMm } from './helpers/ooxml.js';
import { readPdf } from './helpers/pdf-extract.js';
import { rows, type Row } from './helpers/pdf-lines.js';
import { renderCase } from './helpers/render.js';

const lo = libreOffice();
const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';

interface Doc {
  docx: DocxPackage;
  pdf: { rows: Row[] };
}
async function load(title: string): Promise<Doc> {
  const r = await renderCase(caseByTitle(title).slug);
  return { docx: openDocx(r.docx), pdf: { rows: rows(await readPdf(r.pdf)) } };
}
const band = (d: DocxPackage) => {
  const first = d.body[0];
  if (first.kind !== 'tbl') throw new Error('the document starts with the header band');
  return first.t;
};
const sizes = (p: Para) => [...new Set(p.runs.filter((r) => r.text.trim()).map((r) => r.props.size))];

describe('cơ quan chủ quản', () => {
  it.each([
    ['parent UBND TỈNH LÀO CAI (13 pt fits)', 'UBND TỈNH LÀO CAI', 13],
    ['parent UBND THÀNH PHỐ HẢI PHÒNG (12 pt to fit)', 'UBND THÀNH PHỐ HẢI PHÒNG', 12],
  ] as const)('%s: one line at the expected size in the DOCX and our PDF', async (title, parent, size) => {
    const d = await load(title);
    const paras = band(d.docx).rows[0].cells[0].paras.filter((p) => p.text.trim());
    expect(paras.map((p) => p.text).slice(0, 2)).toEqual([parent, 'SỞ Y TẾ']);
    expect(sizes(paras[0])).toEqual([size]);
    expect(paras[0].runs.some((r) => r.props.bold)).toBe(false);
    const ours = lineOf(d.pdf, parent);
    expect(ours, 'one line in our PDF').toBeDefined();
    expect(sizesOf(ours!)).toEqual([size]);
  });
});

describe('place/date line', () => {
  it.each([['place Thành phố Hồ Chí Minh'], ['place Thành phố Hồ Chí Minh, 12-13-13 header sizes']])(
    '%s: "Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026" 13–14 pt on one line; the quốc hiệu too',
    async (title) => {
      const d = await load(title);
      const t = band(d.docx);
      const date = t.rows[1].cells[1].paras.find((p) => p.text.includes('ngày'))!;
      expect(date.text).toBe('Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026');
      const [size] = sizes(date);
      expect(size).toBeGreaterThanOrEqual(13);
      expect(size).toBeLessThanOrEqual(14);
      // The band still starts at most 3.5 mm into the left margin (nd30-format §2).
      expect(twipsToMm(t.indent)).toBeGreaterThanOrEqual(-3.5 - 0.05);
      const ours = lineOf(d.pdf, date.text);
      expect(ours, 'one line in our PDF').toBeDefined();
      expect(sizesOf(ours!)).toEqual([size]);
      expect(lineOf(d.pdf, NATIONAL), 'quốc hiệu on one line in our PDF').toBeDefined();
    },
  );

  it('keeps the place/date line on one line next to "UBND THÀNH PHỐ HỒ CHÍ MINH" (set in full, balanced if need be)', async () => {
    const d = await load('parent UBND THÀNH PHỐ HỒ CHÍ MINH next to the HCM place/date');
    const t = band(d.docx);
    const parent = t.rows[0].cells[0].paras.filter((p) => p.text.trim() && !p.runs.some((r) => r.props.bold));
    expect(parent.map((p) => p.text).join(' ')).toBe('UBND THÀNH PHỐ HỒ CHÍ MINH');
    const date = t.rows[1].cells[1].paras.find((p) => p.text.includes('ngày'))!;
    expect(date.text).toBe('Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026');
    expect(sizes(date)[0]).toBeGreaterThanOrEqual(13);
    expect(lineOf(d.pdf, date.text), 'one line in our PDF').toBeDefined();
  });
});

describe('cơ quan ban hành of a city UBND', () => {
  it.each([
    ['issuer Ủy ban nhân dân / Thành phố Hồ Chí Minh', 'THÀNH PHỐ HỒ CHÍ MINH', 'Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026'],
    ['issuer Ủy ban nhân dân / Thành phố Hà Nội', 'THÀNH PHỐ HÀ NỘI', 'Hà Nội, ngày 05 tháng 02 năm 2026'],
  ] as const)('%s: two lines, bold 12–13 pt, as every document of that UBND; the place/date line on one line', async (title, city, placeDate) => {
    const d = await load(title);
    const t = band(d.docx);
    const agency = t.rows[0].cells[0].paras.filter((p) => p.text.trim());
    expect(agency.map((p) => p.text)).toEqual(['ỦY BAN NHÂN DÂN', city]);
    for (const p of agency) {
      expect(p.runs.every((r) => !r.text.trim() || r.props.bold)).toBe(true);
      const [size] = sizes(p);
      expect(size).toBeGreaterThanOrEqual(12);
      expect(size).toBeLessThanOrEqual(13);
      expect(lineOf(d.pdf, p.text), `"${p.text}" on one line in our PDF`).toBeDefined();
    }
    const date = t.rows[1].cells[1].paras.find((p) => p.text.includes('ngày'))!;
    expect(date.text).toBe(placeDate);
    expect(sizes(date)[0]).toBeGreaterThanOrEqual(13);
    expect(lineOf(d.pdf, placeDate), 'place/date on one line in our PDF').toBeDefined();
  });
});

describe.skipIf(!lo.available)(lo.available ? "in LibreOffice's rendering of the DOCX" : `LibreOffice rendering (skipped: ${lo.reason})`, () => {
  const titles = [
    'parent UBND TỈNH LÀO CAI (13 pt fits)',
    'parent UBND THÀNH PHỐ HẢI PHÒNG (12 pt to fit)',
    'place Thành phố Hồ Chí Minh',
    'place Thành phố Hồ Chí Minh, 12-13-13 header sizes',
    'parent UBND THÀNH PHỐ HỒ CHÍ MINH next to the HCM place/date',
    'issuer Ủy ban nhân dân / Thành phố Hồ Chí Minh',
    'issuer Ủy ban nhân dân / Thành phố Hà Nội',
  ];
  let docs: Map<string, Doc>;
  beforeAll(async () => {
    docs = new Map(await Promise.all(titles.map(async (t) => [t, await load(t)] as const)));
  });

  it.each(titles)('%s: every line of the header band on one line, sizes as in the file', async (title) => {
    const d = docs.get(title)!;
    const l = await loDoc(caseByTitle(title).slug);
    const paras = band(d.docx)
      .rows.flatMap((r) => r.cells.flatMap((c) => c.paras))
      .filter((p) => p.text.trim());
    expect(paras.length).toBeGreaterThan(5);
    for (const p of paras) {
      const line = lineOf(l, p.text);
      expect(line, `"${p.text}" on one line`).toBeDefined();
      expect(sizesOf(line!), `"${p.text}" size`).toEqual(sizes(p));
      const bold = p.runs.some((r) => r.props.bold);
      const italic = p.runs.some((r) => r.props.italic);
      expect(
        line!.items.every((i) => isBoldFont(i.font) === bold && isItalicFont(i.font) === italic),
        `"${p.text}" face`,
      ).toBe(true);
    }
  });
});
