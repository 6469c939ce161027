// The few TrueType tables the layout and the PDF need (cmap, head, hhea, OS/2, post, name),
// read directly: a full font library costs ~0.3 s to load in a cold CLI run, this costs ~1 ms.
import type { ParsedTrueType } from './subset.js';

export interface FontInfo {
  unitsPerEm: number;
  winAscent: number;
  winDescent: number;
  hheaAscent: number;
  hheaDescent: number;
  lineGap: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  postscriptName: string;
  /** Code point → glyph id (0 when the font lacks it). */
  cmap: Map<number, number>;
}

const dv = (t: ParsedTrueType) => new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);

function readCmap(t: ParsedTrueType, d: DataView): Map<number, number> {
  const table = t.tables.get('cmap');
  if (!table) throw new Error('Phông chữ thiếu bảng "cmap".');
  const base = table.offset;
  const n = d.getUint16(base + 2);
  // Prefer the full Unicode subtable (format 12), then the BMP one (format 4).
  let best = -1;
  let bestRank = -1;
  for (let k = 0; k < n; k++) {
    const p = base + 4 + 8 * k;
    const platform = d.getUint16(p);
    const encoding = d.getUint16(p + 2);
    const off = base + d.getUint32(p + 4);
    const format = d.getUint16(off);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const rank = format === 12 ? 2 : format === 4 ? 1 : -1;
    if (rank > bestRank) {
      best = off;
      bestRank = rank;
    }
  }
  if (best < 0) throw new Error('Phông chữ không có bảng mã Unicode (cmap).');
  const map = new Map<number, number>();
  if (d.getUint16(best) === 12) {
    const groups = d.getUint32(best + 12);
    for (let g = 0; g < groups; g++) {
      const p = best + 16 + 12 * g;
      const start = d.getUint32(p);
      const end = d.getUint32(p + 4);
      const gid = d.getUint32(p + 8);
      for (let c = start; c <= end; c++) map.set(c, gid + c - start);
    }
    return map;
  }
  const segX2 = d.getUint16(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = d.getUint16(ends + 2 * s);
    const start = d.getUint16(starts + 2 * s);
    const delta = d.getInt16(deltas + 2 * s);
    const rangeAt = ranges + 2 * s;
    const range = d.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let g: number;
      if (range === 0) g = (c + delta) & 0xffff;
      else {
        g = d.getUint16(rangeAt + range + 2 * (c - start));
        if (g !== 0) g = (g + delta) & 0xffff;
      }
      if (g !== 0) map.set(c, g);
    }
  }
  return map;
}

function readPostscriptName(t: ParsedTrueType, d: DataView): string {
  const table = t.tables.get('name');
  if (!table) return 'Font';
  const base = table.offset;
  const count = d.getUint16(base + 2);
  const strings = base + d.getUint16(base + 4);
  for (let k = 0; k < count; k++) {
    const p = base + 6 + 12 * k;
    const platform = d.getUint16(p);
    const nameId = d.getUint16(p + 6);
    if (nameId !== 6) continue;
    const len = d.getUint16(p + 8);
    const off = strings + d.getUint16(p + 10);
    let s = '';
    if (platform === 3 || platform === 0) for (let i = 0; i < len; i += 2) s += String.fromCharCode(d.getUint16(off + i));
    else for (let i = 0; i < len; i++) s += String.fromCharCode(d.getUint8(off + i));
    // A PDF name: printable ASCII without delimiters.
    return s.replace(/[^A-Za-z0-9._-]/g, '') || 'Font';
  }
  return 'Font';
}

export function readFontInfo(t: ParsedTrueType): FontInfo {
  const d = dv(t);
  const head = t.tables.get('head')!.offset;
  const hhea = t.tables.get('hhea')!.offset;
  const os2 = t.tables.get('OS/2');
  const post = t.tables.get('post');
  const hheaAscent = d.getInt16(hhea + 4);
  const hheaDescent = d.getInt16(hhea + 6);
  const lineGap = d.getInt16(hhea + 8);
  const winAscent = os2 ? d.getUint16(os2.offset + 74) : hheaAscent;
  const winDescent = os2 ? d.getUint16(os2.offset + 76) : -hheaDescent;
  const capHeight = os2 && d.getUint16(os2.offset) >= 2 && os2.length >= 90 ? d.getInt16(os2.offset + 88) : hheaAscent;
  return {
    unitsPerEm: d.getUint16(head + 18),
    winAscent,
    winDescent,
    hheaAscent,
    hheaDescent,
    lineGap,
    capHeight,
    italicAngle: post ? d.getInt32(post.offset + 4) / 65536 : 0,
    bbox: { minX: d.getInt16(head + 36), minY: d.getInt16(head + 38), maxX: d.getInt16(head + 40), maxY: d.getInt16(head + 42) },
    postscriptName: readPostscriptName(t, d),
    cmap: readCmap(t, d),
  };
}
