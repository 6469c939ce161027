// The preview's event streams under clients that connect and never read (issue 12): the cap on
// streams, one shared frame per update, nothing queued for a stream that has not drained, the
// latest status once it reads again, a stream that stays stalled closed, and tabs that do read
// still told of every update.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemView } from '../src/preview/errors.js';
import { EVENT_LIMITS, EventHub, RETRY_AFTER_S } from '../src/preview/events.js';
import { startPreviewServer, type PreviewServer, type PreviewStatus } from '../src/preview/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A tab's event stream read through node:http; `paused` stops reading (Node then stops reading the socket). */
interface Tab {
  statuses: PreviewStatus[];
  res: IncomingMessage;
  port: number;
  close(): void;
}

function openTab(port: number, v: number, paused = false): Promise<Tab> {
  return new Promise((ok, fail) => {
    const req = get({ host: '127.0.0.1', port, path: `/events?v=${v}`, agent: false }, (res) => {
      const tab: Tab = { statuses: [], res, port: req.socket!.localPort!, close: () => req.destroy() };
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
          const ev = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (ev.startsWith('data: ')) tab.statuses.push(JSON.parse(ev.slice(6)));
        }
      });
      if (paused) res.pause();
      ok(tab);
    });
    req.on('error', fail);
  });
}

/** A raw event stream that is opened and never read. */
function idleStream(port: number): Promise<Socket> {
  return new Promise((ok) => {
    const sock = connect(port, '127.0.0.1', () => {
      sock.write(`GET /events?v=0 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      ok(sock);
    });
    sock.pause();
    sock.on('error', () => {});
  });
}

/** Status line, headers and the body read until the server closes (or `ms` passes). */
function request(port: number, target: string, host = `127.0.0.1:${port}`, ms = 2000): Promise<{ status: number; head: string; body: string }> {
  return new Promise((done) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const cut = all.indexOf('\r\n\r\n');
      done({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(all)?.[1] ?? 0), head: all.slice(0, cut), body: all.slice(cut + 4) });
      sock.destroy();
    };
    const timer = setTimeout(finish, ms);
    sock.on('data', (d) => chunks.push(d));
    sock.on('close', () => {
      clearTimeout(timer);
      finish();
    });
    sock.on('error', () => {});
    sock.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  });
}

/** The Kon Tum example with its implementing units repeated: ~45 pages, ~400 KB of page HTML per update. */
function largePlan(title: string): string {
  const base = JSON.parse(readFileSync(resolve('examples/kon-tum-2024-phong-trao-70-nam.json'), 'utf8'));
  delete base.$schema;
  const units = base.implementation.units as { name: string }[];
  base.implementation.units = Array.from({ length: 40 }, (_, i) => units.map((u) => ({ ...u, name: `${u.name} (nhóm ${i + 1})` }))).flat();
  base.title = title;
  return JSON.stringify(base, null, 2);
}

describe('preview events: 50 clients that never read', () => {
  let dir: string;
  let plan: string;
  let server: PreviewServer;
  let tab: Tab;
  let slow: Tab;
  const idle: Socket[] = [];
  const versions: number[] = [];
  let broadcasts = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kehoach-preview-events-'));
    plan = join(dir, 'plan.json');
    writeFileSync(plan, largePlan('Kế hoạch thử tải'));
    // No stream may be closed for stalling during this test; that has its own test below.
    server = await startPreviewServer({ planFile: plan, port: 0, events: { stallMs: 600_000 } });
    server.session.subscribe(() => broadcasts++);
    versions.push(server.session.status().version);
  });

  afterAll(async () => {
    for (const s of idle) s.destroy();
    tab?.close();
    slow?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`takes ${EVENT_LIMITS.maxStreams} streams and answers the next with 503 in Vietnamese`, async () => {
    expect(versions[0]).toBe(1);
    tab = await openTab(server.port, 0);
    slow = await openTab(server.port, 0, true);
    for (let i = 0; i < 50; i++) idle.push(await idleStream(server.port));
    await waitFor('the cap', () => server.eventStats().refused === 50 - (EVENT_LIMITS.maxStreams - 2));
    expect(server.eventStats().streams).toHaveLength(EVENT_LIMITS.maxStreams);

    const r = await request(server.port, '/events?v=1');
    expect(r.status).toBe(503);
    expect(r.head).toContain(`Retry-After: ${RETRY_AFTER_S}`);
    expect(r.head).toMatch(/^Connection: close$/im);
    expect(r.body).toContain(`Máy chủ xem trước đang phục vụ quá nhiều thẻ (tối đa ${EVENT_LIMITS.maxStreams} kết nối cập nhật)`);
    expect(r.body).toContain(`thẻ này sẽ tự thử lại sau ${RETRY_AFTER_S} giây`);
    // The Host check still comes first, and the other routes still answer.
    expect((await request(server.port, '/events', 'evil.example')).status).toBe(403);
    expect((await request(server.port, '/status')).status).toBe(200);
    expect(server.eventStats().streams).toHaveLength(EVENT_LIMITS.maxStreams);
  });

  it('queues at most one frame per stream that does not drain, encodes each update once, and a reading tab gets every update', async () => {
    const encoded0 = server.eventStats().encoded;
    const broadcasts0 = broadcasts;
    const blocked = () => server.eventStats().streams.filter((s) => s.blocked).length;
    // Updates until every idle stream has filled the kernel's buffers (~4 MB each), then three more.
    let extra = 3;
    for (let i = 1; i <= 30 && extra > 0; i++) {
      if (blocked() >= EVENT_LIMITS.maxStreams - 1) extra--;
      const want = versions.at(-1)! + 1;
      writeFileSync(plan, largePlan(`Kế hoạch thử tải (lần ${i})`));
      await waitFor(`version ${want} at the reading tab`, () => tab.statuses.some((s) => s.version === want));
      versions.push(want);
    }
    expect(extra).toBe(0);

    const st = server.eventStats();
    const got = new Set(tab.statuses.map((s) => s.version));
    for (const v of versions) expect(got).toContain(v);
    // The reading tab got each version's pages with it, never twice.
    expect(tab.statuses.filter((s) => typeof s.html === 'string').map((s) => s.version)).toEqual(versions);
    expect(st.streams.filter((s) => s.port !== tab.port).every((s) => s.blocked)).toBe(true);
    expect(st.skipped).toBeGreaterThan(0);
    // One frame (plus Node's chunk framing) at most per stream, however many updates were made;
    // before the fix each stream held every update not yet taken by the kernel.
    expect(st.largestFrame).toBeGreaterThan(350_000);
    for (const s of st.streams) expect(s.queuedBytes).toBeLessThanOrEqual(st.largestFrame + 64 * 1024);
    // A status is encoded at most twice (without and with the pages), not once per stream.
    expect(st.encoded - encoded0).toBeLessThanOrEqual(2 * (broadcasts - broadcasts0));
  }, 180_000);

  it('a stream that starts reading again gets the latest status with its pages', async () => {
    const latest = server.session.status().version;
    const before = server.eventStats().streams.find((s) => s.port === slow.port)!;
    expect(before).toMatchObject({ blocked: true, behind: true });
    expect(before.version).toBeLessThan(latest);

    slow.res.resume();
    await waitFor(
      'the slow stream to catch up',
      () => slow.statuses.at(-1)?.version === latest && server.eventStats().streams.find((s) => s.port === slow.port)?.blocked === false,
    );
    const last = slow.statuses.filter((s) => s.version === latest);
    expect(last[0].html).toBe(await (await fetch(`${server.url}pages`)).text());
    // It got what the kernel held and then the latest: not every update in between.
    expect(slow.statuses.length).toBeLessThan(tab.statuses.length);

    // Reading now, it is told of the next update like any tab.
    writeFileSync(plan, largePlan('Kế hoạch thử tải (lần cuối)'));
    // Its first status of that version brings the pages (the PDF's may follow without them).
    await waitFor('the next version at the slow stream', () => slow.statuses.some((s) => s.version === latest + 1));
    expect(typeof slow.statuses.find((s) => s.version === latest + 1)!.html).toBe('string');
  });

  it('a closed stream frees its place for a new one', async () => {
    const ports = new Set(server.eventStats().streams.map((s) => s.port));
    const taken = idle.findIndex((s) => ports.has(s.localPort!));
    idle.splice(taken, 1)[0].destroy();
    await waitFor('the stream to go', () => server.eventStats().streams.length === EVENT_LIMITS.maxStreams - 1);
    const r = await request(server.port, '/events?v=0', undefined, 500);
    expect(r.status).toBe(200);
    expect(r.body).toContain('retry: 1000');
  });
});

describe('preview events: the hub on its own', () => {
  let http: Server;
  let hub: EventHub;
  let port: number;
  let status: PreviewStatus;
  const listeners = new Set<(s: PreviewStatus) => void>();
  const html = `<div class="kh-page">${'x'.repeat(1 << 20)}</div>`;

  beforeAll(async () => {
    status = { server: 's', version: 1, pdfVersion: 0, pageCount: 1, plan: 'p.json', builtAt: '', ms: 0, warnings: [] };
    const source = {
      status: () => status,
      pagesHtml: () => html,
      subscribe: (fn: (s: PreviewStatus) => void) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
    hub = new EventHub(source, { stallMs: 1000, heartbeatMs: 50 });
    http = createServer((req, res) => hub.open(req, res));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    port = (http.address() as AddressInfo).port;
  });

  afterAll(async () => {
    hub.close();
    http.closeAllConnections();
    await new Promise((ok) => http.close(ok));
  });

  const update = () => {
    status = { ...status, version: status.version + 1 };
    for (const fn of listeners) fn(status);
  };

  it('holds one frame at most for a stream that does not read, closes it after stallMs, keeps the tab that reads', async () => {
    const tab = await openTab(port, 0);
    const sock = await idleStream(port);
    await waitFor('two streams', () => hub.stats().streams.length === 2);
    // 1 MB of pages per update, 12 updates: the kernel's buffers (~4 MB) fill within a few,
    // then the stream holds at most one frame, heartbeats (every 50 ms) included.
    const queued: number[] = [];
    for (let i = 0; i < 12; i++) {
      update();
      await sleep(50);
      queued.push(hub.stats().streams.find((s) => s.port !== tab.port)?.queuedBytes ?? 0);
    }
    const st = hub.stats();
    expect(st.skipped).toBeGreaterThan(0);
    expect(Math.max(...queued)).toBeGreaterThan(0);
    expect(Math.max(...queued)).toBeLessThanOrEqual(st.largestFrame + 64 * 1024);
    // Nothing read for a second: closed.
    await waitFor('the stalled stream to be closed', () => hub.stats().stalledClosed === 1, 10_000);
    expect(hub.stats().streams.map((s) => s.port)).toEqual([tab.port]);
    await waitFor('the last update at the tab', () => tab.statuses.at(-1)?.version === status.version);
    expect(tab.statuses.at(-1)!.html).toBe(html);
    tab.close();
    sock.destroy();
  });

  it('serializes an update once for twenty tabs, not once per tab', async () => {
    const tabs = await Promise.all(Array.from({ length: 20 }, () => openTab(port, status.version)));
    await waitFor('twenty streams', () => {
      const open = new Set(hub.stats().streams.map((s) => s.port));
      return tabs.every((t) => open.has(t.port));
    });
    // JSON.stringify calls a warning's toJSON each time it serializes the status, whoever
    // calls it: this counts the serializations without trusting the hub's own counters.
    let serialized = 0;
    const toJSON = () => {
      serialized++;
      return { message: 'Cảnh báo thử' };
    };
    const warning = { toJSON } as unknown as ProblemView;
    status = { ...status, version: status.version + 1, warnings: [warning] };
    for (const fn of listeners) fn(status);
    await waitFor('the update at every tab', () => tabs.every((t) => t.statuses.at(-1)?.version === status.version));
    for (const t of tabs) expect(t.statuses.at(-1)).toMatchObject({ html, warnings: [{ message: 'Cảnh báo thử' }] });
    // Once without the pages and once with them, for all twenty.
    expect(serialized).toBeLessThanOrEqual(2);
    for (const t of tabs) t.close();
  });
});
