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
  /** Old glyph id → the CID in the embedded subset, as 4 hex digits. */
  cidHex: CidHex;
}

/** Old glyph id → 4 hex digits of its CID: an array for real glyph ids, a map for .notdef clones. */
export class CidHex {
  private readonly low: string[];
  private readonly high = new Map<number, string>();

  constructor(cid: Map<number, number>) {
    // A packed array (filled in order), not a sparse one.
    let top = 0;
    for (const g of cid.keys()) if (g < 0x10000 && g > top) top = g;
    this.low = new Array<string>(top + 1).fill('');
    for (const [g, c] of cid) {
      if (g < 0x10000) this.low[g] = hex4(c);
      else this.high.set(g, hex4(c));
    }
  }

  of(g: number): string {
    return g < 0x10000 ? this.low[g] : this.high.get(g)!;
  }
}

/** A run's glyphs as a hex string, or as a TJ array shifting each space by `adjust`. */
function glyphString(text: string, gids: number[], hex: CidHex, adjust: string): string {
  let s = adjust ? '[<' : '<';
  if (!adjust) {
    for (let k = 0; k < gids.length; k++) s += hex.of(gids[k]);
    return s + '> Tj';
  }
  // One glyph per code point: a space is one UTF-16 unit, a surrogate pair two.
  let g = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    s += hex.of(gids[g++]);
    if (c === 0x20) s += '>' + adjust + '<';
    else if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return s + '>] TJ';
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
      // Justified lines shift the string after each space by the justification amount.
      ops.push(glyphString(r.text, glyphs[k], f.cidHex, r.spaceExtra ? num((-r.spaceExtra * 1000) / r.size) : ''));
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
