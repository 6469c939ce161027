// Style sheet of the HTML pages: one @font-face family per face, with the metric overrides
// that put each baseline where the PDF has it, and sheets that look like A4 paper.
import type { FaceMetrics } from '../../fonts/metrics.js';
import type { PageOut } from '../../layout/types.js';
import { faceClass, pageSizeName, pt } from './pages.js';

const pct = (em: number) => `${Math.round(em * 1e6) / 1e4}%`;

/**
 * @font-face rules for the given faces. The overrides make every browser use the metrics the
 * layout engine uses (winAscent/winDescent, no line gap), whatever the font's own tables say.
 */
export function fontFaceCss(faces: FaceMetrics[], urlOf: (face: FaceMetrics) => string): string {
  return faces
    .map(
      (f) =>
        `@font-face{font-family:"${faceClass(f.name)}";src:url("${urlOf(f)}") format("truetype");` +
        `ascent-override:${pct(f.ascent)};descent-override:${pct(f.descent)};line-gap-override:0%;font-display:block}\n` +
        `.${faceClass(f.name)}{font-family:"${faceClass(f.name)}";line-height:${Math.round((f.ascent + f.descent) * 1e6) / 1e6}}`,
    )
    .join('\n');
}

/** Page sheets and glyph runs. Kerning and ligatures are off: the PDF places glyphs by advance only. */
export const PAGE_CSS = `
.kh-pages{display:flex;flex-direction:column;align-items:safe center;gap:24px;padding:24px 0}
.kh-page{position:relative;flex:none;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.3),0 4px 16px rgba(0,0,0,.15);overflow:hidden;color:#000}
.kh-run{position:absolute;white-space:pre;font-weight:normal;font-style:normal;letter-spacing:0;
  font-kerning:none;font-variant-ligatures:none;font-feature-settings:"kern" 0,"liga" 0,"clig" 0;font-synthesis:none;
  text-rendering:geometricPrecision;-webkit-text-size-adjust:none;text-size-adjust:none}
.kh-nb{word-spacing:0}
.kh-rule{position:absolute;display:block;background:#000}
@media print{
  html,body{background:none!important;margin:0;padding:0}
  .kh-pages{display:block;padding:0}
  .kh-page{box-shadow:none;margin:0;break-after:page}
}
`;

/** One named @page rule per page size in the document (A4 portrait, landscape appendices). */
export function pageSizeCss(pages: PageOut[]): string {
  const sizes = new Map<string, PageOut>();
  for (const p of pages) sizes.set(pageSizeName(p), p);
  return [...sizes].map(([name, p]) => `@page ${name}{size:${pt(p.width)} ${pt(p.height)};margin:0}`).join('\n');
}
