#!/usr/bin/env node
// The pictures of docs/EDIT.md (the clerk's guide to `kehoach edit`), taken from the editor in
// Debian's Chromium at 1366×768 (the named sections' form at 1920×1080): node
// scripts/edit-screenshots.mjs (after npm run build).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = resolve('docs/edit');
const { startEditServer } = await import(resolve('dist/edit/server.js'));
mkdirSync(OUT, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'kehoach-shots-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const shot = (page, name) =>
  process.env.SHOTS_PNG
    ? page.screenshot({ path: join(process.env.SHOTS_PNG, `${name}.png`) })
    : page.screenshot({ path: join(OUT, `${name}.jpg`), type: 'jpeg', quality: 82 });

async function start() {
  const server = await startEditServer({ planFile: join(dir, 'ke-hoach.yaml'), port: 0, autosaveMs: 300 });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
  await page.waitForSelector('form');
  const k = page.keyboard;
  await k.type('UBND tỉnh Lào Cai');
  await k.press('Tab');
  await k.type('Sở Y tế');
  for (let i = 0; i < 3; i++) await k.press('Tab');
  await k.press('Control+A');
  await k.type('05/02/2026');
  await k.press('Tab');
  await k.press('Tab');
  await k.press('ArrowDown');
  await k.press('Tab');
  await k.type('Nguyễn Văn An');
  await k.press('Tab');
  await k.type('Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026');
  await shot(page, '1-bat-dau');
  await k.press('Tab');
  await k.press('Tab');
  await k.press('Enter');
  await page.waitForSelector('.kh-outline .kh-text');
  await page.waitForFunction(() => document.fonts.status === 'loaded');
  return { server, page };
}

async function body(page) {
  const k = page.keyboard;
  await k.press('Alt+3');
  await k.press('End');
  await k.press('Enter');
  await k.type('Mục đích');
  await k.press('Enter');
  await k.press('Tab');
  await k.type('- Nâng cao nhận thức, trách nhiệm của người sản xuất, kinh doanh thực phẩm và người tiêu dùng.');
  await k.press('Enter');
  await k.type('Phòng ngừa ngộ độc thực phẩm và các bệnh truyền qua thực phẩm.');
  await k.press('Enter');
  await k.press('Enter');
  await k.type('Yêu cầu');
  await k.press('Enter');
  await k.press('Tab');
  await k.type('a) Các hoạt động được triển khai đồng bộ, thiết thực, hiệu quả.');
  await k.press('Enter');
  await k.type('Kịp thời báo cáo kết quả thực hiện theo quy định.');
  await page.waitForTimeout(800);
  await shot(page, '2-soan-noi-dung');
}

async function finding(page) {
  await page.keyboard.press('Alt+5');
  await page.keyboard.press('Enter');
  await page.keyboard.type('UBND tỉnh; Các đơn vị trực thuộc');
  await page.locator('[data-focus="f:archive.units"]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('NVY');
  await page.locator('.kh-finding button').first().waitFor();
  await page.waitForTimeout(500);
  await page.locator('[data-path="recipients"]').scrollIntoViewIfNeeded();
  await shot(page, '3-canh-bao-va-nut-sua');
  for (const b of await page.locator('.kh-finding button').all()) await b.click().catch(() => {});
  await page.waitForTimeout(800);
}

async function clickToSelect() {
  const plan = join(dir, 'kon-tum.json');
  copyFileSync(resolve('examples/kon-tum-2024-phong-trao-70-nam.json'), plan);
  const server = await startEditServer({ planFile: plan, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
  await page.waitForSelector('.kh-outline .kh-text');
  await page
    .locator('.kh-page .kh-run', { hasText: /^Tập thể: / })
    .first()
    .click();
  await page.locator('.kh-tip').waitFor();
  await page.waitForTimeout(500);
  await shot(page, '4-bam-vao-trang');
  await page.locator('#kh-batch').click();
  await page.locator('#kh-batch-go').click();
  await page.waitForSelector('#kh-batch-done', { timeout: 240_000 });
  await shot(page, '5-tao-cho-34-tinh');
  await page.close();
  await server.close();
}

/** A clerk's Word file dropped on the start page: the editor with what the import had to guess. */
async function importWord() {
  const sub = join(dir, 'nhap');
  mkdirSync(sub);
  const server = await startEditServer({ planFile: join(sub, 'ke-hoach.yaml'), port: 0 });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
  await page.locator('#kh-pick').setInputFiles(resolve('test/fixtures/clerk-docx/hanoi-svhtt-2020.docx'));
  await page.waitForSelector('#kh-imported', { timeout: 20_000 });
  await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
  await page.waitForTimeout(300);
  await shot(page, '6-nhap-tu-word');
  await page.close();
  await server.close();
}

/** The phases and targets of a plan written with named sections, in their form (1920×1080). */
async function namedSections() {
  const plan = join(dir, 'tiem-chung.json');
  copyFileSync(resolve('examples/tiem-chung-2026.json'), plan);
  const server = await startEditServer({ planFile: plan, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(server.url);
  await page.waitForSelector('.kh-struct');
  await page.waitForFunction(() => document.fonts.status === 'loaded');
  const date = page.locator('[data-focus="f:phases.items[1].from"]');
  await date.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[data-path="phases.items"]').scrollIntoView({ block: 'start' }));
  await date.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('24/03/2026');
  await page.waitForFunction(() => document.getElementById('kh-pages').textContent.includes('24/3/2026'));
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('.kh-page')].find((x) => x.textContent.includes('24/3/2026'));
    p?.scrollIntoView({ block: 'start' });
  });
  await page.waitForTimeout(300);
  await shot(page, '7-cac-dot-chi-tieu');
  await page.close();
  await server.close();
}

try {
  await importWord();
  await namedSections();
  const { server, page } = await start();
  await body(page);
  await finding(page);
  await page.close();
  await server.close();
  await clickToSelect();
  console.log(`Đã chụp vào ${OUT}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
