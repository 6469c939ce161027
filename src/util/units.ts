// Units of length, in one place. The page description is in points on the twip grid (1/20 pt,
// the unit a DOCX stores lengths in), so the DOCX and the PDF read the same numbers.

export const PT_PER_MM = 72 / 25.4;
const TWIPS_PER_MM = 1440 / 25.4;

export const mmToPt = (mm: number) => mm * PT_PER_MM;
export const ptToMm = (pt: number) => pt / PT_PER_MM;

/** Millimetres → whole twips. */
export const mmToTwip = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** Millimetres → points, rounded to whole twips (what a DOCX can hold). */
export const mmToGridPt = (mm: number) => mmToTwip(mm) / 20;

/** Points → whole twips (exact for lengths already on the twip grid). */
export const ptToTwip = (pt: number) => Math.round(pt * 20);
/** Font sizes: points → half-points (w:sz). */
export const ptToHalfPt = (pt: number) => Math.round(pt * 2);
/** Border widths: points → eighths of a point (w:sz of a border). */
export const ptToEighthPt = (pt: number) => Math.round(pt * 8);
/** Word's "auto" line rule: 240 = single spacing. */
export const lineMultipleToAuto = (multiple: number) => Math.round(240 * multiple);
