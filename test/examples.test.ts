// The bundled examples: each validates, and its DOCX text equals examples/expected/<name>.txt.
// The expected files were written by hand from the source plans (../shared/seeds, ../shared/real-plans),
// not dumped from our output, so a rendering mistake (a lost paragraph, a wrong marker,
// "undefined", a missing "./.") shows up here as the first differing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildModel, docxFromModel, loadInput, modelFromFile, templatesFor } from '../src/pipeline.js';
import { InputError } from '../src/reader/diagnostic.js';
import { Plan } from '../src/schema/plan.js';
import { tableView, TT_SHARE } from '../src/template/table-helpers.js';
import { docxParagraphs, docxTextLines, paragraphText, textLines } from './helpers/docx-text.js';

const EXAMPLES = 'examples';
const EXPECTED = join(EXAMPLES, 'expected');
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const templates = templatesFor(keHoach);

/** Asserts two line lists are equal, failing on the first differing line (1-based, as in the .txt file). */
function expectSameLines(actual: string[], expected: string[], where: string) {
  // The first line that differs (past the end of the shorter list when one is a prefix of the other).
  const first = actual.findIndex((l, i) => l !== expected[i]);
  const at = first >= 0 ? first : Math.min(actual.length, expected.length);
  expect(actual[at], `${where}, dòng ${at + 1}${at >= expected.length ? ' (thừa dòng)' : at >= actual.length ? ' (thiếu dòng)' : ''}`).toBe(expected[at]);
  expect(actual.length, `${where}: số dòng`).toBe(expected.length);
}

async function renderLines(plan: unknown): Promise<string[]> {
  const data = Plan.parse(plan);
  return docxTextLines(await docxFromModel(buildModel(keHoach, data, templates)));
}

describe('examples', () => {
  it('there are examples, each with an expected text and no orphan expected text', () => {
    expect(files).toContain('minimal.json');
    expect(files.length).toBeGreaterThanOrEqual(7);
    const expected = readdirSync(EXPECTED).filter((f) => f.endsWith('.txt'));
    expect(expected.map((f) => basename(f, '.txt')).sort()).toEqual(files.map((f) => basename(f, '.json')).sort());
  });

  for (const file of files) {
    const name = basename(file, '.json');
    const path = join(EXAMPLES, file);

    describe(name, () => {
      it('validates without errors (schema and domain rules)', () => {
        let problems = '';
        try {
          loadInput(keHoach, path);
        } catch (e) {
          problems = e instanceof InputError ? e.message : String(e);
        }
        expect(problems).toBe('');
      });

      it('points editors at the JSON Schema', () => {
        expect(JSON.parse(readFileSync(path, 'utf8')).$schema).toBe('../schemas/plan.schema.json');
      });

      it(`renders the text of expected/${name}.txt`, async () => {
        const expectedFile = join(EXPECTED, `${name}.txt`);
        expect(existsSync(expectedFile), `thiếu ${expectedFile}`).toBe(true);
        const { model } = modelFromFile(keHoach, path, templates);
        const actual = docxTextLines(await docxFromModel(model));
        const expected = textLines(readFileSync(expectedFile, 'utf8'));
        expectSameLines(actual, expected, `${expectedFile}`);
      });
    });
  }
});

describe('docx text extraction', () => {
  it('reads runs, line breaks, tabs and entities, and skips tab stops in paragraph properties', () => {
    const p =
      '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t xml:space="preserve">A &amp; B </w:t></w:r><w:r><w:tab/><w:t>C</w:t><w:br/><w:t>D&#x1EA1;</w:t></w:r>';
    expect(paragraphText(p)).toBe('A & B \tC\nDạ');
  });

  it('keeps table cells in document order and normalises whitespace', () => {
    const xml =
      '<w:p><w:r><w:t>trước</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô 1</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:p/><w:p><w:r><w:t>ô\u00a0\u00a0 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>sau</w:t></w:r></w:p>';
    const docx = zipSync({ 'word/document.xml': strToU8(`<w:document><w:body>${xml}</w:body></w:document>`) });
    expect(docxParagraphs(docx)).toEqual(['trước', 'ô 1', '', 'ô\u00a0\u00a0 2', 'sau']);
    expect(docxTextLines(docx)).toEqual(['trước', 'ô 1', 'ô 2', 'sau']);
  });
});

describe('template options the real plans need', () => {
  const base = () => JSON.parse(readFileSync(join(EXAMPLES, 'minimal.json'), 'utf8'));

  it('basis.joinIntro writes the last căn cứ and the intro as one paragraph', async () => {
    const plan = base();
    plan.basis.joinIntro = true;
    plan.basis.verb = 'Thực hiện';
    plan.basis.dateStyle = 'short';
    const lines = await renderLines(plan);
    expect(lines).toContain(
      'Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh về công tác bảo đảm an toàn thực phẩm năm 2026, ' +
        'Sở Y tế xây dựng Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm năm 2026 như sau:',
    );
    expect(lines.filter((l) => l.startsWith('Sở Y tế xây dựng'))).toEqual([]);
  });

  it('basis.joinIntro keeps earlier căn cứ as their own lines ending with ";"', async () => {
    const plan = base();
    plan.basis.joinIntro = true;
    plan.basis.items.unshift('Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010.');
    const lines = await renderLines(plan);
    expect(lines).toContain('Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010;');
    expect(lines.some((l) => /năm 2026, Sở Y tế xây dựng Kế hoạch/.test(l))).toBe(true);
  });

  it('basis.joinIntro without an intro falls back to a căn cứ ending with "."', async () => {
    const plan = base();
    plan.basis.joinIntro = true;
    delete plan.intro;
    const lines = await renderLines(plan);
    expect(lines.some((l) => l.startsWith('Căn cứ Kế hoạch số 12/KH-UBND') && l.endsWith('năm 2026.'))).toBe(true);
  });

  it('purposes sub-headings can be renamed ("Mục đích:")', async () => {
    const plan = base();
    plan.purposes.purposeTitle = 'Mục đích:';
    plan.purposes.requirementsTitle = 'Yêu cầu:';
    const lines = await renderLines(plan);
    expect(lines).toContain('1. Mục đích:');
    expect(lines).toContain('2. Yêu cầu:');
  });

  it('the archive line may name the drafter: "Lưu: VT, CN(M.Cường)."', async () => {
    const plan = base();
    plan.archive.units = ['VT', 'CN(M.Cường)'];
    expect(await renderLines(plan)).toContain('- Lưu: VT, CN(M.Cường).');
    for (const bad of ['CN(M.Cường', 'CN, VP', 'CN (']) expect(Plan.safeParse({ ...plan, archive: { units: [bad] } }).success, bad).toBe(false);
  });

  it('table cells may be written as "" when empty', () => {
    const plan = base();
    plan.appendices = [{ title: 'Bảng', blocks: [{ table: { header: ['A', ''], rows: [['x', '']] } }] }];
    expect(Plan.safeParse(plan).success).toBe(true);
  });

  it('the automatic TT column keeps its share of the width whatever scale the column widths use', () => {
    for (const columns of [
      [5, 3.2, 1.6],
      [50, 32, 16],
      [1, 1, 1],
    ]) {
      const v = tableView({ numbered: true, columns, header: ['A', 'B', 'C'], rows: [['x', 'y', '']] });
      const total = v.columns.reduce((a, b) => a + b, 0);
      expect(v.columns.length).toBe(4);
      expect(v.columns[0] / total).toBeCloseTo(TT_SHARE, 6);
      expect(v.columns.slice(1)).toEqual(columns);
    }
  });

  it('a single appendix is "Phụ lục"; two or more are numbered I, II (NĐ 30, Phụ lục I)', async () => {
    const plan = base();
    const appendix = (t: string) => ({ title: t, blocks: ['Nội dung.'] });
    plan.appendices = [appendix('Danh sách')];
    let lines = await renderLines(plan);
    expect(lines).toContain('Phụ lục');
    expect(lines).not.toContain('Phụ lục I');
    plan.appendices = [appendix('Danh sách'), appendix('Lịch')];
    lines = await renderLines(plan);
    expect(lines).toContain('Phụ lục I');
    expect(lines).toContain('Phụ lục II');
  });
});
