// The DOCX writer against Nghị định 30/2020/NĐ-CP (see ../shared/nd30-format.md).
//
// Every example in examples/ and the extra cases of test/helpers/cases.ts are rendered once per
// run (test/setup/renders.ts) and measured from outside the code under test:
//   - XML facts (style names, language, fonts named in the file, fields, titlePg, header distance,
//     keepNext, sizes and faces…) are read with test/helpers/ooxml.ts, an OOXML reader independent
//     of src/ that resolves formatting like Word (docDefaults → style chain → direct formatting);
//   - geometry (margins, positions in the header band, "fits on one line", rule lengths, centring,
//     page numbers) is measured on LibreOffice's rendering of the DOCX (pdf.js on its PDF).
// Expected values come from the decree and from the input plan, never from the writer's own
// constants or our own font measuring.
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ASCENT_EM, DESCENT_EM, LINE_EM } from './helpers/font-metrics.js';
import { libreOffice, renderPaths } from './helpers/libreoffice.js';
import { centre, isBoldFont, isItalicFont, type LoDoc, linesOf, lineOf, loDoc, rulesUnder, sizesOf, toMm, widthOf } from './helpers/lo-measure.js';
import { type BodyItem, type DocxPackage, elementNames, kids, openDocx, type Para, type RunProps, type Tbl, twipsToMm } from './helpers/ooxml.js';
import { findParagraph, type Segment, squash as squashAll } from './helpers/pdf-lines.js';
import { EXTRA_CASES } from './helpers/cases.js';
import {
  allRenderNames,
  type DocumentModel,
  docxOf,
  exampleFiles,
  exampleName,
  type ParagraphStyle,
  type Plan,
  ROOT,
  renderByName,
  type Table,
} from './helpers/render.js';

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

/** A paragraph whose bottom border draws a rule. */
const hasRule = (p: Para) => !!p.props.borders.bottom && !['none', 'nil'].includes(p.props.borders.bottom.val);
const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

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

function locate(doc: DocxPackage): Parts {
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
    if (hasRule(it.p) && isEmpty(it.p)) summaryRule = it.p;
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

/** The rule drawn for a text paragraph: its own bottom border, or the next empty paragraph with one. */
function ruleAfter(paras: Para[], idx: number): Para | undefined {
  const own = paras[idx];
  if (hasRule(own)) return own;
  for (let j = idx + 1; j < paras.length; j++) {
    const p = paras[j];
    if (!isEmpty(p)) return undefined;
    if (hasRule(p)) return p;
  }
  return undefined;
}

function expectSolidCentredRule(rule: Para, what: string) {
  expect(rule.props.borders.bottom?.val, `${what}: rule is a solid line`).toBe('single');
  expect(Math.abs((rule.props.indLeft ?? 0) - (rule.props.indRight ?? 0)), `${what}: rule is centred`).toBeLessThanOrEqual(20);
  expect(rule.props.hanging ?? 0, `${what}: rule has no hanging indent`).toBe(0);
}

// ------------------------------------------------------------------ cases

interface Case {
  /** Render name (test/artifacts/renders/<name>.*). */
  name: string;
  /** Test label: the example's path, or the extra case's title. */
  label: string;
  plan: Plan;
  model: DocumentModel;
  buf: Uint8Array;
  doc: DocxPackage;
  parts: Parts;
}

/** Deep copy with every string in NFC: what the document must show for any input. */
function nfc<T>(x: T): T {
  if (typeof x === 'string') return x.normalize('NFC') as T;
  if (Array.isArray(x)) return x.map(nfc) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, nfc(v)])) as T;
  return x;
}

const cases: Case[] = [];
// The rules of a standalone plan: the corpus (plans issued with a Quyết định, footnotes, landscape
// appendices as the sources have them) is measured by renderings, fidelity and corpus tests.
for (const name of allRenderNames({ corpus: false })) {
  const r = await renderByName(name);
  const doc = openDocx(r.docx);
  const file = exampleFiles().find((f) => exampleName(f) === name);
  const label = EXTRA_CASES.find((c) => c.slug === name)?.title ?? relative(ROOT, file!);
  cases.push({ name, label, plan: nfc(r.plan), model: r.model, buf: r.docx, doc, parts: locate(doc) });
}
const byName = (title: string) => {
  const c = cases.find((x) => x.label === title);
  if (!c) throw new Error(`no case "${title}"`);
  return c;
};

// ------------------------------------------------------------------ the rules

type Rule = (c: Case) => void;

const RULES: Record<string, Rule> = {
  'A4 portrait, margins inside the decree ranges and the same in every section, header 10 mm'({ doc }) {
    expect(doc.sections.length).toBeGreaterThanOrEqual(1);
    doc.sections.forEach((s, k) => {
      const landscape = s.pageWidth > s.pageHeight;
      const [w, h] = landscape ? [s.pageHeight, s.pageWidth] : [s.pageWidth, s.pageHeight];
      expect(Math.abs(w - ND30.a4.w), `section ${k}: A4 width`).toBeLessThanOrEqual(2);
      expect(Math.abs(h - ND30.a4.h), `section ${k}: A4 height`).toBeLessThanOrEqual(2);
      expect(s.orient, `section ${k}: orientation matches the page size`).toBe(landscape ? 'landscape' : 'portrait');
      // A landscape appendix keeps the portrait margins by their names (top stays top).
      for (const side of ['top', 'bottom', 'left', 'right'] as const) {
        const mm = twipsToMm(s.margins[side]);
        expect(inRange(mm, ND30.margins[side], 0.05), `section ${k}: ${side} margin ${mm.toFixed(2)} mm in ${ND30.margins[side]}`).toBe(true);
        expect(s.margins[side], `section ${k}: ${side} margin as in the first section`).toBe(doc.sections[0].margins[side]);
      }
      expect(Math.abs(twipsToMm(s.margins.header) - ND30.headerDistanceMm), `section ${k}: header distance`).toBeLessThanOrEqual(0.5);
      expect(s.margins.gutter).toBe(0);
    });
    expect(doc.sections[0].pageWidth < doc.sections[0].pageHeight, 'main section is portrait').toBe(true);
  },

  'Times New Roman everywhere, language vi-VN, black, text in NFC'({ doc }) {
    const base = doc.styles.baseRun();
    expect(base.lang, 'document language').toBe(ND30.lang);
    const hf = doc.partNames().filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n));
    expect(hf.length, 'header parts').toBeGreaterThan(0);
    const parts = [doc.allParagraphs(), ...hf.map((n) => doc.partParagraphs(n))].flat();
    for (const p of parts) {
      const stamp = STAMPS.includes(textOf(p)); // độ khẩn / độ mật are stamped in red
      for (const r of [...p.runs, ...p.fieldRuns]) {
        for (const slot of ['ascii', 'hAnsi', 'cs']) expect(r.props.fonts[slot], `font (${slot}) of "${r.text}"`).toBe(ND30.font);
        expect(r.props.lang ?? ND30.lang, `language of "${r.text}"`).toBe(ND30.lang);
        expect(stamp || ['auto', '000000', undefined].includes(r.props.color), `colour of "${r.text}" (${r.props.color})`).toBe(true);
        expect(r.props.vanish ?? false, `hidden text "${r.text}"`).toBe(false);
      }
      expect(p.text, 'NFC').toBe(p.text.normalize('NFC'));
    }
    // Styles in use (stamps aside) and the built-ins a clerk may apply later keep the font and colour too.
    const used = new Set(parts.flatMap((p) => (STAMPS.includes(textOf(p)) ? [] : doc.styles.chain(p.props.styleId, 'paragraph').map((s) => s.id))));
    const builtIn = ['Normal', 'Title', 'Caption', 'ListParagraph', ...[1, 2, 3, 4, 5, 6].map((k) => `Heading${k}`)];
    const checked = [...doc.styles.byId.values()].filter((s) => s.type === 'paragraph' && (used.has(s.id) || builtIn.includes(s.id)));
    expect(checked.length).toBeGreaterThan(used.size - 1);
    for (const s of checked) {
      // The style's effective run formatting: docDefaults → its basedOn chain.
      const run = doc.styles.chain(s.id, 'paragraph').reduce((r, x) => doc.styles.applyRun(r, x.rPr), doc.styles.baseRun());
      for (const slot of ['ascii', 'hAnsi', 'cs']) expect(run.fonts[slot], `style ${s.id} font (${slot})`).toBe(ND30.font);
      expect(
        Object.keys(run.fonts).filter((k) => /Theme$/.test(k)),
        `style ${s.id}: no theme font overrides Times New Roman`,
      ).toEqual([]);
      expect(['auto', '000000', undefined], `style ${s.id} colour`).toContain(run.color);
    }
    for (const name of doc.partNames().filter((n) => n.endsWith('.xml'))) {
      const xml = doc.text(name);
      expect(xml === xml.normalize('NFC'), `${name} is NFC`).toBe(true);
    }
  },

  'header band: borderless two-column table, quốc hiệu bold caps 12–13 pt in the right column'({ parts, doc }) {
    const t = parts.band;
    expect(t.grid.length, 'two columns').toBe(2);
    for (const r of t.rows) expect(r.cells.length).toBe(2);
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
      expect(['none', 'nil', undefined], `table border ${side}`).toContain(t.borders[side]?.val);
    for (const c of cellsOf(t)) {
      for (const [side, b] of Object.entries(c.borders)) expect(['none', 'nil'], `cell border ${side}`).toContain(b?.val);
      expect(Math.abs(c.width - t.grid[c.col]), 'cell width = grid column').toBeLessThanOrEqual(1);
    }
    expect(t.widthType, 'table width in twips').toBe('dxa');
    expect(Math.abs(t.width! - t.grid.reduce((a, b) => a + b, 0)), 'table width = sum of columns').toBeLessThanOrEqual(2);
    const sec = doc.sections[0];
    const textWidth = twipsToMm(sec.pageWidth - sec.margins.left - sec.margins.right);
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
    expect(qh!.props.firstLine ?? 0).toBe(0);
  },

  'tiêu ngữ: ASCII hyphens, bold, centred, a rule paragraph under it'({ parts }) {
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
  },

  'header sizes step consistently (13-14-14 or 12-13-13)'({ parts, plan }) {
    const qh = findIn(parts.band, (p) => textOf(p) === ND30.nationalTitle)!;
    const m = findIn(parts.band, (p) => textOf(p) === ND30.motto)!;
    const d = findIn(parts.band, (p) => expectedPlaceDate(plan).test(textOf(p)))!;
    expect(d, 'place/date paragraph').toBeDefined();
    const steps = `${sizes(qh)[0]}-${sizes(m)[0]}-${sizes(d)[0]}`;
    expect(ND30.sizeSteps).toContain(steps);
  },

  'cơ quan chủ quản caps regular, cơ quan ban hành caps bold in balanced lines, a rule paragraph under it'({ parts, plan }) {
    const left = parts.band.rows[0].cells[0];
    const paras = left.paras;
    let k = 0;
    while (k < paras.length && isEmpty(paras[k])) k++;
    /**
     * The paragraphs of the cơ quan ban hành: its text intact, the clerk's own line breaks kept,
     * every line its own paragraph (so Word, LibreOffice and the PDF agree; that each fits one line
     * is measured on LibreOffice's rendering below), and a wrapped name balanced rather than ending
     * with a lone word.
     */
    const takeName = (name: string, what: string): Para[] => {
      const out: Para[] = [];
      while (k < paras.length && !isEmpty(paras[k]) && runsAll(paras[k], (r) => !!r.bold)) out.push(paras[k++]);
      expect(squash(out.map(textOf).join(' ')), `${what} text`).toBe(squash(name.replace(/\n/g, ' ')));
      const texts = out.map((p) => squash(textOf(p)));
      let at = 0;
      for (const given of name.split('\n')) {
        const want = squash(given);
        const mine: string[] = [];
        while (at < texts.length && want.startsWith([...mine, texts[at]].join(' '))) mine.push(texts[at++]);
        expect(mine.join(' '), `${what}: "${given}" starts and ends on a paragraph boundary`).toBe(want);
        // A wrapped line of three words or more does not leave its last word alone.
        const lone = mine.length > 1 && want.split(' ').length > 2 && mine[mine.length - 1].split(' ').length === 1;
        expect(lone, `${what}: "${given}" does not end with a lone word`).toBe(false);
      }
      return out;
    };
    // The cơ quan chủ quản (always shown when there is one): 13 pt, or 12 pt to stay on one line;
    // a line that still does not fit is set in balanced paragraphs like the cơ quan ban hành.
    const parent: Para[] = [];
    while (k < paras.length && !isEmpty(paras[k]) && runsAll(paras[k], (r) => !r.bold)) parent.push(paras[k++]);
    expect(squash(parent.map(textOf).join(' ')), 'cơ quan chủ quản text').toBe(squash(upper(plan.issuer.parent ?? '').replace(/\n/g, ' ')));
    for (const p of parent) {
      expect(p.props.align, 'chủ quản centred').toBe('center');
      expect(isCaps(p), 'chủ quản caps').toBe(true);
      for (const s of sizes(p)) expect(inRange(s, ND30.agencySize), `chủ quản size ${s} in 12–13`).toBe(true);
    }
    const agency = takeName(upper(plan.issuer.name), 'cơ quan ban hành');
    for (const p of agency) {
      expect(p.props.align, 'ban hành centred').toBe('center');
      expect(
        runsAll(p, (r) => !!r.bold),
        'ban hành bold',
      ).toBe(true);
      expect(isCaps(p), 'ban hành caps').toBe(true);
      for (const s of sizes(p)) expect(inRange(s, ND30.agencySize), `ban hành size ${s} in 12–13`).toBe(true);
    }
    const rule = ruleAfter(paras, k - 1);
    expect(rule, 'rule under the cơ quan ban hành').toBeDefined();
    expectSolidCentredRule(rule!, 'cơ quan ban hành');
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
  },

  'KẾ HOẠCH and trích yếu: bold, centred, sentence case, a rule paragraph under it'({ parts, plan }) {
    const k = parts.kind;
    expect(textOf(k)).toBe('KẾ HOẠCH');
    expect(k.props.align).toBe('center');
    expect(runsAll(k, (r) => !!r.bold)).toBe(true);
    for (const s of sizes(k)) expect(inRange(s, ND30.bodySize), `KẾ HOẠCH size ${s}`).toBe(true);
    expect(parts.summary.length).toBeGreaterThan(0);
    const text = parts.summary.map(textOf).join('\n');
    expect(squash(text)).toBe(squash(plan.title.normalize('NFC')));
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
    }
    expect(text === upper(text), 'trích yếu is not all capitals').toBe(false);
    const r = parts.summaryRule;
    expectSolidCentredRule(r, 'trích yếu');
  },

  'body: justified, first-line indent 1 or 1.27 cm, ≥ 6 pt before, single…1.5 lines, 13–14 pt'({ parts, model }) {
    const paras = bodyParas(parts);
    expect(paras.length).toBeGreaterThan(0);
    const special = new Set(
      model.body.flatMap((b) => (b.kind === 'paragraph' && (b.style === 'center' || b.style === 'right') ? [squash(b.runs.map((r) => r.text).join(''))] : [])),
    );
    const indents = new Set<number>();
    const bodySizes = new Set<number | undefined>();
    const lines = new Set<number | undefined>();
    for (const p of paras) {
      const what = `"${textOf(p).slice(0, 40)}"`;
      const pp = p.props;
      for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `${what} size ${s}`).toBe(true);
      for (const s of sizes(p)) bodySizes.add(s);
      expect(pp.before ?? 0, `${what} space before ≥ 6 pt`).toBeGreaterThanOrEqual(ND30.minSpaceBefore);
      expect(pp.beforeAutospacing ?? false).toBe(false);
      expect(pp.contextualSpacing ?? false, `${what} contextual spacing would drop the 6 pt`).toBe(false);
      // Proportional line spacing ("auto"), from single (240) to 1.5 lines (360).
      expect(pp.lineRule ?? 'auto', `${what} line rule`).toBe('auto');
      expect(inRange(pp.line ?? 240, ND30.lineAuto), `${what} line ${pp.line}`).toBe(true);
      lines.add(pp.line);
    }
    expect(bodySizes.size, 'one body size throughout').toBe(1);
    expect(lines.size, 'one line spacing throughout').toBe(1);
    const running = paras.filter((p) => !special.has(squash(textOf(p))));
    expect(running.length, 'justified running text').toBeGreaterThan(0);
    for (const p of running) {
      const what = `"${textOf(p).slice(0, 40)}"`;
      const pp = p.props;
      expect(pp.align, `${what} justified`).toBe('justify');
      expect(pp.hanging ?? 0, `${what} hanging`).toBe(0);
      expect(pp.indLeft ?? 0, `${what} left indent`).toBe(0);
      expect(ND30.firstLine, `${what} first-line indent ${pp.firstLine}`).toContain(pp.firstLine);
      indents.add(pp.firstLine!);
    }
    expect(indents.size, 'one first-line indent throughout').toBe(1);
  },

  "widow/orphan control on every paragraph (Word's normal setting; the PDF keeps two lines too)"({ doc }) {
    expect(doc.styles.baseParagraph().widowControl, 'docDefaults turn widow/orphan control on').toBe(true);
    const all = doc.allParagraphs();
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) expect(p.props.widowControl, `"${textOf(p).slice(0, 30)}" has widow/orphan control`).toBe(true);
  },

  'a space after never meets a space before (Word adds them, LibreOffice takes the larger)'({ doc }) {
    const flows: Para[][] = [[]];
    for (const b of doc.body) {
      if (b.kind === 'p') flows[flows.length - 1].push(b.p);
      else {
        for (const c of cellsOf(b.t)) flows.push([...c.paras]);
        flows.push([]); // the flow after the table (copies above: the case is shared by all rules)
      }
    }
    expect(flows.flat().length).toBeGreaterThan(10);
    for (const flow of flows)
      for (let k = 1; k < flow.length; k++) {
        const [a, b] = [flow[k - 1], flow[k]];
        expect(
          (a.props.after ?? 0) > 0 && (b.props.before ?? 0) > 0,
          `"${textOf(a).slice(0, 25)}" (after ${a.props.after}) then "${textOf(b).slice(0, 25)}" (before ${b.props.before})`,
        ).toBe(false);
      }
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
    // The paragraph after the căn cứ (the lead-in, or the joined căn cứ + lead-in) is upright.
    expect(
      runsAll(paras[n], (r) => !!r.italic),
      'only the căn cứ are italic',
    ).toBe(false);
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
    // A long nơi nhận goes on in the same column of the rows below (beside nothing).
    const below = t.rows.slice(cell.row + 1).flatMap((r) => r.cells.filter((c) => c.col === cell.col).flatMap((c) => c.paras));
    const items = [...cell.paras.slice(cell.paras.indexOf(label) + 1), ...below].filter((p) => !isEmpty(p));
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
      }
    });
    const row = t.rows[label.cell!.row];
    expect(row.cantSplit, 'the row cannot split across pages').toBe(true);
    const right = row.cells[1];
    const lines = right.paras.filter((p) => !isEmpty(p));
    const expected = expectedSignatory(plan);
    expect(lines.map(textOf)).toEqual([...expected, plan.signer.name.normalize('NFC')]);
    lines.forEach((p, _k) => {
      expect(p.props.align, `"${textOf(p)}" centred`).toBe('center');
      expect(
        runsAll(p, (r) => !!r.bold),
        `"${textOf(p)}" bold`,
      ).toBe(true);
      for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `"${textOf(p)}" size ${s}`).toBe(true);
    });
    for (const p of lines.slice(0, expected.length)) expect(isCaps(p), `"${textOf(p)}" caps`).toBe(true);
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
    const hasPage = (name: string | undefined) => !!name && doc.partParagraphs(name).some((p) => p.fields.some((f) => /^PAGE\b/.test(f)));
    expect(
      kids(doc.settings, 'w:evenAndOddHeaders').every((e) => ['false', '0'].includes(e.attrs['w:val'] ?? 'true')),
      'no separate even-page header',
    ).toBe(true);
    doc.sections.forEach((s, k) => {
      expect(s.titlePage, `section ${k}: different first page`).toBe(true);
      expect(s.headers.default, `section ${k}: default header`).toBeDefined();
      expect(s.headers.first, `section ${k}: a first-page header of its own`).toBeDefined();
      expect(hasPage(s.headers.first), `section ${k}: no page number on the first page`).toBe(false);
      const paras = doc.partParagraphs(s.headers.default);
      const pn = paras.filter((p) => p.fields.some((f) => /^PAGE\b/.test(f)));
      expect(pn.length, `section ${k}: one PAGE field in the default header`).toBe(1);
      expect(pn[0].props.align, 'page number centred').toBe('center');
      const runs = [...pn[0].fieldRuns, ...pn[0].runs];
      expect(pn[0].fieldRuns.length, 'the PAGE field is in runs (their formatting shows the number)').toBeGreaterThan(0);
      for (const r of runs) {
        expect(inRange(r.props.size, ND30.bodySize), `page number size ${r.props.size}`).toBe(true);
        expect(!!r.props.italic || !!r.props.bold, 'page number upright, regular').toBe(false);
      }
      expect(
        pn[0].fields.some((f) => /ROMAN|roman|ALPHABETIC/i.test(f)),
        'Arabic numerals',
      ).toBe(false);
      expect(Object.values(s.footers).filter(hasPage), `section ${k}: no page number in a footer`).toEqual([]);
    });
    expect(
      doc.partNames().filter((n) => /^word\/footer\d*\.xml$/.test(n) && hasPage(n)),
      'no footer part with a page number',
    ).toEqual([]);
    // Each section (so each appendix) numbers its own pages from 1.
    expect(doc.sections.map((s) => s.pageNumberStart)).toEqual(doc.sections.map(() => 1));
  },

  'named Word styles: body, headings with outline levels, list styles'({ doc, parts, model }) {
    const withText = doc.allParagraphs().filter((p) => !isEmpty(p));
    expect(withText.length).toBeGreaterThan(10);
    for (const p of withText) {
      const id = p.props.styleId;
      const def = id ? doc.styles.byId.get(id) : undefined;
      expect(def, `"${textOf(p).slice(0, 30)}" uses a defined style`).toBeDefined();
      expect(def!.type).toBe('paragraph');
      expect(def!.name, 'style has a name').toBeTruthy();
    }
    // Outside content tables (whose cells may use a table style), every paragraph has a style of its own.
    const own = withText.filter((p) => !p.cell || p.cell.table === parts.band || p.cell.table === parts.closingTable);
    expect(own.length).toBeGreaterThan(5);
    for (const p of own) expect(p.props.styleId, `"${textOf(p).slice(0, 30)}" has its own style, not Normal`).not.toBe('Normal');
    // Map the body paragraphs to the model to check the style of each kind.
    const modelParas = model.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
    const paras = bodyParas(parts);
    expect(paras.length).toBe(modelParas.length);
    const styleOf = new Map<ParagraphStyle, Set<string>>();
    paras.forEach((p, k) => {
      const st = modelParas[k].style;
      if (!styleOf.has(st)) styleOf.set(st, new Set());
      styleOf.get(st)!.add(p.props.styleId!);
      // Headings carry their outline level (navigation pane, TOC); everything else is body text (9).
      const level = { heading1: 0, heading2: 1, heading3: 2, heading4: 3 }[st as string] ?? 9;
      expect(p.props.outlineLvl ?? 9, `"${textOf(p).slice(0, 30)}" outline level`).toBe(level);
    });
    expect(styleOf.size).toBeGreaterThan(1);
    for (const [st, ids] of styleOf) expect(ids.size, `model style ${st} maps to one Word style`).toBe(1);
    // Each kind of paragraph (body, bullet, item, heading…) has a Word style of its own.
    const wordIds = [...styleOf.values()].map((ids) => [...ids][0]);
    expect(new Set(wordIds).size, `one Word style per kind: ${[...styleOf.keys()].join(', ')} → ${wordIds.join(', ')}`).toBe(styleOf.size);
    // The outline level is in the style itself, not only in direct formatting.
    for (const [st, ids] of styleOf) {
      const level = { heading1: 0, heading2: 1, heading3: 2, heading4: 3 }[st as string] ?? 9;
      const styled = doc.styles.chain([...ids][0], 'paragraph').reduce((pp, x) => doc.styles.applyParagraph(pp, x.pPr), doc.styles.baseParagraph());
      expect(styled.outlineLvl ?? 9, `${st} style outline level`).toBe(level);
    }
  },

  'no text boxes, drawings or images; the package is well-formed'({ doc }) {
    expect(
      doc.partNames().filter((n) => n.startsWith('word/media/')),
      'media files',
    ).toEqual([]);
    const xmlParts = doc.partNames().filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    expect(xmlParts).toContain('word/document.xml');
    for (const name of xmlParts) {
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
    const internal = Object.values(doc.rels).filter((r) => !r.external);
    expect(internal.length, 'document relationships').toBeGreaterThan(3);
    for (const r of internal) {
      expect(doc.has(r.target), `relationship target ${r.target} exists`).toBe(true);
      expect(overrides.has(r.target) || defaults.has(r.target.split('.').pop()!.toLowerCase()), `${r.target} has a content type`).toBe(true);
    }
  },

  'độ khẩn: bold caps in a red one-line frame under "Số"'({ parts, plan }) {
    const band = parts.band;
    const stamps = cellsOf(band).flatMap((c) => c.paras.filter((p) => STAMPS.includes(textOf(p))));
    // Độ mật (ô 10a) above độ khẩn (ô 10b), NĐ 30 Phụ lục I.
    expect(stamps.map(textOf)).toEqual([plan.confidentiality, plan.urgency].filter((x): x is NonNullable<typeof x> => !!x));
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
      for (const side of ['top', 'bottom', 'left', 'right'] as const) {
        expect(u.props.borders[side]?.val, `${what} framed (${side})`).toBe('single');
        expect(isRed(u.props.borders[side]?.color), `${what} frame in red`).toBe(true);
      }
      expect(Math.abs((u.props.indLeft ?? 0) - (u.props.indRight ?? 0)), `${what} centred`).toBeLessThanOrEqual(20);
    }
  },

  'content tables: header row bold, centred and repeated; 12–13 pt'({ doc, parts, model, plan }) {
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
      expect(
        t.rows.map((row) => row.header),
        `table ${i + 1}: the model's header rows repeat on each page`,
      ).toEqual(mt.rows.map((row) => !!row.header));
      const paras = t.rows.flatMap((row) => row.cells.flatMap((c) => c.paras.filter((p) => !isEmpty(p)).map((p) => ({ p, header: row.header }))));
      expect(paras.length, `table ${i + 1} has text`).toBeGreaterThan(0);
      for (const { p } of paras) {
        const what = `table ${i + 1} "${textOf(p).slice(0, 30)}"`;
        for (const s of sizes(p)) expect(size ? s === size : inRange(s, [12, 13]), `${what} size ${s}`).toBe(true);
      }
      const head = paras.filter((x) => x.header);
      expect(head.length > 0, `table ${i + 1}: header row text present when the model has one`).toBe(mt.rows.some((row) => row.header));
      for (const { p } of head) {
        const what = `table ${i + 1} header "${textOf(p).slice(0, 30)}"`;
        expect(p.props.align, `${what} centred`).toBe('center');
        expect(
          runsAll(p, (x) => !!x.bold),
          `${what} bold`,
        ).toBe(true);
      }
    });
  },

  'content tables: every cell as wide as the grid columns it covers, merged cells continue in their column'({ parts, model }) {
    const modelTables = [...model.body, ...model.appendices.flatMap((a) => a.blocks)].filter((b): b is Table => b.kind === 'table');
    const docTables = [...parts.body, ...parts.afterClosing].flatMap((b) => (b.kind === 'tbl' ? [b.t] : []));
    expect(docTables.length).toBe(modelTables.length);
    docTables.forEach((t, i) => {
      const expected = expectedColumns(modelTables[i]);
      // Every cell the model merges down is continued (vMerge) in the rows it covers.
      const continued = t.rows.flatMap((row, r) => row.cells.filter((c) => c.vMerge === 'continue').map((c) => ({ c, r })));
      const spans = modelTables[i].rows.flatMap((row) => row.cells.map((c) => (c.rowSpan ?? 1) - 1)).reduce((a, b) => a + b, 0);
      expect(continued.length, `table ${i + 1}: one continuing cell per row a merged cell covers`).toBe(spans);
      for (const { c, r } of continued) {
        const above = t.rows[r - 1]?.cells.find((a) => a.col === c.col);
        expect(above?.vMerge, `table ${i + 1} row ${r + 1}: merge continues the cell above`).toBeDefined();
      }
      t.rows.forEach((row, r) => {
        let covered = 0;
        for (const c of row.cells) {
          const span = c.gridSpan;
          const grid = t.grid.slice(c.col, c.col + span).reduce((a, b) => a + b, 0);
          expect(
            Math.abs(c.width - grid),
            `table ${i + 1} row ${r + 1} column ${c.col + 1}: cell width ${c.width} = its grid columns ${grid}`,
          ).toBeLessThanOrEqual(2);
          covered += span;
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
      const ruleIdx = rest.findIndex((p) => isEmpty(p) && hasRule(p));
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
      for (const p of [...titles, note!]) {
        expect(p.props.align, `"${textOf(p).slice(0, 30)}" centred`).toBe('center');
        for (const s of sizes(p)) expect(inRange(s, ND30.bodySize), `"${textOf(p).slice(0, 30)}" size ${s}`).toBe(true);
      }
      for (const p of titles) expect(runsAll(p, (r) => !!r.bold) && isCaps(p), 'appendix title bold caps').toBe(true);
      expectSolidCentredRule(rest[ruleIdx], 'appendix');
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

describe.each(cases.map((c) => [c.label, c] as const))('%s', (_name, c) => {
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

  it('12-13-13 header sizes: 12 pt quốc hiệu, 13 pt tiêu ngữ and date, 12 pt agency', () => {
    const band = byName('sections omitted, extra section, 12-13-13 header sizes').parts.band;
    const size = (pred: (t: string) => boolean) => sizes(findIn(band, (p) => pred(textOf(p)))!);
    expect(size((t) => t === ND30.nationalTitle)).toEqual([12]);
    expect(size((t) => t === ND30.motto)).toEqual([13]);
    expect(size((t) => /ngày/.test(t))).toEqual([13]);
    expect(size((t) => t === 'SỞ Y TẾ')).toEqual([12]);
  });

  it('layout options reach the file: 13 pt body, 1.27 cm first-line indent, 1.5 lines, margins 25/20/35/20', () => {
    const c = byName('TM. signature, no parent, 13 pt body, 1.27 cm indent, 1.5 lines, official margins');
    const paras = bodyParas(c.parts);
    expect(paras.length).toBeGreaterThan(3);
    expect(new Set(paras.flatMap(sizes))).toEqual(new Set([13]));
    expect(new Set(paras.map((p) => p.props.line))).toEqual(new Set([360]));
    expect(new Set(paras.filter((p) => p.props.align === 'justify').map((p) => p.props.firstLine))).toEqual(new Set([720]));
    const m = c.doc.sections[0].margins;
    expect([m.top, m.bottom, m.left, m.right].map((t) => Math.round(twipsToMm(t) * 10) / 10)).toEqual([25, 20, 35, 20]);
  });

  it('basis.joinIntro: the last căn cứ and the lead-in share one upright paragraph ending with ":"', () => {
    const c = byName('examples/lao-cai-2017-truyen-thong-thi-dua.json');
    expect(c.plan.basis?.joinIntro).toBe(true);
    const n = (c.plan.basis?.items.length ?? 0) - 1;
    const joined = bodyParas(c.parts)[n];
    expect(textOf(joined).trimEnd().endsWith(':')).toBe(true);
    expect(runsAll(joined, (r) => !r.italic)).toBe(true);
  });

  it('the Lưu line carries the copy count, zero-padded', () => {
    const c = byName('long agency names, multi-line trích yếu, archive copies');
    expect(c.plan.archive.copies).toBe(2);
    const last = c.parts.closingTable.rows[0].cells[0].paras.filter((p) => !isEmpty(p)).pop()!;
    expect(textOf(last)).toContain(', 02b.');
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
    const first = await docxOf(model);
    vi.setSystemTime(new Date('2040-12-31T23:59:58.999Z'));
    process.env.TZ = 'America/Los_Angeles';
    const second = await docxOf(model);
    vi.useRealTimers();
    expect(Buffer.compare(first, second), 'byte-identical').toBe(0);
    // 2026-02-05 (the plan's date), midnight in Vietnam.
    const doc = openDocx(first);
    expect(doc.coreProp('dcterms:created')).toBe('2026-02-04T17:00:00Z');
    expect(doc.coreProp('dcterms:modified')).toBe('2026-02-04T17:00:00Z');
  });

  it('a draft dated by year only is stamped 1 January; the package still opens', async () => {
    const c = byName('draft 2024 (no day, no month)');
    const again = await docxOf(c.model);
    expect(Buffer.compare(c.buf, again)).toBe(0);
    expect(openDocx(again).coreProp('dcterms:created')).toBe('2023-12-31T17:00:00Z');
  });
});

// ------------------------------------------------------------------ LibreOffice's rendering, measured

const lo = libreOffice();
const PT_TOL = 0.5; // pt: LibreOffice rounds positions to 0.1 pt; centring within half a point
const headerRowsOf = (d: LoDoc, page: number, topPt: number) => d.rows.filter((r) => r.page === page && r.y < topPt);
const bodyRowsOf = (d: LoDoc, page: number, topPt: number) => d.rows.filter((r) => r.page === page && r.y >= topPt);
const maxSize = (items: { size: number }[]) => Math.max(...items.map((i) => i.size));
const rowText = (r: { items: { text: string }[] }) => r.items.map((i) => i.text).join('');
const textArea = (c: Case, section = 0) => {
  const s = c.doc.sections[section];
  return { left: s.margins.left / 20, right: (s.pageWidth - s.margins.right) / 20 };
};

/** Each paragraph's lines in LibreOffice's PDF, in order, inside a column (one after the other). */
function loLines(d: LoDoc, paras: Para[], column: { left: number; right: number }, from = 0): { para: Para; lines: Segment[] }[] {
  const used = new Set<any>();
  const out: { para: Para; lines: Segment[] }[] = [];
  let at = from;
  for (const p of paras) {
    const m = findParagraph(d.rows, used, textOf(p), at, column);
    expect(m, `"${textOf(p).slice(0, 40)}" in LibreOffice's rendering`).toBeDefined();
    out.push({ para: p, lines: m!.lines });
    at = m!.last + 1;
  }
  return out;
}

/** The page where each section starts in LibreOffice's rendering (appendices: their label). */
function sectionStarts(c: Case, d: LoDoc): number[] {
  const labels = c.parts.afterClosing.flatMap((b) => (b.kind === 'p' && /^Phụ lục( [IVXLC]+)?$/.test(textOf(b.p)) ? [textOf(b.p)] : []));
  expect(labels.length, 'one label per appendix').toBe(c.doc.sections.length - 1);
  let after = 0;
  return [
    0,
    ...labels.map((l) => {
      const line = linesOf(d, l).find((x) => x.page > after);
      expect(line, `appendix "${l}" in LibreOffice's rendering`).toBeDefined();
      after = line!.page;
      return line!.page;
    }),
  ];
}

type LoRule = (c: Case, d: LoDoc) => void;

const LO_RULES: Record<string, LoRule> = {
  'A4 pages; margins measured on the text inside the decree ranges and equal to the file'(c, d) {
    const sec = c.doc.sections[0];
    const top = sec.margins.top / 20;
    const landscapeWanted = c.model.appendices.some((a) => a.landscape);
    expect(d.pdf.pages.length).toBeGreaterThan(0);
    let landscape = 0;
    d.pdf.pages.forEach((page, p) => {
      const [w, h] = page.width > page.height ? [page.height, page.width] : [page.width, page.height];
      expect(Math.abs(toMm(w) - 210), `page ${p + 1}: A4 width`).toBeLessThanOrEqual(0.2);
      expect(Math.abs(toMm(h) - 297), `page ${p + 1}: A4 height`).toBeLessThanOrEqual(0.2);
      if (page.width > page.height) landscape++;
    });
    expect(d.pdf.pages[0].width < d.pdf.pages[0].height, 'page 1 portrait').toBe(true);
    expect(landscape > 0, 'landscape pages only for a landscape appendix').toBe(landscapeWanted);
    const portrait = d.pdf.pages.flatMap((pg, p) => (pg.width < pg.height ? [p] : []));
    const rows = portrait.flatMap((p) => bodyRowsOf(d, p, top));
    expect(rows.length).toBeGreaterThan(10);
    // Top: the first line of page 1 starts at the top margin; no line starts above it on any page.
    const first = bodyRowsOf(d, 0, top)[0];
    const topMm = toMm(first.y - ASCENT_EM * maxSize(first.items));
    expect(inRange(topMm, ND30.margins.top, 0.2), `top margin ${topMm.toFixed(2)} mm in 20–25`).toBe(true);
    expect(Math.abs(topMm - twipsToMm(sec.margins.top)), 'top margin as the file says').toBeLessThanOrEqual(0.2);
    for (const r of rows)
      expect(toMm(r.y - ASCENT_EM * maxSize(r.items)), `"${rowText(r).slice(0, 30)}" below the top margin`).toBeGreaterThanOrEqual(topMm - 0.2);
    // Left: the leftmost text below the header band (justified lines start at the margin); the
    // band may reach into the margin, by at most 3.5 mm (nd30-format §2).
    const kind = lineOf(d, 'KẾ HOẠCH')!;
    const band = rows.filter((r) => r.page === 0 && r.y < kind.y);
    const below = rows.filter((r) => !band.includes(r));
    expect(band.length > 0 && below.length > 0).toBe(true);
    const left = toMm(Math.min(...below.map((r) => r.items[0].x)));
    const bandLeft = toMm(Math.min(...band.map((r) => r.items[0].x)));
    expect(bandLeft, `header band text reaches ${(left - bandLeft).toFixed(2)} mm into the left margin`).toBeGreaterThanOrEqual(left - 3.5 - 0.1);
    // Right: the outermost text (justified lines reach the right side).
    const pageW = toMm(d.pdf.pages[0].width);
    const right = pageW - toMm(Math.max(...rows.map((r) => r.items[r.items.length - 1].x + r.items[r.items.length - 1].width)));
    expect(inRange(left, ND30.margins.left, 0.1), `left margin ${left.toFixed(2)} mm in 30–35`).toBe(true);
    expect(Math.abs(left - twipsToMm(sec.margins.left)), 'left margin as the file says').toBeLessThanOrEqual(0.1);
    // LibreOffice's justified lines stop up to ~0.6 mm short of the right edge.
    expect(right, `right margin ${right.toFixed(2)} mm ≥ 15`).toBeGreaterThanOrEqual(ND30.margins.right[0] - 0.1);
    expect(
      right - twipsToMm(sec.margins.right),
      `right margin ${right.toFixed(2)} mm, the file says ${twipsToMm(sec.margins.right).toFixed(2)}`,
    ).toBeLessThanOrEqual(0.8);
    expect(right - twipsToMm(sec.margins.right)).toBeGreaterThanOrEqual(-0.1);
    // Bottom: no line goes below the bottom margin.
    const pageH = toMm(d.pdf.pages[0].height);
    const bottom = pageH - toMm(Math.max(...rows.map((r) => r.y + DESCENT_EM * maxSize(r.items))));
    expect(bottom, `bottom margin ${bottom.toFixed(2)} mm ≥ the file's ${twipsToMm(sec.margins.bottom).toFixed(2)} (20–25)`).toBeGreaterThanOrEqual(
      twipsToMm(sec.margins.bottom) - 0.1,
    );
    expect(inRange(twipsToMm(sec.margins.bottom), ND30.margins.bottom, 0.05)).toBe(true);
  },

  'page numbers: Arabic, 13–14 pt, centred in the top margin 10 mm from the edge, from page 2 of each section'(c, d) {
    const starts = sectionStarts(c, d);
    const top = c.doc.sections[0].margins.top / 20;
    const { left, right } = textArea(c);
    const mid = (left + right) / 2;
    let numbered = 0;
    d.pdf.pages.forEach((page, p) => {
      const k = starts.filter((s) => s <= p).length - 1;
      const head = headerRowsOf(d, p, top);
      if (p === starts[k]) {
        expect(head.map(rowText), `page ${p + 1}: first page of its section, no number`).toEqual([]);
        return;
      }
      expect(
        head.map((r) => rowText(r).trim()),
        `page ${p + 1}: its number`,
      ).toEqual([String(p - starts[k] + 1)]);
      const r = head[0];
      const size = maxSize(r.items);
      const end = r.items[r.items.length - 1].x + r.items[r.items.length - 1].width;
      const pageMid = page.width > page.height ? page.width / 2 + (mid - d.pdf.pages[0].width / 2) : mid;
      expect(inRange(size, ND30.bodySize), `page ${p + 1}: number ${size} pt`).toBe(true);
      expect(isBoldFont(r.items[0].font) || isItalicFont(r.items[0].font), `page ${p + 1}: number upright, regular`).toBe(false);
      expect(Math.abs((r.items[0].x + end) / 2 - pageMid), `page ${p + 1}: number centred`).toBeLessThanOrEqual(PT_TOL);
      expect(Math.abs(toMm(r.y - ASCENT_EM * size) - ND30.headerDistanceMm), `page ${p + 1}: number 10 mm from the top edge`).toBeLessThanOrEqual(0.3);
      numbered++;
    });
    expect(numbered, 'every page but the first of each section is numbered').toBe(d.pdf.pages.length - starts.length);
  },

  'quốc hiệu, tiêu ngữ and place/date each on one line, centred on each other; tiêu ngữ rule as long as its text'(c, d) {
    const qh = lineOf(d, ND30.nationalTitle);
    const motto = lineOf(d, ND30.motto);
    expect(qh, 'quốc hiệu on one line').toBeDefined();
    expect(motto, 'tiêu ngữ on one line').toBeDefined();
    expect([qh!.page, motto!.page]).toEqual([0, 0]);
    expect(motto!.y, 'tiêu ngữ under the quốc hiệu').toBeGreaterThan(qh!.y);
    expect(qh!.items.every((i) => isBoldFont(i.font)) && motto!.items.every((i) => isBoldFont(i.font)), 'bold').toBe(true);
    const [qs, ms] = [sizesOf(qh!), sizesOf(motto!)];
    expect(qs.length === 1 && inRange(qs[0], ND30.nationalSize), `quốc hiệu ${qs} pt in 12–13`).toBe(true);
    expect(ms.length === 1 && inRange(ms[0], ND30.mottoSize), `tiêu ngữ ${ms} pt in 13–14`).toBe(true);
    expect(Math.abs(centre(qh!) - centre(motto!)), 'tiêu ngữ centred under the quốc hiệu').toBeLessThanOrEqual(PT_TOL);
    // Decree §2–3: the quốc hiệu is 88.3 mm in bold 12 pt, 95.7 mm at 13; the tiêu ngữ 56.1 mm at 13, 60.5 mm at 14.
    expect(Math.abs(toMm(widthOf(qh!)) - (qs[0] === 12 ? 88.3 : 95.7)), `quốc hiệu ${toMm(widthOf(qh!)).toFixed(1)} mm`).toBeLessThanOrEqual(0.5);
    expect(Math.abs(toMm(widthOf(motto!)) - (ms[0] === 13 ? 56.1 : 60.5)), `tiêu ngữ ${toMm(widthOf(motto!)).toFixed(1)} mm`).toBeLessThanOrEqual(0.5);
    const rule = rulesUnder(d, motto!)[0];
    expect(rule, 'a drawn rule under the tiêu ngữ').toBeDefined();
    expect(Math.abs(toMm(widthOf(rule) - widthOf(motto!))), `rule ${toMm(widthOf(rule)).toFixed(1)} mm as long as the tiêu ngữ`).toBeLessThanOrEqual(1);
    expect(Math.abs(centre(rule) - centre(motto!)), 'rule centred under the tiêu ngữ').toBeLessThanOrEqual(PT_TOL);
    const pd = textOf(findIn(c.parts.band, (p) => /ngày/.test(textOf(p)))!);
    const date = lineOf(d, pd);
    expect(date, `"${pd}" on one line`).toBeDefined();
    expect(
      date!.items.every((i) => isItalicFont(i.font) && !isBoldFont(i.font)),
      'date italic',
    ).toBe(true);
    // LibreOffice keeps a little room after italic text, which moves a centred italic line ~0.3 pt left.
    expect(Math.abs(centre(date!) - centre(motto!)), 'date centred under the tiêu ngữ').toBeLessThanOrEqual(1);
    expect(date!.y, 'date under the rule').toBeGreaterThan(rule.y);
  },

  'cơ quan chủ quản and ban hành one line per paragraph; agency rule 1/3–1/2 of its longest line; "Số" centred under it on the date line'(c, d) {
    const cell = c.parts.band.rows[0].cells[0];
    const named = cell.paras.filter((p) => !isEmpty(p));
    expect(named.length).toBeGreaterThan(0);
    const lines = named.map((p) => {
      const l = lineOf(d, textOf(p));
      expect(l, `"${textOf(p)}" on one line`).toBeDefined();
      return { p, l: l! };
    });
    const agency = lines.filter((x) => runsAll(x.p, (r) => !!r.bold));
    const parent = lines.filter((x) => !runsAll(x.p, (r) => !!r.bold));
    expect(agency.length).toBeGreaterThan(0);
    expect(parent.length > 0, 'cơ quan chủ quản shown when there is one').toBe(!!c.plan.issuer.parent);
    for (const { l } of parent)
      expect(
        l.items.some((i) => isBoldFont(i.font)),
        'chủ quản not bold',
      ).toBe(false);
    for (const { l } of agency)
      expect(
        l.items.every((i) => isBoldFont(i.font)),
        'ban hành bold',
      ).toBe(true);
    for (const { l, p } of lines) {
      const s = sizesOf(l);
      expect(s.length === 1 && inRange(s[0], ND30.agencySize), `"${textOf(p)}" ${s} pt in 12–13`).toBe(true);
    }
    const mid = centre(agency[0].l);
    for (const { l } of lines) expect(Math.abs(centre(l) - mid), 'the agency lines share one centre').toBeLessThanOrEqual(PT_TOL);
    const longest = Math.max(...agency.map((x) => widthOf(x.l)));
    const rule = rulesUnder(d, agency[agency.length - 1].l)[0];
    expect(rule, 'a drawn rule under the cơ quan ban hành').toBeDefined();
    const share = widthOf(rule) / longest;
    expect(
      inRange(share, ND30.ruleShare, 0.005),
      `agency rule ${toMm(widthOf(rule)).toFixed(1)} mm = ${share.toFixed(3)} of ${toMm(longest).toFixed(1)} mm`,
    ).toBe(true);
    expect(Math.abs(centre(rule) - mid), 'rule centred under the agency').toBeLessThanOrEqual(PT_TOL);
    const no = lineOf(d, textOf(findIn(c.parts.band, (p) => textOf(p).startsWith('Số'))!));
    expect(no, '"Số" on one line').toBeDefined();
    expect(Math.abs(centre(no!) - mid), '"Số" centred under the agency').toBeLessThanOrEqual(PT_TOL);
    expect(sizesOf(no!), '"Số" 13 pt').toEqual([ND30.numberSize]);
    const date = lineOf(d, textOf(findIn(c.parts.band, (p) => /ngày/.test(textOf(p)))!))!;
    expect(Math.abs(no!.y - date.y), '"Số" and the date on the same line').toBeLessThanOrEqual(2);
  },

  'KẾ HOẠCH and trích yếu centred on the text width; rule 1/3–1/2 of the longest line; ≥ 6 pt before the body'(c, d) {
    const area = textArea(c);
    const mid = (area.left + area.right) / 2;
    const kind = lineOf(d, 'KẾ HOẠCH');
    expect(kind).toBeDefined();
    expect(Math.abs(centre(kind!) - mid), 'KẾ HOẠCH centred').toBeLessThanOrEqual(PT_TOL);
    const summary = loLines(d, c.parts.summary, area, kind!.row + 1).flatMap((x) => x.lines);
    expect(summary.length).toBeGreaterThan(0);
    for (const l of summary) {
      expect(Math.abs(centre(l) - mid), `trích yếu line "${l.text.slice(0, 30)}" centred`).toBeLessThanOrEqual(PT_TOL);
      expect(l.items.every((i) => isBoldFont(i.font))).toBe(true);
    }
    const longest = Math.max(...summary.map(widthOf));
    const last = summary[summary.length - 1];
    const rule = rulesUnder(d, last)[0];
    expect(rule, 'a drawn rule under the trích yếu').toBeDefined();
    const share = widthOf(rule) / longest;
    expect(
      inRange(share, ND30.ruleShare, 0.005),
      `trích yếu rule ${toMm(widthOf(rule)).toFixed(1)} mm = ${share.toFixed(3)} of ${toMm(longest).toFixed(1)} mm`,
    ).toBe(true);
    expect(Math.abs(centre(rule) - mid), 'rule centred').toBeLessThanOrEqual(PT_TOL);
    const next = d.rows.find((r) => r.page === rule.page && r.y > rule.y);
    expect(next, 'the body follows the rule').toBeDefined();
    expect(next!.y - ASCENT_EM * maxSize(next!.items) - rule.y, 'space between the rule and the body ≥ 6 pt').toBeGreaterThanOrEqual(6 - 0.2);
  },

  'body: first-line indent 1 or 1.27 cm, justified to both margins, ≥ 6 pt between paragraphs, single to 1.5 line spacing'(c, d) {
    const area = textArea(c);
    const kind = lineOf(d, 'KẾ HOẠCH')!;
    const found = loLines(d, bodyParas(c.parts), area, kind.row + 1);
    const pitches: number[] = [];
    let indented = 0;
    for (const { para, lines } of found) {
      for (let k = 1; k < lines.length; k++)
        if (lines[k].page === lines[k - 1].page) pitches.push((lines[k].y - lines[k - 1].y) / maxSize(lines[k].items) / LINE_EM);
      if (para.props.align !== 'justify' || lines.length < 2) continue;
      indented++;
      const indent = toMm(lines[0].x - lines[1].x);
      expect(
        ND30.firstLine.some((t) => Math.abs(twipsToMm(t) - indent) <= 0.1),
        `"${textOf(para).slice(0, 30)}": first-line indent ${indent.toFixed(2)} mm (1 or 1.27 cm)`,
      ).toBe(true);
      expect(Math.abs(lines[1].x - area.left), `"${textOf(para).slice(0, 30)}": next lines at the left margin`).toBeLessThanOrEqual(PT_TOL);
      for (const l of lines.slice(0, -1)) expect(area.right - l.end, `"${l.text.slice(0, 30)}": justified to the right margin`).toBeLessThanOrEqual(2.5);
    }
    expect(indented, 'justified paragraphs of several lines').toBeGreaterThan(0);
    expect(pitches.length).toBeGreaterThan(0);
    for (const p of pitches) expect(p, `line spacing ${p.toFixed(3)} lines`).toBeGreaterThanOrEqual(1 - 0.01);
    for (const p of pitches) expect(p, `line spacing ${p.toFixed(3)} lines`).toBeLessThanOrEqual(1.5 + 0.01);
    const pitch = pitches.reduce((a, b) => a + b, 0) / pitches.length;
    let gaps = 0;
    for (let k = 1; k < found.length; k++) {
      const a = found[k - 1].lines[found[k - 1].lines.length - 1];
      const b = found[k].lines[0];
      if (a.page !== b.page) continue;
      gaps++;
      const space = b.y - a.y - pitch * LINE_EM * maxSize(b.items);
      expect(space, `space between "${a.text.slice(0, 25)}" and "${b.text.slice(0, 25)}": ${space.toFixed(2)} pt ≥ 6`).toBeGreaterThanOrEqual(6 - 0.2);
    }
    expect(gaps).toBeGreaterThan(0);
  },

  '"Nơi nhận:" 12 pt bold italic on the line of the signatory title; signatory lines one line each, centred, after a signature gap'(c, d) {
    const label = lineOf(d, 'Nơi nhận:');
    expect(label, '"Nơi nhận:"').toBeDefined();
    expect(sizesOf(label!)).toEqual([ND30.recipientsLabelSize]);
    expect(
      label!.items.every((i) => isBoldFont(i.font) && isItalicFont(i.font)),
      'bold italic',
    ).toBe(true);
    const titles = expectedSignatory(c.plan);
    const lines = [...titles, c.plan.signer.name].map((t) => {
      const l = linesOf(d, t).find((x) => x.page === label!.page && x.y >= label!.y - 3);
      expect(l, `"${t}" on one line by the Nơi nhận`).toBeDefined();
      return l!;
    });
    expect(Math.abs(lines[0].y - label!.y), '"Nơi nhận:" on the line of the first title line').toBeLessThanOrEqual(3);
    for (const l of lines) {
      expect(
        l.items.every((i) => isBoldFont(i.font)),
        `"${l.text}" bold`,
      ).toBe(true);
      expect(inRange(sizesOf(l)[0], ND30.bodySize), `"${l.text}" 13–14 pt`).toBe(true);
      expect(Math.abs(centre(l) - centre(lines[0])), `"${l.text}" centred with the title`).toBeLessThanOrEqual(PT_TOL);
      expect(l.x, `"${l.text}" right of the Nơi nhận`).toBeGreaterThan(label!.end);
    }
    const [lastTitle, name] = [lines[titles.length - 1], lines[titles.length]];
    const gapLines = (name.y - lastTitle.y) / (LINE_EM * maxSize(name.items)) - 1;
    expect(gapLines, `signature gap ${gapLines.toFixed(1)} lines (~3–5)`).toBeGreaterThanOrEqual(3 - 0.1);
  },

  'độ khẩn / độ mật: one line in a frame that hugs it, under "Số"'(c, d) {
    const marks = [c.plan.confidentiality, c.plan.urgency].filter((x): x is NonNullable<typeof x> => !!x);
    const no = lineOf(d, textOf(findIn(c.parts.band, (p) => textOf(p).startsWith('Số'))!))!;
    const found = marks.map((m) => lineOf(d, m));
    expect(
      found.map((l) => l?.text),
      'each mark on one line',
    ).toEqual(marks);
    for (const l of found as Segment[]) {
      expect(l.y, `${l.text} under "Số"`).toBeGreaterThan(no.y);
      expect(Math.abs(centre(l) - centre(no)), `${l.text} centred under "Số"`).toBeLessThanOrEqual(PT_TOL);
      expect(
        l.items.every((i) => isBoldFont(i.font)),
        `${l.text} bold`,
      ).toBe(true);
      const top = d.hrules.filter((r) => r.page === l.page && r.y < l.y - ASCENT_EM * maxSize(l.items) + 4 && r.y > l.y - 30 && r.x1 < l.x && r.x2 > l.end);
      const bottom = d.hrules.filter((r) => r.page === l.page && r.y > l.y && r.y < l.y + 12 && r.x1 < l.x && r.x2 > l.end);
      expect(top.length && bottom.length, `${l.text} framed above and below`).toBeTruthy();
      const frame = top[top.length - 1];
      expect(
        toMm(widthOf(frame) - widthOf(l)),
        `${l.text}: frame ${toMm(widthOf(frame)).toFixed(1)} mm hugs ${toMm(widthOf(l)).toFixed(1)} mm of text`,
      ).toBeLessThanOrEqual(5);
      const sides = d.vrules.filter((v) => v.page === l.page && v.y1 < l.y && v.y2 > l.y);
      expect(sides.some((v) => v.x < l.x) && sides.some((v) => v.x > l.end), `${l.text} framed left and right`).toBe(true);
    }
  },

  'content tables: no word split across lines of a cell'(c, d) {
    const tables = c.doc.body.flatMap((b, item) => (b.kind === 'tbl' && b.t !== c.parts.band && b.t !== c.parts.closingTable ? [{ t: b.t, item }] : []));
    expect(tables.length).toBe(
      c.model.body.filter((b) => b.kind === 'table').length + c.model.appendices.flatMap((a) => a.blocks).filter((b) => b.kind === 'table').length,
    );
    for (const { t, item } of tables) {
      const s = c.doc.sectionOf(item);
      const xs = [s.margins.left + t.indent];
      for (const w of t.grid) xs.push(xs[xs.length - 1] + w);
      const cells = t.rows.flatMap((r) => r.cells).filter((cl) => cl.paras.some((p) => !isEmpty(p)));
      expect(cells.length).toBeGreaterThan(0);
      for (const cl of cells) {
        const column = { left: (xs[cl.col] + cl.marginLeft) / 20, right: (xs[cl.col + cl.gridSpan] - cl.marginRight) / 20 };
        for (const { para, lines } of loLines(
          d,
          cl.paras.filter((p) => !isEmpty(p)),
          column,
        )) {
          const words = textOf(para)
            .split(/[\s\u00a0]+/)
            .filter(Boolean)
            .map(squashAll);
          const ends = new Set<number>();
          let at = 0;
          for (const w of words) {
            at += w.length;
            ends.add(at);
          }
          let got = 0;
          for (const l of lines.slice(0, -1)) {
            got += squashAll(l.text).length;
            expect(ends.has(got), `table ${item + 1}: "${l.text}" breaks inside a word of "${textOf(para).slice(0, 40)}"`).toBe(true);
          }
        }
      }
    }
  },

  'appendices: each starts a page; rule 1/3–1/2 of the longest title line, centred'(c, d) {
    const starts = sectionStarts(c, d);
    expect(starts.length).toBe(c.model.appendices.length + 1);
    const paras = c.parts.afterClosing.flatMap((b) => (b.kind === 'p' ? [b.p] : []));
    let at = 0;
    c.model.appendices.forEach((_a, i) => {
      const page = starts[i + 1];
      expect(page, `appendix ${i + 1} after the plan`).toBeGreaterThan(starts[i]);
      const k = paras.findIndex((p, j) => j >= at && /^Phụ lục( [IVXLC]+)?$/.test(textOf(p)));
      const rest = paras.slice(k + 1);
      const ruleIdx = rest.findIndex((p) => isEmpty(p) && hasRule(p));
      const head = rest.slice(0, ruleIdx).filter((p) => !isEmpty(p));
      const titles = head.filter((p) => !textOf(p).startsWith('(Kèm theo'));
      const area = textArea(c, i + 1);
      const from = d.rows.findIndex((r) => r.page === page);
      const lines = loLines(d, head, area, from);
      const titleLines = lines.filter((x) => titles.includes(x.para)).flatMap((x) => x.lines);
      expect(titleLines.length).toBeGreaterThan(0);
      const longest = Math.max(...titleLines.map(widthOf));
      const last = lines[lines.length - 1].lines[lines[lines.length - 1].lines.length - 1];
      const rule = rulesUnder(d, last)[0];
      expect(rule, `appendix ${i + 1}: a drawn rule under its heading`).toBeDefined();
      const share = widthOf(rule) / longest;
      expect(inRange(share, ND30.ruleShare, 0.005), `appendix ${i + 1} rule = ${share.toFixed(3)} of ${toMm(longest).toFixed(1)} mm`).toBe(true);
      expect(Math.abs(centre(rule) - (area.left + area.right) / 2), 'rule centred').toBeLessThanOrEqual(PT_TOL);
      at = k + 1;
    });
  },
};

describe.skipIf(!lo.available)(
  lo.available ? "LibreOffice's rendering of the DOCX, measured against the decree" : `LibreOffice rendering (skipped: ${lo.reason})`,
  () => {
    describe.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
      let d: LoDoc;
      beforeAll(async () => {
        d = await loDoc(c.name);
      });
      it.each(Object.keys(LO_RULES))('%s', (rule) => LO_RULES[rule](c, d));

      it('text intact: every paragraph, Vietnamese letters included, in reading order', () => {
        const pdf = renderPaths(c.name).lo!;
        const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
        // -raw: content-stream order (LibreOffice writes cells in reading order) and no de-hyphenation.
        const pages = Array.from({ length: n }, (_, p) =>
          execFileSync('pdftotext', ['-raw', '-f', String(p + 1), '-l', String(p + 1), pdf, '-'], { encoding: 'utf8' }).normalize('NFC'),
        );
        // Page numbers (the first line of pages after the first) would break a paragraph that goes on.
        const text = pages.map((p, i) => (i === 0 ? p : p.replace(/^\s*\d+\s*\n/, ''))).join('\n');
        expect(text).not.toContain('\uFFFD');
        const all = squashAll(text);
        for (const t of [ND30.nationalTitle, ND30.motto, 'KẾ HOẠCH', c.plan.title, upper(c.plan.issuer.name), c.plan.signer.name, 'Nơi nhận:'])
          expect(all, `"${t.slice(0, 40)}"`).toContain(squashAll(t));
        let at = 0;
        const paras = bodyParas(c.parts);
        expect(paras.length).toBeGreaterThan(0);
        for (const p of paras) {
          const i = all.indexOf(squashAll(textOf(p)), at);
          expect(i, `body paragraph intact and in order: "${textOf(p).slice(0, 50)}"`).toBeGreaterThanOrEqual(0);
          at = i;
        }
      });
    });

    it('vertically merged cells: LibreOffice lays the cells of the continued rows out in their own columns', async () => {
      const c = byName('grouped rows: vertically merged cells (rowspan) in a content table');
      const d = await loDoc(c.name);
      const t = c.parts.body.flatMap((b) => (b.kind === 'tbl' ? [b.t] : []))[0];
      const sec = c.doc.sections[0];
      // Left edge of a grid column's text in points: margin + table indent + columns before + cell padding.
      const textX = (col: number) => (sec.margins.left + t.indent + t.grid.slice(0, col).reduce((a, b) => a + b, 0) + t.rows[1].cells[0].marginLeft) / 20;
      for (const [word, col] of [
        ['Đạt', 2],
        ['Phạt', 2],
        ['Đình', 2],
      ] as const) {
        const xs = d.rows.flatMap((r) => r.items.filter((i) => i.text.trim().split(/\s+/)[0] === word).map((i) => i.x));
        expect(xs.length, `"${word}" starts one text item in LibreOffice's PDF`).toBe(1);
        expect(Math.abs(xs[0] - textX(col)), `"${word}" at x ${xs[0]} pt, column ${col + 1} text starts at ${textX(col).toFixed(1)} pt`).toBeLessThanOrEqual(1);
      }
      // Numbers are centred in their own column.
      const pad = t.rows[1].cells[0].marginLeft / 20;
      const mid = textX(3) - pad + t.grid[3] / 40;
      for (const word of ['110', '264']) {
        const items = d.rows.flatMap((r) => r.items.filter((i) => i.text.trim() === word));
        expect(items.length, `"${word}" is one text item in LibreOffice's PDF`).toBe(1);
        expect(Math.abs(items[0].x + items[0].width / 2 - mid), `"${word}" centred in column 4`).toBeLessThanOrEqual(1);
      }
    });

    it('renders with a Times New Roman–compatible font (fonts-liberation2), not a fallback', () => {
      const list = execFileSync('pdffonts', [renderPaths(cases[0].name).lo!], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      expect(list.length).toBeGreaterThan(0);
      for (const l of list) expect(l, 'font').toMatch(/LiberationSerif|TimesNewRoman|Times-|Tinos/);
    });
  },
);
