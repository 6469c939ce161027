// How a batch worker thread starts, and starting them before the command line has loaded.
// A cold `kehoach batch` spent ~0.2 s loading the CLI's own modules before its pool started a
// thread, and each thread ~0.2 s loading its bundle: bin/kehoach.js now starts the threads first
// (prestartWorkers), so both loads run at once on two cores, and the pool takes those threads
// (takePrestarted), telling each its templates and fonts in its first message.
import { Worker } from 'node:worker_threads';
import type { WorkerInit } from './protocol.js';

/**
 * Without an explicit limit a worker's V8 heap is sized from the machine's RAM and grows
 * far beyond what one plan needs (peak RSS ~400 MB instead of ~270 MB for 1,000 plans on
 * 2 workers). A plan needs a few tens of MB; 256 MB leaves room for very long plans.
 */
export const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 };

/**
 * Runs the CommonJS bundle of the worker (dist/bundle/worker.cjs) through the V8 code cache the
 * build made for it, as bin/cached.js does for render: Node 20 has no compile cache for ES
 * modules, and each thread compiled its code at start and its functions during its first rows.
 * V8 refuses a cache from another Node version, and the bundle then compiles as usual.
 */
export const CACHED_LOADER = `
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');
const { parentPort, workerData } = require('node:worker_threads');
const file = workerData.bundle;
let cachedData;
try { cachedData = readFileSync(file + '.cache'); } catch {}
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
if (workerData.makeCache) parentPort.on('message', (m) => m && m.makeCache && parentPort.postMessage({ cache: script.createCachedData() }));
const module = { exports: {} };
script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
`;

/** The first message to a thread started without its WorkerInit. */
export interface InitMessage {
  init: WorkerInit;
}

interface Prestarted {
  bundle: string;
  workers: { worker: Worker; exited: boolean }[];
}

// On globalThis: bin/kehoach.js loads this module from tsc's output, the pool is in the bundle.
const KEY = Symbol.for('kehoach.batch.prestarted');
const slot = globalThis as { [KEY]?: Prestarted };

/** Starts `count` threads of `bundle` waiting for their InitMessage; they keep no process alive. */
export function prestartWorkers(bundle: string, count: number): void {
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(CACHED_LOADER, { eval: true, workerData: { bundle, deferred: true }, resourceLimits: RESOURCE_LIMITS });
    const entry = { worker, exited: false };
    worker.unref();
    // Until the pool takes it, a thread that fails to load is just not used.
    worker.on('error', () => {});
    worker.once('exit', () => {
      entry.exited = true;
    });
    return entry;
  });
  slot[KEY] = { bundle, workers };
}

/** A prestarted thread of `bundle`, initialised with `init` and referenced again, if one is left. */
export function takePrestarted(bundle: string, init: WorkerInit): Worker | undefined {
  const pre = slot[KEY];
  if (!pre || pre.bundle !== bundle) return undefined;
  let next = pre.workers.shift();
  while (next?.exited) next = pre.workers.shift();
  if (!next) return undefined;
  next.worker.removeAllListeners();
  next.worker.ref();
  next.worker.postMessage({ init } satisfies InitMessage);
  return next.worker;
}

/** Stops the prestarted threads no pool took (a run that needed fewer, or none). */
export function dropPrestarted(): void {
  const pre = slot[KEY];
  if (!pre) return;
  slot[KEY] = undefined;
  for (const w of pre.workers) void w.worker.terminate();
}
