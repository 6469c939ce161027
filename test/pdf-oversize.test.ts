// Blocks taller than a page (a long nơi nhận list, a cell merged over 80 rows, a 300-row table):
// split across pages like Word and LibreOffice, every glyph inside the page body, no text lost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet } from '../src/fonts/metrics.js';
import type { DocumentModel } from '../src/model/document.js';
import { headerGeometry } from './helpers/geometry.js';
import { buildModel, docxFromModel, templatesFor } from '../src/pipeline.js';
import { paginate } from '../src/layout/paginate.js';
import { SpecBuilder } from '../src/layout/resolve.js';
import { present } from '../src/presentation/build.js';
import { docxPart } from './helpers/docx-text.js';

const fonts = loadFontSet();
const templates = templatesFor(keHoach);
const minimal = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'minimal.json'), 'utf8'));

function model(patch: (plan: any) => void): DocumentModel {
  const plan = structuredClone(minimal);
  patch(plan);
  return buildModel(keHoach, keHoach.schema.parse(plan), templates);
}

/** Pages of the main section, and the text of every glyph run that is outside the page body. */
function laidOut(m: DocumentModel) {
  const doc = present(m, fonts);
  const main = new SpecBuilder(doc, fonts).section(doc.sections[0]);
  const pages = paginate(main).pages;
  const outside: string[] = [];
  const top = main.margins.top;
  const bottom = main.height - main.margins.bottom;
  pages.forEach((p, k) => {
    for (const r of p.runs) {
      const asc = r.face.ascent * r.size;
      const desc = r.face.descent * r.size;
      // Page numbers live in the header area above the body.
      if (k > 0 && r.y < top) continue;
      if (r.y - asc < top - 0.5 || r.y + desc > bottom + 0.5) outside.push(`p${k + 1}: ${r.text}`);
    }
    for (const l of p.rules) if (Math.max(l.y1, l.y2) > bottom + 1) outside.push(`p${k + 1}: rule at ${l.y2}`);
  });
  const text = pages.map((p) => p.runs.map((r) => r.text).join(' ')).join(' ');
  return { pages, outside, text };
}

describe('blocks taller than a page', () => {
  it('splits a closing block with 60 recipients; the "- Lưu" line is kept; DOCX row may split', async () => {
    const m = model((p) => {
      p.recipients = Array.from({ length: 60 }, (_, k) => `Đơn vị nhận số ${k + 1}`);
    });
    const { pages, outside, text } = laidOut(m);
    expect(outside).toEqual([]);
    for (let k = 1; k <= 60; k++) expect(text).toContain(`Đơn vị nhận số ${k};`);
    expect(text).toMatch(/Lưu: VT, NVY/);
    expect(text).toContain('Nguyễn Văn An');
    expect(pages.length).toBe(2); // as LibreOffice lays out the DOCX (its row may split now)
    expect(headerGeometry(m, fonts).closingCantSplit).toBe(false);
    const xml = docxPart(await docxFromModel(m, fonts));
    const at = xml.indexOf('Nơi nhận');
    const closingRow = xml.slice(xml.lastIndexOf('<w:tr', at), at);
    expect(closingRow).not.toContain('cantSplit');
  });

  it('keeps a normal closing block whole (cantSplit)', () => {
    expect(
      headerGeometry(
        model(() => {}),
        fonts,
      ).closingCantSplit,
    ).toBe(true);
  });

  it('splits a cell merged over 80 rows row by row', () => {
    const rows: unknown[][] = [[{ text: 'Gộp', rowspan: 80 }, 'Hàng 1']];
    for (let k = 2; k <= 80; k++) rows.push([`Hàng ${k}`]);
    const m = model((p) => {
      p.purposes.purpose.push({ table: { columns: [1, 3], header: ['Nhóm', 'Nội dung'], rows } });
    });
    const { pages, outside, text } = laidOut(m);
    expect(outside).toEqual([]);
    for (let k = 1; k <= 80; k++) expect(text).toMatch(new RegExp(`Hàng ${k}\\b`));
    expect(text).toContain('Gộp');
    expect(pages.length).toBeGreaterThan(2);
  });

  it('lays out a 300-row table inside the page body', () => {
    const rows = Array.from({ length: 300 }, (_, k) => [String(k + 1), `Nội dung dòng ${k + 1}`]);
    const m = model((p) => {
      p.purposes.purpose.push({ table: { columns: [1, 5], header: ['TT', 'Nội dung'], rows } });
    });
    const { pages, outside, text } = laidOut(m);
    expect(outside).toEqual([]);
    // LibreOffice counts each row's border in its height: 36 rows a page, 10 pages.
    expect(pages.length).toBe(10);
    for (let k = 1; k <= 300; k++) expect(text).toContain(`Nội dung dòng ${k}`);
  });
});
