// End-to-end tests of `kehoach batch` as a clerk runs it (in this process; Ctrl-C with the real bin).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { WRITERS } from '../src/writers/index.js';
import { BIN, MINIMAL, run as kehoach, type RunOptions, runSpawned } from './helpers/cli.js';
import { docxTextLines } from './helpers/docx-text.js';

const BUILTIN_TEMPLATES = resolve('templates/ke-hoach');

/** `kehoach batch <args>`. */
const run = (args: string[], opts?: RunOptions) => kehoach(['batch', ...args], undefined, opts);

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-batch-'));
  out = join(dir, 'out');
});

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** Every file under a folder, relative, "/" separators. */
function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const acc: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else acc.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return acc.sort();
}

const manifest = () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function expectManifestMatchesFiles(m: any) {
  for (const e of m.entries) {
    for (const o of e.outputs) {
      expect(existsSync(join(out, o.path)), o.path).toBe(true);
      expect(sha(join(out, o.path)), o.path).toBe(o.sha256);
      expect(statSync(join(out, o.path)).size).toBe(o.bytes);
    }
  }
}

describe('kehoach batch --provinces', () => {
  it('writes 34 distinct plans with the UBND header and the địa danh of each province', async () => {
    const r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-q']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/34 thành công, 0 lỗi/);
    const files = listFiles(out).filter((f) => f.endsWith('.docx'));
    expect(files).toHaveLength(34);
    const m = manifest();
    expect(m.summary).toMatchObject({ created: 34, failed: 0 });
    expectManifestMatchesFiles(m);
    const seen = new Map<string, { header: string; placeDate: string; path: string }>();
    for (const e of m.entries) {
      const lines = docxTextLines(readFileSync(join(out, e.outputs[0].path)));
      // The cơ quan chủ quản may be set in balanced lines when it does not fit one line.
      const agency = lines.indexOf('SỞ Y TẾ');
      expect(agency, e.province).toBeGreaterThan(0);
      const placeDate = lines.find((l) => /, ngày \d/.test(l));
      expect(placeDate, e.province).toBeDefined();
      seen.set(e.province, { header: lines.slice(0, agency).join(' '), placeDate: placeDate!, path: e.outputs[0].path });
    }
    expect(seen.get('ho-chi-minh')).toEqual({
      header: 'UBND THÀNH PHỐ HỒ CHÍ MINH',
      placeDate: 'Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2026',
      path: expect.any(String),
    });
    expect(seen.get('lao-cai')).toMatchObject({ header: 'UBND TỈNH LÀO CAI', path: 'lao-cai-ke-hoach-5-syt.docx' });
    expect(seen.get('lao-cai')!.placeDate.startsWith('Lào Cai, ngày')).toBe(true);
    expect(seen.get('hai-phong')?.header).toBe('UBND THÀNH PHỐ HẢI PHÒNG');
    expect(seen.get('dak-lak')?.placeDate.startsWith('Đắk Lắk, ngày')).toBe(true);
    expect(new Set([...seen.values()].map((v) => v.header)).size).toBe(34);
  });

  it("a plan issued by a UBND itself gets that province's UBND as the cơ quan ban hành, written in full", async () => {
    const base = JSON.parse(readFileSync(MINIMAL, 'utf8'));
    base.issuer = { name: 'Ủy ban nhân dân', abbreviation: 'UBND' };
    base.signer = { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Nguyễn Văn An' };
    const file = join(dir, 'ubnd.json');
    writeFileSync(file, JSON.stringify(base));
    const r = await run([file, '--provinces', '-o', out, '-f', 'docx', '-q']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = manifest();
    const e = m.entries.find((x: { province: string }) => x.province === 'lao-cai');
    const lines = docxTextLines(readFileSync(join(out, e.outputs[0].path)));
    expect(lines.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH LÀO CAI']);
    expect(lines.some((l) => l.startsWith('UBND TỈNH'))).toBe(false);
    expect(lines.find((l) => /, ngày \d/.test(l))!.startsWith('Lào Cai, ngày')).toBe(true);
  });

  it('joins a rows file by province, gives templates the province, and reports unknown provinces', async () => {
    const tpl = join(dir, 'tpl');
    mkdirSync(join(tpl, 'partials'), { recursive: true });
    writeFileSync(
      join(tpl, 'partials', 'closing.hbs'),
      '{{#if province}}<p>Áp dụng tại {{province.fullName}} (hợp nhất từ {{province.mergedFrom.length}} đơn vị).</p>{{/if}}\n' +
        readFileSync(join(BUILTIN_TEMPLATES, 'partials', 'closing.hbs'), 'utf8'),
    );
    const rows = write('ky.csv', 'province,signer.name\nLào Cai,Hoàng Thị Lan\nhue,Lê Văn Huế\nKon Tum,Ai Đó\n');
    const r = await run([MINIMAL, '--provinces', '--rows', rows, '-o', out, '-f', 'docx', '-t', tpl, '-q', '--name', '{{slug}}/ke-hoach']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 4 của ky\.csv: không tạo được/);
    expect(r.err).toMatch(/không có tỉnh, thành phố "Kon Tum"/);
    expect(r.err).toMatch(/34 thành công, 1 lỗi/);
    const lc = docxTextLines(readFileSync(join(out, 'lao-cai', 'ke-hoach.docx')));
    expect(lc).toContain('Hoàng Thị Lan');
    expect(lc).toContain('Áp dụng tại tỉnh Lào Cai (hợp nhất từ 2 đơn vị).');
    const hue = docxTextLines(readFileSync(join(out, 'hue', 'ke-hoach.docx')));
    expect(hue).toContain('Lê Văn Huế');
    expect(hue).toContain('Áp dụng tại thành phố Huế (hợp nhất từ 0 đơn vị).');
    const m = manifest();
    expect(m.entries.find((e: any) => e.province === 'lao-cai')).toMatchObject({ source: rows, line: 2, status: 'created' });
    expect(m.entries.at(-1)).toMatchObject({ line: 4, status: 'failed' });
  });
});

describe('kehoach batch --rows', () => {
  const csv = [
    'slug,issuer.name,issuer.abbreviation,number,signer.name',
    'a,Sở Y tế,SYT,12,Nguyễn Văn A',
    'b,"Sở Tài chính, tỉnh Lào Cai",STC,13,Trần Thị B',
    'c,Sở Nội vụ,snv,14,Lê Văn C',
    'd,Sở Xây dựng,SXD,15,Phạm Văn D',
  ].join('\n');

  it('a failing row is reported with its line and field; the others are written; exit 1', async () => {
    const rows = write('rows.csv', csv);
    const r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 4 của rows\.csv: không tạo được \(1 lỗi\)/);
    expect(r.err).toMatch(/Lỗi \(.*rows\.csv, dòng 4, cột 13\) tại "issuer\.abbreviation"/);
    expect(r.err).toMatch(/3 thành công, 1 lỗi/);
    expect(r.out).toMatch(/dòng 2 của rows\.csv: đã ghi a-ke-hoach-12-syt\.docx/);
    expect(listFiles(out)).toEqual(['a-ke-hoach-12-syt.docx', 'b-ke-hoach-13-stc.docx', 'd-ke-hoach-15-sxd.docx', 'manifest.csv', 'manifest.json']);
    const m = manifest();
    expect(m.summary).toEqual({ created: 3, unchanged: 0, edited: 0, failed: 1, cancelled: 0 });
    const bad = m.entries[2];
    expect(bad).toMatchObject({ row: 3, line: 4, status: 'failed', outputs: [] });
    expect(bad.error).toMatch(/issuer\.abbreviation/);
    expect(bad.diagnostics[0]).toMatchObject({ path: 'issuer.abbreviation', line: 4, column: 13 });
    expect(docxTextLines(readFileSync(join(out, 'b-ke-hoach-13-stc.docx')))).toContain('Trần Thị B');
    expectManifestMatchesFiles(m);
    const csvText = readFileSync(join(out, 'manifest.csv'), 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const lines = csvText.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('row,source,line,name,status,docx,docx_sha256,error');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`,2,a-ke-hoach-12-syt,created,a-ke-hoach-12-syt.docx,${m.entries[0].outputs[0].sha256},`);
    expect(lines[3]).toMatch(/,4,c-ke-hoach-14-snv,failed,,,"?Lỗi/);
  });

  it('YAML and JSON Lines rows: errors name the line and field', async () => {
    const yaml = write('rows.yaml', '- slug: ok\n  signer.name: Nguyễn Văn A\n- slug: bad\n  signer:\n    authority: XX\n');
    const r = await run([MINIMAL, '--rows', yaml, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 3 của rows\.yaml: không tạo được/);
    expect(r.err).toMatch(/rows\.yaml, dòng 5, cột 5\) tại "signer\.authority"/);
    const jsonl = write('rows.jsonl', '{"slug": "j1", "number": 7}\n\n{"slug": "j2", "date": "2026-02-30"}\n{"slug": "j3", "targets.rows[2].value": 1}\n');
    const r2 = await run([MINIMAL, '--rows', jsonl, '-o', join(dir, 'o2'), '-f', 'docx']);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/rows\.jsonl, dòng 3, cột 16\) tại "date": không phải ngày hợp lệ/);
    expect(r2.err).toMatch(/rows\.jsonl, dòng 4, cột 16\) tại "targets\.rows\[2\]\.value": chỉ số \[2\] vượt quá/);
    expect(r2.err).toMatch(/1 thành công, 2 lỗi/);
    expect(existsSync(join(dir, 'o2', 'j1-ke-hoach-7-syt.docx'))).toBe(true);
  });

  it('a problem in the base plan is placed in the base file and shown in full only once', async () => {
    const base = write('base.json', JSON.stringify({ ...JSON.parse(readFileSync(MINIMAL, 'utf8')), signer: { position: 'Giám đốc', name: '' } }, null, 2));
    const rows = write('rows.csv', 'slug,number\na,1\nb,2\nc,3\n');
    const r = await run([base, '--rows', rows, '-o', out, '-f', 'docx', '-j', '1']);
    expect(r.code).toBe(1);
    expect(r.err.match(/Lỗi \(.*base\.json, dòng \d+, cột \d+\) tại "signer\.name"/g)).toHaveLength(1);
    expect(r.err.match(/Lỗi như trên \(.*base\.json, "signer\.name"\)/g)).toHaveLength(2);
    expect(r.err).toMatch(/0 thành công, 3 lỗi/);
    expect(manifest().entries.map((e: any) => e.diagnostics[0].file)).toEqual([base, base, base]);
  });

  it('no name can escape the output folder or break the run', async () => {
    const slugs = ['../../x', 'a/b', '/abs/p', '', 'con', 'x\u0000y', '..', 'C:\\Windows\\x', 'ok', 'OK'];
    const rows = write('rows.json', JSON.stringify(slugs.map((s, k) => ({ 'signer.name': `Người ${k}`, ...(s ? { slug: s } : {}), number: k + 1 }))));
    const r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx', '-q', '--name', '../{{slug}}/{{signer.name}}']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // Nothing outside out/: the test folder holds only the rows file and out/.
    expect(readdirSync(dir).sort()).toEqual(['out', 'rows.json']);
    const files = listFiles(out).filter((f) => f.endsWith('.docx'));
    expect(files).toHaveLength(slugs.length);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(slugs.length);
    for (const f of files) expect(f).toMatch(/^[a-z0-9._/-]+$/);
    expect(files).toContain('x/nguoi-0.docx');
    expect(files).toContain('a-b/nguoi-1.docx');
    expect(files).toContain('con_/nguoi-4.docx');
    expect(files).toContain('ok/nguoi-8.docx');
    // Same name twice ("ok", "OK"): the second gets a suffix instead of overwriting.
    const flat = join(dir, 'flat');
    expect((await run([MINIMAL, '--rows', rows, '-o', flat, '-f', 'docx', '-q', '--name', '{{slug}}'])).code).toBe(0);
    const flatFiles = listFiles(flat).filter((f) => f.endsWith('.docx'));
    expect(flatFiles).toHaveLength(slugs.length);
    expect(flatFiles).toEqual(expect.arrayContaining(['ok.docx', 'ok-2.docx', 'x.docx', 'a-b.docx', 'con_.docx', 'khong-ten.docx']));
  });

  it('incremental: unchanged rows are skipped; an edited row, a changed template or --force regenerate', async () => {
    const good = csv.replace(',snv,', ',SNV,');
    const rows = write('rows.csv', good);
    const args = [MINIMAL, '--rows', rows, '-o', out, '-f', 'docx', '-q'];
    expect((await run(args)).code).toBe(0);
    const mtimes = () =>
      Object.fromEntries(
        listFiles(out)
          .filter((f) => f.endsWith('.docx'))
          .map((f) => [f, statSync(join(out, f)).mtimeMs]),
      );
    const first = mtimes();

    let r = await run(args);
    expect(r.out).toMatch(/4 thành công, 0 lỗi \(0 tạo mới, 4 không thay đổi\)/);
    expect(mtimes()).toEqual(first);
    expectManifestMatchesFiles(manifest());

    writeFileSync(rows, good.replace('Trần Thị B', 'Trần Thị Bích'));
    r = await run(args);
    expect(r.out).toMatch(/\(1 tạo mới, 3 không thay đổi\)/);
    expect(manifest().entries.map((e: any) => e.status)).toEqual(['unchanged', 'created', 'unchanged', 'unchanged']);
    expect(docxTextLines(readFileSync(join(out, 'b-ke-hoach-13-stc.docx')))).toContain('Trần Thị Bích');

    // An output removed by hand is regenerated; one changed by hand is kept (test/batch-safety.test.ts).
    rmSync(join(out, 'a-ke-hoach-12-syt.docx'));
    r = await run(args);
    expect(manifest().entries.map((e: any) => e.status)).toEqual(['created', 'unchanged', 'unchanged', 'unchanged']);
    writeFileSync(join(out, 'a-ke-hoach-12-syt.docx'), 'x');
    r = await run(args);
    expect(manifest().entries.map((e: any) => e.status)).toEqual(['edited', 'unchanged', 'unchanged', 'unchanged']);
    expect(readFileSync(join(out, 'a-ke-hoach-12-syt.docx'), 'utf8')).toBe('x');
    rmSync(join(out, 'a-ke-hoach-12-syt.docx'));

    const tpl = join(dir, 'tpl');
    cpSync(BUILTIN_TEMPLATES, tpl, { recursive: true });
    r = await run([...args, '-t', tpl]);
    expect(manifest().summary.created).toBe(4);
    r = await run([...args, '-t', tpl]);
    expect(manifest().summary).toMatchObject({ created: 0, unchanged: 4 });
    const closing = join(tpl, 'partials', 'closing.hbs');
    writeFileSync(closing, readFileSync(closing, 'utf8') + '\n<p>Thêm một đoạn.</p>');
    r = await run([...args, '-t', tpl]);
    expect(manifest().summary).toMatchObject({ created: 4, unchanged: 0 });
    // The last paragraph of the body takes the end mark.
    expect(docxTextLines(readFileSync(join(out, 'd-ke-hoach-15-sxd.docx')))).toContain('Thêm một đoạn./.');

    r = await run([...args, '-t', tpl, '--force']);
    expect(r.out).toMatch(/^4 thành công, 0 lỗi\./m);
    expect(manifest().summary).toMatchObject({ created: 4, unchanged: 0 });
    expectManifestMatchesFiles(manifest());
  });

  it.skipIf(!WRITERS.pdf)('writes DOCX and PDF by default and --merge combines the PDFs in row order', async () => {
    const rows = write('rows.jsonl', ['{"slug":"a","signer.name":"Nguyễn Văn A"}', '{"slug":"b","number":6}', '{"slug":"c","number":7}'].join('\n'));
    const r = await run([MINIMAL, '--rows', rows, '-o', out, '--merge', '-q']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = manifest();
    expect(m.formats).toEqual(['docx', 'pdf']);
    expect(m.entries.every((e: any) => e.outputs.map((o: any) => o.format).join() === 'docx,pdf')).toBe(true);
    expectManifestMatchesFiles(m);
    let pages = 0;
    for (const e of m.entries) pages += (await PDFDocument.load(readFileSync(join(out, e.outputs[1].path)))).getPageCount();
    const merged = await PDFDocument.load(readFileSync(join(out, 'tong-hop.pdf')));
    expect(merged.getPageCount()).toBe(pages);
    expect(m.merged).toMatchObject({ path: 'tong-hop.pdf', pages, sha256: sha(join(out, 'tong-hop.pdf')) });
    expect(r.out).toMatch(/Đã gộp các tệp PDF vào tong-hop\.pdf/);
  });

  it('Ctrl-C stops cleanly: no partial or temp file, a manifest of what was done, exit 130', async () => {
    const child = spawn(process.execPath, [BIN, 'batch', MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-j', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/\[1\/34\]/.test(stdout) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (c) => done(c)); // after the last output, unlike 'exit'
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/Đang dừng/);
    expect(stderr).toMatch(/Đã dừng: \d+ thành công, 0 lỗi, \d+ chưa xử lý/);
    const files = listFiles(out);
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
    const m = manifest();
    expect(m.interrupted).toBe(true);
    expect(m.summary.created).toBeGreaterThanOrEqual(1);
    expect(m.summary.cancelled).toBeGreaterThanOrEqual(1);
    expect(m.summary.created + m.summary.cancelled).toBe(34);
    expectManifestMatchesFiles(m);
    // Every file written belongs to a finished row.
    const listed = new Set(m.entries.flatMap((e: any) => e.outputs.map((o: any) => o.path)));
    expect(files.filter((f) => f.endsWith('.docx') && !listed.has(f))).toEqual([]);
    // The next run finishes the job and keeps what was done. The bin again: a run from the
    // TypeScript sources has another tool fingerprint and would regenerate every row.
    const r = await runSpawned(['batch', MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-q']);
    expect(r.code).toBe(0);
    expect(manifest().summary).toMatchObject({ created: m.summary.cancelled, unchanged: m.summary.created });
  });

  it('in-process, Ctrl-C comes from the signal source it is given and its listeners are removed', async () => {
    const signals = new EventEmitter();
    let sent = false;
    const r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'docx'], {
      signals,
      onStdout: (text) => {
        if (!sent && /\[1\/34\]/.test(text)) {
          sent = true;
          signals.emit('SIGINT');
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/Đang dừng/);
    expect(r.err).toMatch(/Đã dừng: \d+ thành công, 0 lỗi, \d+ chưa xử lý/);
    expect(manifest()).toMatchObject({ interrupted: true, summary: { failed: 0 } });
    expect(manifest().summary.cancelled).toBeGreaterThanOrEqual(1);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('wrong usage exits 2 with a Vietnamese message', async () => {
    let r = await run([MINIMAL, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cần --rows/);
    r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'docx', '--merge']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--merge .*pdf/);
    r = await run([MINIMAL, '--provinces', '-o', out, '--name', '{{slug}']);
    expect(r.code).toBe(2);
    r = await run([MINIMAL, '--provinces', '-o', out, '--jobs', '0']);
    expect(r.code).toBe(2);
    r = await run([join(dir, 'missing.json'), '--provinces', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không tìm thấy tệp/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('kehoach batch refuses silent mistakes', () => {
  it('an unknown variable in --name is an error before any row', async () => {
    const r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-n', '{{slgu}}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/biến "\{\{slgu\}\}" không có/);
    expect(existsSync(out)).toBe(false);
  });

  it('a rows file with a header and no rows is an error', async () => {
    const rows = join(dir, 'rows.csv');
    writeFileSync(rows, 'place,signer.name\n');
    const r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không có dòng dữ liệu nào/);
  });
});

describe('kehoach batch --fonts', () => {
  it('renders the PDFs with the given faces, and a folder without them is an input error', async () => {
    const fonts = join(dir, 'fonts');
    mkdirSync(fonts);
    const tinos = join('fonts', 'tinos');
    for (const [from, to] of [
      ['Tinos-Regular.ttf', 'times.ttf'],
      ['Tinos-Bold.ttf', 'timesbd.ttf'],
      ['Tinos-Italic.ttf', 'timesi.ttf'],
    ])
      writeFileSync(join(fonts, to), readFileSync(join(tinos, from)));
    const bad = await run([MINIMAL, '--provinces', '-o', out, '-f', 'pdf', '--fonts', fonts, '-q']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/thiếu kiểu chữ đậm nghiêng/);
    writeFileSync(join(fonts, 'timesbi.ttf'), readFileSync(join(tinos, 'Tinos-BoldItalic.ttf')));
    const r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'pdf', '--fonts', fonts, '-q']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/34 thành công, 0 lỗi/);
  });
});

describe('kehoach batch from the command line: threads started before the CLI loads (batch/worker-start.ts)', () => {
  it('takes the template folder given after they started, and exits when fewer threads are needed', async () => {
    const tpl = join(dir, 'tpl');
    cpSync(BUILTIN_TEMPLATES, tpl, { recursive: true });
    const closing = join(tpl, 'partials', 'closing.hbs');
    writeFileSync(closing, readFileSync(closing, 'utf8') + '\n<p>Đoạn thêm của mẫu riêng.</p>');
    // One row: one thread is needed, the others were started for nothing and must not hold the process.
    const rows = write('rows.csv', 'slug,signer.name\nmot,Nguyễn Văn Một\n');
    const custom = await runSpawned(['batch', MINIMAL, '--rows', rows, '-o', join(out, 'custom'), '-f', 'docx', '-t', tpl, '-q'], undefined, {
      timeout: 30_000,
    });
    expect(custom.code, custom.err).toBe(0);
    const plain = await runSpawned(['batch', MINIMAL, '--rows', rows, '-o', join(out, 'plain'), '-f', 'docx', '-q'], undefined, { timeout: 30_000 });
    expect(plain.code, plain.err).toBe(0);
    const text = async (sub: string) => {
      const [name] = listFiles(join(out, sub)).filter((f) => f.endsWith('.docx'));
      return docxTextLines(readFileSync(join(out, sub, name))).join('\n');
    };
    expect(await text('custom')).toContain('Đoạn thêm của mẫu riêng.');
    expect(await text('plain')).not.toContain('Đoạn thêm của mẫu riêng.');
    expect(await text('plain')).toContain('Nguyễn Văn Một');
  });
});
