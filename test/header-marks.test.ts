// NĐ 30 Phụ lục I: the độ mật mark (ô 10a) comes above the độ khẩn mark (ô 10b), in both writers.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { openDocx } from '../src/check/wordml.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildModel, docxFromModel, pagesFromModel, templatesFor } from '../src/pipeline.js';
import { Plan } from '../src/schema/plan.js';

it('puts the độ mật mark above the độ khẩn mark in the DOCX and the PDF', async () => {
  const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
  p.urgency = 'HỎA TỐC';
  p.confidentiality = 'TỐI MẬT';
  const model = buildModel(keHoach, Plan.parse(p), templatesFor(keHoach));
  expect([model.header.confidentiality, model.header.urgency]).toEqual(['TỐI MẬT', 'HỎA TỐC']);
  const texts = openDocx(await docxFromModel(model))
    .allParagraphs()
    .map((x) => x.text);
  expect(texts.indexOf('TỐI MẬT')).toBeGreaterThan(-1);
  expect(texts.indexOf('TỐI MẬT')).toBeLessThan(texts.indexOf('HỎA TỐC'));
  const runs = pagesFromModel(model)[0].runs;
  const y = (s: string) => runs.find((r) => r.text === s)!.y;
  expect(y('TỐI MẬT')).toBeLessThan(y('HỎA TỐC'));
});
