// `kehoach batch`: one base plan × many rows → one DOCX/PDF set per row, in parallel,
// incrementally, with a manifest. The main thread only merges rows, names outputs and
// decides what to skip; worker threads validate, render and write.
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readdirSync, rmSync } from 'node:fs';
import { keHoach } from '../doctypes/ke-hoach.js';
import { provinces, type Province } from '../data/provinces.js';
import { templatesFor } from '../pipeline.js';
import { formatDiagnostic, InputError, type Diagnostic } from '../reader/diagnostic.js';
import { normalizeStrings } from '../reader/load.js';
import { readSource, type Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { WRITERS, type Format } from '../writers/index.js';
import { getPath, parseFieldPath } from './field-path.js';
import { fileSha256, rowHash, templatesFingerprint, toolFingerprint, toolVersion } from './fingerprint.js';
import { fontFilesFromDir } from '../fonts/metrics.js';
import { placeDiagnostics } from './locate.js';
import {
  MANIFEST_CSV,
  MANIFEST_JSON,
  readPreviousManifest,
  writeManifest,
  type Manifest,
  type ManifestEntry,
  type ManifestOutput,
  type RowStatus,
} from './manifest.js';
import { isPlainObject, MergeError, setPath, type PlainObject } from './merge.js';
import { mergePdfs } from './merge-pdf.js';
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
  force?: boolean;
  /** Worker threads (default: all cores). */
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

export interface BatchResult {
  manifest: Manifest;
  manifestPath: string;
  interrupted: boolean;
  /** Distinct rule warnings with how many rows had each. */
  warnings: { text: string; count: number }[];
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

/** Removes temp files an abandoned worker may have left (atomicWrite's ".<name>.<pid>.*.tmp"). */
function removeTempFiles(paths: string[]): void {
  for (const p of paths) {
    const prefix = `.${basename(p)}.${process.pid}.`;
    let names: string[] = [];
    try {
      names = readdirSync(dirname(p));
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith(prefix) && n.endsWith('.tmp')) rmSync(join(dirname(p), n), { force: true });
  }
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

/** What every row of a run shares: the base plan, the fingerprints, the previous manifest, the names. */
interface RunContext {
  opts: BatchOptions;
  pattern: string;
  base: Source;
  baseData: PlainObject;
  tool: string;
  tplHash: string;
  previous: Map<string, ManifestEntry>;
  names: NameRegistry;
  warnings: Map<string, { text: string; count: number }>;
}

function runContext(opts: BatchOptions): RunContext {
  const pattern = opts.name ?? DEFAULT_PATTERN;
  checkPattern(pattern, Object.keys((keHoach.schema as unknown as { shape: object }).shape ?? {}));
  const base = readSource(opts.base);
  if (!isPlainObject(base.data))
    throw new InputError([{ severity: 'error', code: 'batch.base', file: base.file, line: 1, message: 'kế hoạch gốc phải là một đối tượng { … }.' }]);
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
    previous: opts.force ? new Map<string, ManifestEntry>() : readPreviousManifest(opts.output),
    names: new NameRegistry(['manifest', MERGED_PDF.replace(/\.pdf$/, '')]),
    warnings: new Map(),
  };
}

/**
 * One row before rendering: a failed entry (row or merge errors), an unchanged one (same hash,
 * outputs as recorded), or the task for a worker.
 */
function prepareRow(ctx: RunContext, job: Job, k: number): { entry: ManifestEntry } | { task: WorkerTask; name: string; hash: string } {
  const { row } = job;
  if (row.problems.length) return { entry: failed(job, row.problems) };
  // Merge the row over the base (objects merge, arrays replace, index paths reach in).
  const merged = structuredClone(ctx.baseData);
  const mergeErrors: Diagnostic[] = [];
  for (const f of row.fields) {
    try {
      setPath(merged, f.path, f.value);
    } catch (e) {
      if (!(e instanceof MergeError)) throw e;
      mergeErrors.push({ severity: 'error', code: 'rows.merge', path: f.key, ...f.at([]), message: e.message, hint: e.hint });
    }
  }
  if (mergeErrors.length) return { entry: failed(job, mergeErrors) };
  const plan = normalizeStrings(merged);
  const extra = { province: job.province ? provinceContext(job.province) : null };
  const name = ctx.names.claim(renderName(ctx.pattern, (v) => nameVariable(v, plan, job)));
  const hash = rowHash(ctx.tool, ctx.tplHash, plan, extra);
  const outDir = ctx.opts.output;
  const outputs = ctx.opts.formats.map((format) => ({ format, path: outputPath(outDir, name, WRITERS[format]!.extension) }));
  const prev = ctx.previous.get(name);
  if (prev && prev.hash === hash) {
    const kept = outputs.map((o) => prev.outputs.find((p) => p.format === o.format && p.path === relPath(outDir, o.path)));
    if (kept.every((p, i) => p && fileSha256(outputs[i].path) === p.sha256))
      return { entry: { ...entryBase(job), name, status: 'unchanged', hash, outputs: kept as ManifestOutput[] } };
  }
  return { task: { id: k, plan, extra, outputs }, name, hash };
}

/** The manifest of a run, with the merged PDF when asked for and the run was not interrupted. */
async function buildManifest(ctx: RunContext, entries: ManifestEntry[], interrupted: boolean): Promise<Manifest> {
  const { opts } = ctx;
  const summary: Record<RowStatus, number> = { created: 0, unchanged: 0, failed: 0, cancelled: 0 };
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
    interrupted,
    summary,
    entries,
  };
  if (opts.merge && opts.formats.includes('pdf') && !interrupted) {
    const pdfs = entries.flatMap((e) => e.outputs.filter((o) => o.format === 'pdf').map((o) => join(opts.output, o.path)));
    if (pdfs.length) {
      const m = await mergePdfs(pdfs, join(opts.output, MERGED_PDF));
      manifest.merged = { format: 'pdf', path: MERGED_PDF, sha256: m.sha256, bytes: m.bytes, pages: m.pages };
    }
  }
  return manifest;
}

export async function runBatch(opts: BatchOptions, report: BatchReporter = {}, control: BatchControl = {}): Promise<BatchResult> {
  const ctx = runContext(opts);
  const jobs = collectJobs(opts, ctx.base);
  const entries: ManifestEntry[] = new Array(jobs.length);
  report.start?.(jobs.length);
  const finish = (k: number, entry: ManifestEntry) => {
    entries[k] = entry;
    report.row?.(entry, jobLabel(jobs[k]));
  };

  let pool: WorkerPool | undefined;
  let poolKey = '';
  const inflight = new Set<Promise<void>>();
  const running = new Map<number, WorkerTask>();
  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    void pool?.terminate();
  };
  control.abort?.addEventListener('abort', onAbort, { once: true });

  for (let next = 0; next < jobs.length; next++) {
    if (control.stop?.aborted || control.abort?.aborted) {
      interrupted = true;
      break;
    }
    const job = jobs[next];
    const prepared = prepareRow(ctx, job, next);
    if ('entry' in prepared) {
      finish(next, prepared.entry);
      continue;
    }
    if (!pool) {
      const size = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), jobs.length - next));
      poolKey = JSON.stringify([size, opts.template && resolve(opts.template), opts.fonts && resolve(opts.fonts), ctx.tplHash]);
      pool = openPool(size, { template: opts.template, fontDir: opts.fonts }, poolKey);
    }
    const { task, name, hash } = prepared;
    const k = next;
    running.set(k, task);
    const p = pool.run(task).then((r) => {
      running.delete(k);
      if (!r.ok && r.kind === 'internal' && r.stack) report.debug?.(r.stack);
      finish(k, resultEntry(r, job, name, hash, opts.output, ctx.base, ctx.warnings));
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    while (inflight.size >= pool.capacity) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  control.abort?.removeEventListener('abort', onAbort);
  if (control.abort?.aborted) {
    interrupted = true;
    removeTempFiles([...running.values()].flatMap((t) => t.outputs.map((o) => o.path)));
  }
  if (pool) await releasePool(pool, poolKey);
  for (let k = 0; k < jobs.length; k++) {
    entries[k] ??= { ...entryBase(jobs[k]), status: 'cancelled', outputs: [], error: 'Chưa xử lý: đã dừng (Ctrl-C).' };
  }
  const manifest = await buildManifest(ctx, entries, interrupted);
  writeManifest(opts.output, manifest);
  return { manifest, manifestPath: join(opts.output, MANIFEST_JSON), interrupted, warnings: [...ctx.warnings.values()] };
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
