// Theme fonts: a run may name "majorHAnsi" or "minorHAnsi" instead of a font; the theme part says
// which font that is (Calibri Light, Cambria…), and the clerk needs the real name.
import { all, kid, type XEl } from './xml.js';

export interface ThemeFonts {
  major?: string;
  minor?: string;
}

export function readThemeFonts(theme: XEl | undefined): ThemeFonts {
  if (!theme) return {};
  const latin = (name: string) => kid(all(theme, name)[0], 'a:latin')?.attrs.typeface || undefined;
  return { major: latin('a:majorFont'), minor: latin('a:minorFont') };
}

/** The font a run's font slot resolves to: "theme:majorHAnsi" → the theme's major font. */
export function resolveFont(font: string | undefined, theme: ThemeFonts): string | undefined {
  if (!font?.startsWith('theme:')) return font;
  const which = /^theme:major/i.test(font) ? theme.major : theme.minor;
  return which ?? font;
}
