#!/usr/bin/env node
// `npm install`/`npm ci` run `prepare`, and so does `npx kehoach` in the project folder: npm
// installs the project into its npx cache as a link and prepares it again, which rebuilt
// everything (~30 s in a fresh clone, before the command even started). The build now runs only
// when one of its inputs changed since the last one (sizes and times of the sources, templates,
// examples, fonts, scripts and the installed packages, and the Node version the code caches are
// for); `npm run build` still always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.build-inputs');
const DIRS = ['src', 'templates', 'scripts', 'bin', 'examples', 'fonts', 'data', 'schemas'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

function inputs() {
  const lines = [process.version];
  const add = (file) => {
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isFile()) lines.push(`${relative(root, file)}:${st.size}:${st.mtimeMs}`);
  };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else add(p);
    }
  };
  for (const d of DIRS) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of FILES) add(join(root, f));
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

const before = inputs();
const built = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === before && existsSync(join(root, 'dist', 'bundle', 'pipeline.cjs'));
if (!built) {
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(STAMP, before);
}
