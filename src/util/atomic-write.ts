// Outputs are written to a temporary file and renamed, so a reader never sees a
// half-written DOCX/PDF and a failed run leaves nothing behind.
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Marks a file-system error with the output it was for (its path is the temp file's). */
function forTarget(e: unknown, target: string): unknown {
  if (e && typeof e === 'object') (e as { target?: string }).target = target;
  return e;
}

/**
 * Writes a set of outputs all or nothing, as far as the file system allows: every file goes to
 * a temp file first; only when all are written are they renamed into place.
 */
export function atomicWriteAll(files: [path: string, data: Uint8Array | string][]): void {
  const temps: [tmp: string, path: string][] = [];
  try {
    for (const [path, data] of files) {
      ensureDir(dirname(path));
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push([tmp, path]);
      try {
        // 'wx': never write through anything already at the temp name (a planted link).
        writeFileSync(tmp, data, { flag: 'wx' });
      } catch (e) {
        throw forTarget(e, path);
      }
    }
    // A folder where a file should go would fail the rename half-way: refuse before renaming any.
    // lstat: a link there is replaced by the rename (never written through), whatever it points to.
    for (const [, path] of temps)
      if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory())
        throw Object.assign(new Error(`is a directory: ${path}`), { code: 'EISDIR', path, target: path });
    for (const [tmp, path] of temps) {
      try {
        renameSync(tmp, path);
      } catch (e) {
        throw forTarget(e, path);
      }
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
}

export function atomicWrite(path: string, data: Uint8Array | string): void {
  atomicWriteAll([[path, data]]);
}
