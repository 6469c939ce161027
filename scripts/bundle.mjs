#!/usr/bin/env node
// Build step (after tsc): the command line as a few ES modules in dist/bundle/, which
// bin/kehoach.js runs. Why a bundler (issue 16): a cold `kehoach render` spent most of its time
// in Node's module loaders — pdf-lib alone is ~400 CommonJS files (each resolved, read, lexed for
// its exports and compiled), zod ~100 ES modules, ours ~100 more — and Node 20 has no compile
// cache (module.enableCompileCache() came in 22.1). esbuild is one well-kept package with no
// dependencies of its own and a prebuilt binary from the npm registry; it reads tsc's output, so
// the bundle runs exactly the code the tests run.
//
// Each command's work stays a chunk of its own (the CLI imports it when the command runs);
// `kehoach batch` stays on tsc's output (dist/cli/commands/batch.js): its worker threads load
// dist/batch/worker.js by path. The bundle finds the package's files (templates, fonts, data)
// two folders up, as dist/util/package-root.js does.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = `${dist}bundle`;

/** commands/batch.js, imported by cli/main.js, is left to tsc's output. */
const batchOutside = {
  name: 'batch-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/batch\.js$/ }, (args) =>
      args.importer.endsWith(`cli${'/'}main.js`) ? { path: '../cli/commands/batch.js', external: true } : undefined,
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: `${dist}cli/main.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES builds where a package has one (pdf-lib): only what we use is kept.
  mainFields: ['module', 'main'],
  // CommonJS packages inside an ES module call require() for Node's own modules.
  banner: { js: "import { createRequire as __kehoachRequire } from 'node:module';\nconst require = __kehoachRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
  plugins: [batchOutside],
  logLevel: 'warning',
  legalComments: 'none',
  // Less source to parse at every start (2.1 -> 1.6 MB; a cold render ~10% less CPU here); names
  // are kept, so profiles and stack traces still name our functions.
  minifyWhitespace: true,
  minifySyntax: true,
});
