// Table rows across a page break: the repeated header keeps its vertical centring, and a group
// row of the targets table goes with its first sub-row (<tr keep-next="true">), in both writers.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocx } from '../src/check/wordml.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { docxFromModel, modelFromFile, pagesFromModel, templatesFor } from '../src/pipeline.js';
import type { PageOut } from '../src/layout/types.js';

const { model } = modelFromFile(keHoach, join(__dirname, '..', 'examples', 'tiem-chung-2026.json'), templatesFor(keHoach));
const pages = pagesFromModel(model);
const y = (p: PageOut, text: string) => p.runs.find((r) => r.text.trim() === text)?.y;
const pageOf = (text: string) => pages.findIndex((p) => p.runs.some((r) => r.text.includes(text)));

describe('targets table across pages', () => {
  it('centres the repeated header cells vertically, as on the first page', () => {
    const [p1, p2] = [pages[pageOf('Đơn vị')], pages[1]];
    for (const p of [p1, p2]) {
      // "TT" sits between the two lines of "Đơn vị / tính", not at the top of its cell.
      expect(y(p, 'TT')).toBeGreaterThan(y(p, 'Đơn vị')! + 2);
      expect(y(p, 'TT')).toBeLessThan(y(p, 'tính')!);
      expect(y(p, 'Chỉ tiêu')).toBeCloseTo(y(p, 'TT')!, 1);
    }
    expect(y(p2, 'TT')! - y(p2, 'Đơn vị')!).toBeCloseTo(y(p1, 'TT')! - y(p1, 'Đơn vị')!, 3);
  });

  it('keeps a group row with its first sub-row in the model, the PDF and the DOCX', async () => {
    const table = model.body.find(
      (b) => b.kind === 'table' && b.rows.some((r) => r.cells.some((c) => c.blocks.some((p) => p.runs.some((x) => x.text.includes('nhóm tuổi'))))),
    );
    expect(table?.kind).toBe('table');
    const rows = table!.kind === 'table' ? table!.rows : [];
    const group = rows.findIndex((r) => r.cells.some((c) => c.blocks.some((p) => p.runs.some((x) => x.text === 'Số trẻ được tiêm theo nhóm tuổi'))));
    expect(rows[group].keepNext).toBe(true);
    expect(rows[group + 1].keepNext).toBeFalsy();
    expect(pageOf('Số trẻ được tiêm theo nhóm tuổi')).toBe(pageOf('Trẻ từ 1 đến dưới 3 tuổi'));
    const doc = openDocx(await docxFromModel(model));
    const para = doc.allParagraphs().find((p) => p.text === 'Số trẻ được tiêm theo nhóm tuổi')!;
    const row = para.cell!.table.rows[para.cell!.row];
    expect(row.cantSplit).toBe(true);
    expect(row.el ? JSON.stringify(row.el).includes('w:keepNext') : false).toBe(true);
  });
});
