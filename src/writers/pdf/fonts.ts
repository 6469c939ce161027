// Embeds the faces a document uses as Type0 / CIDFontType2 fonts (Identity-H, CID = glyph id
// of our own subset), with a ToUnicode CMap so that copying and text extraction give the text.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FaceMetrics } from '../../fonts/metrics.js';
import { subsetTrueType } from '../../fonts/subset.js';
import { CidHex } from './content.js';
import { deflateCached } from './deflate-cache.js';
import { Dict, literal, N, Name, type PdfFile, type Ref } from './file.js';

/** Pseudo glyph ids from here on stand for characters missing from the font (copies of .notdef). */
const NOTDEF_CLONE_BASE = 0x10000;

const LOW_LIMIT = 0x2000;

/** Glyphs of one face used by a document: glyph id → the text it stands for. */
export class FaceUsage {
  readonly toText = new Map<number, string>();
  /** Code point → glyph id, filled while encoding (in first-use order). */
  private readonly gidOf = new Map<number, number>();
  /**
   * The same as glyph id + 1 (0: not seen yet) below U+2000, which holds Vietnamese (up to U+1EF9):
   * encoding is then one array read per character.
   */
  private readonly low = new Uint32Array(LOW_LIMIT);
  private missing = 0;
  resourceName: string;

  constructor(
    readonly face: FaceMetrics,
    index: number,
  ) {
    this.resourceName = `F${index + 1}`;
  }

  /** Old (full-font) glyph ids of a string, recording their text. */
  glyphs(text: string): number[] {
    const out: number[] = [];
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      const known = c < LOW_LIMIT ? this.low[c] : 0;
      if (known !== 0) {
        out.push(known - 1);
        continue;
      }
      const cp = text.codePointAt(k)!;
      if (cp > 0xffff) k++;
      out.push(this.first(cp));
    }
    return out;
  }

  /** A code point's glyph id, recorded on first use. */
  private first(cp: number): number {
    let g = this.gidOf.get(cp);
    if (g !== undefined) return g;
    g = this.face.glyphId(cp);
    // A character the font lacks is drawn as .notdef, under an id of its own (see buildSubset).
    if (g === 0) g = NOTDEF_CLONE_BASE + this.missing++;
    this.gidOf.set(cp, g);
    if (cp < LOW_LIMIT) this.low[cp] = g + 1;
    if (!this.toText.has(g)) this.toText.set(g, String.fromCodePoint(cp));
    return g;
  }

  cmapPairs(): [number, number][] {
    return [...this.gidOf.entries()];
  }

  /** The code points used, ascending (the subset cache's key). */
  codePoints(): Uint32Array {
    return Uint32Array.from(this.gidOf.keys()).sort();
  }
}

export interface EmbeddedFace {
  ref: Ref;
  /** Old glyph id → CID in the embedded subset. */
  cid: Map<number, number>;
  /** The same as 4 hex digits, for the content streams. */
  cidHex: CidHex;
  name: string;
}

/** A subset tag (six capital letters) derived from the glyph set, so equal input gives equal bytes. */
function subsetTag(face: FaceMetrics, gids: number[]): string {
  const h = createHash('md5').update(face.postscriptName).update(Uint32Array.from(gids)).digest();
  let tag = '';
  for (let k = 0; k < 6; k++) tag += String.fromCharCode(65 + (h[k] % 26));
  return tag;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function utf16Hex(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) out += hex4(s.charCodeAt(k));
  return out;
}

function toUnicodeCMap(pairs: [number, string][]): string {
  const head = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  const body: string[] = [];
  for (let k = 0; k < pairs.length; k += 100) {
    const chunk = pairs.slice(k, k + 100);
    body.push(`${chunk.length} beginbfchar`);
    for (const [cid, text] of chunk) body.push(`<${hex4(cid)}> <${utf16Hex(text)}>`);
    body.push('endbfchar');
  }
  const tail = ['endcmap', 'CMapName currentdict /CIDInit /ProcSet findresource /defineresource pop', 'end', 'end'];
  return [...head, ...body, ...tail].join('\n');
}

/** A compressed stream (deflated once for equal bytes, see deflate-cache.ts). */
export function flate(file: PdfFile, bytes: Uint8Array): Ref {
  return file.register({ dict: new Dict({ Filter: N.FlateDecode }), data: deflateCached(bytes) });
}

interface BuiltSubset {
  name: string;
  cid: Map<number, number>;
  cidHex: CidHex;
  /** Old glyph ids in CID order. */
  cids: number[];
  fontFile: Uint8Array; // deflated
  length1: number;
  toUnicode: Uint8Array; // deflated
  /** Advance widths in thousandths of an em, in CID order. */
  widths: number[];
}

/**
 * Subsets by glyph set, kept across documents: plans of one agency use nearly the same letters,
 * and a batch of plans then subsets each face once.
 */
const subsetCache = new Map<string, BuiltSubset>();
const SUBSET_CACHE_SIZE = 64;

function buildSubset(usage: FaceUsage, doSubset: boolean): BuiltSubset {
  const face = usage.face;
  const used = [...usage.toText.keys()].sort((a, b) => a - b);
  const real = used.filter((g) => g < NOTDEF_CLONE_BASE);
  const missing = used.filter((g) => g >= NOTDEF_CLONE_BASE);
  const key = `${face.file}|${doSubset}|${Buffer.from(usage.codePoints().buffer).toString('latin1')}`;
  const hit = subsetCache.get(key);
  if (hit) return hit;
  const ttf = face.trueType();
  let bytes: Uint8Array;
  let cid: Map<number, number>;
  let cids: number[];
  if (doSubset) {
    const sub = subsetTrueType(ttf, real, usage.cmapPairs(), missing.length);
    bytes = sub.bytes;
    cid = new Map(sub.newId);
    cids = sub.oldIds;
    missing.forEach((g, k) => {
      cid.set(g, cids.length - missing.length + k);
    });
  } else {
    // The whole font (tests only): every missing character shares .notdef.
    bytes = face.bytes;
    cid = new Map(real.map((g) => [g, g]));
    for (const g of missing) cid.set(g, 0);
    cids = Array.from({ length: ttf.numGlyphs }, (_, g) => g);
  }
  const seen = new Set<number>();
  const unicode = used
    .map((g): [number, string] => [cid.get(g)!, usage.toText.get(g)!])
    .filter(([c]) => !seen.has(c) && !!seen.add(c))
    .sort((a, b) => a[0] - b[0]);
  const scale = 1000 / face.unitsPerEm;
  const built: BuiltSubset = {
    name: doSubset ? `${subsetTag(face, used)}+${face.postscriptName}` : face.postscriptName,
    cid,
    cidHex: new CidHex(cid),
    cids,
    fontFile: deflateSync(bytes),
    length1: bytes.length,
    toUnicode: deflateSync(Buffer.from(toUnicodeCMap(unicode), 'latin1')),
    widths: cids.map((g) => Math.round(ttf.advances[g] * scale)),
  };
  if (subsetCache.size >= SUBSET_CACHE_SIZE) subsetCache.delete(subsetCache.keys().next().value!);
  subsetCache.set(key, built);
  return built;
}

const FONT_NAMES = {
  FontDescriptor: new Name('FontDescriptor'),
  CIDFontType2: new Name('CIDFontType2'),
  Type0: new Name('Type0'),
  IdentityH: new Name('Identity-H'),
  Identity: new Name('Identity'),
};

/** Embeds the subset of `usage` into `file` (five objects, in pdf-lib's order); `subset: false` embeds the whole font file (for tests). */
export function embedFace(file: PdfFile, usage: FaceUsage, opts: { subset?: boolean } = {}): EmbeddedFace {
  const face = usage.face;
  const font = face.info;
  const sub = buildSubset(usage, opts.subset !== false);
  const name = new Name(sub.name);
  const scale = 1000 / face.unitsPerEm;
  const fontFile = file.register({ dict: new Dict({ Filter: N.FlateDecode, Length1: sub.length1 }), data: sub.fontFile });
  const bbox = font.bbox;
  const italic = face.name === 'italic' || face.name === 'boldItalic';
  const descriptor = file.register(
    new Dict({
      Type: FONT_NAMES.FontDescriptor,
      FontName: name,
      Flags: 2 | 32 | (italic ? 64 : 0), // serif, non-symbolic, italic
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v: number) => Math.round(v * scale)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.hheaAscent * scale),
      Descent: Math.round(font.hheaDescent * scale),
      CapHeight: Math.round(font.capHeight * scale),
      StemV: face.name.startsWith('bold') ? 120 : 80,
      FontFile2: fontFile,
    }),
  );
  const cidFont = file.register(
    new Dict({
      Type: N.Font,
      Subtype: FONT_NAMES.CIDFontType2,
      BaseFont: name,
      CIDSystemInfo: new Dict({ Registry: literal('Adobe'), Ordering: literal('Identity'), Supplement: 0 }),
      FontDescriptor: descriptor,
      DW: 1000,
      W: [0, sub.widths],
      CIDToGIDMap: FONT_NAMES.Identity,
    }),
  );
  const toUnicode = file.register({ dict: new Dict({ Filter: N.FlateDecode }), data: sub.toUnicode });
  const type0 = file.register(
    new Dict({ Type: N.Font, Subtype: FONT_NAMES.Type0, BaseFont: name, Encoding: FONT_NAMES.IdentityH, DescendantFonts: [cidFont], ToUnicode: toUnicode }),
  );
  return { ref: type0, cid: sub.cid, cidHex: sub.cidHex, name: sub.name };
}
