// Font files and advance-width tables, parsed once per process and shared by the
// DOCX writer (to measure rule lengths and column widths) and the PDF layout engine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../util/package-root.js';
import { readFontInfo, type FontInfo } from './sfnt.js';
import { FontFormatError, parseTrueType, type ParsedTrueType } from './subset.js';

export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';
const FACE_NAMES: readonly FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];

export interface FontFiles {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** Tinos (metric-compatible with Times New Roman, SIL OFL), shipped in fonts/tinos/. */
export function tinosFiles(): FontFiles {
  const dir = packagePath('fonts', 'tinos');
  return {
    regular: join(dir, 'Tinos-Regular.ttf'),
    bold: join(dir, 'Tinos-Bold.ttf'),
    italic: join(dir, 'Tinos-Italic.ttf'),
    boldItalic: join(dir, 'Tinos-BoldItalic.ttf'),
  };
}

export interface FaceMetrics {
  name: FaceName;
  file: string;
  bytes: Uint8Array;
  postscriptName: string;
  unitsPerEm: number;
  /** Word's single line height as a multiple of the font size (winAscent + winDescent, plus hhea lineGap). */
  lineHeight: number;
  ascent: number; // in em
  descent: number; // in em, positive
  /** Advance width in em of a code point (.notdef's if the font lacks it; 0 for controls). */
  advance(cp: number): number;
  /** Glyph id of a code point (0 = .notdef). */
  glyphId(cp: number): number;
  /** Width of a string in points. */
  width(text: string, size: number): number;
  /** The font's glyph tables for subsetting. */
  trueType(): ParsedTrueType;
  /** Vertical metrics, bounding box, names and cmap read from the font file. */
  info: FontInfo;
}

/** Larger than any real face (Times New Roman: 1 MB; a CJK font: 30 MB). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** A font file that cannot be used: not a regular file, too big, or broken inside. */
export class FontFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`tệp phông ${file} hỏng hoặc không dùng được: ${reason}.`);
  }
}

/** The faces shipped in the package: their glyph records are not re-checked at every start (~15 ms cold). */
function shipped(file: string): boolean {
  return Object.values(tinosFiles()).includes(file);
}

/** The font's bytes and tables, checked: a crafted file fails here with its reason. */
function readFace(file: string): { bytes: Buffer; ttf: ParsedTrueType; info: FontInfo } {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (e) {
    throw new FontFileError(file, `không đọc được tệp (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isFile()) throw new FontFileError(file, 'không phải tệp thông thường');
  if (st.size > MAX_FONT_BYTES)
    throw new FontFileError(file, `tệp lớn ${Math.round(st.size / 1024 / 1024)} MB, quá giới hạn ${MAX_FONT_BYTES / 1024 / 1024} MB`);
  const bytes = readFileSync(file);
  try {
    const ttf = parseTrueType(bytes, { checkGlyphs: !shipped(file) });
    return { bytes, ttf, info: readFontInfo(ttf) };
  } catch (e) {
    if (e instanceof FontFormatError) throw new FontFileError(file, e.message);
    // A read past a table's end that the checks did not foresee is still the file's fault.
    if (e instanceof RangeError && /bounds|offset/i.test(e.message)) throw new FontFileError(file, 'một bảng trỏ ra ngoài tệp');
    throw e;
  }
}

function loadFace(name: FaceName, file: string): FaceMetrics {
  const { bytes, ttf, info } = readFace(file);
  const upm = info.unitsPerEm;
  const lineGap = Math.max(0, info.lineGap);
  // Advance widths in em, per code point, filled on first use: an array for the BMP (the line
  // breaker asks for every character of every paragraph), a map beyond it.
  const bmp = new Float64Array(0x10000).fill(Number.NaN);
  const adv = new Map<number, number>();
  const lookup = (cp: number) => {
    if (cp < 0x10000) {
      const a = bmp[cp];
      if (!Number.isNaN(a)) return a;
    }
    let a = adv.get(cp);
    if (a === undefined) {
      const g = info.cmap.get(cp) ?? 0;
      // A character the font lacks is drawn as .notdef: measure it with that glyph's advance
      // (control characters take no room).
      a = g || cp >= 0x20 ? ttf.advances[g] / upm : 0;
      if (cp < 0x10000) bmp[cp] = a;
      else adv.set(cp, a);
    }
    return a;
  };
  return {
    name,
    file,
    bytes,
    trueType: () => ttf,
    info,
    postscriptName: info.postscriptName,
    unitsPerEm: upm,
    lineHeight: (info.winAscent + info.winDescent + lineGap) / upm,
    ascent: info.winAscent / upm,
    descent: info.winDescent / upm,
    advance: lookup,
    glyphId: (cp) => info.cmap.get(cp) ?? 0,
    width(text, size) {
      let w = 0;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c >= 0xd800 && c < 0xdc00) {
          w += lookup(text.codePointAt(k)!);
          k++;
        } else w += lookup(c);
      }
      return w * size;
    },
  };
}

export interface FontSet {
  family: string;
  faces: Record<FaceName, FaceMetrics>;
  face(bold?: boolean, italic?: boolean): FaceMetrics;
}

const cache = new Map<string, FontSet>();

/** Loads (once per process) a family of four faces; defaults to Tinos. */
export function loadFontSet(files: FontFiles = tinosFiles(), family = 'Times New Roman'): FontSet {
  const key = [files.regular, files.bold, files.italic, files.boldItalic, family].join('|');
  let set = cache.get(key);
  if (!set) {
    // The shipped faces are read at their first use: many plans never set bold italic (a cold
    // render read and parsed four 0.5-1 MB files before its first line). A folder given by the
    // user is read at once, so that a broken file is reported before any work starts.
    const loaded: Partial<Record<FaceName, FaceMetrics>> = {};
    const faces = {} as Record<FaceName, FaceMetrics>;
    const load = (name: FaceName) => {
      loaded[name] ??= loadFace(name, files[name]);
      return loaded[name];
    };
    for (const name of FACE_NAMES) {
      if (!shipped(files[name])) load(name);
      Object.defineProperty(faces, name, { enumerable: true, get: () => load(name) });
    }
    set = {
      family,
      faces,
      face: (bold, italic) => faces[bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'],
    };
    cache.set(key, set);
  }
  return set;
}

export const PT_PER_MM = 72 / 25.4;
export const mmToPt = (mm: number) => mm * PT_PER_MM;
export const ptToMm = (pt: number) => pt / PT_PER_MM;

/**
 * Characters of `text` the regular face lacks (each once, in order of appearance): the PDF
 * draws them as .notdef boxes, Word and LibreOffice substitute another font.
 */
export function missingCharacters(text: string, fonts: FontSet): string[] {
  const face = fonts.faces.regular;
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (face.glyphId(cp) === 0) out.add(ch);
  }
  return [...out];
}

/** A font folder could not supply the four faces. */
export class FontFolderError extends Error {}

const FACE_PATTERNS: Record<FaceName, RegExp> = {
  // Windows' Times New Roman files, or "<Family>-Regular.ttf"-style names (Tinos, Liberation Serif…).
  boldItalic: /^timesbi\.ttf$|bold[-_ ]?italic\.ttf$/i,
  bold: /^timesbd\.ttf$|bold\.ttf$/i,
  italic: /^timesi\.ttf$|(italic|oblique)\.ttf$/i,
  regular: /^(times|timesnewroman|times new roman)\.ttf$|regular\.ttf$/i,
};

/** The four TrueType faces in a folder (e.g. the real Times New Roman copied from Windows). */
export function fontFilesFromDir(dir: string): FontFiles {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new FontFolderError(`không đọc được thư mục phông chữ ${dir}.`);
  }
  const found: Partial<FontFiles> = {};
  for (const face of ['boldItalic', 'bold', 'italic', 'regular'] as FaceName[]) {
    const name = names.find((n) => FACE_PATTERNS[face].test(n) && !Object.values(found).includes(join(dir, n)));
    if (name) found[face] = join(dir, name);
  }
  const missing = (['regular', 'bold', 'italic', 'boldItalic'] as FaceName[]).filter((f) => !found[f]);
  if (missing.length)
    throw new FontFolderError(
      `thư mục ${dir} thiếu kiểu chữ ${missing.map((f) => ({ regular: 'thường', bold: 'đậm', italic: 'nghiêng', boldItalic: 'đậm nghiêng' })[f]).join(', ')} (cần 4 tệp .ttf, ví dụ times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf).`,
    );
  return found as FontFiles;
}
