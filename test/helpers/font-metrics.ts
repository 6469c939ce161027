// Vertical metrics of the fonts, read from the font files with fontkit (never through src/fonts):
// Word's single line height is (OS/2 winAscent + winDescent + hhea lineGap) / unitsPerEm × size,
// and the baseline sits winDescent above the bottom of the line. Tinos (our PDF) and Liberation
// Serif 2.x (LibreOffice's stand-in for Times New Roman) share Times New Roman's metrics; both are
// checked to agree here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { ROOT } from './render.js';

interface Vertical {
  upm: number;
  winAscent: number;
  winDescent: number;
  lineGap: number;
}

function vertical(file: string): Vertical {
  const f = fontkit.create(readFileSync(file)) as any;
  return { upm: f.unitsPerEm, winAscent: f['OS/2'].winAscent, winDescent: f['OS/2'].winDescent, lineGap: f.hhea.lineGap };
}

const files = ['Regular', 'Bold', 'Italic', 'BoldItalic'].map((s) => join(ROOT, 'fonts', 'tinos', `Tinos-${s}.ttf`));
const liberation = ['Regular', 'Bold', 'Italic', 'BoldItalic'].map((s) => `/usr/share/fonts/truetype/liberation2/LiberationSerif-${s}.ttf`).filter(existsSync);
const all = [...files, ...liberation].map((f) => ({ f, v: vertical(f) }));
const V = all[0].v;
for (const { f, v } of all)
  if (v.winAscent / v.upm !== V.winAscent / V.upm || v.winDescent / v.upm !== V.winDescent / V.upm || v.lineGap / v.upm !== V.lineGap / V.upm)
    throw new Error(`${f} has other vertical metrics than ${all[0].f}: the line model assumes one set`);

export const METRICS = V;
/** Single line height, in em. */
export const LINE_EM = (V.winAscent + V.winDescent + V.lineGap) / V.upm;
/** Descent below the baseline, in em. */
export const DESCENT_EM = V.winDescent / V.upm;
/** Distance from the top of a single-spaced line to its baseline, in em. */
export const ASCENT_EM = LINE_EM - DESCENT_EM;
