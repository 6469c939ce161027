// What earlier runs left in the output folder: the manifest of the last finished run, then the
// journal of any run that did not finish, replayed in order. From it, each output file is
// either as recorded (skip), ours but stale or half-done (redo), or edited by hand (keep).
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BatchFs } from './batch-fs.js';
import { fileSha256 } from './fingerprint.js';
import { readJournal } from './journal.js';
import { pidAlive } from './lock.js';
import { type ManifestEntry, type ManifestOutput, readManifestEntries } from './manifest.js';

export interface PreviousState {
  /** Last entry that left files, by output name (for skipping unchanged rows). */
  byName: Map<string, ManifestEntry>;
  /** Output path (relative) → what was last recorded for it. */
  recorded: Map<string, ManifestOutput>;
  /** Output path → every sha256 recorded for it (a rename lost in a power cut leaves an older one). */
  known: Map<string, Set<string>>;
  /** Outputs a stopped run may have been writing when it died: redone, never called hand edits. */
  inflight: Set<string>;
  /** Set when a journal of an unfinished run was found. */
  recovered?: { done: number; inflight: number; pids: number[] };
}

const LEAVES_FILES = new Set(['created', 'unchanged', 'edited']);

function note(st: PreviousState, e: ManifestEntry): void {
  if (!LEAVES_FILES.has(e.status)) return;
  if (e.name && e.hash) st.byName.set(e.name, e);
  for (const o of e.outputs ?? []) {
    st.recorded.set(o.path, o);
    if (!st.known.has(o.path)) st.known.set(o.path, new Set());
    st.known.get(o.path)!.add(o.sha256);
    st.inflight.delete(o.path);
  }
}

export function readPreviousState(outDir: string, fsx: BatchFs): PreviousState {
  const st: PreviousState = { byName: new Map(), recorded: new Map(), known: new Map(), inflight: new Set() };
  for (const e of readManifestEntries(outDir, fsx)) note(st, e);
  const records = readJournal(outDir, fsx);
  if (!records.length) return st;
  let done = 0;
  const pids: number[] = [];
  for (const r of records) {
    if (r.t === 'run') pids.push(r.pid);
    else if (r.t === 'start') for (const p of r.paths) st.inflight.add(p);
    else if (r.t === 'done') {
      note(st, r.entry);
      done++;
    }
  }
  st.recovered = { done, inflight: st.inflight.size, pids };
  return st;
}

export type OutputState =
  /** No file there. */
  | 'missing'
  /** The file kehoach recorded last. */
  | 'recorded'
  /** Not what was recorded, but not the clerk's either: written by a run that died, an older
   * version of ours, or a file kehoach never recorded. Overwritten as before. */
  | 'stale'
  /** Recorded by kehoach and changed since by someone else. */
  | 'edited';

export function outputState(st: PreviousState, rel: string, abs: string): { state: OutputState; sha?: string } {
  const sha = fileSha256(abs);
  if (sha === undefined) return { state: 'missing' };
  const rec = st.recorded.get(rel)?.sha256;
  if (sha === rec) return { state: 'recorded', sha };
  if (rec === undefined || st.inflight.has(rel) || st.known.get(rel)?.has(sha)) return { state: 'stale', sha };
  return { state: 'edited', sha };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "a.docx" → "a.sua-tay-20260205-143012.docx": still opens in Word, sorts next to it. */
export function backupPath(path: string, at: Date, taken: (p: string) => boolean): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let k = 1; ; k++) {
    const p = join(dirname(path), `${stem}.sua-tay-${stamp}${k > 1 ? `-${k}` : ''}${ext}`);
    if (!taken(p)) return p;
  }
}

/** Temp files of outputs a dead run was writing (atomicWrite's ".<name>.<pid>.*.tmp"). */
export function removeDeadTempFiles(st: PreviousState, outDir: string): void {
  const dead = (st.recovered?.pids ?? []).filter((pid) => pid !== process.pid && !pidAlive(pid));
  if (!dead.length) return;
  for (const rel of st.inflight) removeTempFiles([join(outDir, rel)], dead);
}

/** Removes temp files left next to `paths` by the given processes. */
export function removeTempFiles(paths: string[], pids: number[]): void {
  for (const p of paths) {
    const prefixes = pids.map((pid) => `.${basename(p)}.${pid}.`);
    let names: string[] = [];
    try {
      names = readdirSync(dirname(p));
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith('.tmp') && prefixes.some((x) => n.startsWith(x))) rmSync(join(dirname(p), n), { force: true });
  }
}
