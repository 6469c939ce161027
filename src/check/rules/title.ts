// Tên loại and trích yếu (ô 5a) with the rule under it, or a công văn's "V/v" line (ô 5b).
import { loadFontSet } from '../../fonts/metrics.js';
import { wrapLinesMm } from '../measure.js';
import { textProps } from '../segments.js';
import { squash } from '../text.js';
import { type Ctx, inRange } from './context.js';
import { RULE_SLACK_MM } from './header.js';
import { ruleUnder } from './lines.js';

function kindLine(ctx: Ctx): void {
  const { kind, type } = ctx.loc;
  if (!kind) {
    if (!type.congVan && ctx.loc.national)
      ctx.add(
        'kind',
        'error',
        'không tìm thấy tên loại văn bản (ví dụ "QUYẾT ĐỊNH", "KẾ HOẠCH") trên một dòng riêng, hoặc dòng "V/v" của công văn.',
        undefined,
      );
    return;
  }
  const tp = textProps(kind.runs, kind.para.markProps);
  const bad: string[] = [];
  if (!tp.bold) bad.push('chưa in đậm');
  if (!inRange(tp.size, 13, 14)) bad.push(`cỡ ${tp.size} pt (phải 13–14 pt)`);
  if (kind.para.props.align !== 'center') bad.push('chưa căn giữa');
  if (bad.length) ctx.add('kind', 'error', `tên loại văn bản "${kind.text}" ${bad.join(', ')}.`, kind);
}

function summaryLines(ctx: Ctx): void {
  const { summary, kind } = ctx.loc;
  if (!kind) return;
  if (!summary.length) {
    ctx.add('summary', 'error', 'không tìm thấy trích yếu nội dung dưới tên loại văn bản.', kind);
    return;
  }
  const bad = new Set<string>();
  let fix: string | undefined;
  for (const p of summary) {
    const tp = textProps(p.runs, p.markProps);
    if (!tp.bold) bad.add('chưa in đậm');
    if (!inRange(tp.size, 13, 14)) bad.add(`cỡ ${tp.size} pt (phải 13–14 pt)`);
    if (p.props.align !== 'center') {
      bad.add(p.props.align === 'justify' ? 'đang căn đều hai bên' : 'đang căn trái');
      fix = 'Căn giữa trích yếu (Ctrl+E).';
    }
  }
  const first = summary[0];
  if (/^V\/v\b/iu.test(squash(first.text))) bad.add('"V/v" chỉ dùng cho công văn');
  if (bad.size) ctx.add('summary', 'error', `trích yếu ${[...bad].join(', ')}.`, first, { fix });
  const last = summary[summary.length - 1];
  // Under a "(Kèm theo …)" caption the rule goes below the caption.
  const caption = ctx.loc.attachedCaption;
  const rule = ruleUnder(ctx, last, { reach: 2 }) ?? (caption ? ruleUnder(ctx, caption, { reach: 2 }) : undefined);
  if (!rule) {
    ctx.add('summary-rule', 'error', 'thiếu đường kẻ ngang dưới trích yếu.', last, {
      fix: 'Kẻ một đường nét liền dưới trích yếu, dài 1/3 đến 1/2 dòng chữ, căn giữa.',
    });
    return;
  }
  if (rule.lengthMm === undefined || rule.kind === 'border') return;
  const fonts = loadFontSet();
  const widest = Math.max(...summary.map((p) => Math.max(...wrapLinesMm(p.runs, fonts, 160))));
  const share = rule.lengthMm / widest;
  if (rule.lengthMm < widest / 3 - RULE_SLACK_MM || rule.lengthMm > widest / 2 + RULE_SLACK_MM)
    ctx.add(
      'summary-rule',
      'warning',
      `đường kẻ dưới trích yếu dài ${rule.lengthMm.toFixed(0)} mm (${Math.round(share * 100)} % dòng chữ); nên bằng 1/3 đến 1/2 dòng chữ.`,
      last,
    );
}

/** Công văn: "V/v …" under the Số, 12–13 pt, not bold, centred. */
function vvLine(ctx: Ctx): void {
  const { vv, type } = ctx.loc;
  if (!type.congVan || !vv.length) return;
  const bad = new Set<string>();
  for (const s of vv) {
    const tp = textProps(s.runs, s.para.markProps);
    if (!inRange(tp.size, 12, 13)) bad.add(`cỡ ${tp.size} pt (phải 12–13 pt)`);
    if (s.runs.length && s.runs.every((r) => r.props.bold || !r.text.trim())) bad.add('không in đậm');
    if (s.para.props.align !== 'center' && !/\t/.test(s.para.text)) bad.add('chưa căn giữa dưới số, ký hiệu');
  }
  if (bad.size) ctx.add('vv', 'error', `dòng trích yếu công văn ("V/v …"): ${[...bad].join(', ')}.`, vv[0]);
}

export function titleRules(ctx: Ctx): void {
  kindLine(ctx);
  summaryLines(ctx);
  vvLine(ctx);
}
