// Page contents deflated once per process (src/writers/pdf/deflate-cache.ts): a plan that differs
// from one written before only on its first page must come out exactly as it does in a process
// that never saw the first plan, and its unchanged pages must be the earlier plan's streams.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clearLineCache } from '../src/text/line-cache.js';
import { clearDeflateCache as clearDeflated } from '../src/writers/pdf/deflate-cache.js';
import { renderPlan, ROOT } from './helpers/render.js';

const base = JSON.parse(readFileSync(join(ROOT, 'examples', 'kon-tum-2024-phong-trao-70-nam.json'), 'utf8'));
// A number for the draft ("Số: …" on page 1 only; the line keeps its length class and reflows nothing).
const variant = { ...base, number: 47 };

/** The raw page content streams of a PDF, in file order (every /FlateDecode stream without /Length1 or /Subtype). */
function contentStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  const re = /<<\n\/Filter \/FlateDecode\n\/Length (\d+)\n>>\nstream\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const data = inflateSync(Buffer.from(pdf.subarray(start, start + Number(m[1])))).toString('latin1');
    if (data.includes(' Tf')) out.push(data);
  }
  return out;
}

/** As in a process that never wrote a page (nor laid out a line). */
function clearDeflateCache(): void {
  clearDeflated();
  clearLineCache();
}

describe('deflated page contents reused across plans', () => {
  it('gives the same bytes as a fresh process and changes only the changed page', async () => {
    clearDeflateCache();
    const first = await renderPlan('base', base);
    const warm = await renderPlan('variant', variant);
    clearDeflateCache();
    const cold = await renderPlan('variant', variant);
    expect(Buffer.compare(Buffer.from(warm.pdf), Buffer.from(cold.pdf))).toBe(0);

    const a = contentStreams(first.pdf);
    const b = contentStreams(warm.pdf);
    expect(a.length).toBeGreaterThanOrEqual(4);
    expect(b.length).toBe(a.length);
    // The number is on page 1 only; the other pages' text is identical.
    expect(b[0]).not.toBe(a[0]);
    expect(b.slice(1)).toEqual(a.slice(1));
  });

  it('tells apart pages of the same length', async () => {
    // 47 and 48: one glyph differs, the content streams are equally long.
    await renderPlan('variant', variant);
    const warm = await renderPlan('other', { ...base, number: 48 });
    clearDeflateCache();
    const cold = await renderPlan('other', { ...base, number: 48 });
    expect(contentStreams(warm.pdf)[0]).toContain(' Tf');
    expect(Buffer.compare(Buffer.from(warm.pdf), Buffer.from(cold.pdf))).toBe(0);
  });
});
