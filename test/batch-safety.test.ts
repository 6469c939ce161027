// "Never lose work" (issue 12): the batch journal survives any crash, one run per output
// folder, hand edits are kept, a folder that cannot be written is found before rendering,
// and -j is capped. Crashes and signals use the real bin; the rest runs in this process.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchFs } from '../src/batch/batch-fs.js';
import { JOURNAL_FILE, Journal, readJournal } from '../src/batch/journal.js';
import { acquireLock, LOCK_FILE } from '../src/batch/lock.js';
import { capJobs, MIN_FREE_BYTES, preflight, RESERVE_FILE } from '../src/batch/preflight.js';
import { backupPath, carryForward, emptyPreviousState, outputState, readPreviousState } from '../src/batch/previous.js';
import { runBatch } from '../src/batch/run.js';
import { InputError } from '../src/reader/diagnostic.js';
import { BIN, MINIMAL, type RunOptions, run as kehoach, runSpawned } from './helpers/cli.js';

const run = (args: string[], opts?: RunOptions) => kehoach(['batch', ...args], process.cwd(), opts);

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-safety-'));
  out = join(dir, 'out');
});

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** A rows file of n plans: slug r1…rn, number 1…n. */
const rowsCsv = (n: number) => write('rows.csv', ['slug,number', ...Array.from({ length: n }, (_, k) => `r${k + 1},${k + 1}`)].join('\n') + '\n');
const docxName = (k: number) => `r${k}-ke-hoach-${k}-syt`;

function listFiles(root: string): string[] {
  const acc: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else acc.push(relative(root, join(d, e.name)).split(sep).join('/'));
    }
  };
  if (existsSync(root)) walk(root);
  return acc.sort();
}

const manifest = () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function expectManifestMatchesFiles(m: any) {
  for (const e of m.entries)
    for (const o of e.outputs) {
      expect(existsSync(join(out, o.path)), o.path).toBe(true);
      expect(sha(join(out, o.path)), o.path).toBe(o.sha256);
    }
}

/** Nothing of a run is left behind: no temp file, journal, lock or probe. */
function expectClean() {
  expect(listFiles(out).filter((f) => f.endsWith('.tmp') || f.startsWith('.kehoach-batch'))).toEqual([]);
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));

const journalRecords = () => readJournal(out, nodeFs);
const doneNames = () => journalRecords().flatMap((r) => (r.t === 'done' ? [r.entry.name!] : []));

describe('batch journal: a crash loses no finished row', () => {
  it('SIGKILL at a random row with an old manifest present: the rerun redoes only rows in flight or missing', async () => {
    const N = 60;
    const rows = rowsCsv(N);
    const args = (base: string) => ['batch', base, '--rows', rows, '-o', out, '-f', 'docx', '-q', '-j', '2'];
    // A finished run first: the killed run below makes its manifest stale.
    expect((await runSpawned(args(MINIMAL))).code).toBe(0);
    const old = manifest();
    // Another title: every row changes.
    const base = write('base.json', JSON.stringify({ ...JSON.parse(readFileSync(MINIMAL, 'utf8')), title: 'Tổ chức Tháng hành động năm 2026' }));

    const killAt = 5 + Math.floor(Math.random() * 40);
    const child = spawn(process.execPath, [BIN, ...args(base)], { stdio: 'ignore' });
    const end = exited(child);
    let finished = false;
    void end.then(() => (finished = true));
    while (!finished && doneNames().length < killAt) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect((await end).signal, 'the run ended before it could be killed').toBe('SIGKILL');

    const records = journalRecords();
    const done = new Set(doneNames());
    const started = new Set(records.flatMap((r) => (r.t === 'start' ? [r.name] : [])));
    const inflight = [...started].filter((n) => !done.has(n));
    expect(done.size).toBeGreaterThanOrEqual(killAt);
    expect(done.size).toBeLessThan(N);
    // What the issue found: no manifest of the killed run, and the old one no longer matches.
    expect(manifest()).toEqual(old);
    const stale = old.entries.filter((e: any) => sha(join(out, e.outputs[0].path)) !== e.outputs[0].sha256);
    expect(stale.length).toBeGreaterThanOrEqual(done.size);
    expect(JSON.parse(readFileSync(join(out, LOCK_FILE), 'utf8')).pid).toBe(child.pid);

    const r = await runSpawned(args(base));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`còn khóa của một lần chạy trước đã dừng đột ngột \\(PID ${child.pid}`));
    expect(r.err).toMatch(/Tìm thấy nhật ký của lần chạy trước bị ngắt giữa chừng/);
    expect(r.err).not.toMatch(/sửa tay/);
    const m = manifest();
    // Each row rendered once: by the killed run (journaled) or by the rerun, never both…
    expect(m.summary).toMatchObject({ created: N - done.size, unchanged: done.size, edited: 0, failed: 0, cancelled: 0 });
    const created = m.entries.filter((e: any) => e.status === 'created').map((e: any) => e.name);
    expect(created.filter((n: string) => done.has(n))).toEqual([]);
    expect(new Set([...created, ...done]).size).toBe(N);
    // …except the rows the killed run was writing, at most the pool's depth (2 threads × 2).
    expect(inflight.length).toBeLessThanOrEqual(4);
    expect(inflight.every((n) => created.includes(n))).toBe(true);
    expectManifestMatchesFiles(m);
    expectClean();
    console.log(`SIGKILL after ${done.size}/${N} rows journaled: ${inflight.length} in flight, rerun created ${created.length}`);
  });

  it.each([
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ] as const)('%s stops like Ctrl-C: the rows in flight finish, the manifest is written, exit %i', async (sig, code) => {
    const child = spawn(process.execPath, [BIN, 'batch', MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-j', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (/\[1\/34\]/.test(stdout) && !child.killed) child.kill(sig);
    });
    expect((await exited(child)).code).toBe(code);
    expect(stderr).toMatch(new RegExp(`Đang dừng \\(nhận tín hiệu ${sig}\\)`));
    expect(stderr).toMatch(new RegExp(`Đã dừng \\(tín hiệu ${sig}\\): \\d+ thành công, 0 lỗi, \\d+ chưa xử lý`));
    const m = manifest();
    expect(m).toMatchObject({ interrupted: true, stopped: sig });
    expect(m.summary.created).toBeGreaterThanOrEqual(1);
    expect(m.summary.cancelled).toBeGreaterThanOrEqual(1);
    // A row not yet sent says "Chưa xử lý"; one sent but whose start was not yet on disk when the
    // signal came is cancelled "khi đang tạo" (docs/BATCH.md). Which comes first depends on timing.
    for (const e of m.entries.filter((x: any) => x.status === 'cancelled'))
      expect([`Chưa xử lý: đã dừng (tín hiệu ${sig}).`, `Đã dừng (tín hiệu ${sig}) khi đang tạo.`]).toContain(e.error);
    expectManifestMatchesFiles(m);
    expectClean();
  });
});

describe('one run per output folder', () => {
  it('a second run into the folder of a running one is refused, naming the folder and its PID', async () => {
    const child = spawn(process.execPath, [BIN, 'batch', MINIMAL, '--provinces', '-o', out, '-f', 'docx', '-j', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const end = exited(child);
    await new Promise<void>((ready) => {
      let text = '';
      child.stdout!.on('data', (d) => {
        text += d;
        if (/\[1\/34\]/.test(text)) ready();
      });
    });
    const rows = write('rows.csv', 'slug,number\nx,1\n');
    const r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Lỗi (${out}): thư mục kết quả đang được một lệnh kehoach batch khác ghi (PID ${child.pid}, bắt đầu lúc`);
    expect(r.err).toMatch(/Chờ lệnh kia xong rồi chạy lại, hoặc ghi vào thư mục khác \(-o\)/);
    expect((await end).code).toBe(0);
    // Only the first run's files: nothing of the refused one mixed in.
    const m = manifest();
    expect(m.summary).toMatchObject({ created: 34, failed: 0 });
    expect(listFiles(out).filter((f) => f.endsWith('.docx'))).toHaveLength(34);
    expect(existsSync(join(out, 'x-ke-hoach-1-syt.docx'))).toBe(false);
    expectManifestMatchesFiles(m);
    expectClean();
  });

  it('a lock left by a dead run, or by a PID since reused by another program, is taken over', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    const rows = write('rows.csv', 'slug,number\nx,1\n');
    nodeFs.mkdirSync(out);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    let r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`còn khóa của một lần chạy trước đã dừng đột ngột (PID ${dead.pid}, bắt đầu lúc`);
    expectClean();
    if (!existsSync('/proc/self/stat')) return;
    // This process is alive but started long after that lock was written: not the run that wrote it.
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2001-01-01T00:00:00Z' }));
    r = await run([MINIMAL, '--rows', rows, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`(PID ${process.pid}, bắt đầu lúc`);
    expectClean();
  });

  it('lock units: refused while held, released only by its owner, an unreadable lock is refused while fresh', () => {
    nodeFs.mkdirSync(out);
    const lock = acquireLock(out, nodeFs);
    expect(() => acquireLock(out, nodeFs)).toThrow(InputError);
    try {
      acquireLock(out, nodeFs);
    } catch (e) {
      expect((e as InputError).diagnostics[0]).toMatchObject({ code: 'batch.locked', file: out });
      expect((e as InputError).diagnostics[0].message).toContain(`PID ${process.pid}`);
    }
    lock.release();
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    // A run being started has created the file but not written it yet.
    writeFileSync(join(out, LOCK_FILE), '');
    expect(() => acquireLock(out, nodeFs)).toThrow(/đang khởi động/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(join(out, LOCK_FILE), old, old);
    const taken = acquireLock(out, nodeFs);
    expect(taken.tookOver?.pid).toBe(0);
    // Someone else's lock put in place of ours is not ours to remove.
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other', startedAt: new Date().toISOString() }));
    taken.release();
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);
  });
});

describe('hand edits are kept', () => {
  it('an edited DOCX is kept and reported, even when its row changes; --force replaces it and keeps a copy', async () => {
    const rows = write('rows.csv', 'slug,number,signer.name\na,12,Nguyễn Văn A\nb,13,Trần Thị B\n');
    const args = [MINIMAL, '--rows', rows, '-o', out, '-f', 'docx', '-q'];
    expect((await run(args)).code).toBe(0);
    const file = join(out, 'a-ke-hoach-12-syt.docx');
    const written = sha(file);
    const edited = Buffer.concat([readFileSync(file), Buffer.from('sửa tay')]);
    writeFileSync(file, edited);

    let r = await run(args);
    expect(r.code).toBe(0);
    expect(r.err).toContain('dòng 2 của rows.csv:\n  đã sửa tay, giữ nguyên: a-ke-hoach-12-syt.docx');
    expect(r.out).toMatch(/1 thành công, 0 lỗi \(0 tạo mới, 1 không thay đổi\), 1 giữ nguyên vì có tệp đã sửa tay \(dùng --force/);
    expect(readFileSync(file)).toEqual(edited);
    expect(manifest().entries[0]).toMatchObject({ status: 'edited', edited: ['a-ke-hoach-12-syt.docx'], outputs: [{ sha256: written }] });

    // The issue: a change to the row used to overwrite the clerk's edits silently.
    writeFileSync(rows, 'slug,number,signer.name\na,12,Nguyễn Văn Anh\nb,13,Trần Thị B\n');
    r = await run(args);
    expect(r.err).toContain('đã sửa tay, giữ nguyên: a-ke-hoach-12-syt.docx');
    expect(readFileSync(file)).toEqual(edited);
    expect(manifest().summary).toMatchObject({ edited: 1, unchanged: 1, created: 0 });

    r = await run([...args, '--force']);
    expect(r.code).toBe(0);
    const backups = listFiles(out).filter((f) => /^a-ke-hoach-12-syt\.sua-tay-\d{8}-\d{6}\.docx$/.test(f));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(out, backups[0]))).toEqual(edited);
    expect(r.err).toContain(`đã sửa tay, ghi đè (--force); bản đã sửa được lưu thành ${backups[0]}`);
    const m = manifest();
    expect(m.entries[0]).toMatchObject({ status: 'created', backups: [{ path: 'a-ke-hoach-12-syt.docx', backup: backups[0] }] });
    expect(sha(file)).not.toBe(written);
    expectManifestMatchesFiles(m);
    expect((await run(args)).out).toMatch(/\(0 tạo mới, 2 không thay đổi\)/);
  });

  it('a hand edit stays protected through a run stopped before its row and a run without its row', async () => {
    const both = 'slug,number\na,12\nb,13\n';
    const rows = write('rows.csv', both);
    const opts = { base: MINIMAL, rows, output: out, formats: ['docx' as const], jobs: 1 };
    const args = [MINIMAL, '--rows', rows, '-o', out, '-f', 'docx', '-q'];
    expect((await run(args)).code).toBe(0);
    const file = join(out, 'b-ke-hoach-13-syt.docx');
    const edited = Buffer.concat([readFileSync(file), Buffer.from('sửa tay')]);
    writeFileSync(file, edited);

    // Stopped (Ctrl-C) before any row: its manifest has both rows cancelled, without outputs.
    const stop = new AbortController();
    stop.abort('SIGINT');
    expect((await runBatch(opts, {}, { stop: stop.signal })).manifest.summary).toMatchObject({ cancelled: 2 });
    let m = (await runBatch(opts)).manifest;
    // The earlier records still count: a is skipped as unchanged, b is still an edit.
    expect(m.entries.map((e: any) => e.status)).toEqual(['unchanged', 'edited']);
    expect(readFileSync(file)).toEqual(edited);

    // A run without row b, then b again.
    writeFileSync(rows, 'slug,number\na,12\n');
    expect((await runBatch(opts)).manifest.summary).toMatchObject({ unchanged: 1 });
    writeFileSync(rows, both);
    const r = await run(args);
    expect(r.err).toContain('đã sửa tay, giữ nguyên: b-ke-hoach-13-syt.docx');
    expect(readFileSync(file)).toEqual(edited);
    m = manifest();
    expect(m.entries.map((e: any) => e.status)).toEqual(['unchanged', 'edited']);
    expect(m.earlier).toBeUndefined();
  });

  it('output states: recorded, missing, written by a run that died, an older version of ours, edited', () => {
    nodeFs.mkdirSync(out);
    const entry = (name: string, sha256: string) => ({
      row: 1,
      source: 's',
      name,
      status: 'created' as const,
      hash: 'h',
      outputs: [{ format: 'docx', path: `${name}.docx`, sha256, bytes: 1 }],
    });
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({ entries: [entry('a', h('a1')), entry('b', h('b1')), entry('c', h('c1')), entry('d', h('d1'))] }),
    );
    const j = new Journal(out, nodeFs);
    j.open();
    j.append({ t: 'run', pid: 1, startedAt: '' });
    j.append({ t: 'start', name: 'b', paths: ['b.docx'] });
    j.append({ t: 'start', name: 'c', paths: ['c.docx'] });
    j.append({ t: 'done', entry: entry('c', h('c2')) });
    j.sync();
    j.close();
    // A crash cut the last record short.
    nodeFs.appendFileSync(join(out, JOURNAL_FILE), '{"t":"done","entry":{"na');
    for (const [n, text] of [
      ['a', 'a1'],
      ['b', 'b-half-done'],
      ['c', 'c1'],
      ['d', 'd-by-hand'],
    ])
      writeFileSync(join(out, `${n}.docx`), text);
    const st = readPreviousState(out, nodeFs);
    expect(st.recovered).toEqual({ done: 1, inflight: 1, pids: [1] });
    const state = (n: string) => outputState(st, `${n}.docx`, join(out, `${n}.docx`)).state;
    expect([state('a'), state('b'), state('c'), state('d'), state('e')]).toEqual(['recorded', 'stale', 'stale', 'edited', 'missing']);
    // The next run appends after the torn line, not onto it.
    const k = new Journal(out, nodeFs);
    k.open();
    k.append({ t: 'run', pid: 2, startedAt: '' });
    k.close();
    expect(readJournal(out, nodeFs).map((r) => r.t)).toEqual(['run', 'start', 'start', 'done', 'run']);
  });

  it('carried forward: earlier records of rows not handed out, the file now there for rows handed out but not finished', () => {
    nodeFs.mkdirSync(out);
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    const o = (name: string, text: string) => ({ format: 'docx', path: `${name}.docx`, sha256: h(text), bytes: text.length });
    const st = emptyPreviousState();
    for (const n of ['a', 'b', 'c', 'd']) {
      writeFileSync(join(out, `${n}.docx`), n === 'b' ? 'b-new' : n);
      st.recorded.set(`${n}.docx`, o(n, n));
      st.owner.set(`${n}.docx`, n);
      st.byName.set(n, { name: n, hash: `hash-${n}`, outputs: [o(n, n)] });
    }
    nodeFs.rmSync(join(out, 'd.docx'));
    writeFileSync(join(out, 'e.docx'), 'e-new');
    const entries = [{ row: 1, source: 's', name: 'a', status: 'unchanged' as const, hash: 'hash-a', outputs: [o('a', 'a')] }];
    // a: in this run's entries; b, e: handed out, not finished; c: not handed out; d: gone.
    const handedOut = new Map(['b', 'e'].map((n) => [`${n}.docx`, n]));
    const earlier = carryForward(st, entries, handedOut, out);
    expect(earlier).toEqual([
      { name: 'b', outputs: [o('b', 'b-new')] },
      { name: 'c', hash: 'hash-c', outputs: [o('c', 'c')] },
      { name: 'e', outputs: [o('e', 'e-new')] },
    ]);
  });

  it('backup names keep the extension and never take an existing name', () => {
    const at = new Date(2026, 1, 5, 14, 30, 12);
    expect(backupPath('/o/a.docx', at, () => false)).toBe(join('/o', 'a.sua-tay-20260205-143012.docx'));
    const taken = new Set([join('/o', 'a.sua-tay-20260205-143012.docx')]);
    expect(backupPath('/o/a.docx', at, (p) => taken.has(p))).toBe(join('/o', 'a.sua-tay-20260205-143012-2.docx'));
  });
});

/** node:fs with one call failing with `code` when `when` says so. */
function failing(name: keyof BatchFs, code: string, when: (...args: any[]) => boolean): BatchFs {
  const real = (nodeFs as any)[name] as (...args: any[]) => any;
  return {
    ...nodeFs,
    [name]: (...args: any[]) => {
      if (when(...args)) throw Object.assign(new Error(`${code}: injected`), { code, syscall: 'write' });
      return real(...args);
    },
  } as BatchFs;
}

/**
 * A real small file system (tmpfs) for full and read-only disks, which chmod cannot give root.
 * Only where this process may mount (root with CAP_SYS_ADMIN, Linux); the tests are skipped
 * elsewhere and the injected ones below still run.
 */
function mountTmpfs(size: string): { dir: string; readOnly(): void; unmount(): void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'kehoach-test', dir], { stdio: 'ignore' });
  } catch {
    nodeFs.rmdirSync(dir);
    return undefined;
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      nodeFs.rmdirSync(dir);
    },
  };
}

const probe = mountTmpfs('1m');
probe?.unmount();
const canMount = !!probe;

/** Writes to `file` until the disk is full; returns the bytes written. */
function fillDisk(file: string): number {
  const fd = nodeFs.openSync(file, 'a');
  let total = 0;
  try {
    for (const chunk of [Buffer.alloc(1 << 20), Buffer.alloc(4096), Buffer.alloc(1)])
      for (;;) {
        try {
          total += nodeFs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
          break;
        }
      }
  } finally {
    nodeFs.closeSync(fd);
  }
  return total;
}

describe('a folder that cannot be written is found before rendering', () => {
  it('a path under a file fails at once with the folder named, nothing rendered', async () => {
    const file = write('not-a-folder', 'x');
    const r = await run([MINIMAL, '--provinces', '-o', join(file, 'out'), '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `Lỗi (${join(file, 'out')}): không ghi được vào thư mục kết quả (một phần của đường dẫn là tệp, không phải thư mục). Chưa tạo kế hoạch nào.`,
    );
    expect(r.out).toBe('');
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder fails at once (not as root: root ignores permissions)', async () => {
    nodeFs.mkdirSync(out);
    chmodSync(out, 0o555);
    try {
      const r = await run([MINIMAL, '--provinces', '-o', out, '-f', 'docx']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/không ghi được vào thư mục kết quả \(không có quyền ghi\)/);
      expect(r.out).toBe('');
    } finally {
      chmodSync(out, 0o755);
    }
  });

  it.runIf(canMount)('a read-only file system (a real tmpfs mounted read-only) fails at once, nothing rendered', async () => {
    const disk = mountTmpfs('4m')!;
    try {
      disk.readOnly();
      for (const o of [disk.dir, join(disk.dir, 'ket-qua')]) {
        const r = await run([MINIMAL, '--provinces', '-o', o, '-f', 'docx']);
        expect(r.code).toBe(1);
        expect(r.err).toContain(`Lỗi (${o}): không ghi được vào thư mục kết quả (ổ đĩa chỉ cho phép đọc). Chưa tạo kế hoạch nào.`);
        expect(r.err).toContain('Chọn thư mục khác bằng -o');
        expect(r.out).toBe('');
      }
    } finally {
      disk.unmount();
    }
  });

  it.runIf(canMount)('a disk that fills up during the run (a real tmpfs): stops at the first ENOSPC, the manifest still written', async () => {
    const disk = mountTmpfs('32m')!;
    try {
      out = join(disk.dir, 'out');
      const N = 40;
      const args = [MINIMAL, '--rows', rowsCsv(N), '-o', out, '-f', 'docx', '-j', '1'];
      let free = -1;
      // Another program takes every free byte once the first row is written.
      const r = await run(args, {
        onStdout: (text) => {
          if (free < 0 && /\[1\/40\]/.test(text)) {
            fillDisk(join(disk.dir, 'filler'));
            free = nodeFs.statfsSync(disk.dir).bavail;
          }
        },
      });
      expect(free).toBe(0);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Đã dừng vì không ghi được .* \(ổ đĩa đã đầy\): \d+ thành công, \d+ lỗi, \d+ chưa xử lý\. Bảng kê: /);
      expect(r.err).toContain('Khắc phục (giải phóng dung lượng, quyền ghi) rồi chạy lại lệnh');
      const m = manifest();
      expect(m).toMatchObject({ interrupted: true, stopped: 'ENOSPC' });
      // At the first ENOSPC: the row being written and the one queued behind it (-j 1, depth 2) at most.
      expect(m.summary.created).toBeGreaterThanOrEqual(1);
      expect(m.summary.failed).toBeLessThanOrEqual(2);
      expect(m.summary.cancelled).toBeGreaterThanOrEqual(N - m.summary.created - 2);
      for (const e of m.entries.filter((e: any) => e.status === 'failed')) expect(e.error).toMatch(/ổ đĩa đã đầy/);
      expectManifestMatchesFiles(m);
      expectClean();

      // Space freed: the rerun writes only what is missing.
      nodeFs.rmSync(join(disk.dir, 'filler'));
      const again = await run(args);
      expect(again.code, again.err).toBe(0);
      expect(manifest().summary).toMatchObject({ created: N - m.summary.created, unchanged: m.summary.created });
      expectManifestMatchesFiles(manifest());
      expectClean();
    } finally {
      disk.unmount();
    }
  });

  it('read-only and full disks (injected): refused before any row, with what to do', async () => {
    nodeFs.mkdirSync(out);
    const erofs = failing('writeFileSync', 'EROFS', () => true);
    expect(() => preflight(out, erofs)).toThrow(/không ghi được vào thư mục kết quả \(ổ đĩa chỉ cho phép đọc\)\. Chưa tạo kế hoạch nào\./);
    const full = { ...nodeFs, statfsSync: (p: string) => ({ ...nodeFs.statfsSync(p), bavail: 5e6 / nodeFs.statfsSync(p).bsize }) } as BatchFs;
    expect(() => preflight(out, full)).toThrow(/chỉ còn 5 MB trống, cần ít nhất 20 MB/);
    expect(MIN_FREE_BYTES).toBe(20 * 1024 * 1024);
    // Through a whole run: no row is started.
    let started = false;
    await expect(
      runBatch({ base: MINIMAL, provinces: true, output: out, formats: ['docx'] }, { start: () => (started = true) }, {}, { fs: erofs }),
    ).rejects.toThrow(InputError);
    expect(started).toBe(false);
    expect(listFiles(out)).toEqual([]);
    // Room for the manifest is set aside first: no room, no run.
    let reserveFd = -1;
    const noRoom: BatchFs = {
      ...failing('writeSync', 'ENOSPC', (fd) => fd === reserveFd),
      openSync: (p: any, ...rest: any[]) => {
        const fd = (nodeFs.openSync as any)(p, ...rest);
        if (String(p).endsWith(RESERVE_FILE)) reserveFd = fd;
        return fd;
      },
    };
    await expect(
      runBatch({ base: MINIMAL, provinces: true, output: out, formats: ['docx'] }, { start: () => (started = true) }, {}, { fs: noRoom }),
    ).rejects.toThrow(/không còn đủ 1 MB trống để dành cho bảng kê của 34 kế hoạch\. Chưa tạo kế hoạch nào\./);
    expect(started).toBe(false);
    expect(listFiles(out)).toEqual([]);
  });

  it('ENOSPC during the run (injected in the journal): stops at once, finished rows and the manifest kept', async () => {
    const rows = rowsCsv(12);
    let journalFd = -1;
    let writes = 0;
    const opts = { base: MINIMAL, rows, output: out, formats: ['docx' as const], jobs: 1 };
    const fsx: BatchFs = {
      ...failing('writeSync', 'ENOSPC', (fd) => fd === journalFd && ++writes > 8),
      openSync: (p: any, ...rest: any[]) => {
        const fd = (nodeFs.openSync as any)(p, ...rest);
        if (String(p).endsWith(JOURNAL_FILE)) journalFd = fd;
        return fd;
      },
    };
    const result = await runBatch(opts, {}, {}, { fs: fsx });
    expect(result.stopped).toMatchObject({ reason: 'ENOSPC' });
    const m = manifest();
    expect(m).toMatchObject({ interrupted: true, stopped: 'ENOSPC' });
    // run + start/done pairs: the 4th row's done record failed; a row or two in flight may finish.
    expect(m.summary.created).toBeGreaterThanOrEqual(3);
    expect(m.summary.created).toBeLessThanOrEqual(5);
    expect(m.summary.cancelled).toBe(12 - m.summary.created);
    expect(m.entries.at(-1).error).toMatch(/^Chưa xử lý: đã dừng \(không ghi được .*\.kehoach-batch\.journal: ổ đĩa đã đầy\)\.$/);
    expectManifestMatchesFiles(m);
    expectClean();
  });

  it('ENOSPC on the manifest too: the journal is kept and the next run uses it', async () => {
    const rows = rowsCsv(6);
    const opts = { base: MINIMAL, rows, output: out, formats: ['docx' as const], jobs: 1 };
    const fsx = failing('openSync', 'ENOSPC', (p) => /\.manifest\.(json|csv)\..*\.tmp$/.test(String(p)));
    const result = await runBatch(opts, {}, {}, { fs: fsx });
    expect(result.manifestError).toMatchObject({ code: 'ENOSPC' });
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(doneNames()).toEqual(Array.from({ length: 6 }, (_, k) => docxName(k + 1)));
    const again = await runBatch(opts);
    expect(again.manifest.summary).toMatchObject({ unchanged: 6, created: 0 });
    expectManifestMatchesFiles(manifest());
    expectClean();
  });
});

describe('-j is capped', () => {
  it('at twice the cores, and the run says so', async () => {
    expect(capJobs(64, 2)).toEqual({ jobs: 4, notice: expect.stringContaining('-j 64: máy có 2 nhân CPU nên chỉ dùng 4 luồng') });
    expect(capJobs(4, 2)).toEqual({ jobs: 4 });
    expect(capJobs(undefined, 2)).toEqual({ jobs: 2 });
    const r = await run([MINIMAL, '--rows', write('rows.csv', 'slug\na\n'), '-o', out, '-f', 'docx', '-j', '64']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^-j 64: máy có \d+ nhân CPU nên chỉ dùng \d+ luồng/);
  });
});
