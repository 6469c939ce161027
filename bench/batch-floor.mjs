// The floor under `kehoach batch` (bench/batch.ts --floor): the same rows through the same
// pipeline (validate, model, DOCX + PDF, durable atomic write, sha256) on one thread per core,
// with none of the batch's bookkeeping: no lock, journal, change detection, backups or
// manifest. Run alternately with the CLI, it tells how much of a run is the batch's own and
// how much is the rendering and writing any batch must do, on the machine as it is at that
// moment (a shared machine's speed swings ±20 % within minutes).
//
// Usage: node bench/batch-floor.mjs <base.json> <rows.jsonl> <out-dir> [threads]
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const load = (p) => import(pathToFileURL(join(DIST, p)).href);

if (isMainThread) {
  const [base, rowsFile, out, threadArg] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/batch-floor.mjs <base.json> <rows.jsonl> <out-dir> [threads]');
    process.exit(2);
  }
  const threads = Number(threadArg) || availableParallelism();
  const rows = readFileSync(rowsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  mkdirSync(out, { recursive: true });
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url), { workerData: { base: resolve(base) } }));
  let next = 0;
  let done = 0;
  await new Promise((finish, fail) => {
    const give = (w) => {
      if (next >= rows.length) return;
      const k = next++;
      w.postMessage({ k, fields: rows[k], out: join(resolve(out), rows[k].slug ?? `row-${k + 1}`) });
    };
    for (const w of workers) {
      w.on('error', fail);
      w.on('message', (m) => {
        if (m.error) return fail(new Error(`row ${m.k + 1}: ${m.error}`));
        if (++done === rows.length) finish();
        else give(w);
      });
      // Two rows at a time, as the batch's pool: one renders while the other's files are flushed.
      give(w);
      give(w);
    }
  });
  await Promise.all(workers.map((w) => w.terminate()));
  console.log(`${done} kế hoạch (sàn: ${threads} luồng, không nhật ký, không bảng kê)`);
} else {
  const [{ templatesFor, buildModel, checkSource }, { keHoach }, { loadFontSet }, { renderFormats }, { writeDurably }, { sha256 }] = await Promise.all([
    load('pipeline.js'),
    load('doctypes/ke-hoach.js'),
    load('fonts/metrics.js'),
    load('writers/index.js'),
    load('batch/durable-write.js'),
    load('batch/fingerprint.js'),
  ]);
  const templates = templatesFor(keHoach);
  const fonts = loadFontSet();
  const base = JSON.parse(readFileSync(workerData.base, 'utf8'));
  const set = (obj, path, value) => {
    const keys = path.split('.');
    let o = obj;
    for (const key of keys.slice(0, -1)) o = o[key] ??= {};
    o[keys.at(-1)] = value;
  };
  parentPort.on('message', async ({ k, fields, out }) => {
    try {
      const plan = structuredClone(base);
      for (const [path, value] of Object.entries(fields)) if (path !== 'slug') set(plan, path, value);
      const { data } = checkSource(keHoach, { file: '', text: '', data: plan, locate: () => undefined });
      const { files } = await renderFormats(buildModel(keHoach, data, templates), ['docx', 'pdf'], fonts);
      await writeDurably([
        [`${out}.docx`, files.get('docx')],
        [`${out}.pdf`, files.get('pdf')],
      ]);
      for (const bytes of files.values()) sha256(bytes);
      parentPort.postMessage({ k });
    } catch (e) {
      parentPort.postMessage({ k, error: String(e?.message ?? e) });
    }
  });
}
