// NĐ 30 Phụ lục I: the độ mật mark (ô 10a) comes above the độ khẩn mark (ô 10b), in the DOCX
// (independent reader), our PDF and LibreOffice's rendering of the DOCX.
import { expect, it } from 'vitest';
import { caseByTitle } from './helpers/cases.js';
import { libreOffice } from './helpers/libreoffice.js';
import { lineOf, loDoc } from './helpers/lo-measure.js';
import { openDocx } from './helpers/ooxml.js';
import { readPdf } from './helpers/pdf-extract.js';
import { rows } from './helpers/pdf-lines.js';
import { renderCase } from './helpers/render.js';

const lo = libreOffice();
const slug = caseByTitle('độ mật TỐI MẬT and độ khẩn HỎA TỐC').slug;

it('puts the độ mật mark above the độ khẩn mark in the DOCX and our PDF', async () => {
  const r = await renderCase(slug);
  expect([r.plan.confidentiality, r.plan.urgency]).toEqual(['TỐI MẬT', 'HỎA TỐC']);
  const texts = openDocx(r.docx)
    .allParagraphs()
    .map((x) => x.text);
  expect(texts.indexOf('TỐI MẬT')).toBeGreaterThan(-1);
  expect(texts.indexOf('TỐI MẬT')).toBeLessThan(texts.indexOf('HỎA TỐC'));
  const pdf = { rows: rows(await readPdf(r.pdf)) };
  const [mat, khan] = [lineOf(pdf, 'TỐI MẬT'), lineOf(pdf, 'HỎA TỐC')];
  expect(mat && khan, 'both marks in our PDF').toBeTruthy();
  expect(mat!.y).toBeLessThan(khan!.y);
});

it.skipIf(!lo.available)(lo.available ? 'and in LibreOffice’s rendering of the DOCX' : `LibreOffice (skipped: ${lo.reason})`, async () => {
  const d = await loDoc(slug);
  const [mat, khan] = [lineOf(d, 'TỐI MẬT'), lineOf(d, 'HỎA TỐC')];
  expect(mat && khan, 'both marks on one line each').toBeTruthy();
  expect(mat!.y).toBeLessThan(khan!.y);
});
