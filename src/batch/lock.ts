// One batch run per output folder: a lock file created exclusively ('wx') holds the PID, host
// and start time of the run writing there. Two runs into one folder would both report success
// with their files mixed; the second is refused instead. A lock left by a run that died
// (kill -9, power cut) is taken over once its process is gone.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../reader/diagnostic.js';
import { type BatchFs, errnoCode } from './batch-fs.js';

export const LOCK_FILE = '.kehoach-batch.lock';

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the run started. */
  startedAt: string;
}

export interface OutputLock {
  readonly path: string;
  /** The dead run's lock this run took over, if any. */
  readonly tookOver?: LockInfo;
  release(): void;
}

/** A lock younger than this with no content yet is being written by its run. */
const FRESH_MS = 10_000;
/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on every Linux build in use). */
const USER_HZ = 100;

function parseLock(text: string): LockInfo | undefined {
  try {
    const v = JSON.parse(text) as LockInfo;
    return Number.isInteger(v.pid) && typeof v.startedAt === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** When a process started (ms since epoch), where /proc tells; undefined elsewhere. */
function processStartMs(pid: number, fsx: BatchFs): number | undefined {
  try {
    const stat = String(fsx.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const btime = Number(/^btime (\d+)$/m.exec(String(fsx.readFileSync('/proc/stat', 'utf8')))?.[1]);
    return Number.isFinite(ticks) && btime ? btime * 1000 + (ticks * 1000) / USER_HZ : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this PID exists (EPERM: it does, another user's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // 0 and negatives address process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) !== 'ESRCH';
  }
}

/**
 * Whether the run that wrote a lock may still be running. Another host's process cannot be
 * checked, so it counts as running; a live PID that started after the lock is another
 * program that reused the number.
 */
export function lockHolderAlive(info: LockInfo, fsx: BatchFs): boolean {
  if (info.host && info.host !== hostname()) return true;
  if (!pidAlive(info.pid)) return false;
  const started = processStartMs(info.pid, fsx);
  return started === undefined || started <= Date.parse(info.startedAt) + 2000;
}

const when = (iso: string) => new Date(iso).toLocaleString('vi-VN');

function lockedError(outDir: string, path: string, other: LockInfo | undefined): InputError {
  const who = other
    ? `PID ${other.pid}${other.host && other.host !== hostname() ? ` trên máy ${other.host}` : ''}, bắt đầu lúc ${when(other.startedAt)}`
    : 'đang khởi động';
  return new InputError([
    {
      severity: 'error',
      code: 'batch.locked',
      file: outDir,
      message: `thư mục kết quả đang được một lệnh kehoach batch khác ghi (${who}). Hai lệnh ghi cùng một thư mục sẽ trộn lẫn các tệp, nên lệnh này không chạy.`,
      hint: `Chờ lệnh kia xong rồi chạy lại, hoặc ghi vào thư mục khác (-o). Nếu chắc chắn không còn lệnh nào đang chạy, xóa tệp ${path}.`,
    },
  ]);
}

/** Creates the lock file exclusively and writes our record into it; false if it already exists. */
function create(path: string, text: string, fsx: BatchFs): boolean {
  let fd: number;
  try {
    fd = fsx.openSync(path, 'wx');
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') return false;
    throw e;
  }
  let written = false;
  try {
    fsx.writeSync(fd, text);
    fsx.fsyncSync(fd);
    written = true;
  } finally {
    fsx.closeSync(fd);
    if (!written) fsx.rmSync(path, { force: true });
  }
  return true;
}

/**
 * Moves a dead run's lock aside, if it is still the one judged dead: a run that took it over
 * in between must keep its own (its lock is put back).
 */
function removeStale(path: string, staleText: string, fsx: BatchFs): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    fsx.renameSync(path, aside);
  } catch {
    return; // gone already
  }
  if (String(fsx.readFileSync(aside, 'utf8')) !== staleText) {
    try {
      fsx.linkSync(aside, path);
    } catch {
      /* a third run holds it now */
    }
  }
  fsx.rmSync(aside, { force: true });
}

function fileMtime(path: string, fsx: BatchFs): number {
  try {
    return fsx.statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Takes the output folder's lock, or throws the InputError naming the run that holds it. */
export function acquireLock(outDir: string, fsx: BatchFs): OutputLock {
  const path = join(outDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(mine) + '\n';
  let tookOver: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(path, text, fsx)) return holding(path, text, fsx, tookOver);
    let found: string;
    try {
      found = String(fsx.readFileSync(path, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    const other = parseLock(found);
    const mtime = fileMtime(path, fsx);
    if (other ? lockHolderAlive(other, fsx) : Date.now() - mtime < FRESH_MS) throw lockedError(outDir, path, other);
    tookOver = other ?? { pid: 0, host: '', startedAt: new Date(mtime).toISOString() };
    removeStale(path, found, fsx);
  }
  throw lockedError(outDir, path, undefined);
}

function holding(path: string, text: string, fsx: BatchFs, tookOver: LockInfo | undefined): OutputLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      // Only our own: a lock someone deleted and another run re-created is theirs.
      if (String(fsx.readFileSync(path, 'utf8')) === text) fsx.unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  // process.exit() (a closed stdout pipe) skips the run's finally blocks.
  process.on('exit', release);
  return { path, tookOver, release };
}
