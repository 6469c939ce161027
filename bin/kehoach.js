#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm install`/`npm ci` via the prepare script):
// the bundle (dist/bundle/, scripts/bundle.mjs) when it is at least as new as tsc's output,
// otherwise tsc's output itself (after a bare `tsc`, which does not rebuild the bundle).
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const compiled = mtime('../dist/cli/main.js');
if (compiled === undefined) {
  console.error('Lỗi: kehoach chưa được biên dịch. Chạy "npm install" (hoặc "npm run build") trong thư mục dự án.');
  process.exit(3);
}
const bundled = mtime('../dist/bundle/main.js');
const main = new URL(bundled !== undefined && bundled >= compiled ? '../dist/bundle/main.js' : '../dist/cli/main.js', import.meta.url);
const { main: run } = await import(main.href);
await run(process.argv);
