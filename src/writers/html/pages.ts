// Laid-out pages (the PDF writer's display list) as absolutely positioned HTML, so a browser
// shows exactly the PDF's line and page breaks: every glyph run sits at the PDF's x and
// baseline, and justification is the PDF's extra advance per space (CSS word-spacing).
import type { FaceMetrics, FaceName } from '../../fonts/metrics.js';
import type { Color, GlyphRun, PageOut, RuleLine } from '../../layout/types.js';

/** Underline geometry (em), the values the PDF writer draws with (Tinos/Times post table). */
const UNDERLINE_POS = -0.106;
const UNDERLINE_THICK = 0.049;

/** CSS class of a face; each face is its own font family, so no synthetic bold or italic. */
export const faceClass = (name: FaceName) => `kh-${name}`;

/** Points with at most 3 decimals (a thousandth of a point is far below a device pixel). */
export function pt(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return `${Object.is(r, -0) ? 0 : r}pt`;
}

/** A display-list colour (RGB 0–1) as CSS; black, the default, adds nothing. */
export function cssColor(c: Color | undefined): string | undefined {
  if (!c || c.every((v) => v === 0)) return undefined;
  const [r, g, b] = c.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  return `rgb(${r},${g},${b})`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Text of a run. CSS word-spacing also widens no-break spaces, which the PDF never stretches,
 * so in a justified run those are wrapped with word-spacing reset.
 */
function runText(r: GlyphRun): string {
  if (!r.spaceExtra || !r.text.includes('\u00a0')) return escapeHtml(r.text);
  return r.text
    .split(/(\u00a0+)/)
    .map((part) => (part.startsWith('\u00a0') ? `<span class="kh-nb">${part}</span>` : escapeHtml(part)))
    .join('');
}

/** Width of a run as the PDF draws it (advances plus the justification after each space). */
export function runWidth(r: GlyphRun): number {
  return r.face.width(r.text, r.size) + r.spaceExtra * (r.text.split(' ').length - 1);
}

function runHtml(r: GlyphRun): string {
  // With line-height = ascent + descent (and the @font-face metric overrides) the baseline
  // lies exactly `ascent` below the top of the box.
  const color = cssColor(r.color);
  const style =
    `left:${pt(r.x)};top:${pt(r.y - r.face.ascent * r.size)};font-size:${pt(r.size)}` +
    (r.spaceExtra ? `;word-spacing:${pt(r.spaceExtra)}` : '') +
    (color ? `;color:${color}` : '');
  let html = `<span class="kh-run ${faceClass(r.face.name)}" style="${style}">${runText(r)}</span>`;
  if (r.underline) {
    const y = r.y - UNDERLINE_POS * r.size;
    html += ruleHtml({ x1: r.x, y1: y, x2: r.x + runWidth(r), y2: y, width: UNDERLINE_THICK * r.size, color: r.color });
  }
  return html;
}

/** A line as a thin box (the PDF strokes it with butt caps: exactly from end to end). */
function ruleHtml(l: RuleLine): string {
  const color = cssColor(l.color);
  const bg = color ? `background:${color};` : '';
  const w = l.width;
  if (l.y1 === l.y2) {
    const x = Math.min(l.x1, l.x2);
    return `<i class="kh-rule" style="${bg}left:${pt(x)};top:${pt(l.y1 - w / 2)};width:${pt(Math.abs(l.x2 - l.x1))};height:${pt(w)}"></i>`;
  }
  if (l.x1 === l.x2) {
    const y = Math.min(l.y1, l.y2);
    return `<i class="kh-rule" style="${bg}left:${pt(l.x1 - w / 2)};top:${pt(y)};width:${pt(w)};height:${pt(Math.abs(l.y2 - l.y1))}"></i>`;
  }
  // Any other direction: a bar from (x1, y1), turned about its start.
  const len = Math.hypot(l.x2 - l.x1, l.y2 - l.y1);
  const deg = (Math.atan2(l.y2 - l.y1, l.x2 - l.x1) * 180) / Math.PI;
  return `<i class="kh-rule" style="${bg}left:${pt(l.x1)};top:${pt(l.y1 - w / 2)};width:${pt(len)};height:${pt(w)};transform-origin:0 50%;transform:rotate(${Math.round(deg * 1000) / 1000}deg)"></i>`;
}

/** Named @page rule of a page size, so printing from the browser keeps each page's size. */
export const pageSizeName = (p: Pick<PageOut, 'width' | 'height'>) => `kh-${Math.round(p.width)}x${Math.round(p.height)}`;

/** One page: a sheet of the page's size holding its runs and rules. */
export function pageHtml(page: PageOut, index: number): string {
  const parts = [`<div class="kh-page" data-page="${index + 1}" style="width:${pt(page.width)};height:${pt(page.height)};page:${pageSizeName(page)}">`];
  for (const r of page.runs) parts.push(runHtml(r));
  for (const l of page.rules) parts.push(ruleHtml(l));
  parts.push('</div>');
  return parts.join('');
}

/** All pages, one per line (the preview patches them one by one). */
export function pagesHtml(pages: PageOut[]): string {
  return pages.map(pageHtml).join('\n');
}

/** The faces the pages use, in a stable order. */
export function facesUsed(pages: PageOut[]): FaceMetrics[] {
  const seen = new Map<FaceName, FaceMetrics>();
  for (const p of pages) for (const r of p.runs) if (!seen.has(r.face.name)) seen.set(r.face.name, r.face);
  const order: FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];
  return order.filter((n) => seen.has(n)).map((n) => seen.get(n)!);
}
