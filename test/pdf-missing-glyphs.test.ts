// Characters the font lacks (CJK, check marks, stars): measured with .notdef's advance so a line
// stays inside the margins and no text is lost, and each extracts as itself (its own ToUnicode
// entry on a copy of .notdef).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet, missingCharacters } from '../src/fonts/metrics.js';
import { buildModel, pagesFromModel, pdfFromModel, templatesFor } from '../src/pipeline.js';
import { Plan } from '../src/schema/plan.js';
import { readPdf } from './helpers/pdf-extract.js';

const fonts = loadFontSet();

function model(intro: string) {
  const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
  p.intro = intro;
  return buildModel(keHoach, Plan.parse(p), templatesFor(keHoach));
}

describe('characters missing from the font', () => {
  it('lists them for a validation warning', () => {
    expect(missingCharacters('Việt Nam ✓ 中文 ✓\n', fonts)).toEqual(['✓', '中', '文']);
    expect(missingCharacters('Kế hoạch số 12/KH-UBND – “trích yếu”', fonts)).toEqual([]);
  });

  it('measures them with the .notdef advance', () => {
    const face = fonts.faces.regular;
    expect(face.width('中', 10)).toBeGreaterThan(0);
    expect(face.width('中', 10)).toBeCloseTo((face.trueType().advances[0] / face.unitsPerEm) * 10, 6);
  });

  it('keeps a line with CJK text inside the margins and loses no word', async () => {
    const intro =
      'Sở Y tế xây dựng Kế hoạch 中文字符测试中文字符测试中文字符测试中文字符测试中文字符测试 tổ chức Tháng hành động vì an toàn thực phẩm năm 2026 như sau:';
    const m = model(intro);
    const page = pagesFromModel(m)[0];
    const right = page.width - (m.page.margins.right * 72) / 25.4;
    expect(page.runs.length).toBeGreaterThan(0);
    for (const r of page.runs) expect(r.x + r.face.width(r.text, r.size) + r.spaceExtra * (r.text.split(' ').length - 1)).toBeLessThanOrEqual(right + 0.5);
    const text = (await readPdf(await pdfFromModel(m, { fonts }))).pages[0].items.map((i) => i.text).join('');
    expect(text.replace(/\s+/g, '')).toContain(intro.replace(/\s+/g, ''));
  });

  it('extracts each missing character as itself', async () => {
    const read = await readPdf(await pdfFromModel(model('Các ký hiệu ✓ ✔ ☐ ★ trong kế hoạch.'), { fonts }));
    const text = read.pages[0].items.map((i) => i.text).join('');
    expect(text).toContain('✓ ✔ ☐ ★');
  });
});
