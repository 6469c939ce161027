#!/usr/bin/env node
// "Instant for one plan" (issue 16), run by `npm run bench` after the build:
// - cold: `kehoach --version` and `kehoach render --format docx,pdf` of the 6-page example in a
//   fresh process (median of several runs; wall time and the child's CPU time, which a shared
//   machine disturbs less), next to `node -e 0`;
// - warm, one core: the same plan's model, page description, DOCX and PDF, each timed alone
//   (the DOCX reuses the library's XML by block shape; "library alone" is a plan of new shapes).
// Prints numbers only; the targets (0.15 s, 0.35 s, 5 ms, 5 ms) are not checked here.
//
// `node bench/startup.mjs --base <dir>` runs the same measurements on another built checkout
// (e.g. `git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci)`) alternately with
// this one, so before and after are measured side by side under the same load; `--cold` or
// `--warm` runs only those measurements.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const PLAN = 'examples/kon-tum-2024-phong-trao-70-nam.json';
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 200);

/** CPU time (user + system, ms) of this process's waited-for children, from /proc (Linux). */
function childrenCpu() {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // cutime + cstime, 100 ticks/s
}

/** One fresh process: wall ms and CPU ms. */
function timed(argv, cwd) {
  const c0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n')[0]}`);
  return { wall, cpu: childrenCpu() - c0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(3);

/** The cold measurements of several checkouts, run alternately. */
function cold(roots) {
  const out = mkdtempSync(join(tmpdir(), 'kehoach-startup-'));
  const cases = {
    'node -e 0': () => ['-e', '0'],
    'kehoach --version': () => ['bin/kehoach.js', '--version'],
    'kehoach render (docx,pdf)': (k) => ['bin/kehoach.js', 'render', PLAN, '-f', 'docx,pdf', '-q', '-o', join(out, String(k))],
  };
  const rows = [];
  for (const [name, argv] of Object.entries(cases)) {
    const runs = roots.map(() => []);
    for (let n = 0; n < COLD_RUNS; n++) for (const [k, root] of roots.entries()) runs[k].push(timed(argv(k), root));
    for (const [k, root] of roots.entries())
      rows.push({
        checkout: roots.length > 1 ? (k === 0 ? 'this' : root) : undefined,
        what: name,
        'median s': s(median(runs[k].map((r) => r.wall))),
        'best s': s(Math.min(...runs[k].map((r) => r.wall))),
        'median CPU s': s(median(runs[k].map((r) => r.cpu))),
      });
  }
  rmSync(out, { recursive: true, force: true });
  for (const r of rows) if (r.checkout === undefined) delete r.checkout;
  console.log(`cold, ${COLD_RUNS} runs each (${PLAN}):`);
  console.table(rows);
}

/** Warm timings of one checkout, in this process (ms per plan, median of 10 batches). */
async function warm(root) {
  const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
  const { templatesFor, buildModel, loadInput } = await load('pipeline.js');
  const { keHoach } = await load('doctypes/ke-hoach.js');
  const { loadFontSet } = await load('fonts/metrics.js');
  const { present } = await load('presentation/build.js');
  const { writeDocx, writeDocxWithLibrary } = await load('writers/docx/index.js');
  const { writePdf } = await load('writers/pdf/index.js');
  const deflateCache = await load('writers/pdf/deflate-cache.js').catch(() => ({}));
  const lineCache = await load('text/line-cache.js').catch(() => ({}));
  const templateMemos = await load('template/helpers.js').catch(() => ({}));
  const templates = templatesFor(keHoach);
  const fonts = loadFontSet();
  const { data } = loadInput(keHoach, join(root, PLAN));
  const model = buildModel(keHoach, data, templates);
  const doc = present(model, fonts);
  const steps = {
    model: () => buildModel(keHoach, data, templates),
    // No text turned into markup before (checkouts that remember them).
    ...(templateMemos.clearTemplateMemos
      ? {
          'model, every text new': () => {
            templateMemos.clearTemplateMemos();
            return buildModel(keHoach, data, templates);
          },
        }
      : {}),
    'page description': () => present(model, fonts),
    DOCX: () => writeDocx(doc),
    PDF: () => writePdf(doc, { fonts }),
    // The same plan's first PDF in the process: no page deflated and no paragraph laid out before
    // (batch rows and preview edits reuse unchanged ones; the row above is that case at its best).
    ...(deflateCache.clearDeflateCache
      ? {
          'PDF, every page new': () => {
            deflateCache.clearDeflateCache();
            lineCache.clearLineCache?.();
            return writePdf(doc, { fonts });
          },
        }
      : {}),
  };
  // What a plan made only of new shapes costs: the docx library alone (before issue 16, every plan).
  if (writeDocxWithLibrary) steps['DOCX, library alone'] = () => writeDocxWithLibrary(doc);
  const result = {};
  for (const [name, fn] of Object.entries(steps)) {
    for (let k = 0; k < 20; k++) await fn();
    const batches = [];
    const cpu = [];
    for (let b = 0; b < 10; b++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let k = 0; k < WARM_RUNS / 10; k++) await fn();
      const c = process.cpuUsage(c0);
      batches.push((performance.now() - t0) / (WARM_RUNS / 10));
      cpu.push((c.user + c.system) / 1000 / (WARM_RUNS / 10));
    }
    // CPU time counts the collector's threads too; on a shared machine it is the steadier number.
    result[name] = { 'median ms': +median(batches).toFixed(2), 'best ms': +Math.min(...batches).toFixed(2), 'median CPU ms': +median(cpu).toFixed(2) };
  }
  return result;
}

if (args.includes('--warm-json')) {
  console.log(JSON.stringify(await warm(resolve(opt('--warm-json')))));
} else {
  const roots = [here, ...(opt('--base') ? [resolve(opt('--base'))] : [])];
  if (!args.includes('--warm')) cold(roots);
  if (args.includes('--cold')) process.exit(0);
  // Each checkout's warm run in a process of its own, alternately, twice; each number is the lower
  // of the two (the machine's load changes between runs).
  const warmOf = roots.map(() => undefined);
  for (let pass = 0; pass < 2; pass++)
    for (const [k, root] of roots.entries()) {
      const r = spawnSync(process.execPath, [join(here, 'bench', 'startup.mjs'), '--warm-json', root], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const now = JSON.parse(r.stdout);
      warmOf[k] = warmOf[k]
        ? Object.fromEntries(
            Object.entries(now).map(([step, v]) => [step, Object.fromEntries(Object.entries(v).map(([c, x]) => [c, Math.min(x, warmOf[k][step][c])]))]),
          )
        : now;
    }
  for (const [k, root] of roots.entries()) {
    console.log(`warm, one core, ${PLAN}${roots.length > 1 ? ` (${root === here ? 'this checkout' : root})` : ''}:`);
    console.table(warmOf[k]);
  }
}
