// HTML writer: the layout engine's pages (src/layout, as for the PDF) as a standalone page of
// A4 sheets. The browser draws the same glyph runs at the same positions with the same fonts,
// so line and page breaks are the PDF's. The live preview (src/preview) reuses the pieces.
import { loadFontSet, type FaceMetrics, type FontSet } from '../../fonts/metrics.js';
import { subsetTrueType } from '../../fonts/subset.js';
import { layoutDocument, type PageOut } from '../../layout/index.js';
import type { Meta, Presentation } from '../../presentation/types.js';
import { escapeHtml, facesUsed, pagesHtml } from './pages.js';
import { fontFaceCss, pageSizeCss, PAGE_CSS } from './styles.js';

export { pagesHtml, pageHtml, facesUsed, runWidth } from './pages.js';
export { fontFaceCss, pageSizeCss, PAGE_CSS } from './styles.js';

export interface HtmlOptions {
  fonts?: FontSet;
  /**
   * Where the page loads each face from. By default the fonts are embedded as data: URLs
   * holding only the glyphs the document uses, so the file stands alone.
   */
  fontUrl?: (face: FaceMetrics) => string;
}

/** A subset of `face` with the characters of `pages` in it, as a data: URL. */
function embeddedFont(face: FaceMetrics, pages: PageOut[]): string {
  const cmap = new Map<number, number>();
  for (const p of pages) {
    for (const r of p.runs) {
      if (r.face.name !== face.name) continue;
      for (const ch of r.text) {
        const cp = ch.codePointAt(0)!;
        if (!cmap.has(cp)) cmap.set(cp, face.glyphId(cp));
      }
    }
  }
  const pairs = [...cmap].filter(([, g]) => g !== 0);
  const subset = subsetTrueType(
    face.trueType(),
    pairs.map(([, g]) => g),
    pairs,
  );
  return `data:font/ttf;base64,${Buffer.from(subset.bytes).toString('base64')}`;
}

/** A standalone HTML document showing the pages. */
export function htmlDocument(pages: PageOut[], meta: Pick<Meta, 'title' | 'language'>, opts: HtmlOptions = {}): string {
  const urlOf = opts.fontUrl ?? ((f: FaceMetrics) => embeddedFont(f, pages));
  return `<!DOCTYPE html>
<html lang="${escapeHtml(meta.language || 'vi-VN')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kehoach">
<title>${escapeHtml(meta.title)}</title>
<style>
html{background:#e8e8e8}body{margin:0}
${fontFaceCss(facesUsed(pages), urlOf)}
${pageSizeCss(pages)}
${PAGE_CSS}
</style>
</head>
<body>
<div class="kh-pages">
${pagesHtml(pages)}
</div>
</body>
</html>
`;
}

export async function writeHtml(doc: Presentation, opts: HtmlOptions = {}): Promise<Uint8Array> {
  const pages = layoutDocument(doc, opts.fonts ?? loadFontSet());
  return new TextEncoder().encode(htmlDocument(pages, doc.meta, opts));
}
