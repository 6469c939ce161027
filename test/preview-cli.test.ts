// `kehoach preview` and `kehoach templates` as a clerk runs them (the built bin).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, MINIMAL, run } from './helpers/cli.js';
import { BUILTIN_TEMPLATES } from '../src/template/engine.js';
import { openCommand } from '../src/preview/open-browser.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-preview-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kehoach templates eject', () => {
  it('copies every built-in template, then refuses to overwrite without --force', async () => {
    const out = join(dir, 'mau');
    let r = await run(['templates', 'eject', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã chép \d+ tệp mẫu vào/);
    const builtin = join(BUILTIN_TEMPLATES, 'ke-hoach');
    for (const f of ['document.hbs', 'partials/header.hbs', 'partials/sections/purposes.hbs']) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(builtin, f), 'utf8'));
    }
    expect(readdirSync(join(out, 'partials', 'sections')).sort()).toEqual(readdirSync(join(builtin, 'partials', 'sections')).sort());

    writeFileSync(join(out, 'partials', 'header.hbs'), 'sửa của tôi');
    r = await run(['templates', 'eject', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/đã có \d+ tệp mẫu.*--force/);
    expect(readFileSync(join(out, 'partials', 'header.hbs'), 'utf8')).toBe('sửa của tôi');

    r = await run(['templates', 'eject', out, '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'partials', 'header.hbs'), 'utf8')).toBe(readFileSync(join(builtin, 'partials', 'header.hbs'), 'utf8'));
  });

  it('an ejected folder renders exactly like the built-in templates', async () => {
    const out = join(dir, 'mau');
    expect((await run(['templates', 'eject', out])).code).toBe(0);
    expect((await run(['render', MINIMAL, '-o', join(dir, 'a'), '-f', 'docx'])).code).toBe(0);
    expect((await run(['render', MINIMAL, '-o', join(dir, 'b'), '-f', 'docx', '-t', out])).code).toBe(0);
    // Same text and layout (the zip itself carries timestamps).
    const xml = (f: string) => strFromU8(unzipSync(readFileSync(f))['word/document.xml']);
    expect(xml(join(dir, 'b', 'minimal.docx'))).toBe(xml(join(dir, 'a', 'minimal.docx')));
  });

  it('a missing folder name is a usage error; list shows what a folder overrides', async () => {
    expect((await run(['templates', 'eject'])).code).toBe(2);
    const own = join(dir, 'mau', 'partials', 'sections');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'purposes.hbs'), '');
    const r = await run(['templates', 'list', '-t', join(dir, 'mau')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^sections\/purposes\s+riêng/m);
    expect(r.out).toMatch(/^header\s+có sẵn/m);
    expect(r.out).toMatch(/^document\.hbs\s+có sẵn/m);
  });
});

describe('kehoach preview', () => {
  it('prints its address in Vietnamese, serves the page, and stops cleanly on Ctrl+C', async () => {
    const child = spawn(process.execPath, [BIN, 'preview', MINIMAL, '--no-open', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // 'close', not 'exit': the output may still be arriving when the process has exited.
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      const end = Date.now() + 30_000;
      // The address and the hint under it are separate writes: wait for the last one.
      while (!out.includes('Mở địa chỉ trên bằng trình duyệt') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      expect(url, out + err).toBeDefined();
      expect(out).toContain('Xem trước');
      expect(out).toContain('Mở địa chỉ trên bằng trình duyệt');
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('class="kh-page"');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('Đã dừng xem trước');
  });

  it('in-process, serves until the signal source it is given says stop, then removes its listeners', async () => {
    const signals = new EventEmitter();
    let served: Promise<{ status: number; html: string }> | undefined;
    const giveUp = setTimeout(() => signals.emit('SIGINT'), 30_000); // no address: stop, and fail below
    const r = await run(['preview', MINIMAL, '--no-open', '--port', '0'], undefined, {
      signals,
      onStdout: (text) => {
        if (served || !text.includes('Mở địa chỉ trên bằng trình duyệt')) return;
        const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)![0];
        served = fetch(url)
          .then(async (res) => ({ status: res.status, html: await res.text() }))
          .finally(() => signals.emit('SIGINT'));
      },
    });
    clearTimeout(giveUp);
    expect(served, r.out + r.err).toBeDefined();
    const page = await served!;
    expect(page.status).toBe(200);
    expect(page.html).toContain('class="kh-page"');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã dừng xem trước');
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('a missing plan file or a bad port is reported before starting', async () => {
    let r = await run(['preview', join(dir, 'khong-co.json'), '--no-open']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('không tìm thấy tệp kế hoạch');
    r = await run(['preview', MINIMAL, '--no-open', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cổng');
    r = await run(['preview', MINIMAL, '--no-open', '-t', join(dir, 'khong-co')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('templates eject');
  });

  it('opens the browser only where there is a display', () => {
    expect(openCommand('http://127.0.0.1:1/', 'linux', {})).toBeUndefined();
    expect(openCommand('http://127.0.0.1:1/', 'linux', { DISPLAY: ':0' })).toEqual(['xdg-open', ['http://127.0.0.1:1/']]);
    expect(openCommand('http://127.0.0.1:1/', 'darwin', {})?.[0]).toBe('open');
    expect(openCommand('http://127.0.0.1:1/', 'win32', {})?.[0]).toBe('cmd');
  });

  it('lists preview and templates in the help', async () => {
    const r = await run(['--help']);
    expect(r.out).toContain('preview');
    expect(r.out).toContain('templates');
    expect(existsSync(BIN)).toBe(true);
  });
});
