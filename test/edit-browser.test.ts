// The editor (kehoach edit) in a real browser: Debian's Chromium driven by playwright-core,
// skipped when /usr/bin/chromium is missing. Screenshots go to test/artifacts/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startEditServer, type EditServer } from '../src/edit/server.js';
import { readData } from '../src/edit/plan-text.js';
import { docxParagraphs } from './helpers/docx-text.js';
import { ARTIFACTS, browserSuite, freePort, HAS_CHROMIUM, spawnEdit } from './helpers/edit-browser.js';
import { draftPath } from '../src/edit/draft.js';

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
            blocks: [{ bullets: ["Các hoạt động triển khai thiết thực, hiệu quả."] }]
closing: { text: "Trên đây là Kế hoạch của Sở Y tế, đề nghị các đơn vị triển khai thực hiện" }
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

const LONG = [
  'Nâng cao nhận thức, trách nhiệm của người sản xuất, kinh doanh thực phẩm và người tiêu dùng trong việc bảo đảm an toàn thực phẩm, phòng ngừa ngộ độc thực phẩm và các bệnh truyền qua thực phẩm.',
  'Tăng cường sự vào cuộc của các cấp ủy đảng, chính quyền, các ngành, đoàn thể trong công tác bảo đảm an toàn thực phẩm trên địa bàn tỉnh.',
  'Các hoạt động được triển khai đồng bộ, thiết thực, hiệu quả, tiết kiệm, phù hợp với tình hình thực tế của từng địa phương, đơn vị.',
  'Phối hợp chặt chẽ giữa các cơ quan, đơn vị trong quá trình triển khai; kịp thời báo cáo kết quả thực hiện theo quy định.',
];

/** The body, typed as a clerk types it: Enter, Tab, Shift+Tab and "- " at the start of a line. */
async function writeBody(page: Page): Promise<void> {
  const k = page.keyboard;
  const t = (s: string) => k.type(s);
  await k.press('Alt+3'); // the first line of the body: a section title
  await t('Mục đích, yêu cầu');
  await k.press('Enter'); // 1.
  await t('Mục đích');
  await k.press('Enter');
  await k.press('Tab'); // under "1. Mục đích"
  await t('- ');
  await t(LONG[0]);
  await k.press('Enter');
  await t(LONG[1]);
  await k.press('Enter');
  await k.press('Enter'); // an empty "-" line ends the bullets: back to 2.
  await t('Yêu cầu');
  await k.press('Enter');
  await k.press('Tab');
  await t('- ');
  await t(LONG[2]);
  await k.press('Enter');
  await t(LONG[3]);
  await k.press('Enter');
  await k.press('Enter'); // 3.
  await k.press('Enter'); // and a new section
  await t('Nội dung');
  await k.press('Enter');
  await t('Công tác tuyên truyền');
  await k.press('Enter');
  await k.press('Tab'); // a)
  await t('Tổ chức lễ phát động Tháng hành động vì an toàn thực phẩm tại trung tâm tỉnh với sự tham gia của các sở, ngành và nhân dân.');
  await k.press('Enter'); // b)
  await t(
    'Tuyên truyền trên Báo Lào Cai, Đài Phát thanh và Truyền hình tỉnh, trang thông tin điện tử của Sở và mạng xã hội; treo băng rôn, khẩu hiệu tại nơi công cộng.',
  );
  await k.press('Enter');
  await t('Phát tờ rơi, tài liệu hướng dẫn về an toàn thực phẩm tại chợ, bếp ăn tập thể, trường học và khu công nghiệp.');
  await k.press('Enter');
  await k.press('Shift+Tab'); // 2.
  await t('Công tác thanh tra, kiểm tra');
  await k.press('Enter');
  await k.press('Tab');
  for (const s of LONG) {
    await t(`Kiểm tra việc chấp hành quy định về an toàn thực phẩm: ${s.charAt(0).toLowerCase()}${s.slice(1)}`);
    await k.press('Enter');
  }
  await k.press('Shift+Tab'); // 3.
  await t('Công tác giám sát, phòng chống ngộ độc thực phẩm');
  await k.press('Enter');
  await k.press('Tab');
  await t('- ');
  for (const s of [...LONG].reverse()) {
    await t(s);
    await k.press('Enter');
  }
  await k.press('Enter'); // 4.
  await k.press('Enter'); // a new section
  await t('Tổ chức thực hiện');
  await k.press('Enter');
  await t('Chi cục An toàn vệ sinh thực phẩm');
  await k.press('Enter');
  await k.press('Tab');
  await t('- ');
  await t('Chủ trì, phối hợp với các đơn vị liên quan triển khai Kế hoạch; tổng hợp, báo cáo kết quả về Sở Y tế trước ngày 30/5/2026.');
  await k.press('Enter');
  await k.press('Enter');
  await t('Các đơn vị trực thuộc');
  await k.press('Enter');
  await k.press('Tab');
  await t('- ');
  await t(LONG[3]);
}

describe.skipIf(!HAS_CHROMIUM)('kehoach edit in Chromium', () => {
  const suite = browserSuite('kehoach-edit-browser-');

  async function open(server: EditServer, width = 1366, height = 768): Promise<Page> {
    const page = await suite.browser.newPage({ viewport: { width, height }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
    return page;
  }

  it('changes the date and a recipient of a plan file, saves them into the YAML (comments kept) and downloads the DOCX', async () => {
    const file = join(suite.dir, 'ke-hoach.yaml');
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
      await page.waitForFunction(() => {
        const t = document.getElementById('kh-pages')!.textContent!;
        return t.includes('ngày 09 tháng 3 năm 2026') && t.includes('Các phòng chức năng;');
      });
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

  it('writes a two-page plan from an empty start by keyboard only; the file and the PDF have it', async () => {
    const file = join(suite.dir, 'moi', 'ke-hoach.yaml');
    mkdirSync(join(suite.dir, 'moi'));
    // The editor in its own process, as the clerk runs it (and as fast).
    const server = await spawnEdit('ke-hoach.yaml', join(suite.dir, 'moi'), { KEHOACH_EDIT_AUTOSAVE_MS: '200' });
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    const k = page.keyboard;
    const type = (s: string) => k.type(s);
    try {
      await page.goto(server.url);
      await page.waitForSelector('form');
      // The guided start, from its first field.
      await type('UBND tỉnh Lào Cai');
      await k.press('Tab');
      await type('Sở Y tế');
      await k.press('Tab'); // the abbreviation (SYT) and the place (Lào Cai) are suggested
      await k.press('Tab');
      await k.press('Tab');
      await k.press('Control+A');
      await type('05/02/2026');
      await k.press('Tab'); // the calendar button
      await k.press('Tab');
      await k.press('ArrowDown'); // KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC
      await k.press('Tab');
      await type('Nguyễn Văn An');
      await k.press('Tab');
      await type('Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026');
      await k.press('Tab');
      await k.press('Space'); // no ready-made sections: the clerk writes them
      await k.press('Tab');
      await k.press('Enter');
      await page.waitForSelector('.kh-outline .kh-text');
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      await writeBody(page);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-keyboard-body.png') });
      // Nơi nhận: Alt+5, then the add button.
      await k.press('Alt+5');
      await k.press('Enter');
      await type('UBND tỉnh');
      await k.press('Tab');
      await type('báo cáo');
      for (let n = 0; n < 4; n++) await k.press('Tab');
      await k.press('Enter');
      await type('Các đơn vị trực thuộc Sở');
      await page.waitForFunction(() => document.getElementById('kh-pageinfo')!.textContent!.startsWith('2 trang'), undefined, { timeout: 20_000 });
      await page.waitForFunction(() => /^Đã lưu/.test(document.getElementById('kh-saved')!.textContent!), undefined, { timeout: 20_000 });
      // "Đã lưu" may still be the previous save's while the last field's edit is on its way (a
      // loaded machine): the file itself is what must end up with it.
      try {
        await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 20_000 }).toContain('Các đơn vị trực thuộc Sở');
      } catch (e) {
        const t = readFileSync(file, 'utf8');
        console.error(
          'kehoach edit (keyboard test), the file at the timeout:',
          t.slice(t.indexOf('recipients')),
          'saved:',
          await page.locator('#kh-saved').textContent(),
          'focus:',
          await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200)),
        );
        await page.screenshot({ path: join(ARTIFACTS, 'edit-keyboard-fail.png') });
        throw e;
      }
      await page.screenshot({ path: join(ARTIFACTS, 'edit-keyboard.png') });
      expect(await page.locator('#kh-count').textContent()).toMatch(/^0 lỗi|Không có lỗi/);

      const plan = readData(readFileSync(file, 'utf8'), file) as any;
      expect(plan.issuer).toEqual({ parent: 'UBND tỉnh Lào Cai', name: 'Sở Y tế', abbreviation: 'SYT' });
      expect(plan.date).toBe('2026-02-05');
      expect(plan.signer).toMatchObject({ authority: 'KT.', position: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' });
      expect(plan.sections.map((x: any) => x.title)).toEqual(['Mục đích, yêu cầu', 'Nội dung', 'Tổ chức thực hiện']);
      const purposes = plan.sections[0].blocks[0];
      expect(purposes.items[0].title).toBe('Mục đích');
      expect(purposes.items[0].blocks[0].bullets[0]).toMatch(/^Nâng cao nhận thức/);
      expect(plan.sections[1].blocks[0].items[0].blocks[0].numbering).toBe('a)');
      expect(plan.recipients).toEqual([{ name: 'UBND tỉnh', note: 'báo cáo' }, 'Các đơn vị trực thuộc Sở']);

      const pdf = join(suite.dir, 'moi.pdf');
      const token = await page.evaluate(() => JSON.parse(document.getElementById('kh-boot')!.textContent!).token as string);
      writeFileSync(pdf, Buffer.from(await (await fetch(`${server.url}document.pdf?t=${token}`)).arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text.split('\f').filter((p) => p.trim()).length).toBe(2);
      for (const line of [
        'KẾ HOẠCH',
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Mục đích',
        '- Nâng cao nhận thức',
        'II. NỘI DUNG',
        'a) Tổ chức lễ phát động',
        'III. TỔ CHỨC THỰC HIỆN',
        '- UBND tỉnh (báo cáo);',
        'Nguyễn Văn An',
      ])
        expect(text.replace(/ +/g, ' ')).toContain(line);
    } finally {
      await page.close();
      server.proc.kill('SIGINT');
    }
  }, 180_000);

  it('recovers the edits of a server killed mid-edit: those it journalled and those only the tab kept', async () => {
    const file = join(suite.dir, 'sap.yaml');
    writeFileSync(file, PLAN);
    const port = await freePort();
    const env = { KEHOACH_EDIT_AUTOSAVE_MS: '600000' }; // no autosave: the kill comes before any save
    let server = await spawnEdit('sap.yaml', suite.dir, env, port);
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    try {
      await page.goto(server.url);
      await page.waitForSelector('.kh-page');
      const name = page.locator('[data-focus="f:signer.name"]');
      await name.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Trần Thị Bình');
      // The edit reached the server: it is in the draft journal beside the plan.
      await until(
        () => (existsSync(draftPath(file)) ? readFileSync(draftPath(file), 'utf8') : ''),
        (t) => t.includes('Trần Thị Bình'),
      );
      server.proc.kill('SIGKILL');
      await new Promise((r) => server.proc.once('exit', r));
      expect(readFileSync(file, 'utf8')).toBe(PLAN);
      // Typed while the server is gone: kept in the tab only.
      const place = page.locator('[data-focus="f:place"]');
      await place.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Sa Pa');
      await page.waitForFunction(() => document.getElementById('kh-saved')!.textContent!.startsWith('Mất kết nối'));
      server = await spawnEdit('sap.yaml', suite.dir, env, port);
      // The tab finds the server again, reloads and offers the edits back.
      await page.waitForSelector('#kh-recover-browser', { timeout: 20_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'edit-recover.png') });
      await page.locator('#kh-recover-browser button', { hasText: 'Khôi phục' }).click();
      await page.keyboard.press('Control+S');
      const text = await until(
        () => readFileSync(file, 'utf8'),
        (t) => t.includes('Trần Thị Bình') && t.includes('Sa Pa'),
      );
      expect(text).toContain('# Kế hoạch của Sở Y tế (ghi chú của văn thư)');
      // Saved: the journal goes (just after the file is written, in the editor's process).
      await until(
        () => existsSync(draftPath(file)),
        (x) => !x,
      );
    } finally {
      await page.close();
      server.proc.kill('SIGKILL');
    }
  }, 120_000);

  it('offers back the journalled edits of a killed server in a new tab, and merges a change made to the file meanwhile', async () => {
    const file = join(suite.dir, 'nhap.yaml');
    writeFileSync(file, PLAN);
    const env = { KEHOACH_EDIT_AUTOSAVE_MS: '600000' };
    let server = await spawnEdit('nhap.yaml', suite.dir, env);
    let page = await suite.browser.newPage();
    try {
      await page.goto(server.url);
      await page.waitForSelector('.kh-page');
      const name = page.locator('[data-focus="f:signer.name"]');
      await name.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Lê Văn Cường');
      await until(
        () => (existsSync(draftPath(file)) ? readFileSync(draftPath(file), 'utf8') : ''),
        (t) => t.includes('Lê Văn Cường'),
      );
      await page.close();
      server.proc.kill('SIGKILL');
      await new Promise((r) => server.proc.once('exit', r));
      // Someone else changes another field of the file before the editor comes back.
      writeFileSync(file, PLAN.replace('place: Lào Cai', 'place: Lào Cai # sửa tay'));
      server = await spawnEdit('nhap.yaml', suite.dir, env);
      const fresh = await suite.browser.newContext();
      page = await fresh.newPage();
      await page.goto(server.url);
      await page.waitForSelector('#kh-recover');
      expect(await page.locator('#kh-recover').textContent()).toContain('sẽ được gộp');
      await page.locator('#kh-recover button', { hasText: 'Khôi phục' }).click();
      await page.waitForFunction(() => (document.querySelector('[data-focus="f:signer.name"]') as HTMLInputElement)?.value === 'Lê Văn Cường');
      await page.keyboard.press('Control+S');
      const text = await until(
        () => readFileSync(file, 'utf8'),
        (t) => t.includes('Lê Văn Cường'),
      );
      expect(text).toContain('place: Lào Cai # sửa tay');
    } finally {
      await page.close();
      server.proc.kill('SIGKILL');
    }
  }, 120_000);

  it('shows findings beside their fields with a fix button, undoes and redoes, and takes in a change made to the file', async () => {
    const file = join(suite.dir, 'loi.yaml');
    writeFileSync(file, PLAN);
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 100 });
    const page = await open(server);
    const k = page.keyboard;
    const retype = async (sel: string, text: string) => {
      await page.locator(sel).focus();
      await k.press('Control+A');
      await k.type(text);
    };
    try {
      // A Lưu line without VT: the NĐ 30 rule beside the field, fixed by its button.
      await retype('[data-focus="f:archive.units"]', 'NVY');
      const vt = page.locator('[data-path="archive"] + .kh-finding');
      await vt.waitFor();
      expect(await vt.textContent()).toContain('Dòng Lưu không có "VT"');
      await page.screenshot({ path: join(ARTIFACTS, 'edit-finding.png') });
      await vt.locator('button').click();
      await page.waitForFunction(() => (document.querySelector('[data-focus="f:archive.units"]') as HTMLInputElement).value === 'VT, NVY');
      // Two recipients typed on one line: split by the fix.
      await retype('[data-focus="f:recipients[1]"]', 'Bộ Y tế; Sở Tài chính');
      const split = page.locator('.kh-finding[data-code="edit.recipients-split"]');
      await split.waitFor();
      await split.locator('button').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-path="recipients"] .kh-listrow').length === 3);
      // Undo and redo, from the keyboard.
      await k.press('Control+Z');
      await page.waitForFunction(() => document.querySelectorAll('[data-path="recipients"] .kh-listrow').length === 2);
      await k.press('Control+Y');
      await page.waitForFunction(() => document.querySelectorAll('[data-path="recipients"] .kh-listrow').length === 3);
      // A date that does not exist is refused where it is typed and never sent.
      await retype('[data-focus="f:date"]', '30/02/2026');
      expect(await page.locator('[data-focus="f:date"]').getAttribute('aria-invalid')).not.toBeNull();
      // Letters typed decomposed (NFD): the fix writes them composed.
      await retype('[data-focus="f:signer.name"]', 'Nguyễn Văn An'.normalize('NFD'));
      const nfc = page.locator('[data-path="signer.name"] + .kh-finding', { hasText: 'tổ hợp' });
      await nfc.waitFor();
      await nfc.locator('button').click();
      await page.waitForFunction(() => !document.querySelector('[data-path="signer.name"] + .kh-finding'));
      const saved = await until(
        () => readData(readFileSync(file, 'utf8'), file) as any,
        (d) => d.recipients.length === 3 && d.signer.name === 'Nguyễn Văn An'.normalize('NFC'),
      );
      expect(saved.archive.units).toEqual(['VT', 'NVY']);
      expect(saved.recipients.slice(1)).toEqual(['Bộ Y tế', 'Sở Tài chính']);
      expect(saved.date).toBe('2026-02-05');
      let text = readFileSync(file, 'utf8');
      // Changed by hand in another editor: the page takes it in.
      writeFileSync(file, text.replace(/^intro: .*$/m, 'intro: Sở Y tế ban hành Kế hoạch như sau'));
      await page.waitForFunction(() => (document.querySelector('[data-focus="f:intro"]') as HTMLTextAreaElement).value === 'Sở Y tế ban hành Kế hoạch như sau');
      expect(await page.locator('#kh-notice').textContent()).toContain('sửa ở nơi khác');
      text = readFileSync(file, 'utf8');
      expect(text).toContain('intro: Sở Y tế ban hành Kế hoạch như sau');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('drags a line to reorder, makes pasted text an item with bullets, and writes bold as **…**', async () => {
    const file = join(suite.dir, 'keo.yaml');
    writeFileSync(file, PLAN);
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 100 });
    const page = await open(server);
    try {
      const line = (text: string) => page.locator('#kh-outline .kh-line', { has: page.locator('.kh-text', { hasText: new RegExp(`^${text}$`) }) });
      // "2. Yêu cầu" dragged by its handle onto "1. Mục đích": it goes first.
      await line('Yêu cầu').locator('.kh-handle').dragTo(line('Mục đích'));
      await page.waitForFunction(
        () => [...document.querySelectorAll('#kh-outline .kh-line[data-kind="item"] .kh-text')].map((e) => e.textContent)[0] === 'Yêu cầu',
      );
      // Text pasted into a new "1." line under the section: an item with its bullets, by their labels.
      await line('Mục đích, yêu cầu').locator('.kh-text').click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', 'Chỉ đạo chung\r\n- Ý thứ nhất\r\n- Ý thứ hai');
        document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => document.querySelector('#kh-outline')!.textContent!.includes('Ý thứ hai'));
      // Bold: Ctrl+B around a typed word, at the end of the last pasted line.
      await page.keyboard.type(' từ ');
      await page.keyboard.press('Control+B');
      await page.keyboard.type('Quỹ');
      await page.keyboard.press('Control+B');
      const plan = await until(
        () => readData(readFileSync(file, 'utf8'), file) as any,
        (d) => JSON.stringify(d).includes('**Quỹ**'),
      );
      const items = plan.sections[0].blocks[0].items;
      expect(items.map((i: any) => i.title)).toEqual(['Chỉ đạo chung', 'Yêu cầu', 'Mục đích']);
      expect(items[0]).toEqual({ title: 'Chỉ đạo chung', blocks: [{ bullets: ['Ý thứ nhất', 'Ý thứ hai từ **Quỹ**'] }] });
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('lays out at 1920×1080 too; a click on a printed line selects it in the editor and names its template', async () => {
    const file = join(suite.dir, 'kon-tum.json');
    copyFileSync('examples/kon-tum-2024-phong-trao-70-nam.json', file);
    const server = await startEditServer({ planFile: file, port: 0 });
    const page = await open(server, 1920, 1080);
    try {
      expect(await page.locator('.kh-page').count()).toBe(6);
      expect(await page.locator('#kh-pageinfo').textContent()).toMatch(/^6 trang/);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-1920x1080.png') });
      // A line of the body on page 2: its outline line gets the caret; the label names bullet.hbs.
      const run = page.locator('.kh-page .kh-run', { hasText: /^Tập thể: / }).first();
      await run.click();
      await page.waitForFunction(() => (document.activeElement as HTMLElement)?.textContent?.startsWith('Tập thể:'));
      expect(await page.evaluate(() => document.activeElement!.closest('.kh-line')!.getAttribute('data-kind'))).toBe('bullet');
      const tip = page.locator('.kh-tip');
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(/^Mẫu: .*templates\/ke-hoach\/partials\/bullet\.hbs, dòng \d+$/);
      // The header's issuer: its form field.
      await page.locator('.kh-page[data-page="1"] .kh-run', { hasText: 'SỞ Y TẾ' }).first().click();
      await page.waitForFunction(() => (document.activeElement as HTMLElement)?.dataset?.focus === 'f:issuer.name');
      expect(await tip.textContent()).toContain('partials/header.hbs');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('downloads the PDF and prints that file, and makes the plan for the 34 provinces with progress', async () => {
    const sub = join(suite.dir, 'tinh');
    mkdirSync(sub);
    copyFileSync('examples/minimal.json', join(sub, 'ke-hoach.json'));
    const server = await spawnEdit('ke-hoach.json', sub);
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    try {
      await page.goto(server.url);
      await page.waitForSelector('.kh-outline .kh-text');
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#kh-pdf').click()]);
      expect(pdf.suggestedFilename()).toBe('ke-hoach.pdf');
      const text = execFileSync('pdftotext', [(await pdf.path())!, '-'], { encoding: 'utf8' });
      expect(text).toContain('Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026');
      // "In" prints the PDF file itself: it opens (served inline) in a window of its own whose
      // print is called once loaded. The window's print is stubbed (headless Chromium has no
      // printer); the request is intercepted to read what was served.
      await page.context().addInitScript(() => {
        window.print = () => {
          (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
        };
      });
      let served: Buffer | undefined;
      let disposition: string | undefined;
      await page.context().route(/\/document\.pdf\?.*print=1/, async (route) => {
        const r = await route.fetch();
        served = await r.body();
        disposition = r.headers()['content-disposition'];
        await route.fulfill({ response: r });
      });
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#kh-print-btn').click()]);
      await until(
        () => served,
        (b) => !!b,
      );
      expect(disposition).toMatch(/^inline; filename="ke-hoach\.pdf"/);
      // Byte for byte the PDF the download gave.
      expect(Buffer.compare(served!, readFileSync((await pdf.path())!))).toBe(0);
      expect(popup.url()).toMatch(/\/document\.pdf\?t=[0-9a-f]+&print=1$/);
      // The window shows the PDF (the browser's viewer), and its print was called, once.
      await popup.waitForFunction(() => (window as unknown as { printed?: number }).printed === 1);
      expect(await popup.evaluate(() => document.contentType)).toBe('application/pdf');
      await page.context().unroute(/\/document\.pdf\?.*print=1/);
      expect(await page.locator('#kh-open-pdf').getAttribute('href')).toMatch(/^\/document\.pdf\?t=/);
      await popup.close();
      // The batch: a dialog, its progress, then where the files are and the merged PDF.
      await page.locator('#kh-batch').click();
      await page.locator('#kh-batch-go').click();
      await page.waitForFunction(
        () => /Đang tạo: \d+\/34/.test(document.querySelector('.kh-dialog p')?.textContent ?? '') || !!document.getElementById('kh-batch-done'),
      );
      await page.waitForSelector('#kh-batch-done', { timeout: 240_000 });
      expect(await page.locator('#kh-batch-done').textContent()).toMatch(/^Đã tạo 34\/34 kế hoạch trong .*ke-hoach-34-tinh/);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-batch.png') });
      const out = join(sub, 'ke-hoach-34-tinh');
      const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
      expect(pdfs).toContain('tong-hop.pdf');
      expect(pdfs.length).toBe(35);
      const [merged] = await Promise.all([page.waitForEvent('download'), page.locator('.kh-dialog a', { hasText: 'Tải tệp PDF gộp' }).click()]);
      expect(merged.suggestedFilename()).toBe('tong-hop-34-tinh.pdf');
    } finally {
      await page.close();
      server.proc.kill('SIGINT');
    }
  }, 300_000);

  it('a page of another origin cannot write: its requests are refused and the file stays as it was', async () => {
    const file = join(suite.dir, 'khac.yaml');
    writeFileSync(file, PLAN);
    const server = await startEditServer({ planFile: file, port: 0, autosaveMs: 50 });
    const evil: Server = createServer((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Trang khác</title><p>x</p>');
    });
    await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
    const page = await suite.browser.newPage();
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
