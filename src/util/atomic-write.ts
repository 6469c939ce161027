// Outputs are written to a temporary file and renamed, so a reader never sees a
// half-written DOCX/PDF and a failed run leaves nothing behind.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Creates a folder and its missing parents. Not `mkdirSync(…, { recursive: true })`: on Node 20
 * that spins forever on some paths (e.g. under /proc), where this fails at once with ENOENT.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.push(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  if (existsSync(d) && !statSync(d).isDirectory()) {
    throw Object.assign(new Error(`not a directory: ${d}`), { code: 'ENOTDIR', path: d });
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another worker made it
    }
  }
}

export function atomicWrite(path: string, data: Uint8Array | string): void {
  ensureDir(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
