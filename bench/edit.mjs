// Speed of `kehoach edit` as a clerk feels it, on the 6-page example (examples/kon-tum-…):
// - the first A4 page shown in the browser, counted from the start of the command (the browser
//   already open, as the clerk's is), over RUNS starts of the command (default 10; median, p90);
// - keystroke → preview updated: from the keystroke's input in the page to the new pages in it,
//   over 40 keystrokes typed into a paragraph of page 3, one at a time (from the input event).
// Needs the build (npm run bench builds first) and Debian's Chromium (skipped without it).
// Targets (issue 15): first page ≤ 1.5 s, keystroke → preview ≤ 300 ms median.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const KEYS = Number(process.env.KEYS ?? 40);
const RUNS = Math.max(1, Number(process.env.RUNS ?? 10));

if (!existsSync(CHROMIUM)) {
  console.log('bench/edit.mjs: bỏ qua (không có /usr/bin/chromium).');
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const dir = mkdtempSync(join(tmpdir(), 'kehoach-bench-edit-'));
const plan = join(dir, 'kon-tum.json');
copyFileSync(resolve('examples/kon-tum-2024-phong-trao-70-nam.json'), plan);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });

/** Starts the editor; resolves with its address and the time it printed it. */
function start() {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [resolve('bin/kehoach.js'), 'edit', plan, '--no-open', '--port', '0'], {
    env: { ...process.env, KEHOACH_EDIT_AUTOSAVE_MS: '800' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let text = '';
    proc.stdout.on('data', (d) => {
      text += d;
      const m = /tại (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (m) done({ proc, url: m[1], t0, ready: performance.now() - t0 });
    });
    proc.once('exit', (c) => fail(new Error(`kehoach edit exited ${c}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** One start of the command: when the first page (text and fonts) shows, counted from the spawn. */
async function firstPage() {
  const started = await start();
  const { url, t0, ready } = started;
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('.kh-page .kh-run') && document.fonts.status === 'loaded', undefined, {
    polling: 10,
    timeout: 15_000,
  });
  return { ...started, first: performance.now() - t0, ready };
}

let proc;
try {
  const firsts = [];
  const readies = [];
  for (let r = 0; r < RUNS; r++) {
    const run = await firstPage();
    firsts.push(run.first);
    readies.push(run.ready);
    if (r < RUNS - 1) {
      run.proc.kill('SIGINT');
      await new Promise((ok) => run.proc.once('exit', ok));
      await page.goto('about:blank');
    } else proc = run.proc;
  }
  const pages = await page.locator('.kh-page').count();

  // A paragraph line on page 3 of the outline: the caret at its end.
  await page.waitForSelector('.kh-outline .kh-text');
  const target = page.locator('#kh-outline .kh-line:not([data-kind="section"]) .kh-text').nth(12);
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const pagesEl = document.getElementById('kh-pages');
    window.__lat = [];
    window.__down = 0;
    // beforeinput: a Vietnamese letter is typed without a keydown (as through an IME).
    document.addEventListener('beforeinput', () => (window.__down = performance.now()), true);
    new MutationObserver(() => {
      if (window.__down) window.__lat.push(performance.now() - window.__down);
      window.__down = 0;
    }).observe(pagesEl, { attributes: true, attributeFilter: ['data-version'] });
  });
  // Letters only: a space at the end of a line prints nothing new, so no update would come.
  const word = 'thườngxuyênliêntục';
  for (let i = 0; i < KEYS; i++) {
    const before = await page.evaluate(() => window.__lat.length);
    await page.keyboard.type(word[i % word.length]);
    await page.waitForFunction((n) => window.__lat.length > n, before, { polling: 20, timeout: 10_000 });
  }
  const lat = await page.evaluate(() => window.__lat);
  console.log(
    `edit (${pages} trang, kon-tum-2024): máy chủ sẵn sàng trung vị ${Math.round(median(readies))} ms; trang đầu hiện sau trung vị ${Math.round(median(firsts))} ms, p90 ${Math.round(pct(firsts, 0.9))} ms từ lúc chạy lệnh, ${RUNS} lần (mục tiêu ≤ 1500 ms): ${firsts.map(Math.round).join(' ')}`,
  );
  console.log(
    `edit: gõ phím → trang xem trước cập nhật: trung vị ${Math.round(median(lat))} ms, p90 ${Math.round(pct(lat, 0.9))} ms, tối đa ${Math.round(Math.max(...lat))} ms trên ${lat.length} lần gõ (mục tiêu trung vị ≤ 300 ms)`,
  );
} finally {
  proc?.kill('SIGINT');
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
