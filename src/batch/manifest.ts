// manifest.json / manifest.csv: one entry per row with its outputs and their sha256, so a
// clerk can check what was produced and the next run can skip what has not changed.
import { join } from 'node:path';
import type { Diagnostic } from '../reader/diagnostic.js';
import { atomicWrite } from '../util/atomic-write.js';
import type { BatchFs } from './batch-fs.js';

/** `edited`: an output was changed by hand since it was written; the row was not regenerated. */
export type RowStatus = 'created' | 'unchanged' | 'edited' | 'failed' | 'cancelled';

export const ROW_STATUSES: RowStatus[] = ['created', 'unchanged', 'edited', 'failed', 'cancelled'];

export interface ManifestOutput {
  format: string;
  /** Relative to the output folder, "/" separators. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface ManifestEntry {
  /** 1-based position among the rows. */
  row: number;
  /** Rows file ("--provinces" for the built-in list). */
  source: string;
  /** Line in the rows file where the row starts. */
  line?: number;
  province?: string;
  /** Output name without extension, relative to the output folder. */
  name?: string;
  status: RowStatus;
  /** Content hash of the merged plan, templates and tool (for incremental runs). */
  hash?: string;
  /** As written by kehoach (for `edited`: the recorded sha256, not the edited file's). */
  outputs: ManifestOutput[];
  /** Outputs changed by hand and kept (relative paths). */
  edited?: string[];
  /** With --force: copies of hand-edited outputs made before overwriting them. */
  backups?: { path: string; backup: string }[];
  /** The first problem, in one line; all of them are in `diagnostics`. */
  error?: string;
  diagnostics?: Diagnostic[];
  warnings?: Diagnostic[];
}

export interface Manifest {
  tool: string;
  version: string;
  base: string;
  rows: string | null;
  provinces: boolean;
  formats: string[];
  template: string | null;
  pattern: string;
  finishedAt: string;
  interrupted: boolean;
  /** Why the run stopped early: the signal (SIGINT, SIGTERM, SIGHUP) or the disk error (ENOSPC, EROFS…). */
  stopped?: string;
  summary: Record<RowStatus, number>;
  merged?: ManifestOutput & { pages: number };
  entries: ManifestEntry[];
  /**
   * Files of earlier runs that this run neither wrote nor checked (rows cancelled, failed, or
   * not in its rows) and that are still there: kept so that the next run can still skip them
   * when unchanged and tell a hand edit from kehoach's own file.
   */
  earlier?: EarlierEntry[];
}

/** An output name's files as last recorded; `hash` only while they are known to match it. */
export interface EarlierEntry {
  name: string;
  hash?: string;
  outputs: ManifestOutput[];
}

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';

/** Entries and earlier records of the manifest in `outDir` (none if there is no readable manifest). */
export function readManifestRecords(outDir: string, fsx: BatchFs): Pick<Manifest, 'entries'> & { earlier: EarlierEntry[] } {
  try {
    const m = JSON.parse(String(fsx.readFileSync(join(outDir, MANIFEST_JSON), 'utf8'))) as Manifest;
    return { entries: Array.isArray(m.entries) ? m.entries : [], earlier: Array.isArray(m.earlier) ? m.earlier : [] };
  } catch {
    return { entries: [], earlier: [] }; // no manifest yet, or unreadable: everything is regenerated
  }
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function manifestCsv(m: Manifest): string {
  const header = ['row', 'source', 'line', 'name', 'status', ...m.formats.flatMap((f) => [f, `${f}_sha256`]), 'error'];
  const lines = [header.join(',')];
  for (const e of m.entries) {
    const perFormat = m.formats.flatMap((f) => {
      const o = e.outputs.find((x) => x.format === f);
      return [o?.path, o?.sha256];
    });
    lines.push([e.row, e.source, e.line, e.name, e.status, ...perFormat, e.error].map(csvCell).join(','));
  }
  // The BOM lets Excel open the UTF-8 file with Vietnamese text intact.
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Flushed to the disk: the journal it replaces is removed right after. */
export function writeManifest(outDir: string, m: Manifest, fsx: BatchFs): void {
  atomicWrite(join(outDir, MANIFEST_JSON), JSON.stringify(m, null, 2) + '\n', { durable: true, fs: fsx });
  atomicWrite(join(outDir, MANIFEST_CSV), manifestCsv(m), { durable: true, fs: fsx });
}
