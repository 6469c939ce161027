// Nơi nhận (ô 9b) with its Lưu line, and the signature block (ô 7a–7c): authority, title, name.
import { RE } from '../locate.js';
import { type Segment, textProps } from '../segments.js';
import { type Ctx, inRange } from './context.js';

/** The Lưu line's text without the drafter's initials set small after the final dot (ô 14). */
function archiveText(s: Segment): string {
  const full = s.runs
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (full.endsWith('.')) return full;
  const runs = [...s.runs];
  while (runs.length && (runs[runs.length - 1].props.vertAlign === 'subscript' || runs[runs.length - 1].props.vertAlign === 'superscript')) runs.pop();
  return runs
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function recipients(ctx: Ctx): void {
  const { recipientsLabel: label, recipients: items } = ctx.loc;
  if (!label) {
    if (ctx.loc.national)
      ctx.add('recipients', 'error', 'không tìm thấy "Nơi nhận:".', undefined, { fix: 'Thêm "Nơi nhận:" ở góc dưới bên trái, sau nội dung.' });
    return;
  }
  const tp = textProps(label.runs, label.para.markProps);
  const bad: string[] = [];
  if (tp.size !== 12) bad.push(`cỡ ${tp.size} pt (phải 12 pt)`);
  if (!tp.bold || !tp.italic) bad.push('phải in nghiêng, đậm');
  if (!label.text.endsWith(':')) bad.push('thiếu dấu hai chấm');
  if (bad.length) ctx.add('recipients', 'error', `"Nơi nhận:" ${bad.join(', ')}.`, label);
  const list = items.filter((s) => !RE.archive.test(s.text));
  for (const s of list) {
    const size = textProps(s.runs, s.para.markProps).size;
    if (size !== 11) ctx.group('recipients', `size${size}`, 'error', `dòng nơi nhận cỡ ${size} pt; phải 11 pt`, s, 'dòng');
    if (!/^[-+]/.test(s.text)) ctx.group('recipients', 'dash', 'error', 'mỗi nơi nhận bắt đầu bằng gạch đầu dòng "-"', s, 'dòng');
    else if (!/[;:]$/.test(s.text)) ctx.group('recipients', 'semi', 'error', 'mỗi nơi nhận kết thúc bằng dấu chấm phẩy ";"', s, 'dòng');
  }
  if (!items.length) ctx.add('recipients', 'error', 'không có nơi nhận nào dưới "Nơi nhận:".', label);
}

function archive(ctx: Ctx): void {
  const { recipientsLabel: label, recipients: items } = ctx.loc;
  if (!label) return;
  // "+ Lưu: VT." nested under the issuing office's own line is how many UBND documents file their copy.
  const lines = items.filter((s) => RE.archive.test(s.text));
  if (!lines.length) {
    ctx.add('archive', 'error', 'thiếu dòng "- Lưu: VT, …." ở cuối nơi nhận.', label, { fix: 'Thêm dòng "- Lưu: VT, (đơn vị soạn thảo)." cuối nơi nhận.' });
    return;
  }
  const s = lines[lines.length - 1];
  const t = archiveText(s);
  const bad: string[] = [];
  if (!/^[-+]?\s*Lưu\s*:/u.test(t)) bad.push('sau "Lưu" phải có dấu hai chấm');
  if (!/^[-+]?\s*Lưu\s*:?\s*VT\b/u.test(t)) bad.push('đầu tiên ghi "VT" (văn thư)');
  if (!/\.$/.test(t)) bad.push('kết thúc bằng dấu chấm');
  if (items.indexOf(s) !== items.length - 1) bad.push('phải là dòng cuối cùng của nơi nhận');
  if (bad.length) ctx.add('archive', 'error', `dòng "Lưu": ${bad.join('; ')}.`, s, { fix: 'Sửa thành "- Lưu: VT, (đơn vị soạn thảo)."' });
}

function signature(ctx: Ctx): void {
  const lines = ctx.loc.signature;
  if (!lines.length) return;
  const last = lines[lines.length - 1];
  // A last line in capitals is a title: the name is missing.
  const named = !(last.text === last.text.toLocaleUpperCase('vi-VN') && /\p{Lu}{3}/u.test(last.text));
  if (!named) ctx.add('signature', 'error', 'thiếu họ tên người ký dưới chức vụ.', last, { fix: 'Ghi họ và tên người ký (in đậm) dưới khoảng ký.' });
  const name = named ? last : undefined;
  const titles = named ? lines.slice(0, -1) : lines;
  const bad = new Set<string>();
  for (const s of titles) {
    const tp = textProps(s.runs, s.para.markProps);
    if (!tp.bold) bad.add('thẩm quyền, chức vụ người ký chưa in đậm');
    if (s.text !== s.text.toLocaleUpperCase('vi-VN') && !tp.caps) bad.add('thẩm quyền, chức vụ người ký chưa viết in hoa');
    if (!inRange(tp.size, 13, 14)) bad.add(`thẩm quyền, chức vụ cỡ ${tp.size} pt (phải 13–14 pt)`);
  }
  const auth = titles[0]?.text;
  if (auth && /^(TM|KT|TL|TUQ|Q)\s/.test(auth)) bad.add(`viết tắt thẩm quyền thiếu dấu chấm ("${auth.split(' ')[0]}.")`);
  if (name) {
    const ntp = textProps(name.runs, name.para.markProps);
    if (!ntp.bold) bad.add('họ tên người ký chưa in đậm');
    if (!inRange(ntp.size, 13, 14)) bad.add(`họ tên người ký cỡ ${ntp.size} pt (phải 13–14 pt)`);
  }
  if (bad.size) ctx.add('signature', 'error', `chữ ký: ${[...bad].join('; ')}.`, titles[0] ?? last);
}

export function closingRules(ctx: Ctx): void {
  recipients(ctx);
  archive(ctx);
  signature(ctx);
}
