// Lines drawn as shapes: Word users draw the rules under the tiêu ngữ, the agency and the trích
// yếu as line shapes anchored in a nearby paragraph (often the next row of the header table). Read
// from DrawingML (preferred: its extent is exact) or the VML fallback of older files.
import { all, kid, type XEl } from './xml.js';

export interface LineShape {
  /** Horizontal length, mm. */
  lengthMm: number;
  /** Offset of the anchor from its reference (column or paragraph), mm; undefined for inline shapes. */
  offsetMm?: number;
}

const EMU_PER_MM = 36000;
const PT_MM = 25.4 / 72;

function cssLength(style: string | undefined, prop: string): number | undefined {
  const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*(-?[\\d.]+)(pt|in|mm|cm|px)?`).exec(style ?? '');
  if (!m) return undefined;
  const unit = { pt: PT_MM, in: 25.4, mm: 1, cm: 10, px: 25.4 / 96 }[m[2] ?? 'pt'] ?? PT_MM;
  return parseFloat(m[1]) * unit;
}

/** A DrawingML shape that is a horizontal line: a line/connector geometry, or a shape much wider than tall. */
function drawingLine(d: XEl): LineShape | undefined {
  const ext = kid(d, 'wp:extent');
  const cx = Number(ext?.attrs.cx ?? 0) / EMU_PER_MM;
  const cy = Number(ext?.attrs.cy ?? 0) / EMU_PER_MM;
  const geom = all(d, 'a:prstGeom')[0]?.attrs.prst ?? '';
  const isLine = /line|connector/i.test(geom) || (cx > 5 && cy < 1.5 && all(d, 'pic:pic').length === 0);
  if (!isLine || cx < 3 || cy > 3) return undefined;
  const posH = kid(d, 'wp:positionH');
  const off = kid(posH, 'wp:posOffset');
  return { lengthMm: cx, offsetMm: off ? Number(allText(off)) / EMU_PER_MM : undefined };
}

function allText(el: XEl): string {
  return el.children.map((c) => (typeof c === 'string' ? c : allText(c))).join('');
}

/** A VML line (v:line, or a straight-line v:shape/connector). */
function vmlLine(el: XEl): LineShape | undefined {
  if (el.name === 'v:line') {
    const from = (el.attrs.from ?? '0,0').split(',').map(parseFloat);
    const to = (el.attrs.to ?? '0,0').split(',').map(parseFloat);
    const dx = Math.abs((to[0] || 0) - (from[0] || 0)) * PT_MM;
    const dy = Math.abs((to[1] || 0) - (from[1] || 0)) * PT_MM;
    return dx >= 3 && dy < 3 ? { lengthMm: dx, offsetMm: cssLength(el.attrs.style, 'margin-left') } : undefined;
  }
  const type = el.attrs.type ?? '';
  if (/_x0000_t(20|32)\b/.test(type) || /^m,?l/.test(el.attrs.path ?? '') || el.attrs['o:connectortype'] === 'straight') {
    const w = cssLength(el.attrs.style, 'width');
    const h = cssLength(el.attrs.style, 'height') ?? 0;
    return w && w >= 3 && h < 3 ? { lengthMm: w, offsetMm: cssLength(el.attrs.style, 'margin-left') } : undefined;
  }
  return undefined;
}

/** Every horizontal line drawn in `el` (a paragraph), DrawingML first, VML only when there is none. */
export function lineShapes(el: XEl): LineShape[] {
  const out: LineShape[] = [];
  for (const d of [...all(el, 'wp:anchor'), ...all(el, 'wp:inline')]) {
    const l = drawingLine(d);
    if (l) out.push(l);
  }
  if (out.length) return out;
  for (const v of [...all(el, 'v:line'), ...all(el, 'v:shape')]) {
    const l = vmlLine(v);
    if (l) out.push(l);
  }
  return out;
}
