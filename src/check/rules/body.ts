// Body text (ô 6): 13–14 pt, justified, first-line indent 1–1.27 cm, at least 6 pt between
// paragraphs, single to 1.5 line spacing; the last paragraph ends with "./.".
import { loadFontSet } from '../../fonts/metrics.js';
import { twipsToMm, wrapLinesMm } from '../measure.js';
import type { Para } from '../model.js';
import { textProps } from '../segments.js';
import { squash } from '../text.js';
import { type Ctx, inRange } from './context.js';

/** Whether a paragraph takes more than one line in its column (its alignment only shows then). */
function wraps(ctx: Ctx, p: Para): boolean {
  const s = ctx.doc.sections[0];
  const width = s ? twipsToMm(s.pageWidth - s.margins.left - s.margins.right) : 165;
  const inner = width - twipsToMm((p.props.indLeft ?? 0) + (p.props.indRight ?? 0) + Math.max(0, p.props.firstLine ?? 0));
  return wrapLinesMm(p.runs, loadFontSet(), Math.max(20, inner)).length > 1;
}

/**
 * Where the first line's text starts, from the left indent: the first-line indent plus what a
 * typed tab or spaces push it by (clerks often indent with a tab, which prints at the next tab stop).
 */
function visualIndentMm(ctx: Ctx, p: Para): number {
  let x = (p.props.firstLine ?? 0) - (p.props.hanging ?? 0);
  const lead = /^[ \t\u00a0]*/.exec(p.text)?.[0] ?? '';
  const size = (p.runs[0]?.props.size ?? 13) * 20;
  for (const ch of lead) {
    if (ch === '\t') {
      const stops = (p.props.tabs ?? [])
        .map((t) => t.pos - (p.props.indLeft ?? 0))
        .filter((pos) => pos > x)
        .sort((a, b) => a - b);
      x = stops[0] ?? (Math.floor(x / ctx.defaultTab) + 1) * ctx.defaultTab;
    } else if (x === 0 || lead.includes('\t')) x += size * 0.25; // a Times space is a quarter em; a stray one after an indent is not seen
  }
  return twipsToMm(x);
}

function lineSpacingOk(p: Para, size: number): boolean {
  const line = p.props.line ?? 240;
  const rule = p.props.lineRule ?? 'auto';
  if (rule === 'auto') return line >= 230 && line <= 370;
  // Exact or at-least in points: from single (1.15 em) to 1.5 lines, with some slack for rounding.
  return line / 20 >= size * 0.98 && line / 20 <= size * 1.15 * 1.5 + 1;
}

export function bodyRules(ctx: Ctx): void {
  const body = ctx.loc.body;
  let prev: Para | undefined;
  for (const p of body) {
    const tp = textProps(p.runs, p.markProps);
    if (!inRange(tp.size, 13, 14)) ctx.group('body-size', String(tp.size), 'error', `chữ nội dung cỡ ${tp.size} pt; phải 13–14 pt`, p, 'đoạn');
    if (p.props.align !== 'justify' && p.props.align !== 'center' && wraps(ctx, p))
      ctx.group('body-align', 'x', 'error', 'đoạn nội dung chưa căn đều hai lề', p, 'đoạn', 'Chọn đoạn, căn đều hai bên (Ctrl+J).');
    const first = visualIndentMm(ctx, p);
    const numbered = /^([-–+•]|\d+[.)]|[a-zđ][).]|[IVX]+\.)\s/u.test(squash(p.text));
    if (!p.props.hasNumbering && !numbered && (first < 9.5 || first > 13.2))
      ctx.group(
        'body-indent',
        'x',
        'error',
        `lùi đầu dòng ${first.toFixed(1)} mm; phải từ 1 cm đến 1,27 cm`,
        p,
        'đoạn',
        'Paragraph → Special: First line, By: 1 cm.',
      );
    if (prev) {
      // The clerk's spacing counts if after + before reach 6 pt (Word adds them; LibreOffice may
      // show only the larger, a difference nobody sees at these sizes).
      const gap = (prev.props.after ?? 0) + (p.props.before ?? 0);
      const collapsed = p.props.contextualSpacing && prev.props.styleId === p.props.styleId;
      if ((gap < 115 || collapsed) && !p.props.beforeAutospacing)
        ctx.group(
          'body-spacing',
          'x',
          'error',
          `khoảng cách giữa các đoạn ${collapsed ? 0 : Math.round(gap / 20)} pt; tối thiểu 6 pt`,
          p,
          'chỗ',
          'Paragraph → Spacing Before: 6 pt.',
        );
    }
    if (!lineSpacingOk(p, tp.size)) ctx.group('line-spacing', 'x', 'error', 'khoảng cách dòng ngoài khoảng từ dòng đơn đến 1,5 dòng', p, 'đoạn');
    prev = p;
  }
  // The "./." ends the main text; an appendix or a document issued with it ends as it will.
  const last = ctx.loc.mainBody[ctx.loc.mainBody.length - 1];
  if (last && !/\.\/\.$/.test(squash(last.text)))
    ctx.add('end-mark', 'warning', 'đoạn cuối của nội dung nên kết thúc bằng dấu "./.".', last, { source: 'NĐ 30, Phụ lục I (ô 6)' });
}
