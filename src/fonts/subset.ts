// A small TrueType subsetter for PDF embedding (CIDFontType2, CIDToGIDMap Identity).
//
// Why our own: @pdf-lib/fontkit 1.1.1's `subset: true` writes a short-format `loca` without
// padding odd-length glyph records, so most Tinos glyphs come out blank (while text extraction
// still works). This subsetter parses the font once per process and, per document, copies only
// the used glyphs (plus composite components) into a fresh font with a long-format `loca`,
// 4-byte aligned glyph records, renumbered glyph ids and recomputed checksums.
// Glyph instructions are dropped (PDF renderers do not hint), which keeps subsets small.

interface TableRecord {
  offset: number;
  length: number;
}

export interface ParsedTrueType {
  bytes: Uint8Array;
  tables: Map<string, TableRecord>;
  numGlyphs: number;
  /** Glyph record offsets into `bytes` (numGlyphs + 1 entries). */
  glyphStart: Uint32Array;
  advances: Uint16Array;
  lsbs: Int16Array;
}

export interface SubsetFont {
  /** The TrueType file of the subset. */
  bytes: Uint8Array;
  /** Old glyph id → new glyph id (CID). */
  newId: Map<number, number>;
  /** Old glyph ids in new-id order (index = new id). */
  oldIds: number[];
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * A font file whose structure contradicts itself (a count or an offset pointing past its
 * table or its file). The message is the reason in Vietnamese; loadFace adds the file.
 */
export class FontFormatError extends Error {}

export const fontError = (reason: string): never => {
  throw new FontFormatError(reason);
};

/** Smallest length of the tables read at fixed offsets. */
const MIN_LENGTH: Record<string, number> = { head: 54, hhea: 36, maxp: 6 };

function tableDirectory(bytes: Uint8Array, dv: DataView): Map<string, TableRecord> {
  if (bytes.length < 12) fontError('tệp quá ngắn để là một phông TrueType');
  const tag = dv.getUint32(0);
  if (tag !== 0x00010000 && tag !== 0x74727565) fontError('không phải phông TrueType (.ttf) có bảng glyf (phông OpenType/CFF .otf chưa được hỗ trợ)');
  const numTables = dv.getUint16(4);
  if (12 + 16 * numTables > bytes.length) fontError(`mục lục khai báo ${numTables} bảng, vượt quá cuối tệp`);
  const tables = new Map<string, TableRecord>();
  for (let k = 0; k < numTables; k++) {
    const p = 12 + 16 * k;
    const name = String.fromCharCode(bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]);
    const record = { offset: dv.getUint32(p + 8), length: dv.getUint32(p + 12) };
    if (record.offset + record.length > bytes.length) fontError(`bảng "${name.trim()}" nằm ngoài tệp`);
    tables.set(name, record);
  }
  for (const need of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) {
    const t = tables.get(need) ?? fontError(`thiếu bảng "${need}" (cần một tệp TrueType đầy đủ)`);
    if (t.length < (MIN_LENGTH[need] ?? 0)) fontError(`bảng "${need}" ngắn hơn quy định`);
  }
  return tables;
}

/** Glyph record offsets from loca, each inside glyf and in order. */
function glyphOffsets(dv: DataView, tables: Map<string, TableRecord>, numGlyphs: number): Uint32Array {
  const longLoca = dv.getInt16(tables.get('head')!.offset + 50) === 1;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  if ((numGlyphs + 1) * (longLoca ? 4 : 2) > loca.length) fontError(`bảng "loca" ngắn hơn số glyph (${numGlyphs})`);
  const glyphStart = new Uint32Array(numGlyphs + 1);
  let last = 0;
  for (let g = 0; g <= numGlyphs; g++) {
    const off = longLoca ? dv.getUint32(loca.offset + 4 * g) : dv.getUint16(loca.offset + 2 * g) * 2;
    if (off < last || off > glyf.length) fontError(`bảng "loca" trỏ ra ngoài bảng "glyf" (glyph ${g})`);
    last = off;
    glyphStart[g] = glyf.offset + off;
  }
  return glyphStart;
}

/**
 * Parses and checks the tables a font is read through: every count and offset is checked
 * against its table and the file before use, so a crafted font fails with a reason instead of
 * reading past the end or allocating gigabytes.
 */
export function parseTrueType(input: Uint8Array, opts: { checkGlyphs?: boolean } = {}): ParsedTrueType {
  // A plain Uint8Array copy: Buffer#slice would alias the file and let subsets write into it.
  const bytes = new Uint8Array(input);
  const dv = view(bytes);
  const tables = tableDirectory(bytes, dv);
  const numGlyphs = dv.getUint16(tables.get('maxp')!.offset + 4);
  if (numGlyphs === 0) fontError('phông không có glyph nào');
  const glyphStart = glyphOffsets(dv, tables, numGlyphs);
  const hmtx = tables.get('hmtx')!;
  const numMetrics = Math.min(dv.getUint16(tables.get('hhea')!.offset + 34), numGlyphs);
  if (numMetrics === 0 || 4 * numMetrics + 2 * (numGlyphs - numMetrics) > hmtx.length) fontError(`bảng "hmtx" ngắn hơn số glyph (${numGlyphs})`);
  const advances = new Uint16Array(numGlyphs);
  const lsbs = new Int16Array(numGlyphs);
  for (let g = 0; g < numGlyphs; g++) {
    if (g < numMetrics) {
      advances[g] = dv.getUint16(hmtx.offset + 4 * g);
      lsbs[g] = dv.getInt16(hmtx.offset + 4 * g + 2);
    } else {
      advances[g] = advances[numMetrics - 1];
      lsbs[g] = dv.getInt16(hmtx.offset + 4 * numMetrics + 2 * (g - numMetrics));
    }
  }
  const font = { bytes, tables, numGlyphs, glyphStart, advances, lsbs };
  if (opts.checkGlyphs !== false) for (let g = 0; g < numGlyphs; g++) checkGlyph(font, g);
  return font;
}

/** A glyph record's header, instructions and component list fit inside the record. */
function checkGlyph(font: ParsedTrueType, gid: number): void {
  const rec = glyphRecord(font, gid);
  if (rec.length === 0) return;
  const broken = () => fontError(`glyph ${gid} trong bảng "glyf" bị cắt cụt`);
  if (rec.length < 10) broken();
  const dv = view(rec);
  const contours = dv.getInt16(0);
  if (contours >= 0) {
    const insAt = 10 + 2 * contours;
    if (insAt + 2 > rec.length || insAt + 2 + dv.getUint16(insAt) > rec.length) broken();
    return;
  }
  forEachComponent(rec, () => {});
}

// Composite glyph flags.
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/** Calls `fn` with the byte offset (inside the record) of each component's glyph index. */
function forEachComponent(rec: Uint8Array, fn: (glyphIndexAt: number, flagsAt: number, flags: number) => void): number {
  const dv = view(rec);
  let p = 10;
  for (;;) {
    if (p + 4 > rec.length) fontError('một glyph ghép trong bảng "glyf" bị cắt cụt');
    const flags = dv.getUint16(p);
    fn(p + 2, p, flags);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (p > rec.length) fontError('một glyph ghép trong bảng "glyf" bị cắt cụt');
    if (!(flags & MORE_COMPONENTS)) return p; // end of the component list
  }
}

function glyphRecord(font: ParsedTrueType, gid: number): Uint8Array {
  return font.bytes.subarray(font.glyphStart[gid], font.glyphStart[gid + 1]);
}

/** The glyph record without hinting instructions, components renumbered. */
function rewriteGlyph(font: ParsedTrueType, gid: number, newId: Map<number, number>): Uint8Array {
  const rec = glyphRecord(font, gid);
  if (rec.length === 0) return rec;
  const dv = view(rec);
  const contours = dv.getInt16(0);
  if (contours >= 0) {
    const insAt = 10 + 2 * contours;
    const insLen = dv.getUint16(insAt);
    const out = new Uint8Array(rec.length - insLen);
    out.set(rec.subarray(0, insAt), 0);
    out[insAt] = 0;
    out[insAt + 1] = 0;
    out.set(rec.subarray(insAt + 2 + insLen), insAt + 2);
    return out;
  }
  const copy = rec.slice();
  const cdv = view(copy);
  const end = forEachComponent(copy, (at, flagsAt, flags) => {
    cdv.setUint16(at, newId.get(cdv.getUint16(at))!);
    cdv.setUint16(flagsAt, flags & ~WE_HAVE_INSTRUCTIONS);
  });
  return copy.subarray(0, end);
}

/** Adds the components of composite glyphs (recursively). */
function closeOverComponents(font: ParsedTrueType, gids: Iterable<number>): number[] {
  const seen = new Set<number>([0]);
  const stack = [...gids];
  while (stack.length) {
    const g = stack.pop()!;
    if (seen.has(g) || g < 0 || g >= font.numGlyphs) continue;
    seen.add(g);
    const rec = glyphRecord(font, g);
    if (rec.length && view(rec).getInt16(0) < 0) {
      forEachComponent(rec, (at) => stack.push(view(rec).getUint16(at)));
    }
  }
  return [...seen].sort((a, b) => a - b);
}

function checksum(b: Uint8Array): number {
  const padded = b.length % 4 ? new Uint8Array(b.length + 4 - (b.length % 4)) : b;
  if (padded !== b) padded.set(b);
  const dv = view(padded);
  let sum = 0;
  for (let p = 0; p < padded.length; p += 4) sum = (sum + dv.getUint32(p)) >>> 0;
  return sum;
}

/** cmap format 4 (platform 3, encoding 1) for the BMP code points of the subset. */
function buildCmap(map: [number, number][]): Uint8Array {
  const pairs = map.filter(([cp]) => cp < 0xffff).sort((a, b) => a[0] - b[0]);
  // One segment per run of consecutive code points with consecutive glyph ids.
  const segs: { start: number; end: number; delta: number }[] = [];
  for (const [cp, g] of pairs) {
    const last = segs[segs.length - 1];
    if (last && cp === last.end + 1 && ((g - cp) & 0xffff) === last.delta) last.end = cp;
    else segs.push({ start: cp, end: cp, delta: (g - cp) & 0xffff });
  }
  segs.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segs.length;
  const sub = new Uint8Array(16 + 8 * n);
  const dv = view(sub);
  dv.setUint16(0, 4);
  dv.setUint16(2, sub.length);
  dv.setUint16(6, 2 * n);
  const pow = 2 ** Math.floor(Math.log2(n));
  dv.setUint16(8, 2 * pow);
  dv.setUint16(10, Math.log2(pow));
  dv.setUint16(12, 2 * n - 2 * pow);
  segs.forEach((s, k) => {
    dv.setUint16(14 + 2 * k, s.end);
    dv.setUint16(16 + 2 * n + 2 * k, s.start);
    dv.setUint16(16 + 4 * n + 2 * k, s.delta);
    dv.setUint16(16 + 6 * n + 2 * k, 0);
  });
  const out = new Uint8Array(12 + sub.length);
  const odv = view(out);
  odv.setUint16(2, 1); // one encoding record
  odv.setUint16(4, 3);
  odv.setUint16(6, 1);
  odv.setUint32(8, 12);
  out.set(sub, 12);
  return out;
}

/** glyf and loca (long offsets) of the glyphs `oldIds`, renumbered by `newId`. */
function glyphTables(font: ParsedTrueType, oldIds: number[], newId: Map<number, number>): { glyf: Uint8Array; loca: Uint8Array } {
  const n = oldIds.length;
  const records = oldIds.map((g) => rewriteGlyph(font, g, newId));
  const glyf = new Uint8Array(records.reduce((s, r) => s + ((r.length + 3) & ~3), 0));
  const loca = new Uint8Array(4 * (n + 1));
  const ldv = view(loca);
  let pos = 0;
  records.forEach((r, k) => {
    ldv.setUint32(4 * k, pos);
    glyf.set(r, pos);
    pos += (r.length + 3) & ~3;
  });
  ldv.setUint32(4 * n, pos);
  return { glyf, loca };
}

/** The subset's tables, sorted by tag as the sfnt directory wants them. */
function subsetTables(font: ParsedTrueType, oldIds: number[], newId: Map<number, number>, cmap: [number, number][]): [string, Uint8Array][] {
  const n = oldIds.length;
  const { glyf, loca } = glyphTables(font, oldIds, newId);
  const hmtx = new Uint8Array(4 * n);
  const hdv = view(hmtx);
  oldIds.forEach((g, k) => {
    hdv.setUint16(4 * k, font.advances[g]);
    hdv.setInt16(4 * k + 2, font.lsbs[g]);
  });
  const src = (name: string) => {
    const t = font.tables.get(name)!;
    return font.bytes.slice(t.offset, t.offset + t.length);
  };
  const head = src('head');
  view(head).setUint32(8, 0); // checkSumAdjustment, set once the file is assembled
  view(head).setInt16(50, 1); // long loca
  const hhea = src('hhea');
  view(hhea).setUint16(34, n);
  const maxp = src('maxp');
  view(maxp).setUint16(4, n);
  const post = new Uint8Array(32);
  post.set(src('post').subarray(0, 32));
  view(post).setUint32(0, 0x00030000); // version 3: no glyph names
  const tables: [string, Uint8Array][] = [
    ['cmap', buildCmap(cmap.filter(([, g]) => newId.has(g)).map(([cp, g]) => [cp, newId.get(g)!]))],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ];
  if (font.tables.has('OS/2')) tables.splice(0, 0, ['OS/2', src('OS/2')]);
  if (font.tables.has('name')) tables.splice(tables.length - 1, 0, ['name', src('name')]);
  return tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** An sfnt file of `tables`, with the table directory, checksums and head's checkSumAdjustment. */
function assembleSfnt(tables: [string, Uint8Array][]): Uint8Array {
  const numTables = tables.length;
  let size = 12 + 16 * numTables;
  const offsets = tables.map(([, t]) => {
    const at = size;
    size += (t.length + 3) & ~3;
    return at;
  });
  const out = new Uint8Array(size);
  const dv = view(out);
  dv.setUint32(0, 0x00010000);
  dv.setUint16(4, numTables);
  const pow = 2 ** Math.floor(Math.log2(numTables));
  dv.setUint16(6, pow * 16);
  dv.setUint16(8, Math.log2(pow));
  dv.setUint16(10, numTables * 16 - pow * 16);
  tables.forEach(([name, t], k) => {
    const p = 12 + 16 * k;
    for (let c = 0; c < 4; c++) out[p + c] = name.charCodeAt(c);
    dv.setUint32(p + 4, checksum(t));
    dv.setUint32(p + 8, offsets[k]);
    dv.setUint32(p + 12, t.length);
    out.set(t, offsets[k]);
  });
  const headAt = offsets[tables.findIndex(([name]) => name === 'head')];
  dv.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/**
 * Builds a subset holding `.notdef`, the given glyphs and their components.
 * `cmap` lists (code point, old glyph id) pairs to put in the subset's own cmap.
 */
export function subsetTrueType(font: ParsedTrueType, gids: Iterable<number>, cmap: [number, number][] = [], notdefClones = 0): SubsetFont {
  const real = closeOverComponents(font, gids);
  const newId = new Map<number, number>();
  real.forEach((g, k) => {
    newId.set(g, k);
  });
  // Copies of .notdef at the end: one glyph id per character the font lacks, so that each gets
  // its own ToUnicode entry (copy-paste gives the character, not the first missing one).
  const oldIds = [...real, ...new Array<number>(notdefClones).fill(0)];
  return { bytes: assembleSfnt(subsetTables(font, oldIds, newId, cmap)), newId, oldIds };
}
