#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm install`/`npm ci` via the prepare script):
// the bundles (dist/bundle/, scripts/bundle.mjs) when they are at least as new as tsc's output,
// otherwise tsc's output itself (after a bare `tsc`, which does not rebuild the bundles).
// `render`, `validate` and `batch` run the CommonJS bundle through V8's code cache (bin/cached.js);
// other commands the ES modules, each command's work in a chunk of its own.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (rel) => new URL(rel, import.meta.url);
const mtime = (rel) => statSync(at(rel), { throwIfNoEntry: false })?.mtimeMs;
const compiled = mtime('../dist/cli/main.js');
if (compiled === undefined) {
  console.error('Lỗi: kehoach chưa được biên dịch. Chạy "npm install" (hoặc "npm run build") trong thư mục dự án.');
  process.exit(3);
}
const fresh = (rel) => (mtime(rel) ?? -1) >= compiled;
const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The version alone needs no CLI: package.json's, as commander prints it.
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(at('../package.json'), 'utf8')).version}\n`);
} else await runCli(args.find((a) => !a.startsWith('-')));

async function runCli(command) {
  // batch: its threads start loading now, alongside the CLI (dist/batch/worker-start.js). Not for
  // its help: the process would wait for the threads to finish loading before it exits.
  const help = args.some((a) => a === '-h' || a === '--help') || args.length < 2;
  if (command === 'batch' && !help && fresh('../dist/bundle/worker.cjs') && fresh('../dist/bundle/pipeline.cjs')) {
    const [{ prestartWorkers }, { availableParallelism }] = await Promise.all([import('../dist/batch/worker-start.js'), import('node:os')]);
    prestartWorkers(fileURLToPath(at('../dist/bundle/worker.cjs')), availableParallelism());
  }
  let run;
  if ((command === 'render' || command === 'validate' || command === 'batch') && fresh('../dist/bundle/pipeline.cjs')) {
    const { loadCached } = await import('./cached.js');
    run = loadCached(fileURLToPath(at('../dist/bundle/pipeline.cjs'))).exports.main;
  } else run = (await import(at(fresh('../dist/bundle/main.js') ? '../dist/bundle/main.js' : '../dist/cli/main.js').href)).main;
  await run(process.argv);
}
