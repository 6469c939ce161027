// manifest.json / manifest.csv: one entry per row with its outputs and their sha256, so a
// clerk can check what was produced and the next run can skip what has not changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../reader/diagnostic.js';
import { atomicWrite } from '../util/atomic-write.js';

export type RowStatus = 'created' | 'unchanged' | 'failed' | 'cancelled';

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
  outputs: ManifestOutput[];
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
  summary: Record<RowStatus, number>;
  merged?: ManifestOutput & { pages: number };
  entries: ManifestEntry[];
}

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';

/** Entries of the previous run by output name (empty if there is no usable manifest). */
export function readPreviousManifest(outDir: string): Map<string, ManifestEntry> {
  const byName = new Map<string, ManifestEntry>();
  try {
    const m = JSON.parse(readFileSync(join(outDir, MANIFEST_JSON), 'utf8')) as Manifest;
    for (const e of m.entries ?? []) if (e.name && e.hash && (e.status === 'created' || e.status === 'unchanged')) byName.set(e.name, e);
  } catch {
    /* no manifest yet, or unreadable: everything is regenerated */
  }
  return byName;
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

export function writeManifest(outDir: string, m: Manifest): void {
  atomicWrite(join(outDir, MANIFEST_JSON), JSON.stringify(m, null, 2) + '\n');
  atomicWrite(join(outDir, MANIFEST_CSV), manifestCsv(m));
}
