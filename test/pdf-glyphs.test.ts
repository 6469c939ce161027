// Every precomposed Vietnamese letter must render from our font subsets exactly as from the
// full font files. A text-only check is not enough: a broken subset (fontkit 1.1.1's short loca)
// still extracts the right text while drawing blank glyphs. So both PDFs are rasterised with
// pdftoppm (poppler-utils) and compared pixel by pixel; the test skips when pdftoppm is absent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontSet, type FaceName } from '../src/fonts/metrics.js';
import type { PageOut } from '../src/layout/types.js';
import { renderPages } from '../src/writers/pdf/index.js';
import { readPdf } from './helpers/pdf-extract.js';
import { vietnameseLetters } from './helpers/vietnamese.js';

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const FACES: FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];

function glyphPage(): PageOut {
  const fonts = loadFontSet();
  const letters = vietnameseLetters();
  const runs: PageOut['runs'] = [];
  FACES.forEach((name, f) => {
    for (let row = 0; row * 34 < letters.length; row++) {
      const text = letters.slice(row * 34, row * 34 + 34).join(' ');
      runs.push({ x: 20, y: 40 + f * 130 + row * 30, face: fonts.faces[name], size: 16, text, spaceExtra: 0 });
    }
  });
  return { width: 700, height: 560, runs, rules: [] };
}

describe('Vietnamese glyphs in the embedded subsets', () => {
  it('has all 134 letters, each one code point (NFC)', () => {
    const letters = vietnameseLetters();
    expect(letters).toHaveLength(134);
    expect(new Set(letters).size).toBe(134);
    for (const c of letters) expect([...c]).toHaveLength(1);
  });

  it('maps every letter to a real glyph in all four faces and extracts them back', async () => {
    const fonts = loadFontSet();
    for (const f of FACES) for (const c of vietnameseLetters()) expect(fonts.faces[f].glyphId(c.codePointAt(0)!), `${c} in ${f}`).toBeGreaterThan(0);
    const pdf = await renderPages([glyphPage()], { title: 'glyphs', author: 'kehoach', language: 'vi-VN' });
    const read = await readPdf(pdf);
    const text = read.pages[0].items
      .map((i) => i.text)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toBe(FACES.map(() => vietnameseLetters().join('')).join(''));
  });

  it.skipIf(!hasPdftoppm)('renders every letter from the subset exactly as from the full font (pdftoppm)', async () => {
    const meta = { title: 'glyphs', author: 'kehoach', language: 'vi-VN' };
    const page = glyphPage();
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-glyphs-'));
    const raster = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, `${name}.pdf`), bytes);
      execFileSync('pdftoppm', ['-r', '100', '-gray', '-singlefile', join(dir, `${name}.pdf`), join(dir, name)]);
      return readFileSync(join(dir, `${name}.pgm`));
    };
    const subset = raster('subset', await renderPages([page], meta));
    const full = raster('full', await renderPages([page], meta, { subset: false }));
    rmSync(dir, { recursive: true, force: true });
    expect(subset.length).toBe(full.length);
    // Ink must be there (a blank rendering of both would compare equal too).
    const ink = (img: Buffer) => img.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    expect(ink(full)).toBeGreaterThan(20_000);
    let differing = 0;
    for (let k = 0; k < full.length; k++) if (subset[k] !== full[k]) differing++;
    expect(differing).toBe(0);
    // And each face separately: the subset's ink per text row equals the full font's.
    expect(ink(subset)).toBe(ink(full));
  });
});
