// The DOCX writer against Nghị định 30/2020/NĐ-CP (see ../shared/nd30-format.md).
//
// Every example in examples/ and a set of edge-case plans built below are rendered in
// memory, unzipped and read back with each paragraph's effective formatting (docDefaults →
// style chain → direct formatting). Expected values come from the decree and from the input
// plan, never from the writer's own constants.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet } from '../src/fonts/metrics.js';
import type { DocumentModel, ParagraphStyle, Table } from '../src/model/document.js';
import { buildModel, docxFromModel, modelFromFile, templatesFor } from '../src/pipeline.js';
import { Plan } from '../src/schema/plan.js';
import {
  elementNames,
  kid,
  kids,
  mmToTwips,
  openDocx,
  runsWidthMm,
  squash,
  twipsToMm,
  wrapLinesMm,
  type BodyItem,
  type Cell,
  type DocxFile,
  type Para,
  type RunProps,
  type Tbl,
  type XEl,
} from './helpers/docx-xml.js';

// ------------------------------------------------------------------ the decree's numbers

const ND30 = {
  a4: { w: 11906, h: 16838 }, // 210 × 297 mm in twips
  margins: { top: [20, 25], bottom: [20, 25], left: [30, 35], right: [15, 20] } as Record<string, [number, number]>,
  headerDistanceMm: 10,
  bodySize: [13, 14],
  firstLine: [567, 720], // 1 cm or 1.27 cm
  minSpaceBefore: 120, // 6 pt
  lineAuto: [240, 360], // single … 1.5 lines
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  nationalSize: [12, 13],
  mottoSize: [13, 14],
  agencySize: [12, 13],
  numberSize: 13,
  placeDateSize: [13, 14],
  sizeSteps: ['13-14-14', '12-13-13'],
  ruleShare: [1 / 3, 1 / 2],
  recipientsLabelSize: 12,
  recipientItemSize: 11,
  font: 'Times New Roman',
  lang: 'vi-VN',
};

const fonts = loadFontSet();
const templates = templatesFor(keHoach);
const upper = (s: string) => s.toLocaleUpperCase('vi-VN');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BLANK = '[\\s\\u00a0]{3,}';
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const inRange = (v: number | undefined, [lo, hi]: number[], tol = 0) => v !== undefined && v >= lo - tol && v <= hi + tol;

// ------------------------------------------------------------------ expectations from the plan

/** "Lào Cai, ngày 05 tháng 02 năm 2024"; a draft leaves blanks (decree §4). */
function expectedPlaceDate(plan: Plan): RegExp {
  const [y, m, d] = plan.date.split('-').map(Number);
  const day = d ? ` ${pad2(d)} ` : BLANK;
  const month = m ? ` ${m < 3 ? pad2(m) : String(m)} ` : BLANK;
  return new RegExp(`^${esc(plan.place)}, ngày${day}tháng${month}năm ${y}$`);
}

/** "Số: 05/KH-SYT"; numbers below 10 padded, a draft leaves the number blank. */
function expectedNumber(plan: Plan): RegExp {
  const symbol = plan.symbol ?? `KH-${plan.issuer.abbreviation}`;
  const n = plan.number;
  if (n === null || n === undefined || n === '') return new RegExp(`^Số:${BLANK}/${esc(symbol)}$`);
  const digits = String(n);
  return new RegExp(`^Số: ${esc(digits.length < 2 ? `0${digits}` : digits)}/${esc(symbol)}$`);
}

/** The signatory stack of Điều 13 (decree §5). */
function expectedSignatory(plan: Plan): string[] {
  const s = plan.signer;
  const pos = upper(s.position);
  if (s.authority === 'TM.') return [`TM. ${upper(s.onBehalfOf ?? '')}`, ...(s.title ? [`KT. ${pos}`, upper(s.title)] : [pos])];
  if (s.authority) return [`${s.authority} ${pos}`, ...(s.title ? [upper(s.title)] : [])];
  return [pos];
}

function expectedSectionCount(plan: Plan): number {
  const keys = ['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation'] as const;
  return keys.filter((k) => plan[k]).length + (plan.sections?.length ?? 0);
}

const STAMPS = ['KHẨN', 'THƯỢNG KHẨN', 'HỎA TỐC', 'MẬT', 'TỐI MẬT', 'TUYỆT MẬT'];
const isRed = (c: string | undefined) => {
  const m = /^([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})$/i.exec(c ?? '');
  return !!m && parseInt(m[1], 16) >= 0xc0 && parseInt(m[2], 16) <= 0x40 && parseInt(m[3], 16) <= 0x40;
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** Grid column of each model cell: cells covered by a rowspan from above are omitted in the model. */
function expectedColumns(t: Table): number[][] {
  const busy: number[] = new Array(t.columns.length).fill(0); // rows still covered, per column
  return t.rows.map((row) => {
    const out: number[] = [];
    let col = 0;
    for (const c of row.cells) {
      while (busy[col] > 0) col++;
      out.push(col);
      for (let k = 0; k < (c.colSpan ?? 1); k++) busy[col + k] = Math.max(busy[col + k], c.rowSpan ?? 1);
      col += c.colSpan ?? 1;
    }
    for (let k = 0; k < busy.length; k++) busy[k] = Math.max(0, busy[k] - 1);
    return out;
  });
}

// ------------------------------------------------------------------ locating the parts

interface Parts {
  band: Tbl;
  kind: Para;
  summary: Para[];
  summaryRule: Para;
  body: BodyItem[];
  closingTable: Tbl;
  afterClosing: BodyItem[];
}

const textOf = (p: Para) => p.text.replace(/\f/g, '');
const isEmpty = (p: Para) => squash(textOf(p)) === '';
const cellsOf = (t: Tbl) => t.rows.flatMap((r) => r.cells);

function locate(doc: DocxFile): Parts {
  const items = doc.body;
  const band = items[0];
  if (band?.kind !== 'tbl') throw new Error('the document must start with the header band table');
  let k = 1;
  const nextPara = () => {
    while (k < items.length) {
      const it = items[k++];
      if (it.kind === 'p' && !isEmpty(it.p)) return it.p;
      if (it.kind === 'tbl') throw new Error('unexpected table before the body');
    }
    throw new Error('document ends early');
  };
  const kind = nextPara();
  const summary: Para[] = [];
  let summaryRule: Para | undefined;
  while (k < items.length && !summaryRule) {
    const it = items[k++];
    if (it.kind !== 'p') throw new Error('unexpected table in the title block');
    if (it.p.props.borderBottom && it.p.props.borderBottom.val !== 'none' && isEmpty(it.p)) summaryRule = it.p;
    else if (!isEmpty(it.p)) summary.push(it.p);
  }
  if (!summaryRule) throw new Error('no rule under the trích yếu');
  const closingIdx = items.findIndex((it) => it.kind === 'tbl' && cellsOf(it.t).some((c) => c.paras.some((p) => textOf(p).startsWith('Nơi nhận'))));
  if (closingIdx < 0) throw new Error('no Nơi nhận block');
  return {
    band: band.t,
    kind,
    summary,
    summaryRule,
    body: items.slice(k, closingIdx),
    closingTable: (items[closingIdx] as { kind: 'tbl'; t: Tbl }).t,
    afterClosing: items.slice(closingIdx + 1),
  };
}

const bodyParas = (parts: Parts) => parts.body.flatMap((b) => (b.kind === 'p' && !isEmpty(b.p) ? [b.p] : []));

function findIn(t: Tbl, pred: (p: Para) => boolean): Para | undefined {
  for (const c of cellsOf(t)) for (const p of c.paras) if (pred(p)) return p;
  return undefined;
}

/** Runs that carry visible text (not just spaces). */
const inkRuns = (p: Para) => p.runs.filter((r) => r.text.trim() !== '');
const runsAll = (p: Para, f: (r: RunProps) => boolean) => inkRuns(p).length > 0 && inkRuns(p).every((r) => f(r.props));
const sizes = (p: Para) => [...new Set(inkRuns(p).map((r) => r.props.size))];
const isCaps = (p: Para) => inkRuns(p).every((r) => r.props.caps || r.text === upper(r.text));

/** Width (mm) available to text in a cell paragraph: cell minus padding minus indents. */
function boxMm(p: Para): number {
  const c = p.cell as Cell;
  return twipsToMm(c.width - c.marginLeft - c.marginRight - (p.props.indLeft ?? 0) - (p.props.indRight ?? 0));
}

/** The rule drawn for a text paragraph: its own bottom border, or the next empty paragraph with one. */
function ruleAfter(paras: Para[], idx: number): Para | undefined {
  const own = paras[idx];
  if (own.props.borderBottom && own.props.borderBottom.val !== 'none') return own;
  for (let j = idx + 1; j < paras.length; j++) {
    const p = paras[j];
    if (!isEmpty(p)) return undefined;
    if (p.props.borderBottom && p.props.borderBottom.val !== 'none') return p;
  }
  return undefined;
}

/** A w:widowControl-style on/off element: absent → undefined. */
const onOffOf = (el: XEl | undefined) => (el ? !['0', 'false', 'off'].includes(el.attrs['w:val'] ?? 'true') : undefined);

/** Effective widow/orphan control of a paragraph: docDefaults → style chain → direct (off when never set). */
function widowControlOf(doc: DocxFile, p: Para): boolean {
  let on = onOffOf(kid(doc.styles.defaultPPr, 'w:widowControl')) ?? false;
  for (const s of doc.styles.chain(p.props.styleId, 'paragraph')) on = onOffOf(kid(s.pPr, 'w:widowControl')) ?? on;
  return onOffOf(kid(kid(p.el, 'w:pPr'), 'w:widowControl')) ?? on;
}

function expectSolidCentredRule(rule: Para, what: string) {
  expect(rule.props.borderBottom?.val, `${what}: rule is a solid line`).toBe('single');
  expect(Math.abs((rule.props.indLeft ?? 0) - (rule.props.indRight ?? 0)), `${what}: rule is centred`).toBeLessThanOrEqual(20);
  expect(rule.props.hanging ?? 0, `${what}: rule has no hanging indent`).toBe(0);
}

// ------------------------------------------------------------------ cases

interface Case {
  name: string;
  plan: Plan;
  model: DocumentModel;
  buf: Uint8Array;
  doc: DocxFile;
  parts: Parts;
}

/** Deep copy with every string in NFC: what the document must show for any input. */
function nfc<T>(x: T): T {
  if (typeof x === 'string') return x.normalize('NFC') as T;
  if (Array.isArray(x)) return x.map(nfc) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, nfc(v)])) as T;
  return x;
}

async function makeCase(name: string, plan: Plan, model: DocumentModel): Promise<Case> {
  const buf = await docxFromModel(model);
  const doc = openDocx(buf);
  return { name, plan: nfc(plan), model, buf, doc, parts: locate(doc) };
}

const base: Plan = Plan.parse(JSON.parse(readFileSync('examples/minimal.json', 'utf8')));
const variant = (patch: Partial<Plan> & Record<string, unknown>): Plan => Plan.parse({ ...structuredClone(base), ...patch });

const longBody = Array.from(
  { length: 45 },
  (_, k) =>
    `Đoạn thứ ${k + 1}: tổ chức kiểm tra, giám sát việc chấp hành quy định về an toàn thực phẩm tại các cơ sở sản xuất, kinh doanh, bảo đảm đúng tiến độ và hiệu quả; tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.`,
);

/** Edge cases: the decree's own examples and the situations its rules are about. */
const EDGE: Record<string, Plan> = {
  'date 2024-03-09 (month ≥ 3 not padded)': variant({ date: '2024-03-09' }),
  'date 2020-01-05': variant({ date: '2020-01-05' }),
  'date 2019-06-29': variant({ date: '2019-06-29' }),
  'date 2023-02-28 and number 13': variant({ date: '2023-02-28', number: 13 }),
  'date 2024-10-01 and number "0124"': variant({ date: '2024-10-01', number: '0124' }),
  'draft 2024-01 (no day, no number)': variant({ date: '2024-01', number: null }),
  'draft 2024 (no day, no month)': variant({ date: '2024', number: undefined }),
  'sections omitted, extra section, 12-13-13 header sizes': variant({
    purposes: undefined,
    budget: { blocks: ['Kinh phí thực hiện từ nguồn ngân sách nhà nước năm 2024 giao cho các đơn vị.'] },
    sections: [{ title: 'Chế độ báo cáo', blocks: ['Các đơn vị báo cáo kết quả trước ngày 15/12/2024.'] }],
    layout: { headerSizes: '12-13-13' },
  }),
  'TM. signature, no parent, 13 pt body, 1.27 cm indent, 1.5 lines, official margins': variant({
    issuer: { name: 'Ủy ban nhân dân tỉnh Kon Tum', abbreviation: 'UBND', shortName: 'Ủy ban nhân dân tỉnh' },
    place: 'Kon Tum',
    signer: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', name: 'Lê Ngọc Tuấn' },
    layout: { fontSize: 13, firstLineIndent: 12.7, lineSpacing: 1.5, margins: { top: 25, bottom: 20, left: 35, right: 20 } },
  }),
  'TM. + KT. signature': variant({
    issuer: { parent: 'Hội đồng nhân dân tỉnh Kon Tum', name: 'Ủy ban nhân dân tỉnh Kon Tum', abbreviation: 'UBND' },
    signer: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Y Ngọc' },
  }),
  'head signs, no authority': variant({ signer: { position: 'Giám đốc', name: 'Võ Văn Thanh' } }),
  'long agency names, multi-line trích yếu, archive copies': variant({
    issuer: {
      parent: 'Bộ Nông nghiệp và Môi trường',
      name: 'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
      abbreviation: 'BCĐ',
    },
    title:
      'Triển khai thực hiện Chương trình mục tiêu quốc gia\nvề phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030',
    archive: { units: ['VT', 'TCHC'], copies: 2 },
    recipients: ['Bộ Y tế (báo cáo).', { name: 'UBND tỉnh;', note: 'báo cáo' }, 'Các sở, ban, ngành'],
    signer: { authority: 'TL.', position: 'Trưởng ban', title: 'Chánh Văn phòng', name: 'Trần Thị Bích' },
  }),
  'agency name in balanced lines': variant({
    issuer: { parent: 'UBND tỉnh Lào Cai', name: 'Sở Nông nghiệp và Phát triển nông thôn', abbreviation: 'SNNPTNT' },
  }),
  'agency name on one line in the 67.5 mm column': variant({
    issuer: { parent: 'UBND thành phố Hà Nội', name: 'Sở Văn hóa và Thể thao', abbreviation: 'SVHTT' },
  }),
  'agency with an explicit line break': variant({
    issuer: { parent: 'UBND tỉnh Lào Cai', name: 'Sở Nông nghiệp\nvà Môi trường', abbreviation: 'SNNMT' },
    signer: { authority: 'Q.', position: 'Giám đốc', name: 'Hoàng Văn Minh' },
  }),
  'urgent (KHẨN) plan': variant({ urgency: 'KHẨN' }),
  'decomposed (NFD) input text': variant({
    title: 'Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026'.normalize('NFD'),
    place: 'Lào Cai'.normalize('NFD'),
    intro: 'Sở Y tế xây dựng Kế hoạch như sau:'.normalize('NFD'),
  }),
  'grouped rows: vertically merged cells (rowspan) in a content table': variant({
    content: {
      blocks: [
        {
          table: {
            columns: [1, 3, 4, 2],
            header: ['TT', 'Nhóm', 'Chỉ tiêu', 'Giá trị'],
            rows: [
              ['1', { text: 'Nhóm cơ sở sản xuất', rowspan: 2 }, 'Kiểm tra định kỳ', '120'],
              ['2', 'Đạt yêu cầu', '110'],
              ['3', { text: 'Nhóm cơ sở kinh doanh', rowspan: 3 }, 'Vi phạm', '17'],
              ['4', 'Phạt tiền', '13'],
              ['5', 'Đình chỉ', '4'],
              [{ text: 'Cộng', colspan: 3 }, '264'],
            ],
          },
        },
      ],
    },
  }),
  'several pages, appendix, table': variant({
    content: {
      blocks: [
        ...longBody,
        {
          table: {
            columns: [1, 6, 2],
            header: ['TT', 'Nội dung', 'Thời gian'],
            rows: [
              ['1', 'Kiểm tra liên ngành', 'Tháng 4'],
              ['2', 'Tổng kết', 'Tháng 5'],
            ],
          },
        },
      ],
    },
    appendices: [
      { title: 'Danh sách cơ sở kiểm tra', blocks: ['Các cơ sở sản xuất, kinh doanh thực phẩm trên địa bàn tỉnh.'] },
      {
        title: 'Bảng tổng hợp kết quả kiểm tra\ntheo từng huyện, thị xã, thành phố',
        landscape: true,
        blocks: [
          {
            table: {
              numbered: true,
              columns: [4, 2, 2, 2, 2, 2, 2, 3],
              header: ['Đơn vị', 'Số cơ sở', 'Đạt', 'Không đạt', 'Nhắc nhở', 'Phạt tiền', 'Đình chỉ', 'Ghi chú'],
              rows: [['Thành phố Lào Cai', 120, 110, 10, 6, 3, 1, 'Kiểm tra liên ngành']],
            },
          },
        ],
      },
    ],
  }),
};

const cases: Case[] = [];
const exampleFiles = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .sort();
for (const f of exampleFiles) {
  const { data, model } = modelFromFile(keHoach, join('examples', f), templates);
  cases.push(await makeCase(`examples/${f}`, data as Plan, model));
}
for (const [name, plan] of Object.entries(EDGE)) cases.push(await makeCase(name, plan, buildModel(keHoach, plan, templates)));
const byName = (name: string) => cases.find((c) => c.name === name)!;

// ------------------------------------------------------------------ the rules

type Rule = (c: Case) => void;

const RULES: Record<string, Rule> = {
  'A4 portrait, margins inside the decree ranges and equal to the model, header 10 mm'({ doc, model }) {
    expect(doc.sections.length).toBeGreaterThanOrEqual(1);
    doc.sections.forEach((s, k) => {
      const landscape = s.pageWidth > s.pageHeight;
      const [w, h] = landscape ? [s.pageHeight, s.pageWidth] : [s.pageWidth, s.pageHeight];
      expect(Math.abs(w - ND30.a4.w), `section ${k}: A4 width`).toBeLessThanOrEqual(2);
      expect(Math.abs(h - ND30.a4.h), `section ${k}: A4 height`).toBeLessThanOrEqual(2);
      if (k === 0) {
        expect(landscape, 'main section is portrait').toBe(false);
        expect(s.orient ?? 'portrait').toBe('portrait');
      }
      for (const side of ['top', 'bottom', 'left', 'right'] as const) {
        if (landscape) continue; // a landscape appendix rotates the margins
        const mm = twipsToMm(s.margins[side]);
        expect(inRange(mm, ND30.margins[side], 0.05), `section ${k}: ${side} margin ${mm.toFixed(2)} mm in ${ND30.margins[side]}`).toBe(true);
        expect(Math.abs(s.margins[side] - mmToTwips(model.page.margins[side])), `section ${k}: ${side} margin = model`).toBeLessThanOrEqual(2);
      }
      expect(Math.abs(twipsToMm(s.margins.header) - ND30.headerDistanceMm), `section ${k}: header distance`).toBeLessThanOrEqual(0.5);
      expect(s.margins.gutter || 0).toBe(0);
    });
  },

  'Times New Roman everywhere, language vi-VN, black, text in NFC'({ doc }) {
    const base = doc.styles.baseRun();
    expect(base.lang, 'document language').toBe(ND30.lang);
    const parts = [doc.allParagraphs(), ...doc.headerFooterParts().map((n) => doc.paragraphsOf(doc.xml(n)))].flat();
    for (const p of parts) {
      const stamp = STAMPS.includes(textOf(p)); // độ khẩn / độ mật are stamped in red
      for (const r of [...p.runs, ...p.fieldRuns]) {
        for (const slot of ['ascii', 'hAnsi', 'cs']) expect(r.props.fonts[slot], `font (${slot}) of "${r.text}"`).toBe(ND30.font);
        expect(r.props.lang ?? ND30.lang, `language of "${r.text}"`).toBe(ND30.lang);
        if (!stamp) expect(['auto', '000000', undefined], `colour of "${r.text}"`).toContain(r.props.color);
        expect(r.props.vanish ?? false, `hidden text "${r.text}"`).toBe(false);
      }
      expect(p.text, 'NFC').toBe(p.text.normalize('NFC'));
    }
    // Styles in use (stamps aside) and the built-ins a clerk may apply later keep the font and colour too.
    const used = new Set(parts.flatMap((p) => (STAMPS.includes(textOf(p)) ? [] : doc.styles.chain(p.props.styleId, 'paragraph').map((s) => s.id))));
    const builtIn = ['Normal', 'Title', 'Caption', 'ListParagraph', ...[1, 2, 3, 4, 5, 6].map((k) => `Heading${k}`)];
    for (const s of doc.styles.byId.values()) {
      if (s.type !== 'paragraph' || !(used.has(s.id) || builtIn.includes(s.id))) continue;
      const f = kid(s.rPr, 'w:rFonts');
      if (f) for (const [k, v] of Object.entries(f.attrs)) expect(/Theme$/.test(k) ? 'theme' : v, `style ${s.id} ${k}`).toBe(ND30.font);
      const color = kid(s.rPr, 'w:color');
      if (color) expect(['auto', '000000'], `style ${s.id} colour`).toContain(color.attrs['w:val']);
    }
    for (const name of doc.partNames().filter((n) => n.endsWith('.xml'))) {
      const xml = doc.text(name);
      expect(xml === xml.normalize('NFC'), `${name} is NFC`).toBe(true);
    }
  },

  'header band: borderless two-column table, quốc hiệu fits its column'({ parts, model }) {
    const t = parts.band;
    expect(t.grid.length, 'two columns').toBe(2);
    for (const r of t.rows) expect(r.cells.length).toBe(2);
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
      expect(['none', 'nil', undefined], `table border ${side}`).toContain(t.borders[side]?.val);
    for (const c of cellsOf(t)) {
      for (const b of kids(kid(kid(c.el, 'w:tcPr'), 'w:tcBorders'))) expect(['none', 'nil'], `cell border ${b.name}`).toContain(b.attrs['w:val']);
      expect(Math.abs(c.width - t.grid[c.col]), 'cell width = grid column').toBeLessThanOrEqual(1);
    }
    if (t.width !== undefined && t.widthType === 'dxa')
      expect(Math.abs(t.width - t.grid.reduce((a, b) => a + b, 0)), 'table width = sum of columns').toBeLessThanOrEqual(2);
    const textWidth = 210 - model.page.margins.left - model.page.margins.right;
    const widthMm = twipsToMm(t.grid.reduce((a, b) => a + b, 0) + t.indent);
    expect(widthMm, 'band does not cross the right margin').toBeLessThanOrEqual(textWidth + 0.5);
    // The official table reaches ~3.5 mm into the left margin (nd30-format §2); never further.
    expect(twipsToMm(t.indent), 'band reaches at most 3.5 mm into the left margin').toBeGreaterThanOrEqual(-3.5 - 0.05);

    const qh = findIn(t, (p) => squash(textOf(p)) === ND30.nationalTitle);
    expect(qh, 'quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (HÒA, not HOÀ)').toBeDefined();
    expect(textOf(qh!)).toBe(ND30.nationalTitle);
    expect(qh!.cell!.col, 'quốc hiệu in the right column').toBe(1);
    expect(qh!.props.align, 'quốc hiệu centred').toBe('center');
    expect(
      runsAll(qh!, (r) => !!r.bold),
      'quốc hiệu bold',
    ).toBe(true);
    expect(isCaps(qh!), 'quốc hiệu caps').toBe(true);
    expect(sizes(qh!).length).toBe(1);
    expect(inRange(sizes(qh!)[0], ND30.nationalSize), `quốc hiệu size ${sizes(qh!)[0]} in 12–13`).toBe(true);
    const need = runsWidthMm(inkRuns(qh!), fonts);
    expect(need, `quốc hiệu (${need.toFixed(1)} mm) fits its cell (${boxMm(qh!).toFixed(1)} mm) without wrapping`).toBeLessThanOrEqual(boxMm(qh!));
    expect(qh!.props.firstLine ?? 0).toBe(0);
  },

  'tiêu ngữ: ASCII hyphens, bold, centred, rule as long as the text'({ parts }) {
    const cell = cellsOf(parts.band).find((c) => c.paras.some((p) => textOf(p) === ND30.nationalTitle))!;
    const idx = cell.paras.findIndex((p) => squash(textOf(p)) === ND30.motto);
    expect(idx, 'tiêu ngữ "Độc lập - Tự do - Hạnh phúc" with ASCII hyphens in the quốc hiệu cell').toBeGreaterThan(0);
    const m = cell.paras[idx];
    expect(textOf(m)).toBe(ND30.motto);
    expect(/[\u2010-\u2015]/.test(textOf(m)), 'no en/em dash').toBe(false);
    const qhIdx = cell.paras.findIndex((p) => textOf(p) === ND30.nationalTitle);
    expect(cell.paras.slice(qhIdx + 1, idx).every(isEmpty), 'directly under the quốc hiệu').toBe(true);
    expect(m.props.align).toBe('center');
    expect(
      runsAll(m, (r) => !!r.bold),
      'bold',
    ).toBe(true);
    expect(
      runsAll(m, (r) => !r.italic),
      'upright',
    ).toBe(true);
    expect(sizes(m).length).toBe(1);
    expect(inRange(sizes(m)[0], ND30.mottoSize), `size ${sizes(m)[0]} in 13–14`).toBe(true);
    const rule = ruleAfter(cell.paras, idx);
    expect(rule, 'rule under the tiêu ngữ (paragraph border, not underscores or a drawing)').toBeDefined();
    expectSolidCentredRule(rule!, 'tiêu ngữ');
    const textMm = runsWidthMm(inkRuns(m), fonts);
    expect(Math.abs(boxMm(rule!) - textMm), `rule ${boxMm(rule!).toFixed(1)} mm vs tiêu ngữ ${textMm.toFixed(1)} mm`).toBeLessThanOrEqual(1);
    // 56.1 mm at 13 pt, 60.5 mm at 14 pt (decree §3)
    expect(Math.abs(textMm - (sizes(m)[0] === 13 ? 56.1 : 60.5))).toBeLessThanOrEqual(0.5);
  },

  'header sizes step consistently (13-14-14 or 12-13-13) and follow layout.headerSizes'({ parts, plan }) {
    const qh = findIn(parts.band, (p) => textOf(p) === ND30.nationalTitle)!;
    const m = findIn(parts.band, (p) => textOf(p) === ND30.motto)!;
    const d = findIn(parts.band, (p) => expectedPlaceDate(plan).test(textOf(p)))!;
    expect(d, 'place/date paragraph').toBeDefined();
    const steps = `${sizes(qh)[0]}-${sizes(m)[0]}-${sizes(d)[0]}`;
    expect(ND30.sizeSteps).toContain(steps);
    if (plan.layout?.headerSizes) expect(steps).toBe(plan.layout.headerSizes === '12-13-13' ? '12-13-13' : '13-14-14');
  },

  'cơ quan chủ quản caps regular, cơ quan ban hành caps bold with a 1/3–1/2 rule'({ parts, plan }) {
    const left = parts.band.rows[0].cells[0];
    const paras = left.paras;
    let k = 0;
    while (k < paras.length && isEmpty(paras[k])) k++;
    /**
     * The paragraphs of the cơ quan ban hành: its text intact, the clerk's own line breaks kept,
     * every line on one line of the column (set as its own paragraph, so Word, LibreOffice and the
     * PDF agree), and a wrapped name balanced rather than ending with a lone word.
     */
    const takeName = (name: string, what: string): Para[] => {
      const out: Para[] = [];
      while (k < paras.length && !isEmpty(paras[k]) && runsAll(paras[k], (r) => !!r.bold)) out.push(paras[k++]);
      expect(squash(out.map(textOf).join(' ')), `${what} text`).toBe(squash(name.replace(/\n/g, ' ')));
      const texts = out.map((p) => squash(textOf(p)));
      for (const p of out) expect(wrapLinesMm(p.runs, fonts, boxMm(p)).length, `${what} line "${textOf(p)}" fits its column`).toBe(1);
      let at = 0;
      for (const given of name.split('\n')) {
        const want = squash(given);
        const mine: string[] = [];
        while (at < texts.length && want.startsWith([...mine, texts[at]].join(' '))) mine.push(texts[at++]);
        expect(mine.join(' '), `${what}: "${given}" starts and ends on a paragraph boundary`).toBe(want);
        if (mine.length > 1 && want.split(' ').length > 2)
          expect(mine[mine.length - 1].split(' ').length, `${what}: "${given}" does not end with a lone word`).toBeGreaterThan(1);
      }
      return out;
    };
    if (plan.issuer.parent) {
      // The cơ quan chủ quản: 13 pt, or 12 pt to stay on one line; a line that still does not fit
      // is set in balanced paragraphs like the cơ quan ban hành, each on one line of the column.
      const out: Para[] = [];
      while (k < paras.length && !isEmpty(paras[k]) && runsAll(paras[k], (r) => !r.bold)) out.push(paras[k++]);
      expect(squash(out.map(textOf).join(' ')), 'cơ quan chủ quản text').toBe(squash(upper(plan.issuer.parent).replace(/\n/g, ' ')));
      for (const p of out) {
        expect(p.props.align, 'chủ quản centred').toBe('center');
        expect(isCaps(p), 'chủ quản caps').toBe(true);
        for (const s of sizes(p)) expect(inRange(s, ND30.agencySize), `chủ quản size ${s} in 12–13`).toBe(true);
        expect(wrapLinesMm(p.runs, fonts, boxMm(p)).length, `chủ quản line "${textOf(p)}" fits its column`).toBe(1);
      }
    }
    const agency = takeName(upper(plan.issuer.name), 'cơ quan ban hành');
    let longest = 0;
    for (const p of agency) {
      expect(p.props.align, 'ban hành centred').toBe('center');
      expect(
        runsAll(p, (r) => !!r.bold),
        'ban hành bold',
      ).toBe(true);
      expect(isCaps(p), 'ban hành caps').toBe(true);
      for (const s of sizes(p)) expect(inRange(s, ND30.agencySize), `ban hành size ${s} in 12–13`).toBe(true);
      longest = Math.max(longest, ...wrapLinesMm(p.runs, fonts, boxMm(p)));
    }
    const rule = ruleAfter(paras, k - 1);
    expect(rule, 'rule under the cơ quan ban hành').toBeDefined();
    expectSolidCentredRule(rule!, 'cơ quan ban hành');
    const share = boxMm(rule!) / longest;
    expect(inRange(share, ND30.ruleShare, 0.005), `agency rule ${boxMm(rule!).toFixed(1)} mm = ${share.toFixed(2)} of ${longest.toFixed(1)} mm`).toBe(true);
  },

  '"Số" 13 pt in the left column, same row as the place/date (italic, zero-padded)'({ parts, plan }) {
    const no = findIn(parts.band, (p) => textOf(p).startsWith('Số'));
    expect(no, 'Số paragraph').toBeDefined();
    expect(textOf(no!)).toMatch(expectedNumber(plan));
    expect(no!.cell!.col, 'Số in the left column').toBe(0);
    expect(no!.props.align, 'Số centred under the agency').toBe('center');
    for (const r of no!.runs) expect(r.props.size, `Số size (${JSON.stringify(r.text)})`).toBe(ND30.numberSize);
    expect(
      runsAll(no!, (r) => !r.bold && !r.italic),
      '"Số" regular',
    ).toBe(true);
    const d = findIn(parts.band, (p) => textOf(p).startsWith(`${plan.place.normalize('NFC')},`));
    expect(d, 'place/date paragraph').toBeDefined();
    expect(textOf(d!)).toMatch(expectedPlaceDate({ ...plan, place: plan.place.normalize('NFC') }));
    expect(d!.cell!.col, 'date in the right column').toBe(1);
    expect(d!.cell!.row, 'Số and date on the same row').toBe(no!.cell!.row);
    expect(d!.props.align).toBe('center');
    expect(
      runsAll(d!, (r) => !!r.italic),
      'date italic',
    ).toBe(true);
    expect(
      runsAll(d!, (r) => !r.bold),
      'date not bold',
    ).toBe(true);
    for (const s of sizes(d!)) expect(inRange(s, ND30.placeDateSize), `date size ${s} in 13–14`).toBe(true);
    const width = runsWidthMm(inkRuns(d!), fonts);
    expect(width, 'place/date fits on one line').toBeLessThanOrEqual(boxMm(d!));
  },

  'KẾ HOẠCH and trích yếu: bold, centred, sentence case, rule 1/3–1/2 of the longest line'({ parts, plan, doc }) {
    const k = parts.kind;
    expect(textOf(k)).toBe('KẾ HOẠCH');
    expect(k.props.align).toBe('center');
    expect(runsAll(k, (r) => !!r.bold)).toBe(true);
    for (const s of sizes(k)) expect(inRange(s, ND30.bodySize), `KẾ HOẠCH size ${s}`).toBe(true);
    expect(parts.summary.length).toBeGreaterThan(0);
    const text = parts.summary.map(textOf).join('\n');
    expect(squash(text)).toBe(squash(plan.title.normalize('NFC')));
    let longest = 0;
    const sec = doc.sections[0];
    for (const p of parts.summary) {
      expect(p.props.align).toBe('center');
      expect(
        runsAll(p, (r) => !!r.bold),
        'trích yếu bold',
      ).toBe(true);
      expect(
        inkRuns(p).some((r) => r.props.caps),
        'trích yếu not set in caps',
      ).toBe(false);
      for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `trích yếu size ${s}`).toBe(true);
      const box = twipsToMm(sec.pageWidth - sec.margins.left - sec.margins.right - (p.props.indLeft ?? 0) - (p.props.indRight ?? 0));
      longest = Math.max(longest, ...wrapLinesMm(p.runs, fonts, box));
    }
    expect(text === upper(text), 'trích yếu is not all capitals').toBe(false);
    const r = parts.summaryRule;
    expectSolidCentredRule(r, 'trích yếu');
    const len = twipsToMm(sec.pageWidth - sec.margins.left - sec.margins.right - (r.props.indLeft ?? 0) - (r.props.indRight ?? 0));
    const share = len / longest;
    expect(inRange(share, ND30.ruleShare, 0.005), `trích yếu rule ${len.toFixed(1)} mm = ${share.toFixed(2)} of ${longest.toFixed(1)} mm`).toBe(true);
  },

  'body: justified, first-line indent 1 or 1.27 cm, ≥ 6 pt before, single…1.5 lines, 13–14 pt'({ parts, model, plan }) {
    const paras = bodyParas(parts);
    expect(paras.length).toBeGreaterThan(0);
    const special = new Set(
      model.body.flatMap((b) => (b.kind === 'paragraph' && (b.style === 'center' || b.style === 'right') ? [squash(b.runs.map((r) => r.text).join(''))] : [])),
    );
    const indents = new Set<number>();
    for (const p of paras) {
      const what = `"${textOf(p).slice(0, 40)}"`;
      const pp = p.props;
      for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `${what} size ${s}`).toBe(true);
      if (plan.layout?.fontSize) expect(sizes(p), `${what} size = layout.fontSize`).toEqual([plan.layout.fontSize]);
      expect(pp.before ?? 0, `${what} space before ≥ 6 pt`).toBeGreaterThanOrEqual(ND30.minSpaceBefore);
      expect(pp.beforeAutospacing ?? false).toBe(false);
      expect(pp.contextualSpacing ?? false, `${what} contextual spacing would drop the 6 pt`).toBe(false);
      const rule = pp.lineRule ?? 'auto';
      if (rule === 'auto') expect(inRange(pp.line ?? 240, ND30.lineAuto), `${what} line ${pp.line}`).toBe(true);
      else {
        const size = sizes(p)[0] ?? 14;
        expect(inRange((pp.line ?? 0) / 20, [size * 1.15, size * 1.15 * 1.5], 0.5), `${what} exact line`).toBe(true);
      }
      if (plan.layout?.lineSpacing) expect(pp.line, `${what} line = layout.lineSpacing`).toBe(Math.round(240 * plan.layout.lineSpacing));
      if (special.has(squash(textOf(p)))) continue;
      expect(pp.align, `${what} justified`).toBe('justify');
      expect(pp.hanging ?? 0, `${what} hanging`).toBe(0);
      expect(pp.indLeft ?? 0, `${what} left indent`).toBe(0);
      expect(ND30.firstLine, `${what} first-line indent ${pp.firstLine}`).toContain(pp.firstLine);
      indents.add(pp.firstLine!);
    }
    expect(indents.size, 'one first-line indent throughout').toBe(1);
    if (plan.layout?.firstLineIndent) expect([...indents][0]).toBe(plan.layout.firstLineIndent === 12.7 ? 720 : 567);
  },

  "widow/orphan control on every paragraph (Word's normal setting; the PDF keeps two lines too)"({ doc }) {
    expect(onOffOf(kid(doc.styles.defaultPPr, 'w:widowControl')), 'docDefaults turn widow/orphan control on').toBe(true);
    for (const p of doc.allParagraphs()) expect(widowControlOf(doc, p), `"${textOf(p).slice(0, 30)}" has widow/orphan control`).toBe(true);
  },

  'a space after never meets a space before (Word adds them, LibreOffice takes the larger); 12 pt under the trích yếu rule'({ doc, parts }) {
    const flows: Para[][] = [[]];
    for (const b of doc.body) {
      if (b.kind === 'p') flows[flows.length - 1].push(b.p);
      else {
        for (const c of cellsOf(b.t)) flows.push([...c.paras]);
        flows.push([]); // the flow after the table (copies above: the case is shared by all rules)
      }
    }
    for (const flow of flows)
      for (let k = 1; k < flow.length; k++) {
        const [a, b] = [flow[k - 1], flow[k]];
        expect(
          (a.props.after ?? 0) > 0 && (b.props.before ?? 0) > 0,
          `"${textOf(a).slice(0, 25)}" (after ${a.props.after}) then "${textOf(b).slice(0, 25)}" (before ${b.props.before})`,
        ).toBe(false);
      }
    // The gap between the trích yếu rule and the body is 12 pt whichever way it is read.
    const first = parts.body[0];
    const after = parts.summaryRule.props.after ?? 0;
    const before = first?.kind === 'p' ? (first.p.props.before ?? 0) : 0;
    expect(after + before, 'rule space after + first body space before').toBe(240);
  },

  'căn cứ italic, ";" then "."; section titles I., II. … bold caps without gaps; ends with "./."'({ parts, plan, doc }) {
    const paras = bodyParas(parts);
    const count = plan.basis?.items.length ?? 0;
    // basis.joinIntro: the last căn cứ and the lead-in sentence share one (upright) paragraph.
    const joined = !!(count && plan.basis?.joinIntro && plan.intro);
    const n = joined ? count - 1 : count;
    const basis = paras.slice(0, n);
    basis.forEach((p, k) => {
      const end = k === count - 1 ? '.' : ';';
      expect(
        runsAll(p, (r) => !!r.italic),
        `căn cứ ${k + 1} italic`,
      ).toBe(true);
      expect(textOf(p).trimEnd().endsWith(end), `căn cứ ${k + 1} "${textOf(p).slice(-20)}" ends with ${end}`).toBe(true);
    });
    if (joined) expect(textOf(paras[n]).trimEnd().endsWith(':'), 'joined căn cứ + lead-in ends with ":"').toBe(true);
    if (count) expect(paras[n] && runsAll(paras[n], (r) => !!r.italic), 'only the căn cứ are italic').toBe(false);
    // Body paragraphs are upright unless the user asked for italics.
    // The rest of the body is upright (a user may still italicise words).
    for (const p of paras.slice(n)) expect(p.styleRun.italic ?? false, `"${textOf(p).slice(0, 30)}" upright`).toBe(false);
    const titles = paras.filter((p) => /^[IVXLC]+\.\s/.test(textOf(p)) && runsAll(p, (r) => !!r.bold));
    expect(titles.length, 'one title per section present').toBe(expectedSectionCount(plan));
    titles.forEach((p, k) => {
      expect(textOf(p).startsWith(`${ROMAN[k]}. `), `section ${k + 1} numbered ${ROMAN[k]}.`).toBe(true);
      expect(isCaps(p), `${textOf(p)} in caps`).toBe(true);
      expect(p.props.keepNext, `${textOf(p)} keeps with next`).toBe(true);
    });
    const last = paras[paras.length - 1];
    expect(textOf(last).trimEnd().endsWith('./.'), `last body paragraph ends with "./.": "${textOf(last).slice(-30)}"`).toBe(true);
    const lastItem = parts.body[parts.body.length - 1];
    expect(lastItem.kind === 'p' && lastItem.p === last, 'nothing between the "./." paragraph and Nơi nhận').toBe(true);
    expect(last.props.keepNext, 'last body paragraph keeps with the signature').toBe(true);
    expect(
      doc.allParagraphs().every((p) => !/_{3,}/.test(textOf(p))),
      'no rules typed as underscores',
    ).toBe(true);
    expect(
      doc.allParagraphs().some((p) => /^V\/v\b/.test(textOf(p))),
      '"V/v" is for công văn, never under KẾ HOẠCH',
    ).toBe(false);
  },

  'nơi nhận | signatory: borderless row that cannot split, sizes and punctuation'({ parts, plan }) {
    const t = parts.closingTable;
    expect(t.grid.length).toBe(2);
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
      expect(['none', 'nil', undefined], `border ${side}`).toContain(t.borders[side]?.val);
    const label = findIn(t, (p) => textOf(p).startsWith('Nơi nhận'))!;
    expect(textOf(label)).toBe('Nơi nhận:');
    expect(label.cell!.col).toBe(0);
    expect(['left', undefined]).toContain(label.props.align);
    expect(label.props.indLeft ?? 0).toBe(0);
    expect(
      runsAll(label, (r) => !!r.bold && !!r.italic),
      'Nơi nhận: bold italic',
    ).toBe(true);
    expect(sizes(label)).toEqual([ND30.recipientsLabelSize]);
    const cell = label.cell!;
    const items = cell.paras.slice(cell.paras.indexOf(label) + 1).filter((p) => !isEmpty(p));
    expect(items.length, 'recipients + Lưu line').toBe(plan.recipients.length + 1);
    items.forEach((p, k) => {
      const text = textOf(p);
      expect(sizes(p), `"${text}" is 11 pt`).toEqual([ND30.recipientItemSize]);
      expect(
        runsAll(p, (r) => !r.bold && !r.italic),
        `"${text}" regular`,
      ).toBe(true);
      expect(['left', undefined]).toContain(p.props.align);
      expect(text.startsWith('- '), `"${text}" starts with "- "`).toBe(true);
      if (k < items.length - 1) {
        expect(text.endsWith(';') && !/[.;,]\s*;$/.test(text) && !/[.]\)?;$/.test(text.replace(/\.\.\.$/, '')), `"${text}" ends with a single ";"`).toBe(true);
      } else {
        expect(text).toMatch(/^- Lưu: .*[^.]\.$/);
        if (plan.archive.copies) expect(text).toContain(pad2(plan.archive.copies));
      }
    });
    const row = t.rows[label.cell!.row];
    expect(row.cantSplit, 'the row cannot split across pages').toBe(true);
    const right = row.cells[1];
    const lines = right.paras.filter((p) => !isEmpty(p));
    const expected = expectedSignatory(plan);
    expect(lines.map(textOf)).toEqual([...expected, plan.signer.name.normalize('NFC')]);
    lines.forEach((p, k) => {
      expect(p.props.align, `"${textOf(p)}" centred`).toBe('center');
      expect(
        runsAll(p, (r) => !!r.bold),
        `"${textOf(p)}" bold`,
      ).toBe(true);
      for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `"${textOf(p)}" size ${s}`).toBe(true);
      if (k < expected.length) {
        expect(isCaps(p), `"${textOf(p)}" caps`).toBe(true);
        expect(runsWidthMm(inkRuns(p), fonts), `"${textOf(p)}" fits on one line`).toBeLessThanOrEqual(boxMm(p));
      }
    });
    // A gap for signature and seal between the title and the name.
    const gap = right.paras.slice(right.paras.indexOf(lines[expected.length - 1]) + 1, right.paras.indexOf(lines[expected.length]));
    expect(gap.length, 'empty lines for signature and seal').toBeGreaterThanOrEqual(3);
    // "Nơi nhận:" on the same line as the first line of the signatory title.
    expect(right.paras[0] === lines[0] || right.paras.slice(0, right.paras.indexOf(lines[0])).every(isEmpty)).toBe(true);
    expect(cell.paras.slice(0, cell.paras.indexOf(label)).every(isEmpty)).toBe(true);
    expect(Math.abs((label.props.before ?? 0) - (lines[0].props.before ?? 0)), 'label and title start level').toBeLessThanOrEqual(20);
    // Separated from the "./." paragraph by at least the paragraph spacing of the body.
    expect(lines[0].props.before ?? 0, 'gap above the signature block ≥ 6 pt').toBeGreaterThanOrEqual(ND30.minSpaceBefore);
    expect(twipsToMm(cell.width), 'Nơi nhận column narrower than the signatory column').toBeLessThan(twipsToMm(right.width));
    expect(inRange(twipsToMm(cell.width), [48, 60]), `Nơi nhận column ${twipsToMm(cell.width).toFixed(1)} mm (decree: ~53 mm)`).toBe(true);
  },

  'page numbers: top centre from page 2, none on page 1, none in footers'({ doc }) {
    const hasPage = (name: string | undefined) => !!name && doc.paragraphsOf(doc.xml(name)).some((p) => p.fields.some((f) => /^PAGE\b/.test(f)));
    expect(
      kids(doc.settings, 'w:evenAndOddHeaders').every((e) => ['false', '0'].includes(e.attrs['w:val'] ?? 'true')),
      'no separate even-page header',
    ).toBe(true);
    doc.sections.forEach((s, k) => {
      expect(s.titlePage, `section ${k}: different first page`).toBe(true);
      expect(s.headers.default, `section ${k}: default header`).toBeDefined();
      expect(s.headers.first, `section ${k}: a first-page header of its own`).toBeDefined();
      expect(hasPage(s.headers.first), `section ${k}: no page number on the first page`).toBe(false);
      const paras = doc.paragraphsOf(doc.xml(s.headers.default));
      const pn = paras.filter((p) => p.fields.some((f) => /^PAGE\b/.test(f)));
      expect(pn.length, `section ${k}: one PAGE field in the default header`).toBe(1);
      expect(pn[0].props.align, 'page number centred').toBe('center');
      const runs = [...pn[0].fieldRuns, ...pn[0].runs];
      for (const r of runs.length ? runs : [{ props: pn[0].markProps }]) {
        expect(inRange(r.props.size, ND30.bodySize), `page number size ${r.props.size}`).toBe(true);
        expect(!!r.props.italic || !!r.props.bold, 'page number upright, regular').toBe(false);
      }
      expect(
        pn[0].fields.some((f) => /ROMAN|roman|ALPHABETIC/i.test(f)),
        'Arabic numerals',
      ).toBe(false);
      for (const f of Object.values(s.footers)) expect(hasPage(f), 'no page number in a footer').toBe(false);
    });
    for (const part of doc.partNames().filter((n) => /^word\/footer\d*\.xml$/.test(n))) expect(hasPage(part)).toBe(false);
    // Each appendix numbers its own pages.
    for (const s of doc.sections.slice(1)) expect(s.pageNumberStart).toBe(1);
  },

  'named Word styles: body, headings with outline levels, list styles'({ doc, parts, model }) {
    for (const p of doc.allParagraphs()) {
      if (isEmpty(p)) continue;
      const id = p.props.styleId;
      const def = id ? doc.styles.byId.get(id) : undefined;
      expect(def, `"${textOf(p).slice(0, 30)}" uses a defined style`).toBeDefined();
      expect(def!.type).toBe('paragraph');
      expect(def!.name, 'style has a name').toBeTruthy();
      if (!p.cell || p.cell.table === parts.band || p.cell.table === parts.closingTable)
        expect(def!.id, `"${textOf(p).slice(0, 30)}" has its own style, not Normal`).not.toBe('Normal');
    }
    // Map the body paragraphs to the model to check the style of each kind.
    const modelParas = model.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
    const paras = bodyParas(parts);
    expect(paras.length).toBe(modelParas.length);
    const styleOf = new Map<ParagraphStyle, Set<string>>();
    paras.forEach((p, k) => {
      const st = modelParas[k].style;
      if (!styleOf.has(st)) styleOf.set(st, new Set());
      styleOf.get(st)!.add(p.props.styleId!);
      const level = { heading1: 0, heading2: 1, heading3: 2, heading4: 3 }[st as string];
      if (level !== undefined) expect(p.props.outlineLvl, `"${textOf(p)}" outline level`).toBe(level);
      else expect(p.props.outlineLvl ?? 9, `"${textOf(p).slice(0, 30)}" is body text in the outline`).toBe(9);
    });
    for (const [st, ids] of styleOf) expect(ids.size, `model style ${st} maps to one Word style`).toBe(1);
    const body = styleOf.get('body');
    for (const list of ['bullet', 'bullet2', 'item'] as ParagraphStyle[]) {
      const ids = styleOf.get(list);
      if (ids && body) expect([...ids][0], `${list} has its own style`).not.toBe([...body][0]);
    }
    // The styles of section titles and item headings carry their outline level (navigation pane, TOC).
    for (const [st, lvl] of [
      ['heading1', 0],
      ['heading2', 1],
    ] as const) {
      const ids = styleOf.get(st);
      if (!ids) continue;
      const chain = doc.styles.chain([...ids][0], 'paragraph');
      const own = chain.map((x) => kid(x.pPr, 'w:outlineLvl')?.attrs['w:val']).filter((v) => v !== undefined);
      expect(Number(own[own.length - 1]), `${st} style outline level`).toBe(lvl);
    }
  },

  'no text boxes, drawings or images; the package is well-formed'({ doc }) {
    for (const name of doc.partNames()) {
      expect(name.startsWith('word/media/'), `media file ${name}`).toBe(false);
      if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
      const names = elementNames(doc.xml(name));
      for (const bad of ['w:txbxContent', 'v:textbox', 'w:drawing', 'w:pict', 'w:object', 'v:shape', 'v:rect', 'v:line', 'w:framePr'])
        expect(names.has(bad), `${name} contains <${bad}>`).toBe(false);
      expect(
        [...names].some((n) => n.startsWith('wps:') || n.startsWith('wpg:')),
        `${name} contains a shape`,
      ).toBe(false);
    }
    expect(Object.values(doc.rels).some((r) => r.type === 'image')).toBe(false);
    // Settings: Vietnamese is not hyphenated, and Word must not ask to update fields on opening.
    const on = (name: string) => kids(doc.settings, name).some((e) => !['false', '0', 'off'].includes(e.attrs['w:val'] ?? 'true'));
    expect(on('w:autoHyphenation'), 'automatic hyphenation off').toBe(false);
    expect(on('w:updateFields'), 'no update-fields prompt').toBe(false);
    // Every part a relationship points to exists and has a content type (Word refuses the file otherwise).
    const ct = doc.xml('[Content_Types].xml');
    const overrides = new Set(kids(ct, 'Override').map((o) => o.attrs.PartName.replace(/^\//, '')));
    const defaults = new Set(kids(ct, 'Default').map((d) => d.attrs.Extension.toLowerCase()));
    expect(
      kids(ct, 'Override').some((o) => o.attrs.PartName === '/word/document.xml' && /wordprocessingml\.document\.main\+xml$/.test(o.attrs.ContentType)),
    ).toBe(true);
    for (const r of Object.values(doc.rels)) {
      expect(doc.has(r.target), `relationship target ${r.target} exists`).toBe(true);
      expect(overrides.has(r.target) || defaults.has(r.target.split('.').pop()!.toLowerCase()), `${r.target} has a content type`).toBe(true);
    }
  },

  'độ khẩn: bold caps in a red one-line frame under "Số"'({ parts, plan }) {
    const band = parts.band;
    const stamps = cellsOf(band).flatMap((c) => c.paras.filter((p) => STAMPS.includes(textOf(p))));
    expect(stamps.map(textOf)).toEqual([plan.urgency, plan.confidentiality].filter((x): x is NonNullable<typeof x> => !!x));
    const no = findIn(band, (p) => textOf(p).startsWith('Số'))!;
    for (const u of stamps) {
      const what = `"${textOf(u)}"`;
      expect(u.cell, `${what} in the "Số" cell`).toBe(no.cell);
      expect(u.cell!.paras.indexOf(u), `${what} under "Số"`).toBeGreaterThan(u.cell!.paras.indexOf(no));
      expect(
        runsAll(u, (r) => !!r.bold && !r.italic),
        `${what} bold upright`,
      ).toBe(true);
      expect(isCaps(u)).toBe(true);
      for (const s of sizes(u)) expect(inRange(s, ND30.bodySize), `${what} size ${s}`).toBe(true);
      expect(
        runsAll(u, (r) => isRed(r.color)),
        `${what} in red`,
      ).toBe(true);
      for (const side of ['borderTop', 'borderBottom', 'borderLeft', 'borderRight'] as const) {
        expect(u.props[side]?.val, `${what} framed (${side})`).toBe('single');
        expect(isRed(u.props[side]?.color), `${what} frame in red`).toBe(true);
      }
      const w = runsWidthMm(inkRuns(u), fonts);
      const box = boxMm(u);
      expect(box, `${what} fits on one line`).toBeGreaterThanOrEqual(w);
      expect(box - w, `${what} frame hugs the word (${box.toFixed(1)} mm box, ${w.toFixed(1)} mm text)`).toBeLessThanOrEqual(3);
      expect(Math.abs((u.props.indLeft ?? 0) - (u.props.indRight ?? 0)), `${what} centred`).toBeLessThanOrEqual(20);
    }
  },

  'content tables: header row bold, centred and repeated; 12–13 pt; no word split'({ doc, parts, model, plan }) {
    const modelTables = [...model.body, ...model.appendices.flatMap((a) => a.blocks)].filter((b): b is Table => b.kind === 'table');
    // Each table with the section it is in, to check it fits that section's text width.
    const docTables: { t: Tbl; section: number }[] = [];
    let section = 0;
    for (const b of [...parts.body, { kind: 'p' as const, p: { endsSection: false } as Para }, ...parts.afterClosing]) {
      if (b.kind === 'tbl') docTables.push({ t: b.t, section });
      else if (b.p.endsSection) section++;
    }
    expect(docTables.length).toBe(modelTables.length);
    docTables.forEach(({ t, section }, i) => {
      const sec = doc.sections[section];
      const textWidth = sec.pageWidth - sec.margins.left - sec.margins.right;
      expect(t.grid.reduce((a, b) => a + b, 0) + t.indent, `table ${i + 1} fits the text width`).toBeLessThanOrEqual(textWidth + 30);
      const mt = modelTables[i];
      const size = mt.fontSize ?? plan.layout?.tableFontSize;
      expect(t.rows.length).toBe(mt.rows.length);
      t.rows.forEach((row, r) => {
        const header = !!mt.rows[r].header;
        expect(row.header, `table ${i + 1} row ${r + 1} repeats on each page`).toBe(header);
        for (const c of row.cells)
          for (const p of c.paras) {
            if (isEmpty(p)) continue;
            const what = `table ${i + 1} "${textOf(p).slice(0, 30)}"`;
            for (const s of sizes(p)) expect(size ? s === size : inRange(s, [12, 13]), `${what} size ${s}`).toBe(true);
            if (header) {
              expect(p.props.align, `${what} centred`).toBe('center');
              expect(
                runsAll(p, (x) => !!x.bold),
                `${what} bold`,
              ).toBe(true);
            }
            const longestWord = Math.max(...wrapLinesMm(p.runs, fonts, 0));
            expect(longestWord, `${what}: the longest word fits its column (${boxMm(p).toFixed(1)} mm)`).toBeLessThanOrEqual(boxMm(p) + 0.05);
          }
      });
    });
  },

  'content tables: every cell as wide as the grid columns it covers, merged cells continue in their column'({ parts, model }) {
    const modelTables = [...model.body, ...model.appendices.flatMap((a) => a.blocks)].filter((b): b is Table => b.kind === 'table');
    const docTables = [...parts.body, ...parts.afterClosing].flatMap((b) => (b.kind === 'tbl' ? [b.t] : []));
    docTables.forEach((t, i) => {
      const expected = expectedColumns(modelTables[i]);
      t.rows.forEach((row, r) => {
        let covered = 0;
        for (const c of row.cells) {
          const span = Number(kid(kid(c.el, 'w:tcPr'), 'w:gridSpan')?.attrs['w:val'] ?? 1);
          const grid = t.grid.slice(c.col, c.col + span).reduce((a, b) => a + b, 0);
          expect(
            Math.abs(c.width - grid),
            `table ${i + 1} row ${r + 1} column ${c.col + 1}: cell width ${c.width} = its grid columns ${grid}`,
          ).toBeLessThanOrEqual(2);
          covered += span;
          const vMerge = kid(kid(c.el, 'w:tcPr'), 'w:vMerge');
          if (vMerge && (vMerge.attrs['w:val'] ?? 'continue') === 'continue') {
            const above = t.rows[r - 1]?.cells.find((a) => a.col === c.col);
            expect(above && kid(kid(above.el, 'w:tcPr'), 'w:vMerge'), `table ${i + 1} row ${r + 1}: merge continues the cell above`).toBeDefined();
          }
        }
        expect(covered, `table ${i + 1} row ${r + 1} covers the grid`).toBe(t.grid.length);
        // Each model cell lands in its own grid column.
        modelTables[i].rows[r].cells.forEach((mc, k) => {
          const cell = row.cells.find((c) => c.col === expected[r][k]);
          const text = squash(mc.blocks.map((b) => b.runs.map((x) => x.text).join('')).join(' '));
          expect(squash(cell?.paras.map(textOf).join(' ') ?? ''), `table ${i + 1} row ${r + 1}: "${text}" in column ${expected[r][k] + 1}`).toBe(text);
        });
      });
    });
  },

  'appendices: new page, label 14 bold, title caps bold, note italic, short centred rule'({ doc, parts, model }) {
    expect(doc.sections.length, 'one section per appendix').toBe(1 + model.appendices.length);
    const paras = parts.afterClosing.flatMap((b) => (b.kind === 'p' ? [b.p] : []));
    let at = 0;
    model.appendices.forEach((a, i) => {
      const sec = doc.sections[i + 1];
      expect(sec.breakType, 'appendix starts a new page').toBe('nextPage');
      expect(sec.pageWidth > sec.pageHeight, 'landscape only when asked').toBe(!!a.landscape);
      const k = paras.findIndex((p, j) => j >= at && /^Phụ lục( [IVXLC]+)?$/.test(textOf(p)));
      expect(k, `appendix ${i + 1} label`).toBeGreaterThanOrEqual(0);
      const label = paras[k];
      expect(label.props.align).toBe('center');
      expect(
        runsAll(label, (r) => !!r.bold),
        'label bold',
      ).toBe(true);
      expect(sizes(label)).toEqual([14]);
      const rest = paras.slice(k + 1);
      const ruleIdx = rest.findIndex((p) => isEmpty(p) && p.props.borderBottom && p.props.borderBottom.val !== 'none');
      expect(ruleIdx, 'rule under the appendix heading').toBeGreaterThan(0);
      const head = rest.slice(0, ruleIdx).filter((p) => !isEmpty(p));
      const note = head.find((p) => textOf(p).startsWith('(Kèm theo'));
      expect(note, 'the "(Kèm theo …)" line').toBeDefined();
      expect(
        runsAll(note!, (r) => !!r.italic),
        'note italic',
      ).toBe(true);
      const titles = head.filter((p) => p !== note);
      expect(titles.length).toBeGreaterThan(0);
      let longest = 0;
      for (const p of [...titles, note!]) {
        expect(p.props.align, `"${textOf(p).slice(0, 30)}" centred`).toBe('center');
        for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `"${textOf(p).slice(0, 30)}" size ${s}`).toBe(true);
      }
      const box = twipsToMm(sec.pageWidth - sec.margins.left - sec.margins.right);
      for (const p of titles) {
        expect(runsAll(p, (r) => !!r.bold) && isCaps(p), 'appendix title bold caps').toBe(true);
        longest = Math.max(longest, ...wrapLinesMm(p.runs, fonts, box - twipsToMm((p.props.indLeft ?? 0) + (p.props.indRight ?? 0))));
      }
      const rule = rest[ruleIdx];
      expectSolidCentredRule(rule, 'appendix');
      const len = box - twipsToMm((rule.props.indLeft ?? 0) + (rule.props.indRight ?? 0));
      expect(inRange(len / longest, ND30.ruleShare, 0.005), `appendix rule ${len.toFixed(1)} mm of ${longest.toFixed(1)} mm`).toBe(true);
      at = k + 1;
    });
  },

  'core properties: title = trích yếu, creator = issuing agency'({ doc, plan }) {
    expect(squash(doc.coreProp('dc:title') ?? '')).toBe(squash(plan.title.normalize('NFC')));
    expect(doc.coreProp('dc:title')).not.toMatch(/\n/);
    expect(squash(doc.coreProp('dc:creator') ?? '')).toBe(squash(upper(plan.issuer.name.normalize('NFC'))));
    expect(doc.coreProp('dc:creator')).not.toMatch(/\n/);
  },
};

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it.each(Object.keys(RULES))('%s', (rule) => RULES[rule](c));
});

// ------------------------------------------------------------------ literal checks from the decree

describe('literal NĐ 30 forms', () => {
  const placeDate = (name: string) => textOf(findIn(byName(name).parts.band, (p) => /ngày/.test(textOf(p)))!);
  const number = (name: string) => textOf(findIn(byName(name).parts.band, (p) => textOf(p).startsWith('Số'))!);
  it('dates', () => {
    expect(placeDate('date 2024-03-09 (month ≥ 3 not padded)')).toBe('Lào Cai, ngày 09 tháng 3 năm 2024');
    expect(placeDate('date 2020-01-05')).toBe('Lào Cai, ngày 05 tháng 01 năm 2020');
    expect(placeDate('date 2019-06-29')).toBe('Lào Cai, ngày 29 tháng 6 năm 2019');
    expect(placeDate('date 2023-02-28 and number 13')).toBe('Lào Cai, ngày 28 tháng 02 năm 2023');
    expect(placeDate('date 2024-10-01 and number "0124"')).toBe('Lào Cai, ngày 01 tháng 10 năm 2024');
    expect(placeDate('draft 2024-01 (no day, no number)')).toMatch(/^Lào Cai, ngày[\s\u00a0]{3,}tháng 01 năm 2024$/);
    expect(placeDate('draft 2024 (no day, no month)')).toMatch(/^Lào Cai, ngày[\s\u00a0]{3,}tháng[\s\u00a0]{3,}năm 2024$/);
  });
  it('numbers', () => {
    expect(number('examples/minimal.json')).toBe('Số: 05/KH-SYT');
    expect(number('date 2023-02-28 and number 13')).toBe('Số: 13/KH-SYT');
    expect(number('date 2024-10-01 and number "0124"')).toBe('Số: 0124/KH-SYT');
    expect(number('draft 2024-01 (no day, no number)')).toMatch(/^Số:[\s\u00a0]{3,}\/KH-SYT$/);
  });
  it('signatures', () => {
    const sig = (name: string) =>
      byName(name)
        .parts.closingTable.rows[0].cells[1].paras.filter((p) => !isEmpty(p))
        .map(textOf);
    expect(sig('examples/minimal.json')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An']);
    expect(sig('TM. signature, no parent, 13 pt body, 1.27 cm indent, 1.5 lines, official margins')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Lê Ngọc Tuấn',
    ]);
    expect(sig('TM. + KT. signature')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Y Ngọc']);
    expect(sig('head signs, no authority')).toEqual(['GIÁM ĐỐC', 'Võ Văn Thanh']);
    expect(sig('agency with an explicit line break')).toEqual(['Q. GIÁM ĐỐC', 'Hoàng Văn Minh']);
    expect(sig('long agency names, multi-line trích yếu, archive copies')).toEqual(['TL. TRƯỞNG BAN', 'CHÁNH VĂN PHÒNG', 'Trần Thị Bích']);
  });
  it('nơi nhận punctuation is normalised', () => {
    const items = byName('long agency names, multi-line trích yếu, archive copies')
      .parts.closingTable.rows[0].cells[0].paras.filter((p) => !isEmpty(p))
      .map(textOf);
    expect(items).toEqual(['Nơi nhận:', '- Bộ Y tế (báo cáo);', '- UBND tỉnh (báo cáo);', '- Các sở, ban, ngành;', '- Lưu: VT, TCHC, 02b.']);
  });
  it('sections are numbered without gaps when some are omitted', () => {
    const titles = bodyParas(byName('sections omitted, extra section, 12-13-13 header sizes').parts)
      .map(textOf)
      .filter((t) => /^[IVX]+\. /.test(t));
    expect(titles).toEqual(['I. KINH PHÍ', 'II. CHẾ ĐỘ BÁO CÁO', 'III. TỔ CHỨC THỰC HIỆN']);
  });
  it('agency names: one line in the 67.5 mm left column, or balanced lines with "VÀ" ending a line', () => {
    const agencyOf = (c: Case) => c.parts.band.rows[0].cells[0].paras.filter((p) => !isEmpty(p) && runsAll(p, (r) => !!r.bold)).map(textOf);
    expect(agencyOf(byName('agency name on one line in the 67.5 mm column'))).toEqual(['SỞ VĂN HÓA VÀ THỂ THAO']);
    expect(agencyOf(byName('agency name in balanced lines'))).toEqual(['SỞ NÔNG NGHIỆP VÀ', 'PHÁT TRIỂN NÔNG THÔN']);
    const band = byName('agency name on one line in the 67.5 mm column').parts.band;
    expect(twipsToMm(band.grid[0]), 'official 67.5 mm left column').toBeCloseTo(67.5, 1);
    expect(twipsToMm(band.indent), '3.5 mm into the left margin').toBeCloseTo(-3.5, 1);
  });

  it('12-13-13 header sizes give a 12 pt quốc hiệu that still fits', () => {
    const band = byName('sections omitted, extra section, 12-13-13 header sizes').parts.band;
    const qh = findIn(band, (p) => textOf(p) === ND30.nationalTitle)!;
    expect(sizes(qh)).toEqual([12]);
    // 88.3 mm in bold 12 pt (decree §2)
    expect(Math.abs(runsWidthMm(inkRuns(qh), fonts) - 88.3)).toBeLessThanOrEqual(0.5);
  });
});

// ------------------------------------------------------------------ deterministic package

describe('deterministic DOCX', () => {
  afterAll(() => {
    vi.useRealTimers();
    delete process.env.TZ;
  });

  it('identical input gives identical bytes, whatever the clock and the time zone; dates come from the plan', async () => {
    const model = byName('examples/minimal.json').model;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-09T10:11:12.345Z'));
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const first = await docxFromModel(model);
    vi.setSystemTime(new Date('2040-12-31T23:59:58.999Z'));
    process.env.TZ = 'America/Los_Angeles';
    const second = await docxFromModel(model);
    vi.useRealTimers();
    expect(Buffer.compare(first, second), 'byte-identical').toBe(0);
    // 2026-02-05 (the plan's date), midnight in Vietnam.
    const doc = openDocx(first);
    expect(doc.coreProp('dcterms:created')).toBe('2026-02-04T17:00:00Z');
    expect(doc.coreProp('dcterms:modified')).toBe('2026-02-04T17:00:00Z');
  });

  it('a draft dated by year only is stamped 1 January; the package still opens', async () => {
    const c = byName('draft 2024 (no day, no month)');
    const again = await docxFromModel(c.model);
    expect(Buffer.compare(c.buf, again)).toBe(0);
    expect(openDocx(again).coreProp('dcterms:created')).toBe('2023-12-31T17:00:00Z');
  });
});

// ------------------------------------------------------------------ LibreOffice

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const haveLibreOffice = ['soffice', 'pdftotext', 'pdfinfo', 'pdffonts'].every(onPath);

describe.skipIf(!haveLibreOffice)('opens in LibreOffice (soffice --convert-to pdf)', () => {
  let dir = '';
  const slug = (k: number) => `case-${String(k).padStart(2, '0')}`;
  const pages: string[][] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kehoach-lo-'));
    mkdirSync(join(dir, 'pdf'));
    const files = cases.map((c, k) => {
      const f = join(dir, `${slug(k)}.docx`);
      writeFileSync(f, c.buf);
      return f;
    });
    // A private profile so parallel runs (and a user's open LibreOffice) do not collide.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...files],
      { stdio: 'pipe', timeout: 300_000 },
    );
    cases.forEach((_, k) => {
      const pdf = join(dir, 'pdf', `${slug(k)}.pdf`);
      const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      // -raw: content-stream order (LibreOffice writes cells in reading order) and no de-hyphenation.
      pages.push(
        Array.from({ length: n }, (_, p) =>
          execFileSync('pdftotext', ['-raw', '-f', String(p + 1), '-l', String(p + 1), pdf, '-'], { encoding: 'utf8' }).normalize('NFC'),
        ),
      );
    });
  }, 300_000);
  afterAll(() => {
    // KEHOACH_KEEP_PDF=1 keeps the DOCX/PDF files for a look (the folder is printed).
    if (process.env.KEHOACH_KEEP_PDF) console.log(`LibreOffice output kept in ${dir}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Text without any whitespace: line breaks and justification cannot hide a lost letter. */
  const flat = (s: string) => s.replace(/[\s\u00a0\u00ad]+/g, '');

  it.each(cases.map((c, k) => [c.name, k] as const))('%s: text intact', (_name, k) => {
    const c = cases[k];
    const pdfPages = pages[k];
    expect(pdfPages.length).toBeGreaterThan(0);
    const lines = pdfPages.flatMap((p) => p.split('\n')).map(squash);
    // Page numbers: not on page 1; page n ≥ 2 shows n first (top centre); an appendix restarts.
    const firstLine = (p: string) =>
      p
        .split('\n')
        .map(squash)
        .find((l) => l !== '') ?? '';
    expect(/^\d+$/.test(firstLine(pdfPages[0])), 'no page number on page 1').toBe(false);
    const appendixStarts = pdfPages.map((p, i) => (/^Phụ lục( [IVXLC]+)?$/m.test(p) && /\(Kèm theo/.test(p) ? i : -1)).filter((i) => i > 0);
    expect(appendixStarts.length, 'each appendix starts a page').toBe(c.plan.appendices?.length ?? 0);
    pdfPages.forEach((p, i) => {
      if (i === 0 || appendixStarts.includes(i)) {
        expect(/^\d+$/.test(firstLine(p)), `no page number on the first page of a section (page ${i + 1})`).toBe(false);
        return;
      }
      const start = Math.max(0, ...appendixStarts.filter((s) => s < i));
      expect(firstLine(p), `page ${i + 1} starts with its number`).toBe(String(i - start + 1));
    });
    // Strip the page-number lines, then look for the texts.
    const text = pdfPages.map((p, i) => (i === 0 ? p : p.replace(/^\s*\d+\s*\n/, ''))).join('\n');
    expect(text).not.toContain('\uFFFD');
    expect(lines, 'quốc hiệu on one line').toContain(ND30.nationalTitle);
    expect(lines, 'tiêu ngữ on one line').toContain(ND30.motto);
    expect(lines).toContain('KẾ HOẠCH');
    const band = (pred: (t: string) => boolean) => textOf(findIn(c.parts.band, (p) => pred(textOf(p)))!);
    const no = band((t) => t.startsWith('Số'));
    const pd = band((t) => /ngày/.test(t));
    expect(squash(text), 'Số line').toContain(squash(no));
    expect(squash(text), 'place/date').toContain(squash(pd));
    expect(flat(text), 'trích yếu').toContain(flat(c.plan.title));
    expect(flat(text), 'agency').toContain(flat(upper(c.plan.issuer.name)));
    for (const l of expectedSignatory(c.plan)) expect(lines, `signatory line "${l}"`).toContain(l);
    expect(lines).toContain(c.plan.signer.name);
    expect(lines).toContain('Nơi nhận:');
    // Every body paragraph, Vietnamese letters included, in reading order.
    let at = 0;
    const all = flat(text);
    for (const p of bodyParas(c.parts)) {
      const i = all.indexOf(flat(textOf(p)), at);
      expect(i, `body paragraph intact and in order: "${textOf(p).slice(0, 50)}"`).toBeGreaterThanOrEqual(0);
      at = i;
    }
  });

  it('vertically merged cells: LibreOffice lays the cells of the continued rows out in their own columns', () => {
    const k = cases.findIndex((c) => c.name.startsWith('grouped rows'));
    const c = cases[k];
    const t = c.parts.body.flatMap((b) => (b.kind === 'tbl' ? [b.t] : []))[0];
    const sec = c.doc.sections[0];
    const bbox = execFileSync('pdftotext', ['-bbox', join(dir, 'pdf', `${slug(k)}.pdf`), '-'], { encoding: 'utf8' }).normalize('NFC');
    const xOf = (word: string) => [...bbox.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].filter((m) => m[2] === word).map((m) => Number(m[1]));
    // Left edge of a grid column's text in points: margin + table indent + columns before + cell padding.
    const textX = (col: number) => (sec.margins.left + t.indent + t.grid.slice(0, col).reduce((a, b) => a + b, 0) + t.rows[1].cells[0].marginLeft) / 20;
    for (const [word, col] of [
      ['Đạt', 2],
      ['Phạt', 2],
      ['Đình', 2],
      ['110', 3],
      ['264', 3],
    ] as const) {
      const xs = xOf(word);
      expect(xs.length, `"${word}" once in LibreOffice's PDF`).toBe(1);
      expect(Math.abs(xs[0] - textX(col)), `"${word}" at x ${xs[0]} pt, column ${col + 1} text starts at ${textX(col).toFixed(1)} pt`).toBeLessThanOrEqual(1);
    }
  });

  it('renders with a Times New Roman–compatible font (fonts-liberation2), not a fallback', () => {
    const pdf = join(dir, 'pdf', `${slug(0)}.pdf`);
    const list = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(list.length).toBeGreaterThan(0);
    for (const l of list) expect(l, 'font').toMatch(/LiberationSerif|TimesNewRoman|Times-|Tinos/);
  });
});
