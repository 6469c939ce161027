// Page content streams: text as glyph-id strings (Identity-H) with TJ adjustments after spaces
// for justification, and stroked lines for rules and table borders.
import type { FaceMetrics } from '../../fonts/metrics.js';
import type { Color, PageOut } from '../../layout/types.js';

/** Colour operator (`rg` fill, `RG` stroke); black as the one-number gray form. */
function colorOp(c: Color | undefined, op: 'rg' | 'RG'): string {
  if (!c || (c[0] === 0 && c[1] === 0 && c[2] === 0)) return op === 'rg' ? '0 g' : '0 G';
  return `${num(c[0])} ${num(c[1])} ${num(c[2])} ${op}`;
}

/** Short, deterministic number formatting (at most 3 decimals, no "-0"). */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

const HEX = '0123456789ABCDEF';
const hex4 = (n: number) => HEX[(n >> 12) & 15] + HEX[(n >> 8) & 15] + HEX[(n >> 4) & 15] + HEX[n & 15];

export interface FontRef {
  name: string;
  cid: Map<number, number>;
}

/** Underline geometry (em): Tinos/Times post table values. */
const UNDERLINE_POS = -0.106;
const UNDERLINE_THICK = 0.049;

export function pageContent(page: PageOut, glyphs: number[][], fontOf: (face: FaceMetrics) => FontRef): string {
  const h = page.height;
  const ops: string[] = [];
  const lines: string[] = [];
  let lineWidth = -1;
  let strokeColor = '0 G';
  const stroke = (x1: number, y1: number, x2: number, y2: number, w: number, color?: Color) => {
    const c = colorOp(color, 'RG');
    if (c !== strokeColor) {
      lines.push(c);
      strokeColor = c;
    }
    if (w !== lineWidth) {
      lines.push(`${num(w)} w`);
      lineWidth = w;
    }
    lines.push(`${num(x1)} ${num(h - y1)} m ${num(x2)} ${num(h - y2)} l S`);
  };
  if (page.runs.length) {
    ops.push('BT');
    let curFont = '';
    let curSize = -1;
    let fill = '0 g';
    page.runs.forEach((r, k) => {
      const f = fontOf(r.face);
      const c = colorOp(r.color, 'rg');
      if (c !== fill) {
        ops.push(c);
        fill = c;
      }
      if (f.name !== curFont || r.size !== curSize) {
        ops.push(`/${f.name} ${num(r.size)} Tf`);
        curFont = f.name;
        curSize = r.size;
      }
      ops.push(`1 0 0 1 ${num(r.x)} ${num(h - r.y)} Tm`);
      const gids = glyphs[k];
      const adjust = r.spaceExtra ? num((-r.spaceExtra * 1000) / r.size) : '';
      if (!adjust) {
        let s = '<';
        for (const g of gids) s += hex4(f.cid.get(g)!);
        ops.push(s + '> Tj');
      } else {
        // Split the string after each space and shift by the justification amount.
        let s = '[<';
        let k2 = 0;
        for (const ch of r.text) {
          s += hex4(f.cid.get(gids[k2++])!);
          if (ch === ' ') s += '>' + adjust + '<';
        }
        ops.push(s + '>] TJ');
      }
      if (r.underline) {
        const width = r.face.width(r.text, r.size) + r.spaceExtra * (r.text.split(' ').length - 1);
        const y = r.y - UNDERLINE_POS * r.size;
        stroke(r.x, y, r.x + width, y, UNDERLINE_THICK * r.size, r.color);
      }
    });
    ops.push('ET');
  }
  for (const l of page.rules) stroke(l.x1, l.y1, l.x2, l.y2, l.width, l.color);
  if (lines.length) ops.push('0 G 0 J', ...lines);
  return ops.join('\n');
}
