// `kehoach edit` on the command line: its help, what it refuses, and Ctrl+C saving what is pending.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { run } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-edit-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

class Capture {
  text = '';
  readonly isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('kehoach edit', () => {
  it('is in the help, in Vietnamese', async () => {
    const r = await run(['--help']);
    expect(r.out).toMatch(/^\s+edit \[options\]|^\s+edit \[tùy chọn\]/m);
    const h = await run(['edit', '--help']);
    expect(h.out).toContain('Soạn kế hoạch trong trình duyệt');
    expect(h.out).toContain('--no-open');
  });

  it('sends a Word file or a text to kehoach import first, and refuses other files', async () => {
    for (const f of ['ke-hoach.docx', 'ghi-chu.txt', 'a.md']) {
      const r = await run(['edit', join(dir, f), '--no-open']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`kehoach import ${join(dir, f)}`);
    }
    expect((await run(['edit', join(dir, 'a.pdf'), '--no-open'])).code).toBe(2);
    expect((await run(['edit', join(dir, 'a.yaml'), '--port', 'x', '--no-open'])).code).toBe(2);
  });

  it('saves the edits not yet saved when stopped with Ctrl+C', async () => {
    const file = join(dir, 'ke-hoach.yaml');
    writeFileSync(file, readFileSync('examples/corpus/11-hcm-trien-khai-thi-hanh-luat-viec-lam.yaml', 'utf8'));
    const out = new Capture();
    const signals = new EventEmitter();
    const done = runCli(['edit', file, '--no-open', '--port', '0'], {
      stdout: out,
      stderr: new Capture(),
      signals: signals as never,
      env: { ...process.env, KEHOACH_EDIT_AUTOSAVE_MS: '600000' },
    });
    let url = '';
    for (let i = 0; i < 400 && !url; i++) {
      url = /tại (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.text)?.[1] ?? '';
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(url).not.toBe('');
    const page = await (await fetch(url)).text();
    const token = JSON.parse(/<script type="application\/json" id="kh-boot">(.*?)<\/script>/s.exec(page)![1]).token;
    const headers = { 'Content-Type': 'application/json', 'X-Kehoach-Token': token };
    const state = await (await fetch(`${url}api/state`, { headers })).json();
    state.data.signer.name = 'Phạm Thị Dung';
    const r = await fetch(`${url}api/change`, { method: 'POST', headers, body: JSON.stringify({ base: state.version, data: state.data }) });
    expect(r.status).toBe(200);
    expect(readFileSync(file, 'utf8')).not.toContain('Phạm Thị Dung');
    signals.emit('SIGINT');
    expect(await done).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Phạm Thị Dung');
    expect(out.text).toContain('Đã lưu và dừng soạn thảo.');
  });
});
