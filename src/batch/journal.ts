// The batch journal: one JSON line per event, appended as the run goes and flushed to the
// disk (fsync), so that after any crash — kill -9, a closed terminal, a power cut — the next
// run knows which rows were finished (their outputs and sha256) and which were being written.
// The manifest is built from the same entries at the end of a run; the journal is then removed.
import { join } from 'node:path';
import { type BatchFs, errnoCode } from './batch-fs.js';
import type { ManifestEntry } from './manifest.js';

export const JOURNAL_FILE = '.kehoach-batch.journal';

export type JournalRecord =
  /** A run started appending (a journal holds every run since the last manifest). */
  | { t: 'run'; pid: number; startedAt: string }
  /** A row was handed to a worker: these files may be rewritten from now on. */
  | { t: 'start'; name: string; paths: string[] }
  /** A row's files are written (they were flushed before the rename). */
  | { t: 'done'; entry: ManifestEntry };

/** Records of a journal left in `outDir`; a line cut short by a crash is skipped. */
export function readJournal(outDir: string, fsx: BatchFs): JournalRecord[] {
  let text: string;
  try {
    text = String(fsx.readFileSync(join(outDir, JOURNAL_FILE), 'utf8'));
  } catch {
    return [];
  }
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as JournalRecord;
      if (r && typeof r === 'object' && typeof r.t === 'string') records.push(r);
    } catch {
      /* torn line */
    }
  }
  return records;
}

/**
 * The journal being appended by this run. A failed write (disk full) is kept in `error` rather
 * than thrown: the run stops taking rows and says why.
 */
export class Journal {
  readonly path: string;
  error: NodeJS.ErrnoException | undefined;
  /** fsync calls and the time they took, for the numbers in docs/BATCH.md. */
  readonly stats = { syncs: 0, syncMs: 0 };
  private fd: number | undefined;
  private dirtySince = 0;
  private flushing: Promise<boolean> | undefined;
  private queued: Promise<boolean> | undefined;
  private closeWhenFlushed = false;

  constructor(
    outDir: string,
    private readonly fsx: BatchFs,
  ) {
    this.path = join(outDir, JOURNAL_FILE);
  }

  /** Opens for appending (creating it); a last line cut short by a crash is ended first. */
  open(): void {
    let tail = '';
    try {
      tail = String(this.fsx.readFileSync(this.path, 'utf8')).slice(-1);
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
    this.fd = this.fsx.openSync(this.path, 'a');
    if (tail && tail !== '\n') this.write('\n');
  }

  /** Appends a record (not yet flushed); false once the journal cannot be written. */
  append(record: JournalRecord): boolean {
    return this.write(JSON.stringify(record) + '\n');
  }

  private write(text: string): boolean {
    if (this.error || this.fd === undefined) return false;
    try {
      this.fsx.writeSync(this.fd, text);
      if (!this.dirtySince) this.dirtySince = performance.now();
      return true;
    } catch (e) {
      this.error = e as NodeJS.ErrnoException;
      return false;
    }
  }

  /** Flushes what was appended to the disk; false once the journal cannot be written. */
  sync(): boolean {
    if (this.error || this.fd === undefined) return false;
    if (!this.dirtySince) return true;
    const t = performance.now();
    this.dirtySince = 0;
    try {
      this.fsx.fsyncSync(this.fd);
    } catch (e) {
      this.error = e as NodeJS.ErrnoException;
      return false;
    }
    this.count(t);
    return true;
  }

  /**
   * Group commit, off the main thread's event loop: resolves once every record appended before
   * the call is on the disk (false if that failed). Calls made while an fsync is running share
   * the next one, so rows handed out together cost one fsync, and the main thread keeps
   * merging rows and taking results meanwhile (a sync fsync blocked it ~6–15 ms a row).
   */
  flush(): Promise<boolean> {
    if (this.error || this.fd === undefined) return Promise.resolve(false);
    if (this.flushing) {
      // Records appended while an fsync runs may not be covered by it: they wait for the next.
      this.queued ??= this.flushing.then(() => {
        this.queued = undefined;
        return this.flush();
      });
      return this.queued;
    }
    if (!this.dirtySince) return Promise.resolve(true);
    const fd = this.fd;
    const t = performance.now();
    this.dirtySince = 0;
    this.flushing = new Promise<boolean>((done) =>
      this.fsx.fsync(fd, (e) => {
        this.flushing = undefined;
        if (e) this.error ??= e;
        else this.count(t);
        done(!e && !this.error);
        if (this.closeWhenFlushed) this.close();
      }),
    );
    return this.flushing;
  }

  /** Waits for an fsync started by flush() (before the journal is closed or removed). */
  async settle(): Promise<void> {
    while (this.flushing || this.queued) await (this.queued ?? this.flushing);
  }

  private count(started: number): void {
    this.stats.syncs++;
    this.stats.syncMs += performance.now() - started;
  }

  /** Flushes records waiting longer than `ms` (rows finish while the next ones are checked). */
  syncIfOlder(ms: number): boolean {
    return this.dirtySince && performance.now() - this.dirtySince > ms ? this.sync() : !this.error;
  }

  close(): void {
    if (this.fd === undefined) return;
    // The fd stays open until a running fsync returns (its number must not be reused meanwhile).
    this.closeWhenFlushed = !!this.flushing;
    if (this.flushing) return;
    try {
      this.fsx.closeSync(this.fd);
    } catch {
      /* nothing more to lose: the records were flushed or the error is reported */
    }
    this.fd = undefined;
  }

  /** Once the manifest holds everything: the journal is no longer needed. */
  remove(): void {
    this.close();
    this.fsx.rmSync(this.path, { force: true });
  }
}
