// Runs the CommonJS bundle of the CLI (dist/bundle/pipeline.cjs) through V8's code cache: Node 20
// has no compile cache for ES modules (module.enableCompileCache() came in 22.1), and a cold
// `kehoach render` spent ~15% of its time parsing and compiling the bundle. The cache is written
// by the build after one render (scripts/bundle.mjs), so it holds every function a render
// compiles; V8 refuses it for another Node version or other flags, and the bundle then simply
// compiles as usual.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** The bundle's exports, and the script (the build asks it for its code cache). */
export function loadCached(file) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  // Dynamic import() (the batch command, outside the bundle) goes to Node's own loader.
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
