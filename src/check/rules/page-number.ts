// Page numbers as Word shows them (NĐ 30 Điều 11 and Phụ lục I): on a document of more than one
// page, Arabic numerals centred in the top margin, 13–14 pt Times New Roman, not on page 1. Only
// the header and footer parts Word displays count: the first-page ones when "Different First Page"
// is on, the even-page ones only with w:evenAndOddHeaders; a section without its own inherits the
// previous section's.
import type { Para } from '../model.js';
import { resolveFont } from '../theme.js';
import { kid } from '../xml.js';
import { type Ctx, inRange } from './context.js';

interface Shown {
  first?: string;
  default?: string;
  even?: string;
}

const PAGE = /\bPAGE\b/;

function pageParagraph(ctx: Ctx, part: string | undefined): Para | undefined {
  if (!part || !ctx.doc.has(part)) return undefined;
  return ctx.doc.paragraphsOf(ctx.doc.xml(part)).find((p) => p.fields.some((f) => PAGE.test(f)));
}

/** Centred by alignment, or pushed to a centre tab stop by the tabs before it. */
function centred(p: Para): boolean {
  if (p.props.align === 'center') return true;
  const before = p.text.slice(0, Math.max(0, p.text.search(/\d|\S/)));
  return before.includes('\t') && (p.props.tabs ?? []).some((t) => t.val === 'center');
}

function numberFormat(ctx: Ctx, p: Para): string[] {
  const run = p.fieldRuns[0] ?? p.runs.find((r) => /\d/.test(r.text)) ?? { props: p.markProps };
  const bad: string[] = [];
  const size = run.props.size ?? 10;
  if (!inRange(size, 13, 14)) bad.push(`cỡ ${size} pt (phải 13–14 pt)`);
  const font = resolveFont(run.props.fonts.ascii ?? run.props.fonts.hAnsi, ctx.theme) ?? ctx.theme.minor ?? 'Times New Roman';
  if (!/^Times New Roman$/i.test(font)) bad.push(`phông "${font}"`);
  if (!centred(p)) bad.push('chưa căn giữa');
  return bad;
}

export function pageNumberRules(ctx: Ctx): void {
  const { doc } = ctx;
  const evenOdd = !!kid(doc.settings, 'w:evenAndOddHeaders');
  // Pages with text: a trailing empty paragraph that spills over is not a page a reader gets.
  const pages = Math.max(1, ...[...ctx.positions].filter(([p]) => p.text.trim()).map(([, at]) => at.page));
  const headers: Shown = {};
  const footers: Shown = {};
  let numbered = false;
  let inFooter = false;
  const format = new Set<string>();
  doc.sections.forEach((s, k) => {
    Object.assign(headers, s.headers);
    Object.assign(footers, s.footers);
    const shownTypes: (keyof Shown)[] = [...(s.titlePage ? ['first' as const] : []), 'default', ...(evenOdd ? ['even' as const] : [])];
    for (const type of shownTypes) {
      const h = pageParagraph(ctx, headers[type]);
      const f = pageParagraph(ctx, footers[type]);
      if (h) {
        numbered = true;
        for (const b of numberFormat(ctx, h)) format.add(b);
      }
      if (f) inFooter = true;
      // Page 1 is the first section's first page: its first-page parts, or the default ones.
      const onPageOne = k === 0 && (type === 'first' || (type === 'default' && !s.titlePage));
      if (onPageOne && (h || f))
        ctx.add('page-number', 'error', 'trang 1 có số trang; trang đầu không đánh số.', undefined, {
          fix: 'Insert → Header → Edit Header, bật "Different First Page".',
        });
    }
  });
  if (inFooter && !numbered)
    ctx.add('page-number', 'error', 'số trang đặt ở chân trang; phải ở giữa lề trên.', undefined, {
      fix: 'Đưa số trang lên đầu trang (Insert → Page Number → Top of Page).',
    });
  else if (!numbered && !inFooter && pages > 1)
    ctx.add('page-number', 'error', `văn bản khoảng ${pages} trang nhưng không đánh số trang (số Ả Rập, giữa lề trên, từ trang 2).`, undefined, {
      fix: 'Insert → Page Number → Top of Page → Plain Number 2, bật "Different First Page".',
    });
  if (format.size) ctx.add('page-number', 'error', `số trang ${[...format].join(', ')}.`, undefined);
}
