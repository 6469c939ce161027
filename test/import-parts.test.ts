// `kehoach import`, one recognised part at a time, on small inputs written by hand: header band,
// dates, số and ký hiệu, signature forms, nơi nhận and Lưu, numbering (and where the source's
// differs from the computed one), tables with merges, appendices, footnotes, bold and italic, and
// a passage it cannot place (a warning with its line, and a comment in the YAML).
import { describe, expect, it } from 'vitest';
import { importDoc } from '../src/import/index.js';
import { readDocx } from '../src/import/readers/docx.js';
import { readText } from '../src/import/readers/text.js';
import { planYaml } from '../src/import/write-yaml.js';
import { minimalPlan, renderPlan } from './helpers/render.js';

const HEADER = `UBND TỈNH LÀO CAI

**SỞ Y TẾ**

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Số: 12/KH-SYT

Lào Cai, ngày 05 tháng 02 năm 2026

KẾ HOẠCH

Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026
`;

const CLOSING = `
Nơi nhận:
- UBND tỉnh (báo cáo);
- Các đơn vị trực thuộc;
- Lưu: VT, NVY.

KT. GIÁM ĐỐC

PHÓ GIÁM ĐỐC

Nguyễn Văn An
`;

const BODY = `
**I. MỤC ĐÍCH, YÊU CẦU**

Nâng cao nhận thức về an toàn thực phẩm.
`;

/** The first value under `key` anywhere in a plan. */
function deep(at: any, key: string): any {
  if (!at || typeof at !== 'object') return undefined;
  if (key in at && !Array.isArray(at)) return at[key];
  for (const v of Object.values(at)) {
    const found = deep(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Imports a text (by default a whole small plan around the given body). */
function imp(body = BODY, { header = HEADER, closing = CLOSING } = {}) {
  const r = importDoc(readText(`${header}${body}${closing}`, 'ke-hoach.txt'));
  return { r, plan: r.plan as Record<string, any>, yaml: () => planYaml(r.plan!, r.warnings, 'ke-hoach.txt') };
}

describe('header band', () => {
  it('cơ quan chủ quản, cơ quan ban hành, số and ký hiệu, địa danh and date', () => {
    const { plan } = imp();
    expect(plan.issuer).toEqual({ parent: 'UBND TỈNH LÀO CAI', name: 'SỞ Y TẾ', abbreviation: 'SYT' });
    expect(plan.number).toBe(12);
    expect(plan.symbol).toBeUndefined(); // KH-SYT is the format's default
    expect(plan.place).toBe('Lào Cai');
    expect(plan.date).toBe('2026-02-05');
    expect(plan.title).toBe('Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026');
  });

  it.each([
    ['Lào Cai, ngày 05 tháng 02 năm 2026', '2026-02-05'],
    ['Lào Cai, ngày 5 tháng 2 năm 2026', '2026-02-05'],
    ['Lào Cai, 05/02/2026', '2026-02-05'],
    ['Lào Cai, ngày 05/02/2026', '2026-02-05'],
    ['Lào Cai, ngày      tháng 4 năm 2026', '2026-04'],
    ['Lào Cai, ngày      tháng      năm 2026', '2026'],
  ])('date "%s" → %s', (line, date) => {
    const { plan } = imp(BODY, { header: HEADER.replace('Lào Cai, ngày 05 tháng 02 năm 2026', line), closing: CLOSING });
    expect(plan.date).toBe(date);
    expect(plan.place).toBe('Lào Cai');
  });

  it('an unreadable date is a guess, said with its line and commented in the YAML', () => {
    const { r, plan, yaml } = imp(BODY, { header: HEADER.replace('ngày 05 tháng 02 năm 2026', 'ngày mồng năm tháng hai năm 2026'), closing: CLOSING });
    expect(plan.date).toBe('2026');
    const w = r.warnings.find((x) => x.path?.[0] === 'date');
    expect(w?.loc?.line).toBe(11);
    expect(yaml()).toMatch(/# CẢNH BÁO \(dòng 11\): không đọc được ngày tháng[^\n]*\ndate: "?2026"?/);
  });

  it('số with a leading zero, another symbol, a draft without a number, độ khẩn and độ mật', () => {
    expect(imp(BODY, { header: HEADER.replace('12/KH-SYT', '0204/KH-SYT'), closing: CLOSING }).plan.number).toBe('0204');
    expect(imp(BODY, { header: HEADER.replace('12/KH-SYT', '12/KH-SYT-NVY'), closing: CLOSING }).plan.symbol).toBe('KH-SYT-NVY');
    const draft = imp(BODY, { header: HEADER.replace('Số: 12/KH-SYT', 'Số:        /KH-SYT'), closing: CLOSING }).plan;
    expect(draft.number).toBeUndefined();
    const marked = imp(BODY, { header: `${HEADER.replace('KẾ HOẠCH', 'KHẨN\n\nMẬT\n\nKẾ HOẠCH')}`, closing: CLOSING }).plan;
    expect(marked.urgency).toBe('KHẨN');
    expect(marked.confidentiality).toBe('MẬT');
  });

  it('ỦY BAN NHÂN DÂN over TỈNH … is one cơ quan ban hành in two lines', () => {
    const { plan } = imp(BODY, {
      header: HEADER.replace('UBND TỈNH LÀO CAI\n\n**SỞ Y TẾ**', '**ỦY BAN NHÂN DÂN**\n\n**TỈNH LÀO CAI**').replace('KH-SYT', 'KH-UBND'),
      closing: CLOSING,
    });
    expect(plan.issuer).toEqual({ name: 'ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI', abbreviation: 'UBND' });
  });
});

describe('căn cứ and the lead-in', () => {
  it('căn cứ lines become basis items (italic by default), the sentence before section I the intro', () => {
    const { plan } = imp(
      `\n*Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010;*\n\n*Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND tỉnh.*\n\nSở Y tế xây dựng Kế hoạch như sau:\n${BODY}`,
    );
    expect(plan.basis).toEqual({
      items: ['Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010', 'Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND tỉnh'],
    });
    expect(plan.intro).toBe('Sở Y tế xây dựng Kế hoạch như sau:');
  });

  it('upright căn cứ ending with ";" before a separate lead-in', () => {
    const { plan } = imp(`\nCăn cứ Luật An toàn thực phẩm;\n\nCăn cứ Nghị định số 15/2018/NĐ-CP;\n\nSở Y tế xây dựng Kế hoạch như sau:\n${BODY}`);
    expect(plan.basis).toEqual({ items: ['Căn cứ Luật An toàn thực phẩm', 'Căn cứ Nghị định số 15/2018/NĐ-CP'], italic: false, end: ';' });
  });
});

describe('numbering', () => {
  it('I., 1., 1.1., a), a., 1), - and + nest as in the source', () => {
    const { plan } = imp(`
**I. NỘI DUNG**

**1. Tuyên truyền**

1.1. Trên báo chí.

a) Báo in;

b) Báo điện tử:

- Cổng thông tin;

+ Trang của Sở;

+ Trang của ngành.

- Mạng xã hội.

1.2. Tại cơ sở:

a. Pano;

b. Tờ rơi.

**2. Kiểm tra**

1) Đoàn liên ngành;

2) Đoàn của Sở.
`);
    const items = plan.sections[0].blocks[0].items;
    expect(plan.sections[0]).toMatchObject({ kind: 'content', title: 'NỘI DUNG' });
    expect(items[0].title).toBe('Tuyên truyền');
    const sub = items[0].blocks[0].items;
    expect(sub[0].text).toBe('Trên báo chí.');
    expect(sub[0].blocks[0]).toEqual({
      numbering: 'a)',
      items: [
        'Báo in;',
        { text: 'Báo điện tử:', blocks: [{ bullets: [{ text: 'Cổng thông tin;', bullets: ['Trang của Sở;', 'Trang của ngành.'] }, 'Mạng xã hội.'] }] },
      ],
    });
    expect(sub[1].blocks[0]).toEqual({ numbering: 'a.', items: ['Pano;', 'Tờ rơi.'] });
    expect(items[1].blocks[0]).toEqual({ numbering: '1)', items: ['Đoàn liên ngành;', 'Đoàn của Sở.'] });
  });

  it('a section numeral used twice is written as its marker; a list starting at 3 gets start; a gap gets number', () => {
    const { plan } = imp(`
**I. MỤC ĐÍCH**

Nâng cao nhận thức.

**II. NỘI DUNG**

3. Ba.

4. Bốn.

6. Sáu.

**II. KINH PHÍ**

Ngân sách tỉnh.

**IV. TỔ CHỨC THỰC HIỆN**

Các đơn vị thực hiện.
`);
    const [, content, budget, impl] = plan.sections;
    expect(content.blocks[0]).toEqual({ items: ['Ba.', 'Bốn.', { number: 6, text: 'Sáu.' }], start: 3 });
    expect(budget).toMatchObject({ kind: 'budget', title: 'KINH PHÍ', marker: 'II.' });
    // "II." as written does not count: the model would print III. next, the source has IV.
    expect(impl).toMatchObject({ kind: 'implementation', number: 4 });
    expect(impl.marker).toBeUndefined();
  });
});

describe('signature and nơi nhận', () => {
  it.each([
    ['TM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH', { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH' }],
    ['TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH', { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH' }],
    ['KT. GIÁM ĐỐC\n\nPHÓ GIÁM ĐỐC', { authority: 'KT.', position: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC' }],
    ['TL. GIÁM ĐỐC\n\nCHÁNH VĂN PHÒNG', { authority: 'TL.', position: 'GIÁM ĐỐC', title: 'CHÁNH VĂN PHÒNG' }],
    ['TUQ. GIÁM ĐỐC\n\nTRƯỞNG PHÒNG NGHIỆP VỤ Y', { authority: 'TUQ.', position: 'GIÁM ĐỐC', title: 'TRƯỞNG PHÒNG NGHIỆP VỤ Y' }],
    ['Q. GIÁM ĐỐC', { authority: 'Q.', position: 'GIÁM ĐỐC' }],
    ['GIÁM ĐỐC', { position: 'GIÁM ĐỐC' }],
  ])('%s', (stack, signer) => {
    const { plan } = imp(BODY, { header: HEADER, closing: CLOSING.replace('KT. GIÁM ĐỐC\n\nPHÓ GIÁM ĐỐC', stack) });
    expect(plan.signer).toEqual({ ...signer, name: 'Nguyễn Văn An' });
  });

  it('nơi nhận with notes, "+" lines and Lưu with copies', () => {
    const { plan } = imp(BODY, {
      header: HEADER,
      closing: '\nNơi nhận:\n- Bộ Y tế (báo cáo);\n- VP UBND tỉnh:\n+ LĐVP, KGVX;\n+ Cổng TTĐT;\n- Lưu: VT, NVY (M.Cường), 02b.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n',
    });
    expect(plan.recipients).toEqual([
      { name: 'Bộ Y tế', note: 'báo cáo' },
      { name: 'VP UBND tỉnh', items: ['LĐVP, KGVX', 'Cổng TTĐT'] },
    ]);
    expect(plan.archive).toEqual({ units: ['VT', 'NVY (M.Cường)'], copies: 2 });
    expect(plan.recipientsAsTyped).toBeUndefined();
  });

  it('a nơi nhận typed off the format is kept as typed', () => {
    const { plan } = imp(BODY, { header: HEADER, closing: '\nNơi nhận:\n- Bộ Y tế; (để báo cáo)\n- Các đơn vị\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n' });
    expect(plan.recipientsAsTyped).toBe(true);
    expect(plan.recipients).toEqual(['Bộ Y tế; (để báo cáo)', 'Các đơn vị']);
    expect(plan.archive).toEqual({ units: ['VT.'] });
  });
});

describe('tables, appendices, footnotes, bold and italic', () => {
  it('a DOCX table keeps its header, merged cells and group rows', async () => {
    const base = minimalPlan();
    const table = {
      header: [
        [
          { text: 'TT', rowspan: 2 },
          { text: 'Nội dung', rowspan: 2 },
          { text: 'Thời gian', colspan: 2 },
        ],
        ['Bắt đầu', 'Kết thúc'],
      ],
      rows: [[{ text: 'I. CHUẨN BỊ', colspan: 4, bold: true }], ['1', 'Rà soát đối tượng', '01/3', '10/3']],
    };
    base.implementation.blocks = [{ table }];
    const { docx } = await renderPlan('table', base);
    const plan = importDoc(readDocx(docx, 'table.docx')).plan as Record<string, any>;
    const t = deep(plan, 'table');
    expect(t.header).toEqual(table.header);
    expect(t.rows).toEqual([[{ text: 'I. CHUẨN BỊ', colspan: 4, bold: true }], ['1', 'Rà soát đối tượng', '01/3', '10/3']]);
  });

  it('"| a | b |" rows with <br> and a "|---|" line under the header', () => {
    const { plan } = imp(`${BODY}\n| TT | Nội dung | Người thực hiện |\n|---|---|---|\n| 1. | Rà soát | Đỗ Mạnh Cường<br>Vũ Việt Linh |\n`);
    expect(plan.sections[0].blocks[1].table).toEqual({
      header: ['TT', 'Nội dung', 'Người thực hiện'],
      rows: [['1.', 'Rà soát', { blocks: ['Đỗ Mạnh Cường', 'Vũ Việt Linh'] }]],
    });
  });

  it('appendices: label, title, note and content; "(Kèm theo …)" as the format writes it is left to it', () => {
    const closing = `${CLOSING}\n**PHỤ LỤC I**\n\nDANH MỤC NHIỆM VỤ\n\n*(Kèm theo Kế hoạch số 12/KH-SYT ngày 05 tháng 02 năm 2026 của SỞ Y TẾ)*\n\n1. Nhiệm vụ một.\n\n**PHỤ LỤC II**\n\nBIỂU MẪU\n\n*(Kèm theo Kế hoạch số 12/KH-SYT ngày 05/02/2026 của Sở Y tế)*\n\nNội dung.\n`;
    const { plan } = imp(BODY, { header: HEADER, closing });
    expect(plan.appendices).toEqual([
      { label: 'PHỤ LỤC I', title: 'DANH MỤC NHIỆM VỤ', blocks: [{ items: ['Nhiệm vụ một.'] }] },
      { label: 'PHỤ LỤC II', title: 'BIỂU MẪU', note: '(Kèm theo Kế hoạch số 12/KH-SYT ngày 05/02/2026 của Sở Y tế)', blocks: ['Nội dung.'] },
    ]);
  });

  it('footnotes: "[1]" in the text, its text at the end', () => {
    const { plan } = imp(`\n**I. MỤC ĐÍCH**\n\nTheo số liệu năm 2025[1], tỷ lệ đạt 95%.\n`, {
      header: HEADER,
      closing: `${CLOSING}\n[1] Báo cáo số 10/BC-SYT ngày 10/01/2026.\n`,
    });
    expect(plan.sections[0].blocks).toEqual(['Theo số liệu năm 2025^[Báo cáo số 10/BC-SYT ngày 10/01/2026.], tỷ lệ đạt 95%.']);
  });

  it('bold and italic runs become **…** and *…*; a literal star is escaped', () => {
    const { plan } = imp(`\n**I. MỤC ĐÍCH**\n\nĐạt **95%** trẻ được tiêm *(theo danh sách)*; chỉ số 2 \\* 3.\n`);
    expect(plan.sections[0].blocks).toEqual(['Đạt **95%** trẻ được tiêm *(theo danh sách)*; chỉ số 2 \\* 3.']);
  });
});

describe('what the importer cannot place', () => {
  it('a table before section I: a warning with its line, a comment in the YAML, and its words reported missing', () => {
    const { r, yaml } = imp(`\n| Chỉ số | Giá trị |\n| Trẻ em | 41.200 |\n\nSở Y tế xây dựng Kế hoạch như sau:\n${BODY}`);
    const w = r.warnings.find((x) => /bảng trước mục I/.test(x.message));
    expect(w?.loc?.line).toBe(17);
    expect(r.warnings.some((x) => /không có trong kế hoạch khi in ra: "chỉ số"/.test(x.message))).toBe(true);
    expect(yaml()).toContain('CẢNH BÁO (dòng 17): có bảng trước mục I');
  });

  it('a header line that fits nowhere is said, not dropped silently', () => {
    const { r } = imp(BODY, { header: HEADER.replace('Độc lập - Tự do - Hạnh phúc', 'Độc lập - Tự do - Hạnh phúc\n\nDỰ THẢO LẦN 2'), closing: CLOSING });
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/DỰ THẢO LẦN 2/);
  });
});
