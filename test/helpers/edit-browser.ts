// Helpers of the editor's browser tests: Debian's Chromium through playwright-core (the tests skip
// without it), the editor's compiled browser modules (dist/edit/client, rebuilt when older than
// their sources), and the editor run as the clerk runs it (the bin, in its own process).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const ARTIFACTS = resolve('test/artifacts');
/** Chromium's flags for the tests: headless, offline, no first-run work. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (name.endsWith(ext)) t = Math.max(t, st.mtimeMs);
  }
  return t;
}

/** Builds dist/ when the editor's sources are newer than it (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const out = resolve('dist/edit/client/main.js');
  const built = existsSync(out) ? Math.min(statSync(out).mtimeMs, statSync(resolve('dist/cli/main.js')).mtimeMs) : 0;
  if (built < newest(resolve('src'), '.ts'))
    execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A suite's Chromium and scratch folder: started before its tests (dist built), closed after them. */
export function browserSuite(prefix: string): { dir: string; browser: Browser } {
  const suite = {} as { dir: string; browser: Browser };
  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    suite.dir = mkdtempSync(join(tmpdir(), prefix));
    suite.browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    if (suite.dir) rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

export interface Spawned {
  proc: ChildProcess;
  url: string;
  out: () => string;
}

/** A port free now (for a server that must come back on the same one). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

/** `kehoach edit <file> --no-open --port <port>` in its own process; resolves once it prints its address. */
export function spawnEdit(file: string, cwd: string, env: Record<string, string> = {}, port = 0): Promise<Spawned> {
  const proc = spawn(process.execPath, [resolve('bin/kehoach.js'), 'edit', file, '--no-open', '--port', String(port)], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`kehoach edit did not start: ${text}`)), 20_000);
    const onData = (d: Buffer) => {
      text += d.toString('utf8');
      const m = /tại (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (m) {
        clearTimeout(timer);
        done({ proc, url: m[1], out: () => text });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`kehoach edit exited (${code}): ${text}`));
    });
  });
}
