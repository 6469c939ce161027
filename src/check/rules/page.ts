// Page setup and text encoding: A4, the decree's margins (as Word's Page Setup names them), Times
// New Roman everywhere text shows, precomposed Unicode.
import { twipsToMm } from '../measure.js';
import { resolveFont } from '../theme.js';
import { type Ctx, inRange } from './context.js';

const A4 = { w: 11906, h: 16838 };

export function pageRules(ctx: Ctx): void {
  const sections = ctx.doc.sections;
  sections.forEach((s, k) => {
    const where =
      sections.length > 1 ? `mục (section) ${k + 1}${s.orient === 'landscape' || s.pageWidth > s.pageHeight ? ', trang nằm ngang' : ''}` : undefined;
    const landscape = s.pageWidth > s.pageHeight;
    const [w, h] = landscape ? [s.pageHeight, s.pageWidth] : [s.pageWidth, s.pageHeight];
    if (Math.abs(w - A4.w) > 30 || Math.abs(h - A4.h) > 30)
      ctx.add('page-size', 'error', `khổ giấy ${twipsToMm(w).toFixed(0)} × ${twipsToMm(h).toFixed(0)} mm, không phải A4 (210 × 297 mm).`, where, {
        fix: 'Layout → Size → A4.',
      });
    const bad: string[] = [];
    const m = s.margins;
    for (const [name, v, lo, hi] of [
      ['trên', m.top, 20, 25],
      ['dưới', m.bottom, 20, 25],
      ['trái', m.left, 30, 35],
      ['phải', m.right, 15, 20],
    ] as const) {
      const mm = Math.round(twipsToMm(v) * 10) / 10;
      if (!Number.isFinite(mm)) bad.push(`lề ${name} không đặt`);
      else if (!inRange(mm, lo, hi)) bad.push(`lề ${name} ${mm.toFixed(1)} mm (phải ${lo}–${hi} mm)`);
    }
    if (bad.length)
      ctx.add('margins', 'error', `${bad.join('; ')}.`, where, {
        fix: 'Layout → Margins → Custom Margins: trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm.',
      });
  });
}

/** Fonts of visible text, theme fonts named by the font they resolve to. */
export function fontRules(ctx: Ctx): void {
  const bad = new Map<string, { first: (typeof ctx.loc.paras)[number]; n: number }>();
  const fallback = ctx.theme.minor ?? 'Times New Roman';
  for (const p of ctx.loc.paras)
    for (const r of p.runs) {
      if (!r.text.trim() || r.props.vanish) continue;
      const f = resolveFont(r.props.fonts.ascii ?? r.props.fonts.hAnsi, ctx.theme) ?? fallback;
      if (/^Times New Roman$/i.test(f)) continue;
      const e = bad.get(f);
      if (e) e.n++;
      else bad.set(f, { first: p, n: 1 });
    }
  for (const [font, e] of bad)
    ctx.add(
      'font',
      'error',
      `chữ dùng phông "${font.replace(/^theme:/, 'theo chủ đề ')}"${e.n > 1 ? ` (${e.n} đoạn chữ)` : ''}; văn bản phải dùng phông Times New Roman.`,
      e.first,
      {
        fix: 'Chọn toàn bộ văn bản (Ctrl+A) và đặt phông Times New Roman.',
      },
    );
}

export function encodingRules(ctx: Ctx): void {
  const nfd = ctx.loc.paras.filter((p) => p.nfd);
  if (nfd.length)
    ctx.add(
      'nfd',
      'warning',
      `chữ tiếng Việt lưu ở dạng tổ hợp (NFD) trong ${nfd.length} đoạn; hiển thị giống nhau nhưng tìm kiếm, sắp xếp sai (phải là Unicode dựng sẵn, TCVN 6909).`,
      nfd[0],
      {
        fix: 'Chuyển mã sang "Unicode dựng sẵn" (ví dụ bằng Unikey: Công cụ chuyển mã).',
      },
    );
}
