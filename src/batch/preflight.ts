// Checks before any row is rendered: the output folder can be created and written, and the
// disk is not (nearly) full; and a thread count the machine can use. A read-only folder or a
// full disk used to be found only after every row had been rendered and failed.
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
