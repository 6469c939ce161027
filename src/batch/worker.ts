// A batch worker thread: loads templates and fonts once, then turns merged plans into files.
// Each output is written here (atomically), so documents never travel back to the main
// thread and memory stays flat however many rows there are.
import { parentPort, workerData } from 'node:worker_threads';
import { keHoach } from '../doctypes/ke-hoach.js';
import { type FontSet, fontFilesFromDir, loadFontSet } from '../fonts/metrics.js';
import { buildModel, checkSource, noticeDiagnostics, templatesFor } from '../pipeline.js';
import { describeError } from '../errors.js';
import type { Source } from '../reader/source.js';
import type { TemplateSet } from '../template/engine.js';
import { renderFormats } from '../writers/index.js';
import { writeDurably } from './durable-write.js';
import { sha256 } from './fingerprint.js';
import type { TaskResult, WorkerInit, WorkerTask, WriteGate } from './protocol.js';
import type { InitMessage } from './worker-start.js';

let templates: TemplateSet | undefined;
let templateError: unknown;
let fonts: FontSet;

/** What setup last loaded: undefined before it ran. */
let loaded: WorkerInit | undefined;

/** Loads what every row needs: at start, or at the first message of a prestarted thread (worker-start.ts). */
function setup(init: WorkerInit): void {
  if (loaded && loaded.template === init.template && loaded.fontDir === init.fontDir) return;
  loaded = init;
  templateError = undefined;
  try {
    templates = templatesFor(keHoach, init.template);
  } catch (e) {
    templateError = e;
  }
  fonts = init.fontDir ? loadFontSet(fontFilesFromDir(init.fontDir)) : loadFontSet();
}
if (!(workerData as { deferred?: boolean }).deferred) setup(workerData as WorkerInit);
// A prestarted thread loads the built-in templates and fonts while it waits: most runs use them.
else setImmediate(() => loaded ?? setup({}));

/** The last task's write: a thread writes its rows in the order they came. */
let lastWrite: Promise<unknown> = Promise.resolve();

async function handle(task: WorkerTask): Promise<TaskResult> {
  // Rendering overlaps the previous row's flushes; writing waits for them, so the journal gets
  // a thread's rows in order (the order of the rows file with one thread).
  const previous = lastWrite;
  let written!: () => void;
  lastWrite = new Promise<void>((done) => (written = done));
  try {
    return await render(task, previous);
  } finally {
    written();
  }
}

async function render(task: WorkerTask, previous: Promise<unknown>): Promise<TaskResult> {
  const source: Source = { file: '', text: '', data: task.plan, locate: () => undefined };
  try {
    if (!templates) throw templateError;
    const { data, warnings: found } = checkSource(keHoach, source);
    const model = buildModel(keHoach, data, templates, task.extra);
    // Every format is rendered before any is written: a failure leaves no partial set.
    const { files: bytes, notices } = await renderFormats(
      model,
      task.outputs.map((o) => o.format),
      fonts,
    );
    const rendered = task.outputs.map((o) => ({ ...o, bytes: bytes.get(o.format)! }));
    await previous;
    // No file is touched before the main thread says the row's journal record is on the disk.
    if (!(await writeGate(task.id))) return { id: task.id, ok: false, kind: 'cancelled', diagnostics: [] };
    // Flushed before the rename: the journal records the file as written once this resolves.
    // The flushes wait off the thread: the next row renders meanwhile.
    await writeDurably(rendered.map((r) => [r.path, r.bytes]));
    const files = rendered.map((r) => ({ format: r.format, path: r.path, sha256: sha256(r.bytes), bytes: r.bytes.length }));
    return { id: task.id, ok: true, files, warnings: [...found, ...noticeDiagnostics(notices)] };
  } catch (e) {
    return failure(task.id, e);
  }
}

function failure(id: number, e: unknown): TaskResult {
  const d = describeError(e);
  const errno = d.kind === 'output' ? (e as NodeJS.ErrnoException).code : undefined;
  return { id, ok: false, kind: d.kind, diagnostics: d.diagnostics, stack: d.stack, ...(errno ? { errno } : {}) };
}

/**
 * Gates given while their row still renders, and rows rendered waiting for theirs. A gate for a
 * row no longer here (it failed before writing anything) is dropped: task ids come back in the
 * next run of a kept pool.
 */
const live = new Set<number>();
const gates = new Map<number, boolean>();
const waiting = new Map<number, (ok: boolean) => void>();

function writeGate(id: number): Promise<boolean> {
  const ok = gates.get(id);
  if (ok !== undefined) {
    gates.delete(id);
    return Promise.resolve(ok);
  }
  return new Promise((done) => waiting.set(id, done));
}

parentPort!.on('message', (m: WorkerTask | WriteGate | InitMessage | { makeCache: true }) => {
  // { makeCache } is for the code-cache loader (worker-start.ts).
  if ('makeCache' in m) return;
  if ('init' in m) return setup(m.init);
  if ('go' in m) {
    const done = waiting.get(m.go);
    waiting.delete(m.go);
    if (done) done(m.ok);
    else if (live.has(m.go)) gates.set(m.go, m.ok);
    return;
  }
  live.add(m.id);
  void handle(m).then((r) => {
    live.delete(m.id);
    gates.delete(m.id);
    parentPort!.postMessage(r);
  });
});
