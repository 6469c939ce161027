// Checks before any row is rendered: the output folder can be created and written, and the
// disk is not (nearly) full; room set aside for the manifest; and a thread count the machine
// can use. A read-only folder or a full disk used to be found only after every row had been
// rendered and failed, and the manifest was lost when the disk filled up.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fsReason } from '../errors.js';
import { InputError } from '../reader/diagnostic.js';
import { ensureDir } from '../util/atomic-write.js';
import { type BatchFs, errnoCode } from './batch-fs.js';

/** Below this much free space a run is not started (the journal and manifest need room too). */
export const MIN_FREE_BYTES = 20 * 1024 * 1024;
/** A rough size per output when no earlier manifest tells (3-page plans are 15–60 KB). */
export const TYPICAL_OUTPUT_BYTES: Record<string, number> = { docx: 60_000, pdf: 200_000 };
/** Room set aside for the manifest: per row (manifest.json and .csv take about 700 bytes a row, more with warnings), and once. */
export const RESERVE_PER_ROW = 3 * 1024;
export const RESERVE_BASE = 512 * 1024;
export const RESERVE_FILE = '.kehoach-batch.reserve';

/** Threads per core at most: more only add memory (each thread loads fonts and templates). */
export const JOBS_PER_CORE = 2;

const mb = (bytes: number) => Math.floor(bytes / 1e6).toLocaleString('vi-VN');

function folderError(outDir: string, message: string, hint: string): InputError {
  return new InputError([{ severity: 'error', code: 'batch.output', file: outDir, message: `${message} Chưa tạo kế hoạch nào.`, hint }]);
}

function writeError(outDir: string, e: unknown): InputError {
  const code = errnoCode(e);
  const reason = fsReason(code);
  if (!reason) throw e; // not a problem the clerk can fix: an internal error
  return folderError(
    outDir,
    `không ghi được vào thư mục kết quả (${reason}).`,
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Giải phóng dung lượng đĩa, hoặc chọn thư mục khác bằng -o.'
      : 'Chọn thư mục khác bằng -o, hoặc kiểm tra đường dẫn và quyền ghi.',
  );
}

/**
 * Creates the folder, writes and removes a probe file, and checks the free space (returned
 * when the file system tells). Throws an InputError naming the folder.
 */
export function preflight(outDir: string, fsx: BatchFs): { freeBytes?: number } {
  try {
    ensureDir(outDir);
    const probe = join(outDir, `.kehoach-batch.probe-${process.pid}`);
    fsx.writeFileSync(probe, 'kehoach');
    fsx.rmSync(probe, { force: true });
  } catch (e) {
    throw writeError(outDir, e);
  }
  let free: number;
  try {
    const s = fsx.statfsSync(outDir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return {}; // a file system that cannot tell: the run stops at the first ENOSPC instead
  }
  if (free < MIN_FREE_BYTES)
    throw folderError(
      outDir,
      `ổ đĩa của thư mục kết quả chỉ còn ${mb(free)} MB trống, cần ít nhất ${mb(MIN_FREE_BYTES)} MB.`,
      'Giải phóng dung lượng đĩa, hoặc chọn thư mục khác bằng -o.',
    );
  return { freeBytes: free };
}

/** The thread count to use: as asked, but at most JOBS_PER_CORE × the cores, with the notice. */
export function capJobs(requested: number | undefined, cores = availableParallelism()): { jobs: number; notice?: string } {
  const cap = JOBS_PER_CORE * cores;
  if (requested === undefined) return { jobs: cores };
  if (requested <= cap) return { jobs: requested };
  return {
    jobs: cap,
    notice: `-j ${requested}: máy có ${cores} nhân CPU nên chỉ dùng ${cap} luồng (tối đa gấp ${JOBS_PER_CORE} số nhân). Thêm luồng không nhanh hơn mà mỗi luồng tốn thêm bộ nhớ.`,
  };
}

export interface SpaceReserve {
  readonly bytes: number;
  /** Gives the room back (before the manifest is written); safe to call twice. */
  release(): void;
}

/**
 * Sets aside room for the manifest in a file, given back just before the manifest is written:
 * a disk that fills up during the run still gets its manifest. Random bytes, so that a
 * compressing file system (btrfs, ZFS) cannot store it in nothing. Call with the folder locked.
 */
export function reserveSpace(outDir: string, rows: number, fsx: BatchFs): SpaceReserve {
  const path = join(outDir, RESERVE_FILE);
  const bytes = RESERVE_BASE + rows * RESERVE_PER_ROW;
  const chunk = randomBytes(Math.min(bytes, 1 << 20));
  let fd: number | undefined;
  const release = () => {
    if (fd !== undefined) fsx.closeSync(fd);
    fd = undefined;
    fsx.rmSync(path, { force: true });
  };
  try {
    fd = fsx.openSync(path, 'w');
    for (let left = bytes; left > 0; ) left -= fsx.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  } catch (e) {
    release();
    if (errnoCode(e) !== 'ENOSPC' && errnoCode(e) !== 'EDQUOT') throw writeError(outDir, e);
    throw folderError(
      outDir,
      `ổ đĩa của thư mục kết quả không còn đủ ${Math.ceil(bytes / 1e6).toLocaleString('vi-VN')} MB trống để dành cho bảng kê của ${rows.toLocaleString('vi-VN')} kế hoạch.`,
      'Giải phóng dung lượng đĩa, hoặc chọn thư mục khác bằng -o.',
    );
  }
  return { bytes, release };
}
