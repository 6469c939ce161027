// Places a line must not break, as a clerk would fix them by hand in Word: the hyphen inside a
// code ("COVID-19", "196-TB/TW", "8935/BNV-CTTN&BĐG", "Quý IV-2025") and the space between "số",
// "Điều", "khoản" and the number after it ("số 10;"). The description carries them as U+2011
// (non-breaking hyphen) and U+00A0 (no-break space). The DOCX keeps the characters: Word's own
// w:noBreakHyphen element makes LibreOffice set the italic text around it wider than Word does;
// the PDF draws U+2011 with the hyphen glyph, so the text copies as "-".
import { Lru } from '../util/lru.js';

export const NB_HYPHEN = '\u2011';
export const NB_SPACE = '\u00a0';

/** A token (no spaces) that holds a digit or a slash is a code ("NH4+-N" too): no hyphen inside it breaks. */
function codeHyphens(token: string): string {
  if (!token.includes('-') || !DIGIT_OR_SLASH.test(token)) return token;
  return token.replace(/(?<=.)-(?=.)/gu, NB_HYPHEN);
}

const DIGIT_OR_SLASH = /[\d/]/;

/** "số 10", "Điều 5", "khoản 2": the word and its number stay on one line. */
const NUMBERED = /(^|[\s(])(số|Số|Điều|điều|khoản|Khoản|Mục|mục|Chương|chương)( )(?=\d)/gu;

export function keepCodesTogether(text: string): string {
  // Both rules need a digit or a slash: most runs have none, and this runs for every run.
  if (!DIGIT_OR_SLASH.test(text)) return text;
  // Remembered: a batch or a live preview renders the same runs again and again (~0.2 ms a plan).
  return kept.remember(text, () => text.replace(/[^\s]+/g, codeHyphens).replace(NUMBERED, (_m, pre: string, word: string) => `${pre}${word}${NB_SPACE}`));
}

/** Runs remembered; those unused for a while are forgotten. */
const kept = new Lru<string, string>(2000);
