// Outputs are written to a temporary file and renamed, so a reader never sees a
// half-written DOCX/PDF and a failed run leaves nothing behind.
import * as nodeFs from 'node:fs';
import { existsSync, mkdirSync, statSync } from 'node:fs';
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

/** The calls atomicWriteAll makes; tests pass a copy of node:fs with failures injected. */
export type AtomicFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

export interface AtomicWriteOptions {
  /**
   * Flush each file to the disk before renaming it, and the folder after: a record saying
   * "written" (the batch journal) must never outlive the file after a power cut.
   */
  durable?: boolean;
  fs?: AtomicFs;
}

function writeTemp(fsx: AtomicFs, tmp: string, data: Uint8Array | string, durable: boolean): void {
  const fd = fsx.openSync(tmp, 'wx');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < bytes.length; ) off += fsx.writeSync(fd, bytes, off, bytes.length - off);
    if (durable) fsx.fsyncSync(fd);
  } finally {
    fsx.closeSync(fd);
  }
}

/** Makes renames in a folder durable; not every platform can open a folder (Windows), which is fine. */
function syncDir(fsx: AtomicFs, dir: string): void {
  let fd: number | undefined;
  try {
    fd = fsx.openSync(dir, 'r');
    fsx.fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) fsx.closeSync(fd);
  }
}

/**
 * Writes a set of outputs all or nothing, as far as the file system allows: every file goes to
 * a temp file first; only when all are written are they renamed into place.
 */
export function atomicWriteAll(files: [path: string, data: Uint8Array | string][], opts: AtomicWriteOptions = {}): void {
  const fsx = opts.fs ?? nodeFs;
  const temps: [tmp: string, path: string][] = [];
  try {
    for (const [path, data] of files) {
      ensureDir(dirname(path));
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push([tmp, path]);
      try {
        writeTemp(fsx, tmp, data, !!opts.durable);
      } catch (e) {
        throw forTarget(e, path);
      }
    }
    // A folder where a file should go would fail the rename half-way: refuse before renaming any.
    for (const [, path] of temps)
      if (existsSync(path) && statSync(path).isDirectory()) throw Object.assign(new Error(`is a directory: ${path}`), { code: 'EISDIR', path, target: path });
    for (const [tmp, path] of temps) {
      try {
        fsx.renameSync(tmp, path);
      } catch (e) {
        throw forTarget(e, path);
      }
    }
  } catch (e) {
    for (const [tmp] of temps) fsx.rmSync(tmp, { force: true });
    throw e;
  }
  if (opts.durable) for (const dir of new Set(temps.map(([, p]) => dirname(p)))) syncDir(fsx, dir);
}

export function atomicWrite(path: string, data: Uint8Array | string, opts: AtomicWriteOptions = {}): void {
  atomicWriteAll([[path, data]], opts);
}
