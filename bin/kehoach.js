#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm install`/`npm ci` via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('Lỗi: kehoach chưa được biên dịch. Chạy "npm install" (hoặc "npm run build") trong thư mục dự án.');
  process.exit(3);
}
const { main: run } = await import(main.href);
await run(process.argv);
