// Named sections in kehoach edit's form, in Chromium: a phase and a target of the vaccination
// example edited in their forms (dates typed dd/mm/yyyy, a row added), a finding shown beside the
// phase it concerns, undo and redo, a line typed in the outline after them; the saved file and the
// preview's text have every edit.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEditServer } from '../src/edit/server.js';
import { ARTIFACTS, browserSuite, HAS_CHROMIUM } from './helpers/edit-browser.js';

async function until<T>(fn: () => T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

describe.skipIf(!HAS_CHROMIUM)('kehoach edit: named sections in the form', () => {
  const suite = browserSuite('kehoach-edit-sections-');

  it('edits a phase and a target; the file and the pages have them', async () => {
    const file = join(suite.dir, 'tiem-chung.json');
    copyFileSync('examples/tiem-chung-2026.json', file);
    const original = readFileSync(file, 'utf8');
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 150 });
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    const k = page.keyboard;
    const retype = async (focus: string, text: string) => {
      const el = page.locator(`[data-focus="${focus}"]`);
      await el.scrollIntoViewIfNeeded();
      await el.focus();
      await k.press('Control+A');
      await k.type(text);
    };
    // The pages' text without white space (a printed line's end is no space in the DOM).
    const pagesText = () => page.evaluate(() => document.getElementById('kh-pages')!.textContent!.replace(/\s+/g, ''));
    const bare = (s: string) => s.replace(/\s+/g, '');
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => document.querySelectorAll('.kh-page').length > 0 && document.fonts.status === 'loaded');
      // The phases and the targets have their forms (no locked block any more).
      expect(await page.locator('.kh-struct').count()).toBe(4);
      expect(await page.locator('#kh-outline').textContent()).not.toContain('sửa trong tệp kế hoạch');

      // A phase: its name, and a start date typed as the clerk writes it.
      await retype('f:phases.items[0].name', 'Đợt 1 (mầm non)');
      await retype('f:phases.items[1].from', '24/03/2026');
      await page.waitForFunction(() => {
        const t = document.getElementById('kh-pages')!.textContent!.replace(/\s+/g, ' ');
        return t.includes('Đợt 1 (mầm non)') && t.includes('từ ngày 24/3/2026');
      });
      // An end before the start: the NĐ 30 check speaks beside that phase.
      await retype('f:phases.items[0].to', '01/03/2026');
      const finding = page.locator('[data-path="phases.items[0]"] .kh-finding');
      await finding.waitFor();
      expect(await finding.textContent()).toContain('kết thúc (01/03/2026) trước khi bắt đầu (09/03/2026)');
      await page.locator('[data-path="phases.items[0]"]').screenshot({ path: join(ARTIFACTS, 'edit-phase-finding.png') });
      await retype('f:phases.items[0].to', '20/03/2026');
      await page.waitForFunction(() => !document.querySelector('[data-path="phases.items[0]"] .kh-finding'));

      // A target: its value, and a new one added at the end.
      await retype('f:targets.rows[0].value', '≥ 98');
      const add = page.locator('[data-path="targets.rows"] > .kh-add', { hasText: '+ Thêm chỉ tiêu' });
      await add.scrollIntoViewIfNeeded();
      await add.click();
      await k.type('Tỷ lệ trẻ được theo dõi sau tiêm');
      await retype('f:targets.rows[3].unit', '%');
      await retype('f:targets.rows[3].value', '100');
      await page.waitForFunction(() => {
        const t = document.getElementById('kh-pages')!.textContent!.replace(/\s+/g, ' ');
        return t.includes('≥ 98') && t.includes('Tỷ lệ trẻ được theo dõi sau tiêm');
      });
      await page
        .locator('.kh-struct')
        .nth(2)
        .screenshot({ path: join(ARTIFACTS, 'edit-targets.png') });

      // Undo takes back the last value, redo puts it back.
      await page.locator('[data-focus="f:targets.rows[3].value"]').blur();
      await k.press('Control+Z');
      await page.waitForFunction(() => !(document.querySelector('[data-focus="f:targets.rows[3].value"]') as HTMLInputElement)?.value);
      await k.press('Control+Y');
      await page.waitForFunction(() => (document.querySelector('[data-focus="f:targets.rows[3].value"]') as HTMLInputElement)?.value === '100');

      // A line of the outline typed after the form edits: the section is written back with them.
      const line = page.locator('#kh-outline > .kh-line .kh-text', { hasText: /^Tiêm vét cho trẻ/ });
      await line.click();
      await k.press('End');
      await k.type(' Báo cáo hằng ngày.');
      const saved = await until(
        () => JSON.parse(readFileSync(file, 'utf8')),
        (d) => JSON.stringify(d.phases.blocks ?? '').includes('Báo cáo hằng ngày.') && d.targets.rows.length === 4 && d.targets.rows[3].value === 100,
      );
      expect(saved.phases.items[0]).toMatchObject({ name: 'Đợt 1 (mầm non)', from: '2026-03-09', to: '2026-03-20' });
      expect(saved.phases.items[1].from).toBe('2026-03-24');
      expect(saved.targets.rows[0].value).toBe('≥ 98');
      expect(saved.targets.rows[3]).toEqual({ name: 'Tỷ lệ trẻ được theo dõi sau tiêm', unit: '%', value: 100 });
      // The file keeps its key order and layout: the other lines are as they were.
      expect(Object.keys(saved)).toEqual(Object.keys(JSON.parse(original)));
      const a = original.split('\n');
      const b = readFileSync(file, 'utf8').split('\n');
      expect(b.filter((l) => !a.includes(l)).length).toBeLessThanOrEqual(12);
      const text = await pagesText();
      expect(text).toContain(bare('Tiêm vét cho trẻ chưa được tiêm trong 01 tuần sau mỗi đợt. Báo cáo hằng ngày.'));
      expect(text).toContain(bare('2. Đợt 2 (từ ngày 24/3/2026 đến ngày 03/4/2026)'));
      expect(text).toContain(bare('4Tỷ lệ trẻ được theo dõi sau tiêm%100'));
    } finally {
      await page.close();
      await server.close();
    }
  }, 120_000);
});
