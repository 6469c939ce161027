// The few TrueType tables the layout and the PDF need (cmap, head, hhea, OS/2, post, name),
// read directly: a full font library costs ~0.3 s to load in a cold CLI run, this costs ~1 ms.
import { fontError, type ParsedTrueType } from './subset.js';

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

/** Code points a cmap may map: all of Unicode once (overlapping ranges would repeat them). */
const MAX_MAPPED = 0x110000;

/** The Unicode subtable to read: full Unicode (format 12) before the BMP one (format 4). */
function bestSubtable(t: ParsedTrueType, d: DataView): { at: number; end: number } {
  const table = t.tables.get('cmap') ?? fontError('thiếu bảng "cmap"');
  const base = table.offset;
  const end = base + table.length;
  if (table.length < 4) fontError('bảng "cmap" ngắn hơn quy định');
  const n = d.getUint16(base + 2);
  if (4 + 8 * n > table.length) fontError(`bảng "cmap" khai báo ${n} bảng mã, vượt quá độ dài của nó`);
  let best = -1;
  let bestRank = -1;
  for (let k = 0; k < n; k++) {
    const p = base + 4 + 8 * k;
    const platform = d.getUint16(p);
    const encoding = d.getUint16(p + 2);
    const off = base + d.getUint32(p + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (off + 16 > end) fontError('một bảng mã của bảng "cmap" nằm ngoài bảng');
    const format = d.getUint16(off);
    const rank = format === 12 ? 2 : format === 4 ? 1 : -1;
    if (rank > bestRank) {
      best = off;
      bestRank = rank;
    }
  }
  if (best < 0) fontError('không có bảng mã Unicode (cmap định dạng 4 hoặc 12)');
  return { at: best, end };
}

/** Format 12: groups of consecutive code points → consecutive glyph ids. */
function readCmap12(t: ParsedTrueType, d: DataView, at: number, end: number, map: Map<number, number>): void {
  const groups = d.getUint32(at + 12);
  if (at + 16 + 12 * groups > end) fontError(`bảng mã định dạng 12 khai báo ${groups} nhóm, vượt quá độ dài bảng "cmap"`);
  let mapped = 0;
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + 12 * g;
    const start = d.getUint32(p);
    const last = d.getUint32(p + 4);
    const gid = d.getUint32(p + 8);
    if (start > last || last > 0x10ffff) fontError(`nhóm ${g} của bảng mã định dạng 12 không hợp lệ`);
    mapped += last - start + 1;
    if (mapped > MAX_MAPPED) fontError('bảng mã định dạng 12 có các nhóm chồng lên nhau');
    for (let c = start; c <= last; c++) if (gid + c - start < t.numGlyphs) map.set(c, gid + c - start);
  }
}

/** Format 4: BMP segments, by delta or through the glyph id array. */
function readCmap4(t: ParsedTrueType, d: DataView, at: number, end: number, map: Map<number, number>): void {
  const segX2 = d.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  if (segX2 % 2 || ranges + segX2 > end) fontError(`bảng mã định dạng 4 khai báo ${segX2 / 2} đoạn, vượt quá độ dài bảng "cmap"`);
  let mapped = 0;
  for (let s = 0; s < segX2 / 2; s++) {
    const last = d.getUint16(ends + 2 * s);
    const start = d.getUint16(starts + 2 * s);
    const delta = d.getInt16(deltas + 2 * s);
    const rangeAt = ranges + 2 * s;
    const range = d.getUint16(rangeAt);
    mapped += Math.max(0, last - start + 1);
    if (mapped > MAX_MAPPED) fontError('bảng mã định dạng 4 có các đoạn chồng lên nhau');
    if (range !== 0 && start <= last && rangeAt + range + 2 * (last - start) + 2 > end) fontError(`đoạn ${s} của bảng mã định dạng 4 trỏ ra ngoài bảng "cmap"`);
    for (let c = start; c <= last && c !== 0xffff; c++) {
      let g: number;
      if (range === 0) g = (c + delta) & 0xffff;
      else {
        g = d.getUint16(rangeAt + range + 2 * (c - start));
        if (g !== 0) g = (g + delta) & 0xffff;
      }
      if (g !== 0 && g < t.numGlyphs) map.set(c, g);
    }
  }
}

function readCmap(t: ParsedTrueType, d: DataView): Map<number, number> {
  const { at, end } = bestSubtable(t, d);
  const map = new Map<number, number>();
  if (d.getUint16(at) === 12) readCmap12(t, d, at, end, map);
  else readCmap4(t, d, at, end, map);
  return map;
}

function readPostscriptName(t: ParsedTrueType, d: DataView): string {
  const table = t.tables.get('name');
  if (!table) return 'Font';
  const base = table.offset;
  const end = base + table.length;
  if (table.length < 6) return 'Font';
  // A broken name table only costs the PostScript name.
  const count = Math.min(d.getUint16(base + 2), Math.floor((table.length - 6) / 12));
  const strings = base + d.getUint16(base + 4);
  for (let k = 0; k < count; k++) {
    const p = base + 6 + 12 * k;
    const platform = d.getUint16(p);
    const nameId = d.getUint16(p + 6);
    if (nameId !== 6) continue;
    const len = d.getUint16(p + 8);
    const off = strings + d.getUint16(p + 10);
    if (off + len > end) return 'Font';
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
  // Optional tables too short for the fields read are ignored, as if absent.
  const os2 = (t.tables.get('OS/2')?.length ?? 0) >= 78 ? t.tables.get('OS/2') : undefined;
  const post = (t.tables.get('post')?.length ?? 0) >= 8 ? t.tables.get('post') : undefined;
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
