// The HTML writer draws the PDF's display list: same pages, every run inside its page, at the
// PDF's positions, with the fonts embedded.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { loadFontSet } from '../src/fonts/metrics.js';
import type { PageOut } from '../src/layout/types.js';
import { buildModel, loadInput, pagesFromModel, templatesFor } from '../src/pipeline.js';
import { htmlDocument, pageHtml, runWidth } from '../src/writers/html/index.js';
import { WRITERS } from '../src/writers/index.js';
import { present } from '../src/presentation/build.js';

const fonts = loadFontSet();
const templates = templatesFor(keHoach);
const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => join('examples', f));

function modelOf(file: string, patch?: (plan: any) => void) {
  const { data } = loadInput(keHoach, file);
  patch?.(data);
  return buildModel(keHoach, data, templates);
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const num = (s: string) => Number(s.replace(/pt$/, ''));

interface ParsedRun {
  left: number;
  top: number;
  size: number;
  face: string;
}

/** Pages and runs as the HTML places them (attributes written by src/writers/html/pages.ts). */
function parsePages(html: string): { width: number; height: number; runs: ParsedRun[] }[] {
  return html
    .split('<div class="kh-page"')
    .slice(1)
    .map((chunk) => {
      const [, w, h] = /style="width:([\d.]+)pt;height:([\d.]+)pt/.exec(chunk)!;
      const runs = [...chunk.matchAll(/<span class="kh-run kh-(\w+)" style="left:(-?[\d.]+pt);top:(-?[\d.]+pt);font-size:([\d.]+pt)/g)].map((m) => ({
        face: m[1],
        left: num(m[2]),
        top: num(m[3]),
        size: num(m[4]),
      }));
      return { width: Number(w), height: Number(h), runs };
    });
}

describe('HTML writer', () => {
  it('is registered as a writer of .html files', () => {
    expect(WRITERS.html?.extension).toBe('.html');
    expect(WRITERS.html?.format).toBe('html');
  });

  it.each(EXAMPLES)('%s: as many pages as the PDF, every run inside its page', async (file) => {
    const model = modelOf(file);
    const pages = pagesFromModel(model, fonts);
    const html = decode(await WRITERS.html!.write(present(model, fonts), { fonts }));
    const parsed = parsePages(html);
    expect(parsed.length).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(0);
    parsed.forEach((p, k) => {
      const page = pages[k];
      expect(p.width).toBeCloseTo(page.width, 2);
      expect(p.height).toBeCloseTo(page.height, 2);
      expect(p.runs.length).toBe(page.runs.length);
      p.runs.forEach((r, i) => {
        const run = page.runs[i];
        // Same place as the PDF: the baseline is `ascent` below the top of the box.
        expect(r.left).toBeCloseTo(run.x, 2);
        expect(r.top + run.face.ascent * r.size).toBeCloseTo(run.y, 2);
        expect(r.face).toBe(run.face.name);
        // Inside the sheet.
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.top).toBeGreaterThanOrEqual(0);
        expect(r.left + runWidth(run)).toBeLessThanOrEqual(p.width + 0.01);
        expect(run.y + run.face.descent * run.size).toBeLessThanOrEqual(p.height);
      });
    });
  });

  it('embeds a font subset for each face used, holding every character of the text', async () => {
    const model = modelOf('examples/kon-tum-2024-phong-trao-70-nam.json');
    const pages = pagesFromModel(model, fonts);
    const html = decode(await WRITERS.html!.write(present(model, fonts), { fonts }));
    const used = new Map<string, Set<number>>();
    for (const p of pages) {
      for (const r of p.runs) {
        const set = used.get(r.face.name) ?? new Set<number>();
        for (const ch of r.text) set.add(ch.codePointAt(0)!);
        used.set(r.face.name, set);
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(3);
    // Exactly the faces used get a @font-face.
    expect(html.match(/@font-face/g)?.length).toBe(used.size);
    for (const [face, cps] of used) {
      const m = new RegExp(`@font-face\\{font-family:"kh-${face}";src:url\\("data:font/ttf;base64,([A-Za-z0-9+/=]+)"\\)`).exec(html);
      expect(m, `@font-face of ${face}`).not.toBeNull();
      const font: any = (fontkit as any).create(Buffer.from(m![1], 'base64'));
      for (const cp of cps) expect(font.glyphForCodePoint(cp).id, `U+${cp.toString(16)} in ${face}`).not.toBe(0);
      // A subset, not the whole 500 KB font.
      expect(m![1].length).toBeLessThan(200_000);
      expect(html).toContain(`.kh-${face}{font-family:"kh-${face}"`);
    }
    // Metric overrides put the baseline where the layout engine has it.
    expect(html).toMatch(/ascent-override:89\.1\d*%;descent-override:21\.6\d*%;line-gap-override:0%/);
  });

  it('links the fonts instead when given their URLs', () => {
    const pages = pagesFromModel(modelOf('examples/minimal.json'), fonts);
    const html = htmlDocument(pages, { title: 't', language: 'vi-VN' }, { fontUrl: (f) => `/fonts/${f.name}.ttf` });
    expect(html).toContain('src:url("/fonts/regular.ttf")');
    expect(html).not.toContain('data:font');
  });

  it('escapes text and keeps no-break spaces out of the justification', async () => {
    const model = modelOf('examples/minimal.json', (p) => {
      p.title = 'Thử <script>alert(1)</script> & "ký tự"';
    });
    const html = decode(await WRITERS.html!.write(present(model, fonts), { fonts }));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;ký tự&quot;');

    const face = fonts.faces.regular;
    const page: PageOut = {
      width: 595.3,
      height: 841.9,
      runs: [{ x: 10, y: 20, face, size: 14, text: 'Số:\u00a0\u00a0\u00a0/KH rộng ra', spaceExtra: 1.5 }],
      rules: [
        { x1: 10, y1: 30, x2: 110, y2: 30, width: 0.75 },
        { x1: 50, y1: 40, x2: 50, y2: 90, width: 0.5 },
      ],
    };
    const one = pageHtml(page, 0);
    expect(one).toContain('word-spacing:1.5pt');
    expect(one).toContain('<span class="kh-nb">\u00a0\u00a0\u00a0</span>');
    expect(one).toContain('<i class="kh-rule" style="left:10pt;top:29.625pt;width:100pt;height:0.75pt"></i>');
    expect(one).toContain('<i class="kh-rule" style="left:49.75pt;top:40pt;width:0.5pt;height:50pt"></i>');
  });

  it('keeps the display list colours (red độ khẩn stamps and their frames)', async () => {
    const face = fonts.faces.bold;
    const red: [number, number, number] = [0.9, 0, 0];
    const html = pageHtml(
      {
        width: 595.3,
        height: 841.9,
        runs: [{ x: 100, y: 200, face, size: 14, text: 'KHẨN', spaceExtra: 0, color: red, underline: true }],
        rules: [{ x1: 90, y1: 180, x2: 160, y2: 180, width: 1, color: red }],
      },
      0,
    );
    expect(html).toContain(';color:rgb(230,0,0)"');
    expect(html.match(/<i class="kh-rule" style="background:rgb\(230,0,0\);/g)?.length).toBe(2); // underline and frame
    // And a real plan with độ khẩn comes out red.
    const model = modelOf('examples/minimal.json', (p) => {
      p.urgency = 'KHẨN';
    });
    const doc = decode(await WRITERS.html!.write(present(model, fonts), { fonts }));
    const pages = pagesFromModel(model, fonts);
    const coloured = pages.flatMap((p) => p.runs).filter((r) => r.color?.some((v) => v > 0));
    expect(coloured.length, 'the PDF draws the mark in colour').toBeGreaterThan(0);
    expect(doc).toMatch(/color:rgb\(\d+,\d+,\d+\)">KHẨN</);
  });

  it('draws underlines as the PDF does, as wide as the justified run', () => {
    const face = fonts.faces.bold;
    const run = { x: 100, y: 200, face, size: 14, text: 'a b c', spaceExtra: 2, underline: true };
    const html = pageHtml({ width: 595.3, height: 841.9, runs: [run], rules: [] }, 0);
    const m = /<i class="kh-rule" style="left:100pt;top:([\d.]+)pt;width:([\d.]+)pt;height:([\d.]+)pt"><\/i>/.exec(html);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeCloseTo(face.width('a b c', 14) + 4, 2);
  });
});
