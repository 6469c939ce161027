// The editor's server without a browser (kehoach edit): who may write, autosave into the clerk's
// own YAML (comments kept), the draft journal, a change made to the file elsewhere, findings.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftPath } from '../src/edit/draft.js';
import { startEditServer, type EditServer } from '../src/edit/server.js';
import { readData } from '../src/edit/plan-text.js';

const PLAN = `# Kế hoạch của Sở Y tế (ghi chú của văn thư)
issuer:
  parent: UBND tỉnh Lào Cai
  name: Sở Y tế # cơ quan ban hành
  abbreviation: SYT
number: 5
place: Lào Cai
date: 2026-02-05
title: Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026
sections:
  - title: Mục đích, yêu cầu
    blocks:
      - Nâng cao nhận thức.
recipients:
  - { name: UBND tỉnh, note: báo cáo }
  - Các đơn vị trực thuộc
archive: { units: [VT, NVY] }
signer: { authority: KT., position: Giám đốc, title: Phó Giám đốc, name: Nguyễn Văn An }
`;

interface Reply {
  status: number;
  body: string;
}

/** A raw request, so Origin and the other headers are exactly what the test says. */
function call(s: EditServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: s.port, method, path, headers: { Host: `127.0.0.1:${s.port}`, ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const own = (s: EditServer) => ({ Origin: `http://127.0.0.1:${s.port}`, 'Content-Type': 'application/json', 'X-Kehoach-Token': s.session.token });

async function state(s: EditServer): Promise<{ version: number; data: any; status: any }> {
  return JSON.parse((await call(s, 'GET', '/api/state', { 'X-Kehoach-Token': s.session.token })).body);
}

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

let dir: string;
let file: string;
let server: EditServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-edit-'));
  file = join(dir, 'ke-hoach.yaml');
  writeFileSync(file, PLAN);
  server = await startEditServer({ planFile: file, port: 0, autosaveMs: 60 });
});

afterEach(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {});

describe('who may write', () => {
  it('refuses a foreign origin, a missing token, a form post and a foreign Host, and the file stays as it was', async () => {
    const { version, data } = await state(server);
    const body = JSON.stringify({ base: version, data: { ...data, place: 'Hà Nội' } });
    const tries: Record<string, string>[] = [
      { ...own(server), Origin: 'http://evil.example' },
      { ...own(server), Origin: 'null' },
      { Origin: `http://127.0.0.1:${server.port}`, 'Content-Type': 'application/json' },
      { ...own(server), 'X-Kehoach-Token': 'f'.repeat(48) },
      { ...own(server), 'Content-Type': 'text/plain' },
      { ...own(server), 'Content-Type': 'application/x-www-form-urlencoded' },
      { ...own(server), 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const h of tries) {
      const r = await call(server, 'POST', '/api/change', h, body);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/^Từ chối/);
    }
    expect((await call(server, 'POST', '/api/change', { ...own(server), Host: 'evil.example' }, body)).status).toBe(403);
    expect((await call(server, 'OPTIONS', '/api/change', { Origin: 'http://evil.example' })).status).toBe(403);
    // Reads of the plan need the token too.
    expect((await call(server, 'GET', '/api/state')).status).toBe(403);
    expect((await call(server, 'GET', '/document.pdf')).status).toBe(403);
    expect((await call(server, 'GET', '/events')).status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(readFileSync(file, 'utf8')).toBe(PLAN);
    expect(existsSync(draftPath(file))).toBe(false);
  });

  it('serves its page with the token, no framing, and only 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await call(server, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(server.session.token);
    expect(page.body).toContain('/app/main.js');
    const js = await call(server, 'GET', '/app/main.js');
    expect(js.status).toBe(200);
    expect((await call(server, 'GET', '/app/../session.js')).status).toBe(404);
  });
});

describe('autosave', () => {
  it('writes an edit into the YAML file, keeping its comments and layout', async () => {
    const { version, data } = await state(server);
    data.date = '2026-03-09';
    data.recipients[1] = 'Các phòng chức năng';
    data.sections[0].blocks.push({ items: ['Một', 'Hai'] });
    const r = await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: version, data }));
    expect(r.status).toBe(200);
    expect(existsSync(draftPath(file))).toBe(true);
    const text = await until(
      () => readFileSync(file, 'utf8'),
      (t) => t.includes('2026-03-09'),
    );
    expect(text).toContain('# Kế hoạch của Sở Y tế (ghi chú của văn thư)');
    expect(text).toContain('name: Sở Y tế # cơ quan ban hành');
    expect(text).toContain('archive: { units: [VT, NVY] }');
    expect(text).toContain('  - Các phòng chức năng');
    expect(readData(text, file)).toEqual(data);
    await until(
      () => existsSync(draftPath(file)),
      (x) => !x,
    );
  });

  it('reports findings by field, with fixes, and builds pages with placeholders while fields are empty', async () => {
    const { version, data } = await state(server);
    data.title = '';
    data.archive.units = ['NVY'];
    data.recipients.push('Bộ Y tế; Sở Tài chính');
    await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: version, data }));
    const st = await until(
      () => state(server),
      (s) => s.status.findings.some((f: any) => f.path === 'title'),
    );
    expect(st.status.placeholders).toBe(true);
    expect(st.status.pageCount).toBeGreaterThan(0);
    const title = st.status.findings.find((f: any) => f.path === 'title');
    expect(title.severity).toBe('error');
    expect(title.message).toContain('trích yếu');
    data.title = 'Tổ chức Tháng hành động';
    await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: st.version, data }));
    const st2 = await until(
      () => state(server),
      (s) => s.status.findings.some((f: any) => f.rule === 'archive-vt'),
    );
    const vt = st2.status.findings.find((f: any) => f.rule === 'archive-vt');
    expect(vt.fix.changes).toEqual([{ path: ['archive', 'units'], value: ['VT', 'NVY'] }]);
    const split = st2.status.findings.find((f: any) => f.code === 'edit.recipients-split');
    expect(split.fix.label).toBe('Tách thành 2 nơi nhận');
    expect(split.fix.changes[0].value.slice(-2)).toEqual(['Bộ Y tế', 'Sở Tài chính']);
  });
});

describe('changes made elsewhere', () => {
  it('merges a change to another field with an unsaved edit, and holds a conflict until the clerk chooses', async () => {
    await server.close();
    server = await startEditServer({ planFile: file, port: 0, autosaveMs: 60_000 });
    const { version, data } = await state(server);
    data.signer.name = 'Trần Thị Bình';
    await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: version, data }));
    writeFileSync(file, PLAN.replace('place: Lào Cai', 'place: Lào Cai # sửa ở nơi khác'));
    const merged = await until(
      () => state(server),
      (s) => s.status.notice?.text?.includes('đã gộp'),
    );
    expect(merged.data.signer.name).toBe('Trần Thị Bình');
    expect(server.session.save()).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('place: Lào Cai # sửa ở nơi khác');
    expect(text).toContain('Trần Thị Bình');
    // Now both sides change the same field.
    const s2 = await state(server);
    s2.data.place = 'Sa Pa';
    await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: s2.version, data: s2.data }));
    writeFileSync(file, text.replace('place: Lào Cai', 'place: Bắc Hà'));
    const held = await until(
      () => state(server),
      (s) => !!s.status.conflict,
    );
    expect(held.status.conflict.paths).toEqual(['place']);
    expect(server.session.save()).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('place: Bắc Hà');
    await call(server, 'POST', '/api/conflict', own(server), JSON.stringify({ keep: 'mine' }));
    expect(readFileSync(file, 'utf8')).toContain('place: Sa Pa # sửa ở nơi khác');
  });

  it('offers back a draft left by a session that died before saving', async () => {
    await server.close();
    server = await startEditServer({ planFile: file, port: 0, autosaveMs: 60_000 });
    const { version, data } = await state(server);
    data.signer.name = 'Lê Văn Cường';
    await call(server, 'POST', '/api/change', own(server), JSON.stringify({ base: version, data }));
    expect(existsSync(draftPath(file))).toBe(true);
    // As if the process were killed: the server goes without saving.
    (server.session as any).save = () => false;
    await server.close();
    expect(readFileSync(file, 'utf8')).toBe(PLAN);
    server = await startEditServer({ planFile: file, port: 0, autosaveMs: 60 });
    const st = await state(server);
    expect(st.status.draft.sameBase).toBe(true);
    await call(server, 'POST', '/api/recover', own(server), JSON.stringify({ accept: true }));
    await until(
      () => readFileSync(file, 'utf8'),
      (t) => t.includes('Lê Văn Cường'),
    );
    expect(existsSync(draftPath(file))).toBe(false);
  });
});

describe('guided start', () => {
  it('creates the plan file from the answers', async () => {
    await server.close();
    const fresh = join(dir, 'moi.yaml');
    server = await startEditServer({ planFile: fresh, port: 0 });
    expect(server.session.mode).toBe('start');
    const answers = {
      parent: 'UBND tỉnh Lào Cai',
      name: 'Sở Y tế',
      abbreviation: 'SYT',
      place: 'Lào Cai',
      date: '2026-02-05',
      title: 'Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026',
      authority: 'KT.',
      position: 'GIÁM ĐỐC',
      title2: 'PHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn An',
    };
    const r = await call(server, 'POST', '/api/new', own(server), JSON.stringify(answers));
    expect(r.status).toBe(200);
    const plan = readData(readFileSync(fresh, 'utf8'), fresh) as any;
    expect(plan.signer).toEqual({ authority: 'KT.', position: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' });
    expect(plan.sections.map((s: any) => s.title)).toEqual(['Mục đích, yêu cầu', 'Nội dung', 'Tổ chức thực hiện']);
    expect(server.session.mode).toBe('edit');
    const imp = await call(server, 'POST', '/api/import?name=ke-hoach.docx', { ...own(server), 'Content-Type': 'application/octet-stream' }, 'PK');
    expect(imp.status).toBe(422);
    expect(JSON.parse(imp.body).error).toMatch(/Không nhập được "ke-hoach\.docx": tệp không đọc được/);
    // A real plan copied from the province's portal becomes a plan, with what to check as notes.
    const text = readFileSync('test/fixtures/corpus-sources/09-daklak-ho-tro-nhu-yeu-pham-khan-cap-mua-lu.txt', 'utf8');
    const ok = await call(server, 'POST', '/api/import?name=09.txt', { ...own(server), 'Content-Type': 'application/octet-stream' }, text);
    expect(ok.status).toBe(200);
    const got = JSON.parse(ok.body);
    expect(got.data.place).toBe('Đắk Lắk');
    expect(got.data.sections[0].title).toBe('ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI');
    expect(Array.isArray(got.notes)).toBe(true);
    // Made into the plan file only on the start page: here the plan exists.
    const again = await call(server, 'POST', '/api/import?name=09.txt&create=1', { ...own(server), 'Content-Type': 'application/octet-stream' }, text);
    expect(again.status).toBe(409);
  });
});
