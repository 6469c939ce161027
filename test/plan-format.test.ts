// The plan format expresses real plans as issued (issue 10): structure in the author's order and
// numbering, optional closing, free phases and targets, appendices, plans issued with a Quyết
// định, footnotes, literal characters, and the forms clerks type. Each case renders a small plan
// and reads the PDF back with pdf.js (lines of text in reading order) or the DOCX XML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { applyFixes } from '../src/rules/fix.js';
import { buildModel, checkSource, docxFromModel, pdfFromModel, templatesFor } from '../src/pipeline.js';
import { InputError } from '../src/reader/diagnostic.js';
import { parseSource } from '../src/reader/source.js';
import { docxPart } from './helpers/docx-text.js';
import { readPdf } from './helpers/pdf-extract.js';

const templates = templatesFor(keHoach);
const minimal = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'minimal.json'), 'utf8'));

/** A plan: minimal.json's header and closing with `patch` applied. */
function plan(patch: Record<string, unknown>): Record<string, unknown> {
  const p = { ...structuredClone(minimal), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete p[k];
  return p;
}

function load(data: unknown, file = 'p.json') {
  return checkSource(keHoach, { file, text: JSON.stringify(data), data, locate: () => undefined });
}

/** The PDF's lines of text (items on one baseline joined), page by page, in reading order. */
async function pdfLines(data: unknown): Promise<string[]> {
  const { data: p } = load(data);
  const read = await readPdf(await pdfFromModel(buildModel(keHoach, p, templates)));
  return read.pages.flatMap((page) => {
    const rows = new Map<number, string[]>();
    for (const it of [...page.items].sort((a, b) => a.y - b.y || a.x - b.x)) {
      const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 1) ?? it.y;
      rows.set(key, [...(rows.get(key) ?? []), it.text]);
    }
    return [...rows.values()].map((r) => r.join('').replace(/\s+/g, ' ').trim());
  });
}

const markers = (data: unknown) => {
  const { data: p } = load(data);
  return buildModel(keHoach, p, templates)
    .body.filter((b) => b.kind === 'paragraph' && b.marker)
    .map((b) => (b.kind === 'paragraph' ? b.marker : ''));
};

describe('structure as the author wrote it', () => {
  it('prints sections in the listed order, named kinds among free ones, with given numbers and labels', () => {
    const m = markers(
      plan({
        purposes: undefined,
        implementation: undefined,
        sections: [
          { kind: 'implementation', units: [{ name: 'Phòng A', tasks: 'Làm việc A.' }] },
          { title: 'Kinh phí', blocks: ['Ngân sách.'] },
          { title: 'Nhiệm vụ (chi tiết tại Phụ lục)', marker: 'II.' },
          { title: 'Chế độ báo cáo', number: 5, blocks: [{ items: ['Một', 'Hai'], start: 5 }] },
          { title: 'Khác', blocks: [{ items: ['A', 'B', { marker: 'x)', text: 'X' }, 'C', 'D', 'E'], numbering: 'a)' }] },
        ],
      }),
    );
    expect(m).toEqual(['I.', '1.', 'II.', 'II.', 'V.', '5.', '6.', 'VI.', 'a)', 'b)', 'x)', 'c)', 'd)', 'đ)']);
  });

  it('numbers 1., 1.1., 1.1.1. by depth and offers a., 1), I. and none', () => {
    const deep = { items: [{ text: 'Một', blocks: [{ items: [{ text: 'Một một', blocks: [{ items: ['Một một một'] }] }] }] }] };
    const m = markers(
      plan({
        purposes: undefined,
        implementation: undefined,
        sections: [
          {
            title: 'Nội dung',
            blocks: [
              deep,
              { items: ['p', 'q'], numbering: 'a.' },
              { items: ['r'], numbering: '1)' },
              { items: ['s'], numbering: 'I.' },
              { items: ['t'], numbering: 'none' },
            ],
          },
        ],
      }),
    );
    expect(m).toEqual(['I.', '1.', '1.1.', '1.1.1.', 'a.', 'b.', '1)', 'I.']);
  });

  it('ends with "./." after the last text of the body when there is no closing sentence', async () => {
    const lines = await pdfLines(plan({ closing: undefined, implementation: { units: [{ name: 'Sở Tư pháp', tasks: 'Theo dõi, đôn đốc thực hiện' }] } }));
    expect(lines.find((l) => l.includes('Sở Tư pháp'))).toMatch(/đôn đốc thực hiện\.\/\.$/);
    expect(lines.join('\n').match(/\.\/\./g)).toHaveLength(1);
  });

  it('renders a plan without căn cứ, and căn cứ upright when asked', async () => {
    expect((await pdfLines(plan({ basis: undefined }))).length).toBeGreaterThan(10);
    const { data } = load(plan({ basis: { italic: false, items: ['Xét đề nghị của Phòng Nghiệp vụ'] } }));
    const model = buildModel(keHoach, data, templates);
    const para = model.body.find((b) => b.kind === 'paragraph' && b.runs[0]?.text.startsWith('Xét đề nghị'));
    expect(para?.kind === 'paragraph' && para.style).toBe('body');
  });
});

describe('as the source prints it', () => {
  it('item titles plain or italic (number included), a bold number before plain text, the last căn cứ ending with ";"', () => {
    const { data } = load(
      plan({
        basis: { end: ';', items: ['Căn cứ Luật A'] },
        sections: [
          {
            title: 'Nội dung',
            blocks: [
              {
                items: [
                  { title: 'Mục tiêu riêng', titleStyle: 'plain', text: 'x' },
                  { title: 'Trưởng Ban', titleStyle: 'italic' },
                  { text: 'Tất cả', boldNumber: true },
                ],
              },
            ],
          },
        ],
      }),
    );
    const body = buildModel(keHoach, data, templates).body.filter((b) => b.kind === 'paragraph');
    const find = (t: string) => body.find((b) => b.kind === 'paragraph' && b.runs.some((r) => r.text.startsWith(t)))!;
    expect(find('Căn cứ Luật A').kind === 'paragraph' && find('Căn cứ Luật A').runs.at(-1)?.text.endsWith(';')).toBe(true);
    const plain = find('Mục tiêu riêng');
    expect(plain.kind === 'paragraph' && [plain.style, plain.markerBold, plain.runs[0].bold, plain.keepNext]).toEqual(['item', false, undefined, true]);
    const italic = find('Trưởng Ban');
    expect(italic.kind === 'paragraph' && [italic.markerItalic, italic.runs[0].italic, italic.markerBold]).toEqual([true, true, false]);
    const bold = find('Tất cả');
    expect(bold.kind === 'paragraph' && [bold.marker, bold.markerBold]).toEqual(['3.', true]);
  });

  it('nơi nhận and Lưu as typed, no end mark, a "V/V" title warned but rendered, an abbreviation like TTg', async () => {
    const p = plan({
      title: 'V/V hỗ trợ nhu yếu phẩm',
      issuer: { name: 'Thủ tướng Chính phủ', abbreviation: 'TTg' },
      endMark: false,
      recipientsAsTyped: true,
      recipients: ['Văn phòng Chính phủ (để báo cáo)', 'Các bộ;'],
      archive: { units: ['VT', 'TH'] },
      closing: { text: 'Trên đây là Kế hoạch' },
    });
    const { warnings } = load(p);
    expect(warnings.map((w) => w.code)).toContain('rule.title-vv');
    const lines = await pdfLines(p);
    const all = lines.join(' ');
    expect(all).not.toContain('./.');
    for (const l of ['(để báo', '- Các bộ;', '- Lưu: VT, TH']) expect(all).toContain(l);
    expect(all).not.toMatch(/báo cáo\);|VT, TH\./);
  });
});

describe('phases, targets, appendices', () => {
  it('a phase with only an end date or free wording, placed inside another section', async () => {
    const lines = await pdfLines(
      plan({
        sections: [
          {
            title: 'Tiến độ',
            blocks: [
              {
                phases: [
                  { name: 'Đợt 1', to: '2026-02-27' },
                  { name: 'Đợt 2', text: 'Quý IV-2026', description: 'tổng kết' },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(lines).toContain('1. Đợt 1 (đến ngày 27/02/2026).');
    expect(lines).toContain('2. Đợt 2 (Quý IV-2026): tổng kết.');
  });

  it('targets with their own header and unnumbered sub-rows', async () => {
    const lines = await pdfLines(
      plan({
        sections: [
          {
            title: 'Chỉ tiêu',
            blocks: [
              {
                targets: {
                  columns: { number: 'STT', value: 'Năm 2026' },
                  numberSubRows: false,
                  rows: [{ name: 'Nhóm A', rows: [{ name: 'Con một', value: '580.000' }] }],
                },
              },
            ],
          },
        ],
      }),
    );
    expect(lines.some((l) => l.startsWith('STT') && l.includes('Năm 2026'))).toBe(true);
    expect(lines.some((l) => /^1 ?Nhóm A/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Con một'))).toBe(true);
  });

  it('several appendices with their own labels and notes', async () => {
    const lines = await pdfLines(
      plan({
        appendices: [
          { title: 'Danh mục', blocks: ['Một.'] },
          { label: 'Mẫu biểu số 02', note: false, blocks: ['Hai.'] },
          { title: 'Bảng', noteDateStyle: 'short', blocks: ['Ba.'] },
        ],
      }),
    );
    expect(lines).toContain('Phụ lục I');
    expect(lines).toContain('Mẫu biểu số 02');
    expect(lines).toContain('Phụ lục III');
    expect(lines.filter((l) => l.startsWith('(Kèm theo Kế hoạch số'))).toHaveLength(2);
    expect(lines.some((l) => /ngày 05\/02\/2026/.test(l))).toBe(true);
  });

  it('a plan issued with a Quyết định: no header band or signature, the "(Ban hành kèm theo …)" line', async () => {
    const lines = await pdfLines(
      plan({ attachedTo: { by: 'Chủ tịch Ủy ban nhân dân tỉnh' }, symbol: 'QĐ-SYT', recipients: undefined, archive: undefined, signer: undefined }),
    );
    expect(lines[0]).toBe('KẾ HOẠCH');
    expect(lines.join(' ')).toContain('(Ban hành kèm theo Quyết định số 05/QĐ-SYT ngày 05 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)');
    expect(lines.join(' ')).not.toMatch(/CỘNG HÒA|Nơi nhận|GIÁM ĐỐC/);
    expect(() => load(plan({ signer: undefined }))).toThrow(InputError);
  });
});

describe('text as typed', () => {
  it('keeps stars that open or close nothing, and types a marker literally after a backslash', async () => {
    const lines = await pdfLines(plan({ intro: '* *Lưu ý khi thực hiện:* đúng hạn; 2 * 3 = 6; \\*\\*không đậm\\*\\*' }));
    expect(lines.join(' ')).toContain('* Lưu ý khi thực hiện: đúng hạn; 2 * 3 = 6; **không đậm**');
  });

  it('numbers footnotes through the document: a DOCX footnote and a note at the foot of the PDF page', async () => {
    const p = plan({ intro: 'Theo chỉ đạo^[Công văn số 12/UBND-VX.] và kế hoạch^[Kế hoạch số 3/KH-UBND.] như sau:' });
    const { data } = load(p);
    const model = buildModel(keHoach, data, templates);
    const notes = docxPart(await docxFromModel(model), 'word/footnotes.xml')
      .replaceAll('\u2011', '-')
      .replaceAll('\u00a0', ' ');
    expect(notes).toContain('Công văn số 12/UBND-VX.');
    expect(notes).toContain('Kế hoạch số 3/KH-UBND.');
    // Word refuses a footnote mark inside the separators.
    expect(notes).not.toMatch(/w:type="separator"[^>]*>(?:(?!<\/w:footnote>)[\s\S])*w:footnoteRef/);
    const read = await readPdf(await pdfFromModel(model));
    const page = read.pages[0];
    const ref = page.items.find((i) => i.text === '1' && i.size < 10)!;
    expect(ref, 'superscript reference').toBeDefined();
    const note = page.items.find((i) => i.text.includes('Công văn số 12/UBND-VX.'))!;
    expect(note.size).toBe(12);
    expect(note.y).toBeGreaterThan(page.height - 60 - 30);
    expect(page.lines.some((l) => Math.abs(l.y1 - l.y2) < 0.1 && l.y1 < note.y && l.y1 > note.y - 20)).toBe(true);
  });

  it('YAML keeps every scalar of a text field as typed (580.000, 1.250, 0124)', () => {
    const text = readFileSync(join(__dirname, '..', 'examples', 'minimal.json'), 'utf8');
    const src = parseSource(`${JSON.stringify(JSON.parse(text)).replace('"title":', '"keywords": [580.000, 1.250], "title":')}`.replace(/^/, ''), 'p.yaml');
    const { data } = checkSource(keHoach, src);
    expect(data.keywords).toEqual(['580.000', '1.250']);
  });
});

describe('what clerks type', () => {
  const typed = {
    ...structuredClone(minimal),
    number: '27/KH-SYT',
    date: '05/02/2026',
    recipients: '- Bộ Y tế; UBND tỉnh; Các phòng',
    archive: 'Lưu: VT, NVY.',
  };

  it('understands dd/mm/yyyy, "27/KH-SYT", one-line nơi nhận and Lưu, and says so', () => {
    const { data, warnings } = load(typed);
    expect(data.date).toBe('2026-02-05');
    expect([data.number, data.symbol]).toEqual(['27', 'KH-SYT']);
    expect(data.recipients).toEqual(['Bộ Y tế', 'UBND tỉnh', 'Các phòng']);
    expect(data.archive?.units).toEqual(['VT', 'NVY']);
    expect(warnings.filter((w) => w.code === 'input.understood').map((w) => w.path)).toEqual(['date', 'number', 'recipients', 'archive']);
  });

  it('leaves the input as the clerk gave it (a batch passes its rows without a copy)', () => {
    const given = structuredClone(typed);
    const { data } = checkSource(keHoach, { file: '', text: '', data: given, locate: () => undefined });
    expect(given).toEqual(typed);
    expect(data.recipients).toEqual(['Bộ Y tế', 'UBND tỉnh', 'Các phòng']);
    // Canonical input is passed on as it is.
    const canonical = { ...structuredClone(minimal), recipients: ['Bộ Y tế'] };
    expect(checkSource(keHoach, { file: '', text: '', data: canonical, locate: () => undefined }).data.recipients).toEqual(['Bộ Y tế']);
  });

  it('strips parentheses typed around a note', async () => {
    const lines = await pdfLines(plan({ recipients: [{ name: 'UBND tỉnh', note: '(báo cáo)' }] }));
    expect(lines.join(' ')).toContain('- UBND tỉnh (báo cáo);');
    expect(lines.join(' ')).not.toContain('((báo cáo))');
  });

  it('validate --fix writes the canonical forms back, keeping the JSON layout', () => {
    const text = JSON.stringify(typed, null, 2);
    const fixed = applyFixes(parseSource(text, 'p.json'), false, keHoach.normalize)!;
    const back = JSON.parse(fixed.text);
    expect([back.date, back.number, back.symbol]).toEqual(['2026-02-05', '27', 'KH-SYT']);
    expect(back.recipients).toEqual(['Bộ Y tế', 'UBND tỉnh', 'Các phòng']);
    expect(fixed.text.split('\n').length).toBe(text.split('\n').length);
  });

  it('validate --fix cleans the items of a one-line nơi nhận too', () => {
    const text = JSON.stringify({ ...typed, recipients: 'Sở Y tế;\n-- UBND tỉnh;\n• - Lưu VT' }, null, 2);
    const fixed = applyFixes(parseSource(text, 'p.json'), false, keHoach.normalize)!;
    expect(JSON.parse(fixed.text).recipients).toEqual(['Sở Y tế', 'UBND tỉnh', 'Lưu VT']);
    // The same in YAML (setting an item inside the new list threw "Expected YAML collection").
    const yaml = 'title: Kế hoạch\nrecipients: "Sở Y tế; -- UBND tỉnh; • - Lưu VT"\n';
    const fixedYaml = applyFixes(parseSource(yaml, 'p.yaml'), true, keHoach.normalize)!;
    expect(parseSource(fixedYaml.text, 'p.yaml').data).toMatchObject({ recipients: ['Sở Y tế', 'UBND tỉnh', 'Lưu VT'] });
  });

  it('suggests the field for a Vietnamese name', () => {
    try {
      load(plan({ nguoiKy: 'A' }));
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).diagnostics[0].hint).toMatch(/"signer"/);
    }
  });

  it('warns about text without diacritics, a year from another plan, a căn cứ dated after the plan, a district issuer, a degree, a Lưu without VT', () => {
    const { warnings } = load(
      plan({
        issuer: { parent: 'UBND huyện Bảo Thắng', name: 'Phòng Y tế', abbreviation: 'PYT' },
        title: 'Tổ chức Tháng hành động năm 2023',
        intro: 'Ke hoach to chuc thuc hien cong tac phong chong dich',
        basis: { items: [{ kind: 'Kế hoạch', number: '12/KH-UBND', date: '2026-03-01', issuer: 'UBND tỉnh' }] },
        archive: { units: ['TCHC'] },
        signer: { position: 'Trưởng phòng', name: 'ThS. Nguyễn Văn An' },
      }),
    );
    const ids = warnings.map((w) => w.code.replace('rule.', ''));
    for (const id of ['no-diacritics', 'year-mismatch', 'basis-after-plan', 'district-issuer', 'signer-degree', 'archive-vt']) expect(ids).toContain(id);
    expect(warnings.find((w) => w.code === 'rule.place-province')).toBeUndefined();
  });
});

describe('JSON syntax errors where they are', () => {
  const at = (text: string) => {
    try {
      parseSource(text, 'p.json');
    } catch (e) {
      const d = (e as InputError).diagnostics[0];
      return { line: d.line, column: d.column, message: d.message };
    }
    throw new Error('no error');
  };
  it('a trailing comma at the comma, a missing comma after the value, curly quotes, an unclosed brace, an empty file', () => {
    expect(at('{\n  "a": 1,\n  "b": 2,\n}')).toMatchObject({ line: 3, column: 9, message: expect.stringMatching(/thừa dấu phẩy/) });
    expect(at('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 2, column: 9, message: expect.stringMatching(/thiếu dấu phẩy/) });
    expect(at('{"a": “x”}')).toMatchObject({ line: 1, column: 7, message: expect.stringMatching(/ngoặc kép cong/) });
    expect(at('{\n  "a": [1, 2\n')).toMatchObject({ line: 2, column: 8, message: expect.stringMatching(/chưa được đóng/) });
    expect(at('  \n')).toMatchObject({ message: 'tệp trống.' });
  });
});
