// The header band (NĐ 30 Phụ lục I, ô 1–4): its place on the first page, quốc hiệu, tiêu ngữ and
// its rule, cơ quan chủ quản / ban hành and the agency's rule, Số, địa danh and date.
import { loadFontSet } from '../../fonts/metrics.js';
import { ptToMm, twipsToMm, wrapLinesMm } from '../measure.js';
import { RE } from '../locate.js';
import { type Segment, textProps } from '../segments.js';
import { squash } from '../text.js';
import { type Ctx, inRange } from './context.js';
import { ruleUnder } from './lines.js';

const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/**
 * How far a drawn rule may miss its length before it is worth saying (mm): hand-drawn lines are
 * rarely exact, and under 2 mm nobody sees the difference on paper.
 */
export const RULE_SLACK_MM = 1.5;
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Width in mm of a piece's visible text (trimmed), in its own face and size. */
function textWidth(seg: Segment): number {
  const tp = textProps(seg.runs, seg.para.markProps);
  const text = tp.caps ? seg.text.toLocaleUpperCase('vi-VN') : seg.text;
  return ptToMm(loadFontSet().face(tp.bold, tp.italic).width(text, tp.size));
}

/** The longest line a piece is set in: a long agency name wraps in its column, and the rule follows the lines. */
function longestLine(ctx: Ctx, seg: Segment): number {
  const cell = seg.para.cell;
  if (!cell || seg.runs.length === 0) return textWidth(seg);
  const inner = twipsToMm(cell.width - cell.marginLeft - cell.marginRight - (seg.para.props.indLeft ?? 0) - (seg.para.props.indRight ?? 0));
  void ctx;
  return Math.min(textWidth(seg), Math.max(...wrapLinesMm(seg.runs, loadFontSet(), inner)));
}

const centred = (seg: Segment) => seg.para.props.align === 'center' || /\t/.test(seg.para.text);

/** Before the quốc hiệu: only the header table's other cells or empty paragraphs, and no page break. */
function headerPosition(ctx: Ctx): void {
  const n = ctx.loc.national;
  if (!n) return;
  const paras = ctx.loc.paras;
  const before = paras.slice(0, paras.indexOf(n.para)).filter((p) => !(n.para.cell && p.cell?.table === n.para.cell.table));
  const text = before.filter((p) => squash(p.text.replace(/\f/g, '')));
  const broken = before.some((p) => p.text.includes('\f') || p.endsSection || p.props.pageBreakBefore);
  if (!text.length && !broken) return;
  const what = [text.length ? `${text.length} đoạn văn bản` : '', broken ? 'ngắt trang' : ''].filter(Boolean).join(' và ');
  ctx.add(
    'header-position',
    'error',
    `phần đầu văn bản (quốc hiệu, tên cơ quan, số, ngày) phải ở đầu trang thứ nhất; trước quốc hiệu có ${what}.`,
    text[0] ?? n,
    {
      fix: 'Xóa phần thừa phía trên quốc hiệu.',
    },
  );
}

/** A document issued with another and printed after it (tên loại first, "(Kèm theo …)" under it) has no header band of its own. */
export const attachedWithoutHeader = (ctx: Ctx) => !!ctx.loc.attachedCaption && !ctx.loc.national && !ctx.loc.motto && !ctx.loc.number;

function nationalTitle(ctx: Ctx): void {
  const n = ctx.loc.national;
  if (!n && attachedWithoutHeader(ctx)) return;
  if (!n) {
    ctx.add('national-title', 'error', `không tìm thấy quốc hiệu "${NATIONAL}".`, undefined, { fix: 'Thêm quốc hiệu ở góc trên bên phải trang đầu.' });
    return;
  }
  const tp = textProps(n.runs, n.para.markProps);
  const shown = tp.caps ? n.text.toLocaleUpperCase('vi-VN') : n.text;
  const spaced = shown.replace(/\s+/g, ' ');
  if (spaced !== NATIONAL) {
    if (spaced.replace('HOÀ', 'HÒA') === NATIONAL)
      ctx.add('national-title', 'warning', 'quốc hiệu viết "HOÀ"; theo chính tả quy định viết "HÒA".', n, { fix: `Sửa thành "${NATIONAL}".` });
    else ctx.add('national-title', 'error', `quốc hiệu phải là "${NATIONAL}" (chữ in hoa), đang là "${n.text}".`, n);
  }
  const bad: string[] = [];
  if (!inRange(tp.size, 12, 13)) bad.push(`cỡ ${tp.size} pt (phải 12–13 pt)`);
  if (!tp.bold) bad.push('chưa in đậm');
  if (!centred(n)) bad.push('chưa căn giữa');
  if (bad.length) ctx.add('national-title', 'error', `quốc hiệu ${bad.join(', ')}.`, n);
}

function motto(ctx: Ctx): void {
  const m = ctx.loc.motto;
  if (!m && attachedWithoutHeader(ctx)) return;
  if (!m) {
    ctx.add('motto', 'error', `không tìm thấy tiêu ngữ "${MOTTO}".`, undefined, { fix: 'Thêm tiêu ngữ dưới quốc hiệu.' });
    return;
  }
  if (m.text !== MOTTO) {
    const dashes = /[–—]/.test(m.text);
    ctx.add(
      'motto',
      'warning',
      dashes ? 'tiêu ngữ dùng gạch dài (– —); giữa các cụm từ là gạch nối "-" có dấu cách hai bên.' : `tiêu ngữ phải viết "${MOTTO}", đang là "${m.text}".`,
      m,
      {
        fix: `Gõ lại "${MOTTO}".`,
      },
    );
  }
  const tp = textProps(m.runs, m.para.markProps);
  const bad: string[] = [];
  if (!inRange(tp.size, 13, 14)) bad.push(`cỡ ${tp.size} pt (phải 13–14 pt)`);
  if (!tp.bold) bad.push('chưa in đậm');
  if (!centred(m)) bad.push('chưa căn giữa');
  if (bad.length) ctx.add('motto', 'error', `tiêu ngữ ${bad.join(', ')}.`, m);
  const rule = ruleUnder(ctx, m, { side: 'right' });
  if (!rule)
    ctx.add('motto-rule', 'error', 'thiếu đường kẻ ngang nét liền dưới tiêu ngữ.', m, { fix: 'Kẻ một đường nét liền dưới tiêu ngữ, dài bằng dòng chữ.' });
  else if (rule.lengthMm !== undefined) {
    const text = textWidth(m);
    if (Math.abs(rule.lengthMm - text) > RULE_SLACK_MM + 0.5)
      ctx.add('motto-rule', 'warning', `đường kẻ dưới tiêu ngữ dài ${rule.lengthMm.toFixed(0)} mm; nên dài bằng dòng chữ (${text.toFixed(0)} mm).`, m);
  }
}

function agency(ctx: Ctx): void {
  const { agency: lines, parent, number } = ctx.loc;
  if (!lines.length) {
    if (number) ctx.add('agency', 'error', 'không tìm thấy tên cơ quan ban hành (in hoa, đậm) phía trên "Số:".', number);
    return;
  }
  const bad = new Set<string>();
  for (const s of lines) {
    const tp = textProps(s.runs, s.para.markProps);
    if (!inRange(tp.size, 12, 13)) bad.add(`cỡ ${tp.size} pt (phải 12–13 pt)`);
    if (s.text !== s.text.toLocaleUpperCase('vi-VN') && !tp.caps) bad.add('chưa viết in hoa');
  }
  if (bad.size) ctx.add('agency', 'error', `tên cơ quan ban hành ${[...bad].join(', ')}.`, lines[0]);
  const pbad = new Set<string>();
  for (const s of parent) {
    const tp = textProps(s.runs, s.para.markProps);
    if (!inRange(tp.size, 12, 13)) pbad.add(`cỡ ${tp.size} pt (phải 12–13 pt)`);
    if (s.text !== s.text.toLocaleUpperCase('vi-VN') && !tp.caps) pbad.add('chưa viết in hoa');
  }
  if (pbad.size) ctx.add('agency', 'error', `tên cơ quan chủ quản ${[...pbad].join(', ')}.`, parent[0]);
  const last = lines[lines.length - 1];
  const rule = ruleUnder(ctx, last, { side: 'left' });
  if (!rule) {
    ctx.add('agency-rule', 'error', 'thiếu đường kẻ ngang dưới tên cơ quan ban hành.', last, {
      fix: 'Kẻ một đường nét liền dưới tên cơ quan, dài 1/3 đến 1/2 dòng chữ.',
    });
    return;
  }
  if (rule.lengthMm === undefined) return;
  const longest = Math.max(...lines.map((s) => longestLine(ctx, s)));
  const share = rule.lengthMm / longest;
  if (rule.lengthMm < longest / 3 - RULE_SLACK_MM || rule.lengthMm > longest / 2 + RULE_SLACK_MM)
    ctx.add(
      'agency-rule',
      'warning',
      `đường kẻ dưới tên cơ quan dài ${rule.lengthMm.toFixed(0)} mm (${Math.round(share * 100)} % dòng chữ); nên bằng 1/3 đến 1/2 dòng chữ (${(longest / 3).toFixed(0)}–${(longest / 2).toFixed(0)} mm).`,
      last,
    );
}

function numberLine(ctx: Ctx): void {
  const p = ctx.loc.number;
  if (!p) {
    if (ctx.loc.national) ctx.add('number', 'error', 'không tìm thấy dòng số, ký hiệu ("Số: …/…").', undefined);
    return;
  }
  const t = p.text.replace(/\s+/g, ' ');
  const m = /^Số\s*(:?)\s*(\d*)\s*\/\s*(\S*)/u.exec(t);
  if (!m) ctx.add('number', 'error', `dòng số, ký hiệu phải có dạng "Số: 05/KH-SYT", đang là "${t}".`, p);
  else {
    if (!m[1]) ctx.add('number', 'error', 'sau chữ "Số" phải có dấu hai chấm.', p, { fix: `Sửa thành "Số: ${m[2]}/${m[3]}".` });
    if (m[2] && m[2].length === 1) ctx.add('number', 'error', `số văn bản nhỏ hơn 10 phải có số 0 phía trước: "0${m[2]}".`, p);
    const symbol = t.slice(t.indexOf('/') + 1).trim();
    if (/\d\s+\//.test(t) || /\/\s+\S/.test(t) || /\s/.test(symbol)) ctx.add('number', 'error', 'số, ký hiệu văn bản không được có dấu cách.', p);
    if (/[()]/.test(symbol)) ctx.add('number', 'error', `ký hiệu "${symbol}" có ngoặc đơn; các nhóm chữ viết tắt nối với nhau bằng gạch nối "-".`, p);
  }
  const tp = textProps(p.runs, p.para.markProps);
  if (!inRange(tp.size, 13, 13)) ctx.add('number', 'warning', `dòng "Số" cỡ ${tp.size} pt; theo mẫu là 13 pt.`, p);
}

function placeDate(ctx: Ctx): void {
  const p = ctx.loc.placeDate;
  if (!p) {
    if (ctx.loc.national) ctx.add('place-date', 'error', 'không tìm thấy dòng địa danh, ngày tháng ("…, ngày … tháng … năm …").');
    return;
  }
  const [, place, day, month] = RE.placeDate.exec(p.text)!;
  const bad: string[] = [];
  if (/^\d$/.test(day)) bad.push(`ngày dưới 10 phải có số 0 phía trước ("ngày 0${day}")`);
  if (/^[12]$/.test(month)) bad.push(`tháng 1, 2 phải có số 0 phía trước ("tháng 0${month}")`);
  if (/^0[3-9]$/.test(month)) bad.push(`tháng ${Number(month)} không có số 0 phía trước`);
  if (/^(TP\.?\s*HCM|TPHCM|HCM|Tp\.?\s*Hồ Chí Minh|TP\.\s*Hồ Chí Minh)$/iu.test(place.trim()))
    bad.push(`địa danh "${place}" phải viết đầy đủ "Thành phố Hồ Chí Minh"`);
  const tp = textProps(p.runs, p.para.markProps);
  if (!tp.italic) bad.push('chưa in nghiêng');
  if (!inRange(tp.size, 13, 14)) bad.push(`cỡ ${tp.size} pt (phải 13–14 pt)`);
  if (bad.length) ctx.add('place-date', 'error', `địa danh, ngày tháng: ${bad.join('; ')}.`, p);
}

export function headerRules(ctx: Ctx): void {
  headerPosition(ctx);
  nationalTitle(ctx);
  motto(ctx);
  agency(ctx);
  numberLine(ctx);
  placeDate(ctx);
}
