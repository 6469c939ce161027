// kehoach preview on a 1366×768 screen (issue 15): the A4 page fits beside the PDF, the PDF pane
// is never blank while a new PDF loads, and the PDF follows the page scrolled to.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../src/preview/index.js';
import { ARTIFACTS, HAS_CHROMIUM, launch } from './helpers/edit-browser.js';

describe.skipIf(!HAS_CHROMIUM)('preview at 1366×768', () => {
  let dir: string;
  let plan: string;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kehoach-preview-fit-'));
    plan = join(dir, 'plan.json');
    copyFileSync(resolve('examples/kon-tum-2024-phong-trao-70-nam.json'), plan);
    server = await startPreviewServer({ planFile: plan, port: 0 });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fits the page, keeps the PDF pane showing a PDF while the next loads, and follows the scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
      const fit = await page.evaluate(() => {
        const left = document.querySelector('.kh-left')!.getBoundingClientRect();
        const sheet = document.querySelector('.kh-page')!.getBoundingClientRect();
        return { inside: sheet.left >= left.left && sheet.right <= left.right, scroll: document.documentElement.scrollWidth <= window.innerWidth };
      });
      expect(fit).toEqual({ inside: true, scroll: true });
      await page.waitForFunction(() => (document.getElementById('kh-pdf') as HTMLIFrameElement).src.includes('/document.pdf?v='));
      await page.screenshot({ path: join(ARTIFACTS, 'preview-1366x768.png') });

      // A save: until the new PDF has loaded, the pane keeps showing the previous one.
      const before = await page.evaluate(() => (document.getElementById('kh-pdf') as HTMLIFrameElement).src);
      const p = JSON.parse(readFileSync(plan, 'utf8'));
      p.signer.name = 'Nguyễn Văn Thử Nghiệm';
      writeFileSync(plan, JSON.stringify(p, null, 2));
      const seen = await page.evaluate(async (first) => {
        const srcs: string[] = [];
        const end = performance.now() + 8000;
        while (performance.now() < end) {
          const f = document.getElementById('kh-pdf') as HTMLIFrameElement | null;
          srcs.push(f && getComputedStyle(f).visibility === 'visible' ? f.src : 'none');
          if (f && f.src !== first) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        return srcs;
      }, before);
      expect(seen.every((s) => s.includes('/document.pdf?v='))).toBe(true);
      expect(seen.at(-1)).not.toBe(before);

      // Scrolled to page 3, the PDF shows page 3.
      await page.evaluate(() => document.querySelectorAll('.kh-page')[2].scrollIntoView());
      await page.waitForFunction(() => (document.getElementById('kh-pdf') as HTMLIFrameElement).src.includes('#page=3&'), undefined, { timeout: 15_000 });
    } finally {
      await page.close();
    }
  }, 60_000);
});
