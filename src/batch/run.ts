// `kehoach batch`: one base plan × many rows → one DOCX/PDF set per row, in parallel,
// incrementally, with a manifest. The main thread only merges rows, names outputs and
// decides what to skip; worker threads validate, render and write. The output folder is
// locked for the run, each finished row is journaled as it completes, and the manifest is
// built from the same entries at the end (see journal.ts, lock.ts, previous.ts).
import { existsSync, constants as fsConstants } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { keHoach } from '../doctypes/ke-hoach.js';
import { provinces, type Province } from '../data/provinces.js';
import { templatesFor } from '../pipeline.js';
import { formatDiagnostic, InputError, type Diagnostic } from '../reader/diagnostic.js';
import { normalizeStrings } from '../reader/load.js';
import { readSource, type Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { WRITERS, type Format } from '../writers/index.js';
import { getPath, parseFieldPath } from './field-path.js';
import { rowHash, templatesFingerprint, toolFingerprint, toolVersion } from './fingerprint.js';
import { fontFilesFromDir } from '../fonts/metrics.js';
import { placeDiagnostics } from './locate.js';
import { fsReason } from '../errors.js';
import { type BatchFs, DISK_STOP_CODES, errnoCode, NODE_FS } from './batch-fs.js';
import { Journal } from './journal.js';
import { acquireLock, type OutputLock } from './lock.js';
import {
  MANIFEST_CSV,
  MANIFEST_JSON,
  ROW_STATUSES,
  writeManifest,
  type Manifest,
  type ManifestEntry,
  type ManifestOutput,
  type RowStatus,
} from './manifest.js';
import { capJobs, preflight, reserveSpace, type SpaceReserve, TYPICAL_OUTPUT_BYTES } from './preflight.js';
import {
  backupPath,
  carryForward,
  emptyPreviousState,
  outputState,
  type PreviousState,
  readPreviousState,
  removeDeadTempFiles,
  removeTempFiles,
} from './previous.js';
import { isPlainObject, MergeError, setPath, type PlainObject } from './merge.js';
import { asciiSlug, checkPattern, NameRegistry, outputPath, renderName } from './names.js';
import { WorkerPool } from './pool.js';
import type { TaskResult, WorkerInit, WorkerTask } from './protocol.js';
import { findProvince, provinceContext, provinceFields, PROVINCES_SOURCE } from './province-rows.js';
import { readRows, rowLabel, type Row } from './rows.js';

export const DEFAULT_PATTERN = '{{slug}}-{{stem}}';
export const MERGED_PDF = 'tong-hop.pdf';

export interface BatchOptions {
  base: string;
  rows?: string;
  provinces?: boolean;
  output: string;
  /** File-name pattern, default DEFAULT_PATTERN. */
  name?: string;
  formats: Format[];
  template?: string;
  /** Folder of four TrueType faces for the PDF (as render --fonts). */
  fonts?: string;
  /** Regenerate every row, hand-edited outputs too (a copy of each is kept, see backupPath). */
  force?: boolean;
  /** Worker threads (default: all cores; at most JOBS_PER_CORE × the cores). */
  jobs?: number;
  /** Also write one PDF of every output (needs "pdf" among the formats). */
  merge?: boolean;
}

export interface BatchReporter {
  /** Called once the rows are known. */
  start?(total: number): void;
  row?(entry: ManifestEntry, label: string): void;
  notice?(text: string): void;
  /** The stack trace of an internal error in a row (the CLI shows it with KEHOACH_DEBUG). */
  debug?(stack: string): void;
}

export interface BatchControl {
  /** Stop taking new rows; rows being rendered finish. */
  stop?: AbortSignal;
  /** Stop at once (a second Ctrl-C): unfinished rows are abandoned and their temp files removed. */
  abort?: AbortSignal;
}

/** Why a run stopped before its last row. */
export interface StopReason {
  /** The signal (SIGINT, SIGTERM, SIGHUP) or the file-system error code (ENOSPC, EROFS…). */
  reason: string;
  /** The file that could not be written (disk errors). */
  path?: string;
}

export interface BatchResult {
  manifest: Manifest;
  manifestPath: string;
  interrupted: boolean;
  stopped?: StopReason;
  /** Distinct rule warnings with how many rows had each. */
  warnings: { text: string; count: number }[];
  /** The manifest could not be written (disk full…): the journal is kept for the next run. */
  manifestError?: unknown;
  /** The journal, and how many fsync calls it made and how long they took. */
  journal: { path: string; syncs: number; syncMs: number };
}

/** What a run reads and writes with in the main thread; tests inject failures. */
export interface BatchDeps {
  fs?: BatchFs;
}

interface Job {
  row: Row;
  province?: Province;
}

function failed(job: Job, diagnostics: Diagnostic[], name?: string): ManifestEntry {
  return {
    ...entryBase(job),
    name,
    status: 'failed',
    outputs: [],
    error: oneLine(diagnostics[0]),
    diagnostics,
  };
}

function entryBase(job: Job): Pick<ManifestEntry, 'row' | 'source' | 'line' | 'province'> {
  return { row: job.row.index, source: job.row.file, line: job.row.line, province: job.province?.slug };
}

export function oneLine(d: Diagnostic | undefined): string | undefined {
  return d ? formatDiagnostic({ ...d, hint: undefined }).replace(/\s*\n\s*/g, ' ') : undefined;
}

/** Builds the list of jobs: rows of a file, the 34 provinces, or provinces joined with rows. */
function collectJobs(opts: BatchOptions, base: Source): Job[] {
  const fileRows = opts.rows ? readRows(opts.rows, base.data) : [];
  if (opts.rows && fileRows.length === 0)
    throw new InputError([
      {
        severity: 'error',
        code: 'rows.empty',
        file: opts.rows,
        message: 'tệp dòng không có dòng dữ liệu nào.',
        hint: 'Thêm ít nhất một dòng dưới dòng tiêu đề (CSV) hoặc một phần tử (JSON, YAML).',
      },
    ]);
  if (!opts.provinces) return fileRows.map((row) => ({ row }));

  const byProvince = new Map<string, Row>();
  const orphans: Row[] = [];
  for (const r of fileRows) {
    const problem = (message: string, hint?: string) =>
      r.problems.push({ severity: 'error', code: 'rows.province', file: r.file, line: r.line, path: 'province', message, hint });
    const p = r.province ? findProvince(r.province) : undefined;
    if (r.problems.length) orphans.push(r);
    else if (!r.province) {
      problem('thiếu cột "province" cho biết dòng này dành cho tỉnh, thành phố nào.', 'Ghi tên ("Lào Cai") hoặc mã ("lao-cai") của tỉnh, thành phố.');
      orphans.push(r);
    } else if (!p) {
      problem(
        `không có tỉnh, thành phố "${r.province}" trong 34 đơn vị hành chính cấp tỉnh từ 01/7/2025.`,
        'Xem danh sách trong data/provinces-2025.tsv (tên đơn vị sau sáp nhập).',
      );
      orphans.push(r);
    } else if (byProvince.has(p.slug)) {
      problem(`${p.kind} ${p.name} đã có ở ${rowLabel(byProvince.get(p.slug)!)}.`);
      orphans.push(r);
    } else byProvince.set(p.slug, r);
  }
  const jobs: Job[] = provinces().map((p, k) => {
    const r = byProvince.get(p.slug);
    const row: Row = {
      index: k + 1,
      file: r?.file ?? PROVINCES_SOURCE,
      line: r?.line,
      fields: [...provinceFields(p, base.data), ...(r?.fields ?? [])],
      slug: r?.slug ?? p.slug,
      province: p.slug,
      problems: [],
    };
    return { row, province: p };
  });
  for (const r of orphans) jobs.push({ row: { ...r, index: jobs.length + 1 } });
  return jobs;
}

function jobLabel(job: Job): string {
  const { row, province } = job;
  if (!province) return rowLabel(row);
  const place = `${province.kind} ${province.name}`;
  return row.file === PROVINCES_SOURCE ? place : `${place} (${rowLabel(row)})`;
}

/** Pools kept from the last runs (see keepWorkerPool), most recent last, with what their threads loaded. */
const kept: { key: string; pool: WorkerPool }[] = [];
/** How many idle pools may be kept. */
const KEPT_POOLS = 4;
let keeping = false;

/**
 * Keeps the worker threads of the last runs for the next ones in this process instead of
 * stopping them. The CLI runs one batch per process and does not; a program running many
 * batches in one process (the tests) saves loading the threads' code, about a second per
 * thread and run. A kept pool serves only a run with the same number of threads, template
 * folder and fonts, while those files are unchanged (what its threads loaded at start).
 * Turning it off stops the kept threads.
 */
export async function keepWorkerPool(on: boolean): Promise<void> {
  keeping = on;
  if (!on) await Promise.all(kept.splice(0).map((k) => k.pool.close()));
}

function openPool(size: number, init: WorkerInit, key: string): WorkerPool {
  const k = kept.findIndex((p) => p.key === key);
  if (k < 0) return new WorkerPool(size, init);
  const [{ pool }] = kept.splice(k, 1);
  pool.unpark();
  return pool;
}

async function releasePool(pool: WorkerPool, key: string): Promise<void> {
  if (!keeping || !pool.reusable) return pool.close();
  pool.park();
  kept.push({ key, pool });
  await Promise.all(kept.splice(0, Math.max(0, kept.length - KEPT_POOLS)).map((k) => k.pool.close()));
}

const relPath = (outDir: string, abs: string) => relative(outDir, abs).split(sep).join('/');

/** What every row of a run shares: the base plan, the fingerprints, what earlier runs left, the names. */
interface RunContext {
  opts: BatchOptions;
  pattern: string;
  base: Source;
  baseData: PlainObject;
  tool: string;
  tplHash: string;
  previous: PreviousState;
  names: NameRegistry;
  warnings: Map<string, { text: string; count: number }>;
  fsx: BatchFs;
  /** Names the backups of hand-edited outputs (--force). */
  startedAt: Date;
}

/** The base plan, once the file-name pattern is known to be usable. */
function readBase(opts: BatchOptions): Source {
  checkPattern(opts.name ?? DEFAULT_PATTERN, Object.keys((keHoach.schema as unknown as { shape: object }).shape ?? {}));
  const base = readSource(opts.base);
  if (!isPlainObject(base.data))
    throw new InputError([{ severity: 'error', code: 'batch.base', file: base.file, line: 1, message: 'kế hoạch gốc phải là một đối tượng { … }.' }]);
  return base;
}

function runContext(opts: BatchOptions, fsx: BatchFs, base: Source): RunContext {
  const pattern = opts.name ?? DEFAULT_PATTERN;
  // Loaded here too: a template error stops the run before any row, and the files are hashed.
  const templates = templatesFor(keHoach, opts.template);
  // Font files count like templates: another font must regenerate every row.
  const fontFiles = opts.fonts ? Object.values(fontFilesFromDir(opts.fonts)) : [];
  return {
    opts,
    pattern,
    base,
    baseData: base.data as PlainObject,
    tool: toolFingerprint(),
    tplHash: templatesFingerprint([...templates.files, ...fontFiles]),
    // Read once the output folder is locked.
    previous: emptyPreviousState(),
    names: new NameRegistry(['manifest', MERGED_PDF.replace(/\.pdf$/, '')]),
    warnings: new Map(),
    fsx,
    startedAt: new Date(),
  };
}

interface RowTask {
  task: WorkerTask;
  name: string;
  hash: string;
  /** Hand-edited outputs to copy aside before the worker overwrites them (--force). */
  edited: string[];
}

/** The plan of one row: the base with the row's fields applied, or the errors that prevent it. */
function mergeRow(ctx: RunContext, job: Job): PlainObject | Diagnostic[] {
  const merged = structuredClone(ctx.baseData);
  const mergeErrors: Diagnostic[] = [];
  for (const f of job.row.fields) {
    try {
      setPath(merged, f.path, f.value);
    } catch (e) {
      if (!(e instanceof MergeError)) throw e;
      mergeErrors.push({ severity: 'error', code: 'rows.merge', path: f.key, ...f.at([]), message: e.message, hint: e.hint });
    }
  }
  return mergeErrors.length ? mergeErrors : merged;
}

/**
 * One row before rendering: a failed entry (row or merge errors), an unchanged one (same hash,
 * outputs as recorded), an edited one (an output changed by hand, kept), or the task for a worker.
 */
function prepareRow(ctx: RunContext, job: Job, k: number): { entry: ManifestEntry } | RowTask {
  if (job.row.problems.length) return { entry: failed(job, job.row.problems) };
  // Objects merge, arrays replace, index paths reach in.
  const merged = mergeRow(ctx, job);
  if (Array.isArray(merged)) return { entry: failed(job, merged) };
  const plan = normalizeStrings(merged);
  const extra = { province: job.province ? provinceContext(job.province) : null };
  const name = ctx.names.claim(renderName(ctx.pattern, (v) => nameVariable(v, plan, job)));
  const hash = rowHash(ctx.tool, ctx.tplHash, plan, extra);
  const outDir = ctx.opts.output;
  const outputs = ctx.opts.formats.map((format) => ({ format, path: outputPath(outDir, name, WRITERS[format]!.extension) }));
  const rels = outputs.map((o) => relPath(outDir, o.path));
  const states = outputs.map((o, i) => outputState(ctx.previous, rels[i], o.path));
  const prev = ctx.previous.byName.get(name);
  if (prev && prev.hash === hash && !ctx.opts.force) {
    const kept = outputs.map((o, i) => prev.outputs.find((p) => p.format === o.format && p.path === rels[i]));
    if (kept.every((p, i) => p && states[i].sha === p.sha256))
      return { entry: { ...entryBase(job), name, status: 'unchanged', hash, outputs: kept as ManifestOutput[] } };
  }
  const edited = rels.filter((_, i) => states[i].state === 'edited');
  if (edited.length && !ctx.opts.force) {
    // What kehoach wrote is recorded, not the edit: the next run still sees the file as edited.
    const recorded = rels.filter((_, i) => states[i].state === 'edited' || states[i].state === 'recorded').map((r) => ctx.previous.recorded.get(r)!);
    return { entry: { ...entryBase(job), name, status: 'edited', hash: prev?.hash, outputs: recorded, edited } };
  }
  return { task: { id: k, plan, extra, outputs }, name, hash, edited };
}

/** Copies hand-edited outputs aside before they are overwritten (--force). */
function backUp(ctx: RunContext, rels: string[]): { path: string; backup: string }[] {
  const out = ctx.opts.output;
  return rels.map((rel) => {
    const abs = join(out, rel);
    const backup = backupPath(abs, ctx.startedAt, (p) => {
      try {
        ctx.fsx.statSync(p);
        return true;
      } catch {
        return false;
      }
    });
    try {
      ctx.fsx.copyFileSync(abs, backup, fsConstants.COPYFILE_EXCL);
    } catch (e) {
      throw Object.assign(e as Error, { target: backup });
    }
    return { path: rel, backup: relPath(out, backup) };
  });
}

/** The manifest of a run, with the merged PDF when asked for and the run was not interrupted. */
async function buildManifest(run: Run): Promise<Manifest> {
  const { ctx, entries, stopped } = run;
  const { opts } = ctx;
  const earlier = carryForward(ctx.previous, entries, run.dispatched, opts.output);
  const summary = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const e of entries) summary[e.status]++;
  const manifest: Manifest = {
    tool: 'kehoach batch',
    version: toolVersion(),
    base: opts.base,
    rows: opts.rows ?? null,
    provinces: !!opts.provinces,
    formats: opts.formats,
    template: opts.template ?? null,
    pattern: ctx.pattern,
    finishedAt: new Date().toISOString(),
    interrupted: !!stopped,
    ...(stopped ? { stopped: stopped.reason } : {}),
    summary,
    entries,
    ...(earlier.length ? { earlier } : {}),
  };
  if (opts.merge && opts.formats.includes('pdf') && !stopped) {
    const pdfs = entries.flatMap((e) => e.outputs.filter((o) => o.format === 'pdf').map((o) => join(opts.output, o.path)));
    if (pdfs.length) {
      // pdf-lib (~400 CommonJS files, ~0.2 s to load) only when --merge asks for it.
      const { mergePdfs } = await import('./merge-pdf.js');
      const m = await mergePdfs(pdfs, join(opts.output, MERGED_PDF));
      manifest.merged = { format: 'pdf', path: MERGED_PDF, sha256: m.sha256, bytes: m.bytes, pages: m.pages };
    }
  }
  return manifest;
}

/** A run in progress: the rows' entries so far, the threads, the journal, and why it stopped if it did. */
interface Run {
  ctx: RunContext;
  jobs: Job[];
  entries: ManifestEntry[];
  report: BatchReporter;
  journal: Journal;
  /** Room for the manifest, given back just before it is written. */
  reserve: SpaceReserve;
  threads: number;
  pool?: WorkerPool;
  poolKey: string;
  running: Map<number, WorkerTask>;
  /** Output paths (relative) handed to a worker in this run → their output name. */
  dispatched: Map<string, string>;
  /** Every row was handed out: finished rows flush the journal themselves. */
  allDispatched: boolean;
  /** The threads were stopped or kept for the next run (finishRun). */
  released?: boolean;
  stopped?: StopReason;
}

function finishRow(run: Run, k: number, entry: ManifestEntry): void {
  run.entries[k] = entry;
  run.report.row?.(entry, jobLabel(run.jobs[k]));
}

const signalName = (s: AbortSignal | undefined) => (typeof s?.reason === 'string' ? s.reason : 'SIGINT');

/** A full disk or a read-only folder fails every later write: stop taking rows, keep what is done. */
function diskStop(run: Run, e: unknown, path?: string): void {
  run.stopped ??= { reason: errnoCode(e) ?? 'EIO', path: (e as { target?: string })?.target ?? path };
}

function stoppedText(stopped: StopReason | undefined): string {
  if (!stopped || stopped.reason === 'SIGINT') return 'Ctrl-C';
  if (stopped.reason.startsWith('SIG')) return `tín hiệu ${stopped.reason}`;
  return `không ghi được ${stopped.path ?? 'kết quả'}: ${fsReason(stopped.reason) ?? stopped.reason}`;
}

/** A worker's answer: the row's entry, its journal record, and a stop if the disk refused it. */
function rowDone(run: Run, k: number, row: RowTask, backups: { path: string; backup: string }[], r: TaskResult): void {
  const { ctx, jobs, journal } = run;
  // An abandoned row (second Ctrl-C) stays listed: its temp files are removed at the end.
  if (r.ok || r.kind !== 'cancelled') run.running.delete(k);
  if (!r.ok && r.kind === 'internal' && r.stack) run.report.debug?.(r.stack);
  const entry = resultEntry(r, jobs[k], row.name, row.hash, ctx.opts.output, ctx.base, ctx.warnings);
  if (entry.status === 'cancelled') entry.error = `Đã dừng (${stoppedText(run.stopped)}) khi đang tạo.`;
  if (backups.length) entry.backups = backups;
  if (entry.status === 'created') {
    journal.append({ t: 'done', entry });
    // The last rows' records reach the disk as they finish (earlier ones with the next start).
    if (run.allDispatched) void journal.flush().then((ok) => ok || diskStop(run, journal.error, journal.path));
    if (journal.error) diskStop(run, journal.error, journal.path);
  }
  if (!r.ok && r.kind === 'output' && r.errno && DISK_STOP_CODES.has(r.errno)) diskStop(run, { code: r.errno }, row.task.outputs[0]?.path);
  finishRow(run, k, entry);
}

/**
 * Hands a row to a worker, which writes its files only once the row's journal record is on the
 * disk (undefined if the record could not be appended). The fsync runs off the event loop and
 * is shared by the rows appended meanwhile.
 */
function dispatch(run: Run, k: number, row: RowTask): Promise<void> | undefined {
  const { ctx, journal } = run;
  let backups: { path: string; backup: string }[] = [];
  try {
    backups = backUp(ctx, row.edited);
  } catch (e) {
    diskStop(run, e);
    return undefined;
  }
  const paths = row.task.outputs.map((o) => relPath(ctx.opts.output, o.path));
  if (!journal.append({ t: 'start', name: row.name, paths })) {
    diskStop(run, journal.error, journal.path);
    return undefined;
  }
  ensurePool(run, k);
  const pool = run.pool!;
  run.running.set(k, row.task);
  for (const p of paths) run.dispatched.set(p, row.name);
  // The worker renders while the record is flushed; it writes only once the record is on the disk.
  void journal.flush().then((ok) => {
    if (!ok) diskStop(run, journal.error, journal.path);
    // Not written after all: its files are untouched, they stay the earlier runs'.
    if (!ok || run.stopped) for (const p of paths) run.dispatched.delete(p);
    pool.gate(row.task.id, ok && !run.stopped);
  });
  return pool.run(row.task).then((r) => rowDone(run, k, row, backups, r));
}

function ensurePool(run: Run, k: number): void {
  if (run.pool) return;
  const { opts } = run.ctx;
  const size = Math.max(1, Math.min(run.threads, run.jobs.length - k));
  run.poolKey = poolKey(run.ctx, size);
  run.pool = openPool(size, { template: opts.template, fontDir: opts.fonts }, run.poolKey);
}

/** What a kept pool's threads loaded: it serves only a run with the same. */
function poolKey(ctx: RunContext, size: number): string {
  const { opts, tplHash } = ctx;
  return JSON.stringify([size, opts.template && resolve(opts.template), opts.fonts && resolve(opts.fonts), tplHash]);
}

/**
 * Threads started as soon as the rows are counted, so that loading their code (~0.5 s each)
 * overlaps this thread's hashing of the tool and templates, locking and preflight. Not when
 * the run may render nothing (an incremental run: a manifest is there and no --force; its
 * threads start with the first row that needs them), nor when pools are kept between runs
 * (those are matched on the template hash, known later).
 */
function earlyPool(opts: BatchOptions, threads: number, rows: number): WorkerPool | undefined {
  if (keeping || rows === 0 || (!opts.force && existsSync(join(opts.output, MANIFEST_JSON)))) return undefined;
  return new WorkerPool(Math.max(1, Math.min(threads, rows)), { template: opts.template, fontDir: opts.fonts });
}

/** Hands out the rows, a few at a time, until all are done or the run is stopped. */
async function renderRows(run: Run, control: BatchControl): Promise<void> {
  const inflight = new Set<Promise<void>>();
  const onAbort = () => {
    run.stopped ??= { reason: signalName(control.abort) };
    void run.pool?.terminate();
  };
  control.abort?.addEventListener('abort', onAbort, { once: true });
  for (let next = 0; next < run.jobs.length && !run.stopped; next++) {
    if (control.stop?.aborted || control.abort?.aborted) {
      run.stopped ??= { reason: signalName(control.stop?.aborted ? control.stop : control.abort) };
      break;
    }
    // Rows finished while unchanged ones are being checked: their records reach the disk soon.
    if (!run.journal.syncIfOlder(200)) {
      diskStop(run, run.journal.error, run.journal.path);
      break;
    }
    const prepared = prepareRow(run.ctx, run.jobs[next], next);
    if ('entry' in prepared) {
      finishRow(run, next, prepared.entry);
      continue;
    }
    const p = dispatch(run, next, prepared);
    if (!p) break;
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    while (inflight.size >= run.pool!.capacity) await Promise.race(inflight);
  }
  run.allDispatched = true;
  run.journal.sync();
  await Promise.all(inflight);
  control.abort?.removeEventListener('abort', onAbort);
  if (control.abort?.aborted) {
    run.stopped ??= { reason: signalName(control.abort) };
    removeTempFiles(
      [...run.running.values()].flatMap((t) => t.outputs.map((o) => o.path)),
      [process.pid],
    );
  }
}

/** Prints what earlier runs left that changes this one: a dead run's journal, little free space. */
function announcePrevious(run: Run, freeBytes: number | undefined): void {
  const { previous, opts } = run.ctx;
  const rec = previous.recovered;
  if (rec)
    run.report.notice?.(
      `Tìm thấy nhật ký của lần chạy trước bị ngắt giữa chừng (${rec.done} kế hoạch đã xong, ${rec.inflight} tệp đang ghi dở): chỉ tạo lại những kế hoạch còn thiếu, đang tạo dở hoặc đã thay đổi.`,
    );
  if (freeBytes === undefined) return;
  // Rough: the average size of recorded outputs (or a typical one) for every row, less what is there.
  const recorded = [...previous.byName.values()].flatMap((e) => e.outputs);
  const avg = (f: string) => {
    const xs = recorded.filter((o) => o.format === f);
    return xs.length ? xs.reduce((a, o) => a + o.bytes, 0) / xs.length : (TYPICAL_OUTPUT_BYTES[f] ?? 100_000);
  };
  const need = run.jobs.length * opts.formats.reduce((a, f) => a + avg(f), 0) - recorded.reduce((a, o) => a + o.bytes, 0);
  if (need > freeBytes)
    run.report.notice?.(
      `Cảnh báo: ổ đĩa của thư mục kết quả ${opts.output} còn ${Math.floor(freeBytes / 1e6)} MB trống, các tệp kết quả có thể cần khoảng ${Math.ceil(need / 1e6)} MB. Nếu đĩa đầy, lệnh dừng lại và giữ những gì đã xong.`,
    );
}

/** Writes the manifest from the run's entries; the journal goes once the manifest is on the disk. */
async function finishRun(run: Run): Promise<BatchResult> {
  const { ctx, jobs, entries, journal } = run;
  run.released = true;
  if (run.pool) await releasePool(run.pool, run.poolKey);
  const why = stoppedText(run.stopped);
  for (let k = 0; k < jobs.length; k++) entries[k] ??= { ...entryBase(jobs[k]), status: 'cancelled', outputs: [], error: `Chưa xử lý: đã dừng (${why}).` };
  const manifest = await buildManifest(run);
  await journal.settle();
  journal.sync();
  run.reserve.release();
  let manifestError: unknown;
  try {
    writeManifest(ctx.opts.output, manifest, ctx.fsx);
    journal.remove();
  } catch (e) {
    manifestError = e;
    journal.close();
  }
  return {
    manifest,
    manifestPath: join(ctx.opts.output, MANIFEST_JSON),
    interrupted: !!run.stopped,
    stopped: run.stopped,
    warnings: [...ctx.warnings.values()],
    manifestError,
    journal: { path: journal.path, ...journal.stats },
  };
}

export async function runBatch(opts: BatchOptions, report: BatchReporter = {}, control: BatchControl = {}, deps: BatchDeps = {}): Promise<BatchResult> {
  const fsx = deps.fs ?? NODE_FS;
  const base = readBase(opts);
  const jobs = collectJobs(opts, base);
  const { jobs: threads, notice } = capJobs(opts.jobs);
  const pool = earlyPool(opts, threads, jobs.length);
  let run: Run | undefined;
  try {
    const ctx = runContext(opts, fsx, base);
    if (notice) report.notice?.(notice);
    const { freeBytes } = preflight(opts.output, fsx);
    const lock: OutputLock = acquireLock(opts.output, fsx);
    run = {
      ctx,
      jobs,
      entries: new Array(jobs.length),
      report,
      journal: new Journal(opts.output, fsx),
      reserve: { bytes: 0, release: () => {} },
      threads,
      pool,
      poolKey: pool ? poolKey(ctx, pool.size) : '',
      running: new Map(),
      dispatched: new Map(),
      allDispatched: false,
    };
    return await lockedRun(run, lock, control, freeBytes);
  } finally {
    // A run that failed before its end: its threads must not keep the process alive.
    if (!run?.released) void (run?.pool ?? pool)?.terminate();
  }
}

/** The run once the output folder is locked: journal, rows, manifest. */
async function lockedRun(run: Run, lock: OutputLock, control: BatchControl, freeBytes: number | undefined): Promise<BatchResult> {
  const { ctx, journal, report, jobs } = run;
  const { opts, fsx } = ctx;
  try {
    if (lock.tookOver) report.notice?.(tookOverText(opts.output, lock.tookOver));
    run.reserve = reserveSpace(opts.output, jobs.length, fsx);
    ctx.previous = readPreviousState(opts.output, fsx);
    removeDeadTempFiles(ctx.previous, opts.output);
    journal.open();
    journal.append({ t: 'run', pid: process.pid, startedAt: ctx.startedAt.toISOString() });
    announcePrevious(run, freeBytes);
    report.start?.(jobs.length);
    await renderRows(run, control);
    return await finishRun(run);
  } finally {
    run.reserve.release();
    journal.close();
    lock.release();
  }
}

function tookOverText(outDir: string, info: { pid: number; startedAt: string }): string {
  const who = info.pid ? `PID ${info.pid}, bắt đầu lúc ${new Date(info.startedAt).toLocaleString('vi-VN')}` : 'không rõ PID';
  return `Thư mục kết quả ${outDir} còn khóa của một lần chạy trước đã dừng đột ngột (${who}); lệnh này tiếp quản khóa và chạy tiếp.`;
}

/** Values a file-name pattern can use. */
function nameVariable(v: string, plan: PlainObject, job: Job): unknown {
  const { row, province } = job;
  switch (v) {
    case 'slug':
      return row.slug ?? province?.slug ?? (asciiSlug(String(plan.place ?? '')) || `dong-${row.line ?? row.index}`);
    case 'stem':
      try {
        return keHoach.fileStem(plan as unknown as Plan);
      } catch {
        return '';
      }
    case 'row':
      return row.index;
    case 'line':
      return row.line ?? '';
  }
  if (v.startsWith('province.')) return province ? (provinceContext(province) as unknown as PlainObject)[v.slice(9)] : '';
  const path = parseFieldPath(v);
  return path ? getPath(plan, path) : undefined;
}

function resultEntry(
  r: TaskResult,
  job: Job,
  name: string,
  hash: string,
  outDir: string,
  base: Source,
  warnings: Map<string, { text: string; count: number }>,
): ManifestEntry {
  if (r.ok) {
    const placed = placeDiagnostics(r.warnings, job.row, base);
    for (const w of placed) {
      const text = formatDiagnostic(w);
      const seen = warnings.get(text);
      if (seen) seen.count++;
      else warnings.set(text, { text, count: 1 });
    }
    return {
      ...entryBase(job),
      name,
      status: 'created',
      hash,
      outputs: r.files.map((f) => ({ format: f.format, path: relPath(outDir, f.path), sha256: f.sha256, bytes: f.bytes })),
      ...(placed.length ? { warnings: placed } : {}),
    };
  }
  if (r.kind === 'cancelled') return { ...entryBase(job), name, status: 'cancelled', outputs: [], error: 'Đã dừng (Ctrl-C) khi đang tạo.' };
  return failed(job, r.kind === 'input' ? placeDiagnostics(r.diagnostics, job.row, base) : r.diagnostics, name);
}

export { MANIFEST_CSV, MANIFEST_JSON };
