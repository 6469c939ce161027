// The editor (kehoach edit) in a real browser: Debian's Chromium driven by playwright-core,
// skipped when /usr/bin/chromium is missing. Screenshots go to test/artifacts/.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startEditServer, type EditServer } from '../src/edit/server.js';
import { readData } from '../src/edit/plan-text.js';
import { docxParagraphs } from './helpers/docx-text.js';
import { ARTIFACTS, ensureBuilt, HAS_CHROMIUM, launch } from './helpers/edit-browser.js';

const PLAN = `# Kế hoạch của Sở Y tế (ghi chú của văn thư)
issuer:
  parent: UBND tỉnh Lào Cai
  name: Sở Y tế # cơ quan ban hành
  abbreviation: SYT
number: 5
place: Lào Cai
date: 2026-02-05
title: Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026
intro: Sở Y tế xây dựng Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm năm 2026 như sau
sections:
  - title: Mục đích, yêu cầu
    blocks:
      - items:
          - title: Mục đích
            blocks: [{ bullets: [Nâng cao nhận thức của người dân về an toàn thực phẩm.] }]
          - title: Yêu cầu
            blocks: [{ bullets: [Các hoạt động triển khai thiết thực, hiệu quả.] }]
closing: { text: Trên đây là Kế hoạch của Sở Y tế, đề nghị các đơn vị triển khai thực hiện }
recipients:
  - { name: UBND tỉnh, note: báo cáo }
  - Các đơn vị trực thuộc
archive: { units: [VT, NVY] }
signer: { authority: KT., position: Giám đốc, title: Phó Giám đốc, name: Nguyễn Văn An }
`;

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${String(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const pagesText = (page: Page) => page.evaluate(() => document.getElementById('kh-pages')!.textContent ?? '');

describe.skipIf(!HAS_CHROMIUM)('kehoach edit in Chromium', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'kehoach-edit-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(server: EditServer, width = 1366, height = 768): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
    return page;
  }

  it('changes the date and a recipient of a plan file, saves them into the YAML (comments kept) and downloads the DOCX', async () => {
    const file = join(dir, 'ke-hoach.yaml');
    writeFileSync(file, PLAN);
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 150 });
    const page = await open(server);
    try {
      // The A4 page fits the preview pane at 1366×768: no horizontal clipping.
      const fit = await page.evaluate(() => {
        const pane = document.querySelector('.kh-pscroll')!.getBoundingClientRect();
        const sheet = document.querySelector('.kh-page')!.getBoundingClientRect();
        return { pane: pane.right, sheet: sheet.right, left: sheet.left >= pane.left };
      });
      expect(fit.sheet).toBeLessThanOrEqual(fit.pane);
      expect(fit.left).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-1366x768.png') });

      const date = page.locator('[data-focus="f:date"]');
      await date.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('09/03/2026');
      const recipient = page.locator('[data-focus="f:recipients[1]"]');
      await recipient.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Các phòng chức năng');
      await page.waitForFunction(() => document.getElementById('kh-pages')!.textContent!.includes('ngày 09 tháng 3 năm 2026'));
      expect(await pagesText(page)).toContain('Các phòng chức năng;');
      const text = await until(
        () => readFileSync(file, 'utf8'),
        (t) => t.includes('2026-03-09') && t.includes('Các phòng chức năng'),
      );
      expect(text).toContain('# Kế hoạch của Sở Y tế (ghi chú của văn thư)');
      expect(text).toContain('name: Sở Y tế # cơ quan ban hành');
      expect(text.split('\n').length).toBe(PLAN.split('\n').length);
      await page.waitForFunction(() => /^Đã lưu/.test(document.getElementById('kh-saved')!.textContent!));

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#kh-docx').click()]);
      const docx = readFileSync((await download.path())!);
      const paras = docxParagraphs(docx).join('\n');
      expect(paras).toContain('ngày 09 tháng 3 năm 2026');
      expect(paras).toContain('Các phòng chức năng;');
      expect(download.suggestedFilename()).toBe('ke-hoach.docx');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('lays out at 1920×1080 too', async () => {
    const file = join(dir, 'kon-tum.json');
    copyFileSync('examples/kon-tum-2024-phong-trao-70-nam.json', file);
    const server = await startEditServer({ planFile: file, port: 0 });
    const page = await open(server, 1920, 1080);
    try {
      expect(await page.locator('.kh-page').count()).toBe(6);
      expect(await page.locator('#kh-pageinfo').textContent()).toMatch(/^6 trang/);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-1920x1080.png') });
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('a page of another origin cannot write: its requests are refused and the file stays as it was', async () => {
    const file = join(dir, 'khac.yaml');
    writeFileSync(file, PLAN);
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 50 });
    const evil: Server = createServer((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Trang khác</title><p>x</p>');
    });
    await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(async (url) => {
        const out: string[] = [];
        const data = JSON.stringify({ base: 0, data: { title: 'Bị sửa' } });
        // A script: the JSON body needs a CORS preflight, which the editor never grants.
        try {
          const r = await fetch(`${url}api/change`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: data });
          out.push(`fetch ${r.status}`);
        } catch {
          out.push('fetch blocked');
        }
        // A "simple" request that needs no preflight: it arrives, and is refused (no token, other origin).
        try {
          const r = await fetch(`${url}api/change`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: data });
          out.push(`no-cors ${r.type}`);
        } catch {
          out.push('no-cors blocked');
        }
        // Reading the page (and its token) from here is not possible either.
        try {
          await (await fetch(url)).text();
          out.push('read');
        } catch {
          out.push('read blocked');
        }
        return out;
      }, server.url);
      expect(outcome[0]).toBe('fetch blocked');
      // Sent, and refused (the browser then hides even the refusal from the page: opaque or blocked).
      expect(outcome[1]).toMatch(/^no-cors (opaque|blocked)$/);
      expect(outcome[2]).toBe('read blocked');
      // The same simple request, sent as the browser sends it, is refused with 403.
      const r = await fetch(`${server.url}api/change`, {
        method: 'POST',
        headers: { Origin: `http://127.0.0.1:${(evil.address() as AddressInfo).port}`, 'Content-Type': 'text/plain' },
        body: '{}',
      });
      expect(r.status).toBe(403);
      await new Promise((res) => setTimeout(res, 300));
      expect(readFileSync(file, 'utf8')).toBe(PLAN);
      expect(readData(readFileSync(file, 'utf8'), file)).not.toHaveProperty('title', 'Bị sửa');
    } finally {
      await page.close();
      evil.close();
      await server.close();
    }
  });
});
