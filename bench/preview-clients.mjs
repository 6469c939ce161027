#!/usr/bin/env node
// Memory of `kehoach preview` under many event streams that are never read (issue 12):
// starts the built bin on a large plan, opens CLIENTS raw SSE connections that never read,
// saves the plan UPDATES times, and prints the server's peak RSS and whether a tab that does
// read still gets every update. Needs dist/ (npx tsc -p tsconfig.json). Linux (/proc) or ps.
//
//   node bench/preview-clients.mjs            CLIENTS=200 UPDATES=20 SCALE=40
//   MAX_STREAMS=1000 node bench/preview-clients.mjs
//     starts the server through dist/preview/index.js with that cap on event streams instead
//     of the bin's (32), so every idle client gets a stream: the bound then comes from
//     skipping streams that have not drained, not from turning clients away.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const CLIENTS = Number(process.env.CLIENTS ?? 200);
const UPDATES = Number(process.env.UPDATES ?? 20);
// Copies of the example's implementing units: 40 gives ~50 pages, ~450 KB of page HTML.
const SCALE = Number(process.env.SCALE ?? 40);
const BIN = join(root, 'bin/kehoach.js');
const MAX_STREAMS = process.env.MAX_STREAMS ? Number(process.env.MAX_STREAMS) : undefined;
if (!existsSync(join(root, 'dist/preview/server.js'))) {
  console.error('dist/ is missing: run npx tsc -p tsconfig.json first.');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A large plan: the Kon Tum example with its implementing units repeated SCALE times. */
function largePlan(title) {
  const base = JSON.parse(readFileSync(join(root, 'examples/kon-tum-2024-phong-trao-70-nam.json'), 'utf8'));
  delete base.$schema;
  const units = base.implementation.units;
  base.implementation.units = Array.from({ length: SCALE }, (_, i) => units.map((u) => ({ ...u, name: `${u.name} (nhóm ${i + 1})` }))).flat();
  base.title = title;
  return JSON.stringify(base, null, 2);
}

/** Resident set of a process in MB: current and peak (VmHWM) from /proc, else ps. */
function rss(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return { now: kb / 1024, peak: NaN };
  }
}

/** The server alone with `events: { maxStreams }` (an option older builds ignore), stopped by SIGINT. */
const IN_PROCESS = `
const { startPreviewServer } = await import(${JSON.stringify(join(root, 'dist/preview/index.js'))});
const s = await startPreviewServer({ planFile: process.argv[1], port: 0, events: { maxStreams: Number(process.argv[2]) } });
console.log(s.url);
process.once('SIGINT', () => s.close().then(() => process.exit(0)));
`;

function startServer(plan) {
  const args = MAX_STREAMS ? ['--input-type=module', '-e', IN_PROCESS, plan, String(MAX_STREAMS)] : [BIN, 'preview', plan, '--no-open', '--port', '0'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (url) ok({ child, port: Number(url[1]) });
    });
    child.on('exit', (code) => fail(new Error(`preview exited (${code}): ${out}`)));
  });
}

/** An event stream that is opened and never read: the socket stops reading once Node's buffer is full. */
function idleClient(port) {
  return new Promise((ok) => {
    const sock = connect(port, '127.0.0.1', () => {
      sock.write(`GET /events?v=0 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      ok(sock);
    });
    sock.pause();
    sock.on('error', () => {});
  });
}

/** A tab that reads: collects the versions it is told about, and whether their pages came along. */
async function readingClient(port) {
  const ctl = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/events?v=0`, { signal: ctl.signal });
  const seen = { versions: new Set(), withHtml: 0, status: res.status, stop: () => ctl.abort() };
  (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body) {
        buf += dec.decode(chunk, { stream: true });
        for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
          const ev = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!ev.startsWith('data: ')) continue;
          const s = JSON.parse(ev.slice(6));
          seen.versions.add(s.version);
          if (typeof s.html === 'string') seen.withHtml++;
        }
      }
    } catch {}
  })();
  return seen;
}

const dir = mkdtempSync(join(tmpdir(), 'kehoach-bench-preview-'));
const plan = join(dir, 'plan.json');
writeFileSync(plan, largePlan('Kế hoạch thử tải'));
const { child, port } = await startServer(plan);
let peak = 0;
const poll = setInterval(() => (peak = Math.max(peak, rss(child.pid).now)), 50);
try {
  const status = async () => (await fetch(`http://127.0.0.1:${port}/status`)).json();
  while ((await status()).version < 1) await sleep(50);
  const html = Buffer.byteLength(await (await fetch(`http://127.0.0.1:${port}/pages`)).text());
  const first = await status();
  console.log(
    `plan: ${first.pageCount} pages, ${(html / 1024).toFixed(0)} KB of page HTML; ${CLIENTS} idle clients, ${UPDATES} updates; ` +
      (MAX_STREAMS ? `server in-process with maxStreams ${MAX_STREAMS}` : 'the bin (default cap)'),
  );
  await sleep(500);
  const base = rss(child.pid).now;
  // The clerk's tab is open first; then something opens CLIENTS streams and never reads them.
  const tab = await readingClient(port);
  const idle = [];
  for (let i = 0; i < CLIENTS; i++) idle.push(await idleClient(port));
  await sleep(500);
  const connected = rss(child.pid).now;
  const started = performance.now();
  const waits = [];
  for (let i = 1; i <= UPDATES; i++) {
    const want = (await status()).version + 1;
    const t = performance.now();
    writeFileSync(plan, largePlan(`Kế hoạch thử tải (lần ${i})`));
    // Up to 20 s for the tab; the server's own status says when the build is done anyway.
    const end = Date.now() + 20_000;
    while (!tab.versions.has(want) && Date.now() < end) await sleep(20);
    while ((await status()).version < want) await sleep(50);
    waits.push(performance.now() - t);
  }
  const last = (await status()).version;
  await sleep(2000);
  const settled = rss(child.pid).now;
  const refused = await countRefused(idle);
  const got = [...Array(UPDATES)].map((_, i) => last - UPDATES + 1 + i).filter((v) => tab.versions.has(v)).length;
  peak = Math.max(peak, rss(child.pid).peak || 0);
  console.log(
    `server RSS: ${base.toFixed(0)} MB before clients, ${connected.toFixed(0)} MB connected, peak ${peak.toFixed(0)} MB, ${settled.toFixed(0)} MB 2 s after the last update`,
  );
  console.log(`idle streams refused (non-200): ${refused} of ${CLIENTS}`);
  console.log(
    `reading tab (HTTP ${tab.status}): got ${got} of ${UPDATES} updates; median wait ${median(waits).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms; ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
  console.log(`peak under 300 MB: ${peak < 300 ? 'yes' : 'NO'}`);
  tab.stop();
  for (const s of idle) s.destroy();
} finally {
  clearInterval(poll);
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Reads what the idle clients were sent (now, at the end) and counts the ones turned away. */
async function countRefused(socks) {
  let n = 0;
  for (const s of socks) {
    const head = await new Promise((ok) => {
      s.once('readable', () => ok(String(s.read(64) ?? '')));
      setTimeout(() => ok(''), 200);
    });
    if (!/^HTTP\/1\.1 200/.test(head)) n++;
  }
  return n;
}
