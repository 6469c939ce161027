// The preview server without a browser: its route table, Host check, rebuilds on file
// changes and the errors it reports (what the overlay shows).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer, type PreviewStatus } from '../src/preview/index.js';
import { describeError } from '../src/preview/errors.js';
import { unclosedBlock } from '../src/template/blocks.js';
import { isTemplateName } from '../src/preview/watch.js';
import { BUILTIN_TEMPLATES, TemplateError } from '../src/template/engine.js';

const EXAMPLE = resolve('examples/minimal.json');

/** A raw HTTP/1.1 request, so neither the path nor the Host header is normalised by a client. */
function raw(port: number, target: string, host: string | null = `127.0.0.1:${port}`, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const sock = connect(port, '127.0.0.1');
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => (data += d));
    sock.on('error', fail);
    sock.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0);
      done({ status, body: Buffer.from(data.slice(data.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8') });
    });
    sock.write(`${method} ${target} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
  });
}

async function status(s: PreviewServer): Promise<PreviewStatus> {
  const res = await fetch(`${s.url}status`);
  return (await res.json()) as PreviewStatus;
}

/** Polls /status until `ok` holds (file events arrive asynchronously). */
async function until(s: PreviewServer, ok: (st: PreviewStatus) => boolean, ms = 10_000): Promise<PreviewStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const st = await status(s);
    if (ok(st)) return st;
    if (Date.now() > end) throw new Error(`timed out; last status ${JSON.stringify(st).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

let dir: string;
let plan: string;
let tpl: string;
let server: PreviewServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-preview-'));
  plan = join(dir, 'plan.json');
  cpSync(EXAMPLE, plan);
  // A custom folder with no partials yet: everything falls back to the built-in templates.
  tpl = join(dir, 'tpl');
  mkdirSync(tpl);
  cpSync(join(BUILTIN_TEMPLATES, 'ke-hoach', 'document.hbs'), join(tpl, 'document.hbs'));
  server = await startPreviewServer({ planFile: plan, templateDir: tpl, port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preview server: routes', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page, its assets, the pages, the PDF and the DOCX', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('class="kh-page"');
    expect(html).toContain('Tải DOCX');
    const css = await (await fetch(`${server.url}preview.css`)).text();
    expect(css).toContain('src:url("/fonts/tinos-regular.ttf")');
    const font = await fetch(`${server.url}fonts/tinos-bold.ttf`);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect(Buffer.from(await font.arrayBuffer()).readUInt32BE(0)).toBe(0x00010000);
    expect(await (await fetch(`${server.url}preview.js`)).text()).toContain('EventSource');
    const pdf = await fetch(`${server.url}document.pdf?v=1`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const docx = await fetch(`${server.url}document.docx`);
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="plan\.docx"/);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('sends the status as Server-Sent Events', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${server.url}events`, { signal: ctl.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('data: ')) text += new TextDecoder().decode((await reader.read()).value);
    ctl.abort();
    expect(text).toContain('"pageCount":');
  });

  const traversals = [
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/fonts/..%2f..%2f..%2fpackage.json',
    '/fonts/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/fonts/../../../package.json',
    '/fonts/tinos-regular.ttf/../../package.json',
    '/document.pdf/..%2f..%2fpackage.json',
    '/fonts/..%5c..%5c..%5cpackage.json',
    '/..%5c..%5cpackage.json',
    '/%5c%5c..%5cpackage.json',
    '/..%c0%af..%c0%afpackage.json',
    `/${resolve('package.json')}`,
    resolve('package.json'),
    `/${encodeURIComponent(resolve('package.json'))}`,
    '//etc/passwd',
    '/etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/templates/ke-hoach/document.hbs',
    '/node_modules/typescript/package.json',
    '/fonts/tinos/Tinos-Regular.ttf',
  ];
  it.each(traversals)('404 for %s', async (target) => {
    const r = await raw(server.port, target);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('"name": "kehoach"');
    expect(r.body).not.toContain('root:');
  });

  it('404 for an absolute-form request target naming a file', async () => {
    const r = await raw(server.port, `http://127.0.0.1:${server.port}/etc/passwd`);
    expect(r.status).toBe(404);
    expect((await raw(server.port, `http://127.0.0.1:${server.port}${resolve('package.json')}`)).status).toBe(404);
  });

  it('a request target with a raw backslash gets nothing', async () => {
    const r = await raw(server.port, '/..\\..\\package.json');
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain('"name": "kehoach"');
  });

  it.each([
    ['evil.example', 403],
    [`evil.example:PORT`, 403],
    ['127.0.0.1', 403],
    [`127.0.0.1.nip.io:PORT`, 403],
    ['localhost:1', 403],
    [`[::1]:PORT`, 403],
    [`127.0.0.1:PORT`, 200],
    [`localhost:PORT`, 200],
  ])('Host %s → %i (DNS rebinding)', async (host, code) => {
    const r = await raw(server.port, '/', host.replace('PORT', String(server.port)));
    expect(r.status).toBe(code);
  });

  it('refuses a request without Host, and methods other than GET/HEAD', async () => {
    // HTTP/1.1 requires Host; Node answers 400 itself, we never serve it.
    expect([400, 403]).toContain((await raw(server.port, '/', null)).status);
    expect((await raw(server.port, '/status', undefined, 'POST')).status).toBe(405);
    expect((await raw(server.port, '/status', undefined, 'HEAD')).status).toBe(200);
  });
});

describe('preview server: rebuilds', () => {
  it('picks up a partial added to the custom folder (new folders are watched)', async () => {
    const before = await status(server);
    mkdirSync(join(tpl, 'partials', 'sections'), { recursive: true });
    const src = readFileSync(join(BUILTIN_TEMPLATES, 'ke-hoach', 'partials', 'sections', 'purposes.hbs'), 'utf8');
    writeFileSync(join(tpl, 'partials', 'sections', 'purposes.hbs'), src.replace('"Mục đích, yêu cầu"', '"Mục tiêu cần đạt"'));
    await until(server, (s) => s.version > before.version && !s.error);
    const pages = await (await fetch(`${server.url}pages`)).text();
    expect(pages).toContain('MỤC TIÊU CẦN ĐẠT');
    expect(server.session.watchedFolders()).toContain(join(tpl, 'partials', 'sections'));
  });

  it('reports an unclosed block at the line that opens it, keeps the last good pages, recovers', async () => {
    const file = join(tpl, 'partials', 'sections', 'purposes.hbs');
    const good = readFileSync(file, 'utf8');
    const before = await status(server);
    writeFileSync(file, `${good.trimEnd()}\n{{#if purpose}}\n`);
    const lines = good.trimEnd().split('\n').length;
    const st = await until(server, (s) => !!s.error);
    expect(st.error!.kind).toBe('template');
    expect(st.error!.problems[0]).toMatchObject({ line: lines + 1, column: 1 });
    expect(st.error!.problems[0].file).toMatch(/tpl[\\/]partials[\\/]sections[\\/]purposes\.hbs$/);
    expect(st.error!.problems[0].message).toContain('{{/if}}');
    expect(st.version).toBe(before.version);
    expect(await (await fetch(`${server.url}pages`)).text()).toContain('MỤC TIÊU CẦN ĐẠT');
    writeFileSync(file, good);
    await until(server, (s) => !s.error);
  });

  it('reports an unknown variable with file, line and column', async () => {
    const file = join(tpl, 'document.hbs');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('<kind>KẾ HOẠCH</kind>', '<kind>{{plan.titel}}</kind>'));
    try {
      const st = await until(server, (s) => !!s.error);
      const p = st.error!.problems[0];
      expect(p.message).toContain('"titel"');
      const line = good.split('\n').findIndex((l) => l.includes('<kind>')) + 1;
      expect(p.line).toBe(line);
      expect(p.column).toBeGreaterThan(0);
      expect(p.excerpt?.lines.join('\n')).toContain('{{plan.titel}}');
    } finally {
      writeFileSync(file, good);
    }
    await until(server, (s) => !s.error);
  });

  it('reports plan errors with the JSON path, and JSON syntax errors with line and column', async () => {
    const good = readFileSync(plan, 'utf8');
    const p = JSON.parse(good);
    p.signer.name = 42;
    writeFileSync(plan, JSON.stringify(p, null, 2));
    let st = await until(server, (s) => s.error?.kind === 'input');
    expect(st.error!.problems.map((x) => x.path)).toContain('signer.name');
    const bad = st.error!.problems.find((x) => x.path === 'signer.name')!;
    expect(bad.line).toBeGreaterThan(1);
    expect(bad.excerpt?.lines.join('\n')).toContain('42');

    writeFileSync(plan, good.replace(/,\s*"place"/, ' "place"'));
    st = await until(server, (s) => !!s.error?.problems.some((x) => /JSON/.test(x.message)));
    expect(st.error!.problems[0].line).toBeGreaterThan(1);
    expect(st.error!.problems[0].column).toBeGreaterThan(0);

    writeFileSync(plan, good);
    await until(server, (s) => !s.error);
  });

  it('rebuilds after an editor-style save (write a new file, rename it over the old one)', async () => {
    const good = readFileSync(plan, 'utf8');
    const before = await status(server);
    const p = JSON.parse(good);
    p.title = 'Kế hoạch đã đổi tên qua đổi tên tệp';
    const tmp = join(dir, '.plan.json.swp');
    writeFileSync(tmp, JSON.stringify(p, null, 2));
    const { renameSync } = await import('node:fs');
    renameSync(tmp, plan);
    await until(server, (s) => s.version > before.version && !s.error);
    expect(await (await fetch(`${server.url}pages`)).text()).toContain('qua đổi tên tệp');
    writeFileSync(plan, good);
    await until(server, (s) => s.version > before.version + 1);
  });
});

describe('preview: error descriptions', () => {
  it('finds the innermost unclosed block, ignoring comments', () => {
    expect(unclosedBlock('a\n  {{#if x}}\nb')).toEqual({ name: 'if', line: 2, column: 3, laterLines: [] });
    expect(unclosedBlock('{{#each a}}{{#if b}}{{/if}}{{!-- {{#with}} --}}')).toEqual({ name: 'each', line: 1, column: 1, laterLines: [] });
    // Closers pair with the nearest opener: a stray {{#if}} inside a block shows up as the outer one.
    expect(unclosedBlock('{{#if a}}\n{{#if b}}\n{{#if c}}{{/if}}\n{{/if}}')).toEqual({ name: 'if', line: 1, column: 1, laterLines: [2, 3] });
    expect(unclosedBlock('{{#if a}}{{~/if}}')).toBeUndefined();
  });

  it('does not mistake editor scratch files for templates', () => {
    expect(isTemplateName('purposes.hbs')).toBe(true);
    expect(isTemplateName('sections')).toBe(true);
    expect(isTemplateName(null)).toBe(true);
    for (const n of ['4913', '.purposes.hbs.swp', 'purposes.hbs~', 'notes.txt', '.#purposes.hbs', '#purposes.hbs#', 'partials/.#x.hbs'])
      expect(isTemplateName(n)).toBe(false);
  });

  it('an error without a file still gets a title', () => {
    const v = describeError(new TemplateError('x', 'nowhere.hbs', 3, 4));
    expect(v).toMatchObject({ kind: 'template', problems: [{ file: 'nowhere.hbs', line: 3, column: 4, message: 'x' }] });
    expect(describeError(new Error('boom')).kind).toBe('internal');
  });
});
