// The editor's import path end to end, in Chromium as a clerk uses it: a Word file typed by a clerk
// (test/fixtures/clerk-docx/, made by LibreOffice from a real plan's text: not one of our renders)
// dropped onto the start page, the import's warnings shown, the date and a recipient changed in
// the form, the DOCX downloaded through the toolbar and read with the independent OOXML reader.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readData } from '../src/edit/plan-text.js';
import { ARTIFACTS, browserSuite, HAS_CHROMIUM, spawnEdit } from './helpers/edit-browser.js';
import { type BodyItem, type Para, flatParagraphs, openDocx } from './helpers/ooxml.js';

const DOCX = resolve('test/fixtures/clerk-docx/hanoi-svhtt-2020.docx');
const SOURCE = resolve('test/fixtures/import-texts/hanoi-svhtt-2020-dien-dan-tuyen-truyen.txt');

/** The paragraphs of a table's cells, in order. */
const cellParas = (item: BodyItem | undefined): Para[] =>
  item?.kind === 'tbl' ? item.t.rows.flatMap((r) => r.cells.flatMap((c) => flatParagraphs(c.items))) : [];

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

describe.skipIf(!HAS_CHROMIUM)('kehoach edit: a Word file dropped on the start page', () => {
  const suite = browserSuite('kehoach-edit-import-');

  it('becomes the plan file, shows the warnings, takes a new date and recipient, and downloads as a DOCX with them', async () => {
    const server = await spawnEdit('ke-hoach.yaml', suite.dir, { KEHOACH_EDIT_AUTOSAVE_MS: '200' });
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    const file = join(suite.dir, 'ke-hoach.yaml');
    try {
      await page.goto(server.url);
      await page.waitForSelector('#kh-drop');
      // A drop as the browser delivers it: a File in a DataTransfer, dragged over and dropped.
      const bytes = [...readFileSync(DOCX)];
      const transfer = await page.evaluateHandle((b) => {
        const dt = new DataTransfer();
        dt.items.add(
          new File([new Uint8Array(b)], 'hanoi-svhtt-2020.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
        );
        return dt;
      }, bytes);
      await page.dispatchEvent('#kh-drop', 'dragenter', { dataTransfer: transfer });
      await page.dispatchEvent('#kh-drop', 'dragover', { dataTransfer: transfer });
      await page.dispatchEvent('#kh-drop', 'drop', { dataTransfer: transfer });
      // The page reloads into the editor with the imported plan and what the import had to guess.
      const notes = page.locator('#kh-imported');
      await notes.waitFor({ timeout: 20_000 });
      expect(await notes.textContent()).toMatch(/Đã nhập "hanoi-svhtt-2020\.docx": 1 chỗ cần kiểm tra lại/);
      expect(await notes.locator('li').first().textContent()).toContain('dòng Lưu có "VT;"');
      await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelectorAll('.kh-page').length > 0);
      await page.screenshot({ path: join(ARTIFACTS, 'edit-import.png') });
      // The file written is the import's YAML: its warning a comment above the field.
      const created = readFileSync(file, 'utf8');
      expect(created).toContain('# CẢNH BÁO (đoạn 70): dòng Lưu có "VT;"');
      expect((readData(created, file) as { date: string }).date).toBe('2020-09');

      // The date (a draft's "09/2020") and the fourth recipient, typed into the form.
      const date = page.locator('[data-focus="f:date"]');
      await date.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('15/10/2020');
      const recipient = page.locator('[data-focus="f:recipients[3]"]');
      await recipient.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Các Sở, ban, ngành Thành phố');
      await page.waitForFunction(() => {
        const t = document.getElementById('kh-pages')!.textContent!;
        return t.includes('ngày 15 tháng 10 năm 2020') && t.includes('Các Sở, ban, ngành Thành phố;');
      });
      await page.waitForFunction(() => /^Đã lưu/.test(document.getElementById('kh-saved')!.textContent!));
      // "Đã lưu" may still be the date's save while the recipient's is on its way: wait for the file.
      // The file's data, not its spelling: the YAML may keep a scalar's quotes from an earlier value.
      await expect
        .poll(() => (parse(readFileSync(file, 'utf8')) as { recipients: unknown[] }).recipients[3], { timeout: 20_000 })
        .toBe('Các Sở, ban, ngành Thành phố');
      const saved = readFileSync(file, 'utf8');
      expect(saved).toContain('# CẢNH BÁO (đoạn 70)');
      expect(saved).toMatch(/^date: 2020-10-15$/m);

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#kh-docx').click()]);
      expect(download.suggestedFilename()).toBe('ke-hoach.docx');
      const docx = openDocx(readFileSync((await download.path())!));
      // The header band: the first table of the body, with the place and the new date.
      const band = cellParas(docx.body[0]).map((p) => squash(p.text));
      expect(band).toContain('Hà Nội, ngày 15 tháng 10 năm 2020');
      expect(band.join('\n')).not.toMatch(/tháng 9 năm 2020/);
      // The nơi nhận block: the table holding "Nơi nhận:", with the changed recipient in place.
      const closing = docx.body.filter((b) => cellParas(b).some((p) => squash(p.text) === 'Nơi nhận:'));
      expect(closing.length).toBe(1);
      const to = cellParas(closing[0]).map((p) => squash(p.text));
      const at = to.indexOf('Nơi nhận:');
      expect(to.slice(at + 1, at + 9)).toEqual([
        '- Đ/c Nguyễn Thị Bích Ngọc, PBT TU, Chủ tịch HĐND TP, Trưởng Ban chỉ đạo Chương trình 04-CTr/TU;',
        '- Đ/c Ngô Văn Quý, PCT UBND TP, Phó trưởng ban Thường trực BCĐ Chương trình 04-CTr/TU;',
        '- Văn phòng: TU, HĐND, UBND Thành phố;',
        '- Các Sở, ban, ngành Thành phố;',
        '- UBND quận, huyện, thị xã;',
        '- Đ/c Giám đốc Sở;',
        '- Các Phó GĐ Sở;',
        '- Lưu: VT.',
      ]);
      // The rest of the plan: every body line of the source text is in the DOCX.
      const all = squash(
        docx.body
          .flatMap((b) => (b.kind === 'p' ? [b.p] : cellParas(b)))
          .map((p) => p.text)
          .join(' '),
      );
      const body = readFileSync(SOURCE, 'utf8')
        .split('\n')
        .slice(2)
        .map((l) => squash(l.replace(/^(- |\+ |[IVX]+\. |\d+(\.\d+)*\. )/, '')))
        .filter((l) => l && !l.startsWith('|'));
      expect(body.length).toBeGreaterThan(50);
      expect(body.filter((l) => !all.includes(l))).toEqual([]);
    } finally {
      await page.close();
      server.proc.kill('SIGINT');
    }
  }, 120_000);
});
