// NĐ 30 rules checked on any DOCX. Each finding says what is wrong, where, and the rule's source.
import { loadFontSet } from '../fonts/metrics.js';
import type { DocxFile } from './docx-file.js';
import { excerpt, locate, RE, ruleUnder as findRule, type Located } from './locate.js';
import { runsWidthMm, twipsToMm } from './measure.js';
import type { Para } from './model.js';
import { squash } from './text.js';

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Where: "đoạn 12 “…”", "phần header2.xml", "mục 1 (section)". */
  where?: string;
  source: string;
}

interface Ctx {
  doc: DocxFile;
  loc: Located;
  out: Finding[];
}

const SRC = 'NĐ 30, Phụ lục I';
const at = (loc: Located, p: Para) => `đoạn ${loc.paras.indexOf(p) + 1} “${excerpt(p)}”`;

function add(ctx: Ctx, rule: string, severity: Finding['severity'], message: string, where?: string, source = SRC) {
  ctx.out.push({ rule, severity, message, where, source });
}

/** Effective size, bold, italic of a paragraph's text (first text run, else the paragraph mark). */
function textProps(p: Para) {
  const r = p.runs.find((x) => x.text.trim()) ?? { props: p.markProps };
  return { size: r.props.size ?? 10, bold: !!r.props.bold, italic: !!r.props.italic, caps: !!r.props.caps };
}
const inRange = (v: number, lo: number, hi: number) => v >= lo - 0.01 && v <= hi + 0.01;

/** Finds the rule under `p`; a rule typed as underscores counts, with a warning and its measured length. */
function ruleUnder(ctx: Ctx, p: Para) {
  const r = findRule(ctx.loc, p);
  if (r?.kind === 'typed' && r.para) {
    add(
      ctx,
      'typed-rule',
      'warning',
      'đường kẻ được gõ bằng dấu gạch dưới "___"; nên dùng đường kẻ (viền dưới đoạn) có độ dài theo quy định.',
      at(ctx.loc, r.para),
      'NĐ 30, Phụ lục I; thực tiễn',
    );
    return { ...r, lengthMm: runsWidthMm(r.para.runs, loadFontSet()) };
  }
  return r;
}

function pageRules(ctx: Ctx) {
  ctx.doc.sections.forEach((s, k) => {
    const where = ctx.doc.sections.length > 1 ? `mục (section) ${k + 1}` : undefined;
    const landscape = s.orient === 'landscape' || s.pageWidth > s.pageHeight;
    const [w, h] = landscape ? [s.pageHeight, s.pageWidth] : [s.pageWidth, s.pageHeight];
    if (Math.abs(w - 11906) > 30 || Math.abs(h - 16838) > 30)
      add(ctx, 'page-size', 'error', `khổ giấy ${twipsToMm(w).toFixed(0)} × ${twipsToMm(h).toFixed(0)} mm, không phải A4 (210 × 297 mm).`, where);
    const m = s.margins;
    const mm = (t: number) => twipsToMm(t);
    const check = (name: string, v: number, lo: number, hi: number) => {
      if (!inRange(Math.round(mm(v) * 10) / 10, lo, hi)) add(ctx, 'margins', 'error', `lề ${name} ${mm(v).toFixed(1)} mm, phải từ ${lo} đến ${hi} mm.`, where);
    };
    const [top, bottom, left, right] = landscape ? [m.left, m.right, m.top, m.bottom] : [m.top, m.bottom, m.left, m.right];
    check('trên', top, 20, 25);
    check('dưới', bottom, 20, 25);
    check('trái', left, 30, 35);
    check('phải', right, 15, 20);
  });
}

function fontRules(ctx: Ctx) {
  const bad = new Map<string, Para>();
  for (const p of ctx.loc.paras)
    for (const r of p.runs) {
      if (!r.text.trim()) continue;
      for (const slot of ['ascii', 'hAnsi'] as const) {
        const f = r.props.fonts[slot];
        if (f && f !== 'Times New Roman' && !bad.has(f)) bad.set(f, p);
        if (!f && !bad.has('(mặc định)')) bad.set('(mặc định)', p);
      }
    }
  for (const [font, p] of bad)
    add(ctx, 'font', 'error', `dùng phông "${font.replace(/^theme:/, 'theo chủ đề: ')}"; văn bản phải dùng phông Times New Roman (Unicode).`, at(ctx.loc, p));
}

// The header band, element by element, in the order findings are reported.
function headerRules(ctx: Ctx) {
  headerPositionRule(ctx);
  nationalTitleRules(ctx);
  mottoRules(ctx);
  agencyRules(ctx);
  numberRules(ctx);
  dateRules(ctx);
}

/**
 * The header band opens the first page: before the quốc hiệu, only the band's own table or empty
 * paragraphs, and no page or section break (junk pages in front are not a conformant document).
 */
function headerPositionRule(ctx: Ctx) {
  const { loc } = ctx;
  const n = loc.national;
  if (!n) return;
  const before = loc.paras.slice(0, loc.paras.indexOf(n)).filter((p) => !(n.cell && p.cell?.table === n.cell.table));
  const text = before.filter((p) => squash(p.text).replace(/\f/g, ''));
  const broken = before.some((p) => p.text.includes('\f') || p.endsSection);
  if (!text.length && !broken) return;
  const what = [text.length ? `${text.length} đoạn văn bản` : '', broken ? 'ngắt trang' : ''].filter(Boolean).join(' và ');
  add(
    ctx,
    'header-position',
    'error',
    `phần đầu văn bản (quốc hiệu, tên cơ quan, số, ngày) phải ở đầu trang thứ nhất; trước quốc hiệu có ${what}.`,
    at(loc, text[0] ?? n),
  );
}

function nationalTitleRules(ctx: Ctx) {
  const { loc } = ctx;
  const n = loc.national;
  if (!n) {
    const typo = loc.paras.find((p) => /CỘNG HOÀ XÃ HỘI/iu.test(p.text));
    add(
      ctx,
      'national-title',
      'error',
      typo ? 'quốc hiệu viết "CỘNG HOÀ"; phải viết "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".' : 'không tìm thấy quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".',
      typo && at(loc, typo),
    );
    return;
  }
  const t = squash(n.text);
  if (
    t !== 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' &&
    !(n.runs.every((r) => r.props.caps) && t.toLocaleUpperCase('vi-VN') === 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
  )
    add(ctx, 'national-title', 'error', `quốc hiệu phải là "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (chữ in hoa, "HÒA"), đang là "${t}".`, at(loc, n));
  const tp = textProps(n);
  if (!inRange(tp.size, 12, 13)) add(ctx, 'national-title', 'error', `quốc hiệu cỡ ${tp.size} pt, phải 12–13 pt.`, at(loc, n));
  if (!tp.bold) add(ctx, 'national-title', 'error', 'quốc hiệu phải in đậm.', at(loc, n));
  if (n.props.align !== 'center') add(ctx, 'national-title', 'error', 'quốc hiệu phải căn giữa.', at(loc, n));
}

function mottoRules(ctx: Ctx) {
  const { loc } = ctx;
  const m = loc.motto;
  if (!m) {
    add(ctx, 'motto', 'error', 'không tìm thấy tiêu ngữ "Độc lập - Tự do - Hạnh phúc".');
    return;
  }
  const t = squash(m.text);
  if (/[–—]/.test(t)) add(ctx, 'motto', 'error', 'tiêu ngữ dùng gạch dài (–); giữa các cụm từ là gạch nối "-" có cách chữ hai bên.', at(loc, m));
  else if (t !== 'Độc lập - Tự do - Hạnh phúc') add(ctx, 'motto', 'error', `tiêu ngữ phải là "Độc lập - Tự do - Hạnh phúc", đang là "${t}".`, at(loc, m));
  const tp = textProps(m);
  if (!inRange(tp.size, 13, 14)) add(ctx, 'motto', 'error', `tiêu ngữ cỡ ${tp.size} pt, phải 13–14 pt.`, at(loc, m));
  if (!tp.bold) add(ctx, 'motto', 'error', 'tiêu ngữ phải in đậm.', at(loc, m));
  if (m.props.align !== 'center') add(ctx, 'motto', 'error', 'tiêu ngữ phải căn giữa dưới quốc hiệu.', at(loc, m));
  const rule = ruleUnder(ctx, m);
  if (!rule) add(ctx, 'motto-rule', 'error', 'thiếu đường kẻ ngang nét liền dưới tiêu ngữ.', at(loc, m));
  else if (rule.lengthMm !== undefined) {
    const text = runsWidthMm(m.runs, loadFontSet());
    if (Math.abs(rule.lengthMm - text) > 2)
      add(
        ctx,
        'motto-rule',
        'error',
        `đường kẻ dưới tiêu ngữ dài ${rule.lengthMm.toFixed(1)} mm; phải bằng độ dài dòng chữ (${text.toFixed(1)} mm).`,
        at(loc, m),
      );
  }
}

function agencyRules(ctx: Ctx) {
  const { loc } = ctx;
  const agencyBold = loc.agency.filter((p) => textProps(p).bold);
  if (loc.number && !agencyBold.length) add(ctx, 'agency', 'error', 'không tìm thấy tên cơ quan ban hành in đậm phía trên "Số:".', at(loc, loc.number));
  for (const p of loc.agency) {
    const tp = textProps(p);
    if (!inRange(tp.size, 12, 13)) add(ctx, 'agency', 'error', `tên cơ quan cỡ ${tp.size} pt, phải 12–13 pt.`, at(loc, p));
    const t = squash(p.text);
    if (t !== t.toLocaleUpperCase('vi-VN') && !tp.caps) add(ctx, 'agency', 'error', 'tên cơ quan phải viết in hoa.', at(loc, p));
  }
  // The rule goes under the issuing agency (the last bold line), sized on the longest bold line.
  const lastAgency = agencyBold[agencyBold.length - 1];
  if (!lastAgency) return;
  const rule = ruleUnder(ctx, lastAgency);
  if (!rule) add(ctx, 'agency-rule', 'error', 'thiếu đường kẻ ngang dưới tên cơ quan ban hành.', at(loc, lastAgency));
  else if (rule.lengthMm !== undefined) {
    const longest = Math.max(...agencyBold.map((p) => runsWidthMm(p.runs, loadFontSet())));
    const share = rule.lengthMm / longest;
    if (share < 1 / 3 - 0.03 || share > 1 / 2 + 0.03)
      add(
        ctx,
        'agency-rule',
        'warning',
        `đường kẻ dưới tên cơ quan dài ${rule.lengthMm.toFixed(1)} mm, nên bằng 1/3 đến 1/2 độ dài dòng chữ (${(longest / 3).toFixed(1)}–${(longest / 2).toFixed(1)} mm).`,
        at(loc, lastAgency),
      );
  }
}

function numberRules(ctx: Ctx) {
  const { loc } = ctx;
  const p = loc.number;
  if (!p) {
    add(ctx, 'number', 'error', 'không tìm thấy dòng "Số: …/…".');
    return;
  }
  const t = squash(p.text);
  const tp = textProps(p);
  if (!inRange(tp.size, 12, 13)) add(ctx, 'number', 'warning', `dòng "Số" cỡ ${tp.size} pt, nên 13 pt.`, at(loc, p));
  const mm = /^Số\s*:\s*(\d*)\s*\/\s*([^\s]+)$/u.exec(t);
  if (!mm) add(ctx, 'number', 'error', `dòng số, ký hiệu phải có dạng "Số: 05/KH-SYT", đang là "${t}".`, at(loc, p));
  else {
    if (mm[1] && mm[1].length === 1) add(ctx, 'number', 'error', `số văn bản nhỏ hơn 10 phải ghi thêm số 0 phía trước: "0${mm[1]}".`, at(loc, p));
    if (/\s/.test(t.split('/').slice(1).join('/'))) add(ctx, 'number', 'error', 'ký hiệu không được có dấu cách.', at(loc, p));
  }
  if (loc.placeDate?.cell && p.cell && loc.placeDate.cell.row !== p.cell.row)
    add(ctx, 'number', 'warning', '"Số" và địa danh, ngày tháng nên cùng một hàng.', at(loc, p));
}

function dateRules(ctx: Ctx) {
  const { loc } = ctx;
  const p = loc.placeDate;
  if (!p) {
    add(ctx, 'date', 'error', 'không tìm thấy dòng địa danh, ngày tháng ("…, ngày … tháng … năm …").');
    return;
  }
  const m = RE.placeDate.exec(squash(p.text))!;
  const [, place, day, month] = m;
  if (day && /^\d+$/.test(day) && Number(day) < 10 && day.length === 1)
    add(ctx, 'date-padding', 'error', `ngày dưới 10 phải ghi thêm số 0 phía trước: "ngày 0${day}".`, at(loc, p));
  if (month && /^\d+$/.test(month)) {
    const mo = Number(month);
    if (mo <= 2 && month.length === 1) add(ctx, 'date-padding', 'error', `tháng 1, 2 phải ghi thêm số 0 phía trước: "tháng 0${mo}".`, at(loc, p));
    if (mo >= 3 && month.startsWith('0')) add(ctx, 'date-padding', 'error', `tháng ${mo} không ghi số 0 phía trước: "tháng ${mo}".`, at(loc, p));
  }
  if (/^(TP\.?\s*HCM|TPHCM|HCM|Tp\.?\s*Hồ Chí Minh|TP\.\s*Hồ Chí Minh)$/iu.test(place.trim()))
    add(ctx, 'place', 'error', `địa danh "${place}" phải viết đầy đủ "Thành phố Hồ Chí Minh".`, at(loc, p));
  const tp = textProps(p);
  if (!tp.italic) add(ctx, 'date', 'error', 'địa danh, ngày tháng phải in nghiêng.', at(loc, p));
  if (!inRange(tp.size, 13, 14)) add(ctx, 'date', 'error', `địa danh, ngày tháng cỡ ${tp.size} pt, phải 13–14 pt.`, at(loc, p));
  if (p.props.align !== 'center') add(ctx, 'date', 'warning', 'địa danh, ngày tháng nên căn giữa dưới tiêu ngữ.', at(loc, p));
}

function titleRules(ctx: Ctx) {
  const k = ctx.loc.kind;
  if (!k) {
    add(ctx, 'kind', 'warning', 'không tìm thấy tên loại văn bản (ví dụ "KẾ HOẠCH") trên một dòng riêng.');
    return;
  }
  const tp = textProps(k);
  if (!tp.bold) add(ctx, 'kind', 'error', 'tên loại văn bản phải in đậm.', at(ctx.loc, k));
  if (!inRange(tp.size, 13, 14)) add(ctx, 'kind', 'error', `tên loại văn bản cỡ ${tp.size} pt, phải 13–14 pt.`, at(ctx.loc, k));
  if (k.props.align !== 'center') add(ctx, 'kind', 'error', 'tên loại văn bản phải căn giữa.', at(ctx.loc, k));
  const i = ctx.loc.paras.indexOf(k);
  const summary = ctx.loc.paras[i + 1];
  if (summary && squash(summary.text)) {
    if (/^V\/v\b/iu.test(squash(summary.text)))
      add(ctx, 'summary', 'error', '"V/v" chỉ dùng cho công văn, không dùng dưới tên loại văn bản.', at(ctx.loc, summary));
    const letters = squash(summary.text).replace(/[^\p{L}]/gu, '');
    if (letters.length > 8 && letters === letters.toLocaleUpperCase('vi-VN'))
      add(ctx, 'summary', 'warning', 'trích yếu viết toàn chữ in hoa; nên viết thường, hoa chữ đầu câu.', at(ctx.loc, summary));
    if (!textProps(summary).bold) add(ctx, 'summary', 'error', 'trích yếu phải in đậm.', at(ctx.loc, summary));
    if (!ruleUnder(ctx, summary)) add(ctx, 'summary', 'warning', 'thiếu đường kẻ ngang dưới trích yếu.', at(ctx.loc, summary));
  }
}

function bodyRules(ctx: Ctx) {
  const { loc } = ctx;
  const body = loc.paras.slice(loc.bodyStart, loc.bodyEnd).filter((p) => !p.cell && squash(p.text));
  const problems = new Map<string, { n: number; first: Para; message: string; severity: Finding['severity'] }>();
  const flag = (rule: string, p: Para, message: string, severity: Finding['severity'] = 'error') => {
    const e = problems.get(rule);
    if (e) e.n++;
    else problems.set(rule, { n: 1, first: p, message, severity });
  };
  for (const p of body) {
    const tp = textProps(p);
    if (!inRange(tp.size, 13, 14)) flag('body-size', p, `cỡ chữ ${tp.size} pt; nội dung phải 13–14 pt.`);
    if (p.props.align !== 'justify' && p.props.align !== 'center') flag('body-align', p, 'đoạn không căn đều hai lề.');
    const first = twipsToMm((p.props.firstLine ?? 0) - (p.props.hanging ?? 0) + (p.props.indLeft ?? 0));
    if (p.props.align === 'justify' && !(Math.abs(first - 10) < 0.3 || Math.abs(first - 12.7) < 0.3))
      flag('body-indent', p, `lùi đầu dòng ${first.toFixed(1)} mm; phải 1 cm hoặc 1,27 cm.`);
    const gap = (p.props.before ?? 0) + (p.props.after ?? 0);
    if (gap < 119 && !p.props.beforeAutospacing) flag('body-spacing', p, `khoảng cách giữa các đoạn ${(gap / 20).toFixed(0)} pt; tối thiểu 6 pt.`);
    const line = p.props.line ?? 240;
    const rule = p.props.lineRule ?? 'auto';
    if (rule === 'auto' && (line < 240 || line > 360)) flag('body-line', p, `giãn dòng ${(line / 240).toFixed(2)}; phải từ dòng đơn đến 1,5 dòng.`);
    if (rule !== 'auto' && (line / 20 < tp.size || line / 20 > tp.size * 1.5 * 1.16))
      flag('body-line', p, `khoảng cách dòng ${(line / 20).toFixed(1)} pt; phải từ dòng đơn đến 1,5 dòng.`);
  }
  for (const [rule, e] of problems) add(ctx, rule, e.severity, `${e.message}${e.n > 1 ? ` (${e.n} đoạn, đoạn đầu tiên được chỉ ra)` : ''}`, at(loc, e.first));
  const last = [...body].reverse().find((p) => p.props.align === 'justify');
  if (last && !squash(last.text).endsWith('./.'))
    add(ctx, 'closing', 'warning', 'đoạn cuối cùng của nội dung nên kết thúc bằng "./.".', at(loc, last), 'thực tiễn, NĐ 30 Phụ lục III');
}

function recipientRules(ctx: Ctx) {
  const { loc } = ctx;
  const label = loc.recipientsLabel;
  if (!label) {
    add(ctx, 'recipients', 'error', 'không tìm thấy "Nơi nhận:".');
    return;
  }
  const tp = textProps(label);
  if (tp.size !== 12) add(ctx, 'recipients', 'error', `"Nơi nhận:" cỡ ${tp.size} pt, phải 12 pt.`, at(loc, label));
  if (!tp.bold || !tp.italic) add(ctx, 'recipients', 'error', '"Nơi nhận:" phải in nghiêng, đậm.', at(loc, label));
  if (!squash(label.text).endsWith(':')) add(ctx, 'recipients', 'error', 'sau "Nơi nhận" phải có dấu hai chấm.', at(loc, label));
  const items = loc.recipients;
  if (!items.length) add(ctx, 'recipients', 'error', 'không có nơi nhận nào dưới "Nơi nhận:".', at(loc, label));
  const archive = items.findIndex((p) => RE.archive.test(squash(p.text)));
  if (archive < 0) add(ctx, 'archive', 'error', 'thiếu dòng "- Lưu: VT, …." ở cuối nơi nhận.', at(loc, label));
  else if (archive !== items.length - 1) add(ctx, 'archive', 'error', 'dòng "Lưu" phải là dòng cuối cùng của nơi nhận.', at(loc, items[archive]));
  items.forEach((p, k) => {
    const t = squash(p.text);
    const size = textProps(p).size;
    if (size !== 11) add(ctx, 'recipients', 'error', `nơi nhận cỡ ${size} pt, phải 11 pt.`, at(loc, p));
    if (!t.startsWith('-')) add(ctx, 'recipients', 'error', 'mỗi nơi nhận bắt đầu bằng gạch đầu dòng "-".', at(loc, p));
    if (k === archive) {
      if (!t.endsWith('.')) add(ctx, 'archive', 'error', 'dòng "Lưu" kết thúc bằng dấu chấm.', at(loc, p));
    } else if (!t.endsWith(';') && !(k === items.length - 1 && archive < 0))
      add(ctx, 'recipients', 'error', 'mỗi nơi nhận kết thúc bằng dấu chấm phẩy ";".', at(loc, p));
  });
}

function pageNumberRules(ctx: Ctx) {
  const { doc } = ctx;
  const hasPage = (part: string) =>
    /\bPAGE\b/.test(
      doc
        .paragraphsOf(doc.xml(part))
        .flatMap((p) => p.fields)
        .join(' '),
    );
  const textChars = ctx.loc.paras.reduce((n, p) => n + p.text.length, 0);
  const multiPage = textChars > 2500 || doc.sections.length > 1;
  let any = false;
  doc.sections.forEach((s, k) => {
    const where = doc.sections.length > 1 ? `mục (section) ${k + 1}` : undefined;
    for (const [type, part] of Object.entries(s.footers))
      if (part && hasPage(part)) add(ctx, 'page-number', 'error', `số trang đặt ở chân trang (${type}); phải ở giữa lề trên.`, where);
    const def = s.headers.default;
    if (def && hasPage(def)) {
      any = true;
      const p = doc.paragraphsOf(doc.xml(def)).find((x) => x.fields.some((f) => /\bPAGE\b/.test(f)));
      if (p && p.props.align !== 'center') add(ctx, 'page-number', 'error', 'số trang phải căn giữa lề trên.', where);
      const first = s.headers.first;
      if (!s.titlePage) add(ctx, 'page-number', 'error', 'số trang hiện cả ở trang đầu; trang 1 không đánh số (bật "Different First Page").', where);
      else if (first && hasPage(first)) add(ctx, 'page-number', 'error', 'trang đầu có số trang; trang 1 không đánh số.', where);
    }
  });
  if (!any && multiPage) add(ctx, 'page-number', 'error', 'văn bản nhiều trang nhưng không đánh số trang (số Ả Rập, giữa lề trên, từ trang 2).');
}

export const CHECKS = [pageRules, fontRules, headerRules, titleRules, bodyRules, recipientRules, pageNumberRules];

export function checkDocx(doc: DocxFile): Finding[] {
  const ctx: Ctx = { doc, loc: locate(doc), out: [] };
  for (const c of CHECKS) c(ctx);
  return ctx.out;
}
