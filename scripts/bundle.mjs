#!/usr/bin/env node
// Build step (after tsc): the command line as a few ES modules in dist/bundle/, which
// bin/kehoach.js runs. Why a bundler (issue 16): a cold `kehoach render` spent most of its time
// in Node's module loaders — pdf-lib alone is ~400 CommonJS files (each resolved, read, lexed for
// its exports and compiled), zod ~100 ES modules, ours ~100 more — and Node 20 has no compile
// cache (module.enableCompileCache() came in 22.1). esbuild is one well-kept package with no
// dependencies of its own and a prebuilt binary from the npm registry; it reads tsc's output, so
// the bundle runs exactly the code the tests run.
//
// Each command's work stays a chunk of its own (the CLI imports it when the command runs).
// `kehoach batch` is one of them; its worker threads run a bundle of their own next to the chunk
// that starts them (batch/pool.ts: worker.cjs through its code cache, made at the end of this
// script, else the ES module entry worker.js): a thread loaded ~300 of tsc's files one by one,
// ~0.5 s each before its first row.
// The bundle finds the package's files (templates, fonts, data) two folders up, as
// dist/util/package-root.js does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle`;

/**
 * The built-in templates' specs as code (src/template/bundled-specs.ts): compiled with the bundle
 * and kept in its code cache, instead of one `new Function` per template at every start.
 */
const bundledSpecs = {
  name: 'bundled-specs',
  setup(b) {
    b.onLoad({ filter: /[\\/]template[\\/]bundled-specs\.js$/ }, () => {
      const store = JSON.parse(readFileSync(`${dist}templates.precompiled.json`, 'utf8'));
      const entries = Object.entries(store.templates).map(([key, spec]) => `${JSON.stringify(key)}: ${spec}`);
      return {
        contents: `export const BUNDLED_SPECS = { handlebars: ${JSON.stringify(store.handlebars)}, templates: {\n${entries.join(',\n')}\n} };\n`,
        loader: 'js',
      };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // ES builds where a package has one (pdf-lib): only what we use is kept.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source to parse at every start (2.1 -> 1.6 MB; a cold render ~10% less CPU here); names
  // are kept, so profiles and stack traces still name our functions.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [bundledSpecs],
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { main: `${dist}cli/main.js`, worker: `${dist}batch/worker.js` },
  outdir,
  splitting: true,
  format: 'esm',
  // CommonJS packages inside an ES module call require() for Node's own modules.
  banner: { js: "import { createRequire as __kehoachRequire } from 'node:module';\nconst require = __kehoachRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
});

// `render`, `validate` and `batch` run a CommonJS bundle of the same CLI through V8's code cache
// (bin/cached.js): a cold render ~15% less CPU, and batch's thread ~70 ms sooner at its pool
// (ES modules compile at every start). The cache is made here by one render.
const pipeline = `${outdir}/pipeline.cjs`;
await build({
  ...common,
  entryPoints: [`${dist}cli/main.js`],
  outfile: pipeline,
  format: 'cjs',
  define: { 'import.meta.url': '__kehoachUrl' },
  banner: { js: "const __kehoachUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const { loadCached } = await import(new URL('../bin/cached.js', import.meta.url).href);
const { exports, script } = loadCached(pipeline);
const out = mkdtempSync(join(tmpdir(), 'kehoach-cache-'));
const quiet = { write: () => true };
const plan = fileURLToPath(new URL('../examples/kon-tum-2024-phong-trao-70-nam.json', import.meta.url));
const code = await exports.runCli(['render', plan, '-q', '-o', out], { stdout: quiet, stderr: quiet });
rmSync(out, { recursive: true, force: true });
if (code !== 0) throw new Error(`the render that makes the code cache failed (exit ${code})`);
writeFileSync(`${pipeline}.cache`, script.createCachedData());

// `kehoach batch`'s worker threads run a CommonJS bundle of the worker through V8's code cache
// too (batch/pool.ts): the cache is made here by a worker that renders one plan in every format.
const workerCjs = `${outdir}/worker.cjs`;
await build({
  ...common,
  entryPoints: [`${dist}batch/worker.js`],
  outfile: workerCjs,
  format: 'cjs',
  define: { 'import.meta.url': '__kehoachUrl' },
  banner: { js: "const __kehoachUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const { makeWorkerCodeCache } = await import(new URL('../dist/batch/pool.js', import.meta.url).href);
const workerOut = mkdtempSync(join(tmpdir(), 'kehoach-cache-'));
const task = {
  id: 1,
  plan: JSON.parse(readFileSync(plan, 'utf8')),
  extra: { province: null },
  outputs: ['docx', 'pdf'].map((format) => ({ format, path: join(workerOut, `cache.${format}`) })),
};
try {
  writeFileSync(`${workerCjs}.cache`, await makeWorkerCodeCache(workerCjs, task));
} finally {
  rmSync(workerOut, { recursive: true, force: true });
}
