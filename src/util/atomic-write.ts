// Outputs are written to a temporary file and renamed, so a reader never sees a
// half-written DOCX/PDF and a failed run leaves nothing behind. A plan fixed by
// `validate --fix` is rewritten in place instead (writeInPlace), keeping its inode.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

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
        // 'wx' (in writeTemp): never write through anything already at the temp name (a planted link).
        writeTemp(fsx, tmp, data, !!opts.durable);
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

/** The write calls of writeInPlace; tests give one that fails half-way (a disk filling up). */
export interface InPlaceIo {
  write(fd: number, data: Uint8Array, position: number): number;
}

const fsIo: InPlaceIo = { write: (fd, data, position) => writeSync(fd, data, 0, data.length, position) };

/** The content of a changed file was not the one the new content was made from. */
export class ChangedMeanwhileError extends Error {}

function readAll(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const buf = Buffer.alloc(size);
  let n = 0;
  while (n < size) {
    const k = readSync(fd, buf, n, size - n, n);
    if (k === 0) break;
    n += k;
  }
  return buf.subarray(0, n);
}

function overwrite(fd: number, data: Uint8Array, io: InPlaceIo): void {
  for (let n = 0; n < data.length; ) n += io.write(fd, data.subarray(n), n);
  ftruncateSync(fd, data.length);
  fsyncSync(fd);
}

/** A private copy of the old content beside the file (else in the temp folder), synced. */
function writeBackup(real: string, old: Uint8Array): string {
  const name = `.${basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.bak`;
  for (const dir of [dirname(real), tmpdir()]) {
    const path = join(dir, name);
    try {
      // 0600: the backup of a plan marked MẬT is no more readable than the plan.
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, old);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return path;
    } catch (e) {
      rmSync(path, { force: true });
      if (dir !== dirname(real)) throw e;
    }
  }
  throw new Error('unreachable');
}

/**
 * Replaces a file's content in place, for `validate --fix`: the same inode is rewritten, so a
 * symlink to it stays a link, hard links see the change, and mode (a plan marked MẬT is 0600)
 * and owner stay. Never half-written: the old content is first saved to a private backup; if
 * writing fails, the old content is written back; the backup is removed once all is done (and
 * kept, named on the error as `backup`, only if even that fails). `expected`: the bytes the new
 * content was made from; a file changed meanwhile is left alone (ChangedMeanwhileError).
 */
export function writeInPlace(path: string, data: Uint8Array | string, expected?: Uint8Array, io: InPlaceIo = fsIo): void {
  const real = realpathSync(path);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  let fd: number;
  try {
    fd = openSync(real, 'r+');
  } catch (e) {
    throw forTarget(e, path);
  }
  try {
    const old = readAll(fd);
    if (expected && !old.equals(expected)) throw new ChangedMeanwhileError(`${path} changed while it was being fixed`);
    const backup = writeBackup(real, old);
    try {
      overwrite(fd, bytes, io);
    } catch (e) {
      try {
        overwrite(fd, old, fsIo);
      } catch {
        throw Object.assign(forTarget(e, path) as object, { backup });
      }
      rmSync(backup, { force: true });
      throw forTarget(e, path);
    }
    rmSync(backup, { force: true });
  } finally {
    closeSync(fd);
  }
}
