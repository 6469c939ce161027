// A fixed set of worker threads; each takes up to DEPTH tasks at a time so it never waits
// for the main thread between two plans.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../util/package-root.js';
import type { TaskResult, WorkerInit, WorkerTask, WriteGate } from './protocol.js';
import { CACHED_LOADER, RESOURCE_LIMITS, takePrestarted } from './worker-start.js';

const DEPTH = 2;
/** A worker is replaced after this many plans, so slow growth cannot add up over huge runs. */
const RECYCLE_AFTER = 1000;

/** The compiled worker: the bundle's through its code cache, else tsc's (under vitest, dist/'s). */
function workerSource(): { source: URL | string; bundle?: string } {
  if (import.meta.url.endsWith('.ts')) return { source: pathToFileURL(join(PACKAGE_ROOT, 'dist', 'batch', 'worker.js')) };
  const cjs = new URL('./worker.cjs', import.meta.url);
  if (existsSync(cjs)) return { source: CACHED_LOADER, bundle: fileURLToPath(cjs) };
  return { source: new URL('./worker.js', import.meta.url) };
}

function startWorker(init: WorkerInit): Worker {
  const { source, bundle } = workerSource();
  const pre = bundle ? takePrestarted(bundle, init) : undefined;
  if (pre) return pre;
  return new Worker(source, { eval: bundle !== undefined, workerData: { ...init, bundle }, resourceLimits: RESOURCE_LIMITS });
}

/**
 * For the build (scripts/bundle.mjs): one worker of the given bundle renders a plan in every
 * format, then hands over its compiled code, the code cache its successors start from.
 */
export async function makeWorkerCodeCache(bundle: string, task: WorkerTask): Promise<Uint8Array> {
  const worker = new Worker(CACHED_LOADER, { eval: true, workerData: { bundle, makeCache: true }, resourceLimits: RESOURCE_LIMITS });
  try {
    const result = await new Promise<TaskResult>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
      worker.postMessage(task);
      worker.postMessage({ go: task.id, ok: true } satisfies WriteGate);
    });
    if (!result.ok) throw new Error(`the render that makes the worker's code cache failed: ${result.diagnostics[0]?.message}`);
    return await new Promise<Uint8Array>((done) => {
      worker.once('message', (m: { cache: Uint8Array }) => done(m.cache));
      worker.postMessage({ makeCache: true });
    });
  } finally {
    await worker.terminate();
  }
}

interface Slot {
  worker: Worker;
  busy: Map<number, { task: WorkerTask; resolve: (r: TaskResult) => void }>;
  /** Tasks given to this thread so far. */
  given: number;
  /** Taking no more tasks; replaced once its last one is done. */
  retiring: boolean;
  /** A successor starts when it is dropped (recycled after RECYCLE_AFTER tasks). */
  replace?: boolean;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private queue: { task: WorkerTask; resolve: (r: TaskResult) => void }[] = [];
  /** Write gates given for tasks still in the queue: sent along when they are handed out. */
  private gates = new Map<number, boolean>();
  private closing = false;
  /** Kept idle between two runs: its threads do not keep the process alive. */
  private parked = false;

  constructor(
    readonly size: number,
    private readonly init: WorkerInit,
  ) {
    for (let k = 0; k < size; k++) this.slots.push(this.spawn());
  }

  /** Tasks that must finish (or be abandoned) before the run can end. */
  get capacity(): number {
    return this.size * DEPTH;
  }

  inFlight(): WorkerTask[] {
    return [...this.slots.flatMap((s) => [...s.busy.values()].map((b) => b.task)), ...this.queue.map((q) => q.task)];
  }

  run(task: WorkerTask): Promise<TaskResult> {
    if (this.closing) return Promise.resolve({ id: task.id, ok: false, kind: 'cancelled', diagnostics: [] });
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  /**
   * Lets a task's worker write its files (ok), or makes it answer "cancelled" without writing.
   * The task renders in the meantime (see WriteGate).
   */
  gate(id: number, ok: boolean): void {
    const slot = this.slots.find((s) => s.busy.has(id));
    if (slot) slot.worker.postMessage({ go: id, ok } satisfies WriteGate);
    else if (this.queue.some((q) => q.task.id === id)) this.gates.set(id, ok);
  }

  /** Still usable for another run: not stopped, nothing queued or running. */
  get reusable(): boolean {
    return !this.closing && this.queue.length === 0 && this.slots.every((s) => s.busy.size === 0);
  }

  /** Idle until the next run: the threads stay loaded but let the process exit. */
  park(): void {
    this.parked = true;
    for (const s of this.slots) s.worker.unref();
  }

  unpark(): void {
    this.parked = false;
    for (const s of this.slots) s.worker.ref();
  }

  /** Lets running tasks finish, then stops the threads. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Stops at once; unfinished tasks resolve as cancelled. */
  async terminate(): Promise<void> {
    this.closing = true;
    const pending = [...this.slots.flatMap((s) => [...s.busy.values()]), ...this.queue];
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const p of pending) p.resolve({ id: p.task.id, ok: false, kind: 'cancelled', diagnostics: [] });
    for (const s of this.slots) s.busy.clear();
  }

  private spawn(): Slot {
    const worker = startWorker(this.init);
    if (this.parked) worker.unref();
    const slot: Slot = { worker, busy: new Map(), given: 0, retiring: false };
    worker.on('message', (r: TaskResult) => {
      const b = slot.busy.get(r.id);
      slot.busy.delete(r.id);
      if (slot.retiring && slot.busy.size === 0 && !this.closing) this.drop(slot);
      b?.resolve(r);
      this.dispatch();
    });
    // A crashed thread fails only its own tasks; a new one takes its place.
    const crashed = (message: string) => {
      if (this.closing || (slot.retiring && slot.busy.size === 0)) return;
      for (const b of slot.busy.values())
        b.resolve({ id: b.task.id, ok: false, kind: 'internal', diagnostics: [{ severity: 'error', code: 'internal.worker', message }] });
      slot.busy.clear();
      if (!slot.retiring) this.slots.push(this.spawn());
      this.drop(slot);
      this.dispatch();
    };
    worker.on('error', (e: Error & { code?: string }) =>
      crashed(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `kế hoạch vượt giới hạn bộ nhớ của một luồng xử lý (${RESOURCE_LIMITS.maxOldGenerationSizeMb} MB).` : e.message,
      ),
    );
    worker.on('exit', (code) => crashed(`luồng xử lý dừng bất thường (mã ${code})`));
    return slot;
  }

  /**
   * Its successor starts once its last task is done, not before: a thread loading alongside the
   * two working ones made the peak RSS grow with the row count (3,000 rows 251 MB against
   * 222 MB for 1,000). The other threads keep working meanwhile.
   */
  private retire(slot: Slot): void {
    slot.retiring = true;
    slot.replace = true;
    if (slot.busy.size === 0) this.drop(slot);
  }

  private drop(slot: Slot): void {
    slot.retiring = true;
    const k = this.slots.indexOf(slot);
    if (k >= 0) this.slots.splice(k, 1);
    void slot.worker.terminate();
    if (slot.replace && !this.closing) {
      slot.replace = false;
      this.slots.push(this.spawn());
    }
  }

  private dispatch(): void {
    while (this.queue.length) {
      const open = this.slots.filter((s) => !s.retiring && s.busy.size < DEPTH);
      if (!open.length) return;
      const slot = open.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
      const next = this.queue.shift()!;
      slot.busy.set(next.task.id, next);
      slot.worker.postMessage(next.task);
      const ok = this.gates.get(next.task.id);
      if (ok !== undefined) {
        this.gates.delete(next.task.id);
        slot.worker.postMessage({ go: next.task.id, ok } satisfies WriteGate);
      }
      if (++slot.given >= RECYCLE_AFTER) this.retire(slot);
    }
  }
}
