// The live preview in a real browser: Debian's Chromium driven by playwright-core.
// Skipped when /usr/bin/chromium is missing (`apt-get install chromium`; never a downloaded build).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../src/preview/index.js';
import { htmlDocument, runWidth } from '../src/writers/html/index.js';
import { BUILTIN_TEMPLATES } from '../src/template/engine.js';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM } from './helpers/edit-browser.js';

const EXAMPLE = resolve('examples/kon-tum-2024-phong-trao-70-nam.json');
const ARTIFACTS = resolve('test/artifacts');

describe.skipIf(!HAS_CHROMIUM)('preview in Chromium', () => {
  let dir: string;
  let plan: string;
  let tpl: string;
  let server: PreviewServer;
  let context: BrowserContext;
  let page: Page;
  const latencies: number[] = [];

  /** Writes a file and waits until the page shows `check`; returns the time taken (ms). */
  async function saveAndSee(file: string, content: string, check: string | (() => boolean), arg?: string): Promise<number> {
    const t0 = performance.now();
    writeFileSync(file, content);
    if (typeof check === 'string') {
      await page.waitForFunction((s) => document.getElementById('kh-pages')!.textContent!.includes(s), check, { polling: 10, timeout: 10_000 });
    } else {
      await page.waitForFunction(check, arg, { polling: 10, timeout: 10_000 });
    }
    return Math.round(performance.now() - t0);
  }

  const overlayShown = () => !document.getElementById('kh-overlay')!.hidden;
  const overlayHidden = () => document.getElementById('kh-overlay')!.hidden;
  const overlayText = () => page.locator('#kh-overlay').textContent();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kehoach-browser-'));
    plan = join(dir, 'plan.json');
    cpSync(EXAMPLE, plan);
    tpl = join(dir, 'tpl');
    cpSync(join(BUILTIN_TEMPLATES, 'ke-hoach'), tpl, { recursive: true }); // what `kehoach templates eject` writes
    server = await startPreviewServer({ planFile: plan, templateDir: tpl, port: 0 });
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1680, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (latencies.length) console.log(`preview: save → page updated in ${latencies.join(', ')} ms`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the PDF’s pages in Tinos, each run as wide as in the PDF', async () => {
    const pages = server.session.pages();
    expect(await page.locator('.kh-page').count()).toBe(pages.length);
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
    expect(loaded).toEqual(expect.arrayContaining(['kh-regular', 'kh-bold', 'kh-italic']));
    // Browser widths (px → pt) against the advances the PDF uses: same fonts, no kerning,
    // same justification, so every line ends where the PDF's does.
    const widths = await page.evaluate(() =>
      [...document.querySelectorAll('.kh-page')].map((p) => [...p.querySelectorAll('.kh-run')].map((r) => (r.getBoundingClientRect().width * 72) / 96)),
    );
    let worst = 0;
    pages.forEach((p, k) => {
      expect(widths[k].length).toBe(p.runs.length);
      p.runs.forEach((r, i) => {
        worst = Math.max(worst, Math.abs(widths[k][i] - runWidth(r)));
      });
    });
    expect(worst).toBeLessThan(0.75);
    // The real PDF beside the pages (Chromium's viewer runs in a frame of its own).
    await page.waitForFunction(() => (document.getElementById('kh-pdf') as HTMLIFrameElement).src.includes('/document.pdf?v='));
    const viewer = () => page.frames().some((f) => f.url().startsWith('chrome-extension://'));
    for (let k = 0; k < 50 && !viewer(); k++) await page.waitForTimeout(100);
    await page.waitForTimeout(1000); // let the viewer draw its first page
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'preview.png') });
  });

  it('shows new wording within about a second of saving a template, keeping the scroll position', async () => {
    await page.evaluate(() => window.scrollTo(0, 1400));
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBe(1400);
    const file = join(tpl, 'partials', 'sections', 'purposes.hbs');
    const src = readFileSync(file, 'utf8');
    latencies.push(await saveAndSee(file, src.replace('"Mục đích, yêu cầu"', '"Mục tiêu và yêu cầu"'), 'MỤC TIÊU VÀ YÊU CẦU'));
    latencies.push(await saveAndSee(file, src.replace('"Mục đích, yêu cầu"', '"Mục tiêu, yêu cầu chung"'), 'MỤC TIÊU, YÊU CẦU CHUNG'));
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    // A change on a later page, too (the closing partial is near the end).
    const closing = join(tpl, 'partials', 'closing.hbs');
    const c = readFileSync(closing, 'utf8');
    latencies.push(await saveAndSee(closing, c.replace('<p style="closing">', '<p style="closing">Xin trân trọng cảm ơn. '), 'Xin trân trọng cảm ơn.'));
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    for (const ms of latencies) expect(ms).toBeLessThan(2000);
    // The PDF pane reloads at the page shown on the left (page 2 at this scroll position).
    await page.waitForFunction(() => (document.getElementById('kh-pdf') as HTMLIFrameElement).src.includes('#page=2&'));
    writeFileSync(file, src);
    writeFileSync(closing, c);
    await page.waitForFunction(() => document.getElementById('kh-pages')!.textContent!.includes('MỤC ĐÍCH, YÊU CẦU'));
  });

  it('shows an overlay with file and line for an unclosed {{#if}}, and removes it after the fix', async () => {
    const file = join(tpl, 'partials', 'sections', 'purposes.hbs');
    const good = readFileSync(file, 'utf8');
    // A stray block opener just before the section ends.
    const lines = good.trimEnd().split('\n');
    lines.splice(lines.length - 1, 0, '{{#if purpose}}');
    try {
      await saveAndSee(file, lines.join('\n'), overlayShown);
      const text = await overlayText();
      expect(text).toContain('Mẫu có lỗi');
      expect(text).toMatch(new RegExp(`purposes\\.hbs, dòng ${lines.length - 1}, cột 1`));
      expect(text).toContain('{{/if}}');
      // The last good pages stay underneath.
      expect(await page.locator('.kh-page').count()).toBe(server.session.pages().length);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'preview-error.png') });
    } finally {
      latencies.push(await saveAndSee(file, good, overlayHidden));
    }
  });

  it('shows an unknown variable with file, line and column', async () => {
    const file = join(tpl, 'partials', 'header.hbs');
    const good = readFileSync(file, 'utf8');
    const line = good.split('\n').findIndex((l) => l.includes('<motto>')) + 1;
    try {
      await saveAndSee(file, good.replace('<motto>', '<motto>{{plan.motto}}'), overlayShown);
      const text = await overlayText();
      expect(text).toMatch(new RegExp(`header\\.hbs, dòng ${line}, cột \\d+`));
      expect(text).toContain('"motto"');
    } finally {
      await saveAndSee(file, good, overlayHidden);
    }
  });

  it('shows the JSON path of an invalid plan, then recovers', async () => {
    const good = readFileSync(plan, 'utf8');
    const p = JSON.parse(good);
    p.signer.name = 42;
    try {
      await saveAndSee(plan, JSON.stringify(p, null, 2), overlayShown);
      let text = await overlayText();
      expect(text).toContain('Tệp kế hoạch có lỗi');
      expect(text).toContain('signer.name');
      expect(text).toMatch(/plan\.json, dòng \d+, cột \d+/);
      // A syntax error replaces the overlay's content.
      await saveAndSee(plan, good.replace(/,\s*"place"/, ' "place"'), () => document.getElementById('kh-overlay')!.textContent!.includes('JSON'));
      text = await overlayText();
      expect(text).toMatch(/plan\.json, dòng \d+, cột \d+/);
    } finally {
      await saveAndSee(plan, good, overlayHidden);
    }
  });

  it('links the downloads and shows the real PDF beside the pages', async () => {
    expect(await page.locator('#kh-download-docx').getAttribute('href')).toBe('/document.docx');
    expect(await page.locator('#kh-download-pdf').getAttribute('href')).toBe('/document.pdf');
    expect(await page.locator('#kh-pdf').getAttribute('src')).toMatch(/^\/document\.pdf\?v=\d+#/);
    const head = await page.evaluate(async () => {
      const r = await fetch('/document.pdf');
      return new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5));
    });
    expect(head).toBe('%PDF-');
  });

  it('the standalone HTML file renders with its embedded font subsets, as wide as the PDF', async () => {
    const pages = server.session.pages();
    const file = join(dir, 'plan.html');
    writeFileSync(file, htmlDocument(pages, { title: 'Kế hoạch', language: 'vi-VN' }));
    const other = await context.newPage();
    await other.goto(pathToFileURL(file).href);
    await other.waitForFunction(() => document.fonts.status === 'loaded');
    const failed = await other.evaluate(() => [...document.fonts].filter((f) => f.status !== 'loaded').map((f) => f.family));
    expect(failed).toEqual([]);
    const widths = await other.evaluate(() => [...document.querySelectorAll('.kh-run')].map((r) => (r.getBoundingClientRect().width * 72) / 96));
    const expected = pages.flatMap((p) => p.runs.map(runWidth));
    expect(widths.length).toBe(expected.length);
    expect(Math.max(...widths.map((w, k) => Math.abs(w - expected[k])))).toBeLessThan(0.75);
    await other.close();
  });

  it('a tab beyond the cap on event streams says so in Vietnamese, and connects once a place is free', async () => {
    const plan2 = join(dir, 'plan-cap.json');
    cpSync(EXAMPLE, plan2);
    const small = await startPreviewServer({ planFile: plan2, port: 0, events: { maxStreams: 1 } });
    const first = await context.newPage();
    const second = await context.newPage();
    try {
      await first.goto(small.url);
      await expect.poll(() => small.eventStats().streams.length).toBe(1);
      await second.goto(small.url);
      const state = () => second.locator('#kh-state').textContent();
      await expect.poll(state).toContain('Máy chủ xem trước đang phục vụ quá nhiều thẻ');
      expect(small.eventStats().refused).toBeGreaterThan(0);
      // The first tab closes: the second gets its place on its next try (every 5 s) and updates.
      await first.close();
      await expect.poll(state, { timeout: 15_000 }).toMatch(/^Đã cập nhật lúc/);
      const p = JSON.parse(readFileSync(plan2, 'utf8'));
      p.signer.name = 'Nguyễn Văn Thử Kết Nối';
      writeFileSync(plan2, JSON.stringify(p, null, 2));
      await second.waitForFunction(() => document.getElementById('kh-pages')!.textContent!.includes('Nguyễn Văn Thử Kết Nối'), undefined, { timeout: 10_000 });
    } finally {
      if (!first.isClosed()) await first.close();
      await second.close();
      await small.close();
    }
  }, 60_000);

  it('a page elsewhere cannot read the preview (no CORS, Host checked)', async () => {
    // From another origin (about:blank has an opaque one) the fetch fails.
    const other = await context.newPage();
    await other.goto('about:blank');
    const result = await other.evaluate(async (url) => {
      try {
        await (await fetch(url + 'status')).text();
        return 'read';
      } catch {
        return 'blocked';
      }
    }, server.url);
    expect(result).toBe('blocked');
    await other.close();
  });
});
