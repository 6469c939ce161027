// The cơ quan chủ quản steps down to 12 pt (the decree's range) rather than wrap, in both writers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDocx, twipsToMm } from '../src/check/wordml.js';
import { loadFontSet, ptToMm } from '../src/fonts/metrics.js';
import { italicReserve } from '../src/text/linebreak.js';
import { headerGeometry } from './helpers/geometry.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildModel, docxFromModel, pagesFromModel, templatesFor } from '../src/pipeline.js';
import { Plan } from '../src/schema/plan.js';

const t = templatesFor(keHoach);
const plan = (parent: string) => {
  const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
  p.issuer.parent = parent;
  p.place = 'Hải Phòng';
  return buildModel(keHoach, Plan.parse(p), t);
};

describe('cơ quan chủ quản', () => {
  it.each([
    ['UBND TỈNH LÀO CAI', 13],
    ['UBND THÀNH PHỐ HẢI PHÒNG', 12],
  ])('%s is set on one line at %i pt in the DOCX and the PDF', async (parent, size) => {
    const model = plan(parent);
    const doc = openDocx(await docxFromModel(model));
    const paras = doc.allParagraphs().slice(0, 2); // the band's first cell: parent, then agency
    expect(paras.map((p) => p.text)).toEqual([parent, 'SỞ Y TẾ']);
    expect(paras[0].runs[0].props.size).toBe(size);
    expect(paras[0].runs[0].props.bold).toBeFalsy();
    const page = pagesFromModel(model)[0];
    // The band's top line: everything above the agency (the first bold run).
    const agencyY = Math.min(...page.runs.filter((r) => r.text.includes('SỞ Y TẾ')).map((r) => r.y));
    const runs = page.runs.filter((r) => r.y < agencyY && r.x < 250);
    expect(
      runs
        .map((r) => r.text)
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(parent);
    expect(new Set(runs.map((r) => r.y)).size).toBe(1); // one baseline: not wrapped
    expect(runs.every((r) => r.size === size)).toBe(true);
  });
});

describe('place/date line', () => {
  const hcm = (sizes?: '12-13-13') => {
    const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
    p.place = 'Thành phố Hồ Chí Minh';
    p.date = '2026-02-05';
    if (sizes) p.layout = { ...(p.layout ?? {}), headerSizes: sizes };
    return buildModel(keHoach, Plan.parse(p), t);
  };
  const fonts = loadFontSet();

  it.each([[undefined], ['12-13-13' as const]])('"Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026" stays on one line (headerSizes %s)', async (sizes) => {
    const model = hcm(sizes);
    expect(model.header.placeDate).toBe('Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026');
    // DOCX: the paragraph fits its cell (width minus margins) per the font metrics, reserve included.
    const doc = openDocx(await docxFromModel(model, fonts));
    const para = doc.allParagraphs().find((p) => p.text.includes('ngày 05 tháng 02'))!;
    const cell = para.cell!;
    const size = para.runs[0].props.size!;
    expect(size).toBeGreaterThanOrEqual(13);
    expect(size).toBeLessThanOrEqual(14);
    const innerMm = twipsToMm(cell.width - cell.marginLeft - cell.marginRight);
    const italic = fonts.face(false, true);
    expect(ptToMm(italic.width(para.text, size) + italicReserve(italic, size))).toBeLessThanOrEqual(innerMm);
    // The quốc hiệu stays on one line too.
    const national = doc.allParagraphs().find((p) => p.text.startsWith('CỘNG HÒA'))!;
    expect(ptToMm(fonts.face(true, false).width(national.text, national.runs[0].props.size!))).toBeLessThanOrEqual(
      twipsToMm(national.cell!.width - national.cell!.marginLeft - national.cell!.marginRight),
    );
    // PDF: one baseline, the same size as the DOCX.
    const page = pagesFromModel(model)[0];
    const runs = page.runs.filter((r) => /Thành phố Hồ Chí Minh, ngày|2026$/.test(r.text) && r.face.name === 'italic');
    expect(runs.map((r) => r.text).join(' ')).toContain('ngày 05 tháng 02 năm 2026');
    expect(new Set(runs.map((r) => r.y)).size).toBe(1);
    expect(runs.every((r) => r.size === size)).toBe(true);
    // The band still starts at most 3.5 mm into the left margin.
    expect(headerGeometry(model, fonts).bandIndent).toBeGreaterThanOrEqual(-3.5);
  });
});

it('keeps the place/date line on one line next to "UBND THÀNH PHỐ HỒ CHÍ MINH" (set in full, balanced if need be)', () => {
  const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
  p.issuer.parent = 'UBND THÀNH PHỐ HỒ CHÍ MINH';
  p.place = 'Thành phố Hồ Chí Minh';
  const model = buildModel(keHoach, Plan.parse(p), t);
  const g = headerGeometry(model, loadFontSet());
  expect(g.parentLines.join(' ')).toBe('UBND THÀNH PHỐ HỒ CHÍ MINH');
  expect(g.placeDateSize).toBeGreaterThanOrEqual(13);
  const runs = pagesFromModel(model)[0].runs.filter((r) => r.face.name === 'italic' && r.y < 200);
  expect(runs.map((r) => r.text).join(' ')).toContain('Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026');
  expect(new Set(runs.map((r) => r.y)).size).toBe(1);
});
