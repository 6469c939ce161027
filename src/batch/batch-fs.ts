// The file-system calls a batch run makes from the main thread (lock, preflight, journal,
// backups, manifest). Tests pass a copy of node:fs with a failure injected (ENOSPC, EROFS)
// to check that the run stops cleanly; worker threads always write with node:fs.
import * as nodeFs from 'node:fs';
import type { AtomicFs } from '../util/atomic-write.js';

export type BatchFs = AtomicFs &
  Pick<typeof nodeFs, 'readFileSync' | 'writeFileSync' | 'statfsSync' | 'copyFileSync' | 'linkSync' | 'unlinkSync' | 'statSync' | 'readdirSync' | 'fsync'>;

export const NODE_FS: BatchFs = nodeFs;

/** Error codes after which no later write in the folder can succeed: the run stops. */
export const DISK_STOP_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

export const errnoCode = (e: unknown): string | undefined => (e && typeof e === 'object' ? (e as NodeJS.ErrnoException).code : undefined);
