// What earlier runs left in the output folder: the manifest of the last finished run (its
// entries, and the earlier records it carried forward), then the journal of any run that did
// not finish, replayed in order. From it, each output file is either as recorded (skip), ours
// but stale or half-done (redo), or edited by hand (keep).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { BatchFs } from './batch-fs.js';
import { fileSha256, sha256 } from './fingerprint.js';
import { readJournal } from './journal.js';
import { pidAlive } from './lock.js';
import { type EarlierEntry, MANIFEST_CSV, MANIFEST_JSON, type ManifestEntry, type ManifestOutput, readManifestRecords, type RowStatus } from './manifest.js';

export interface PreviousState {
  /** Last record of each output name whose files matched its hash (for skipping unchanged rows). */
  byName: Map<string, EarlierEntry>;
  /** Output path (relative) → what was last recorded for it. */
  recorded: Map<string, ManifestOutput>;
  /** Output path → the output name it was last recorded for. */
  owner: Map<string, string>;
  /** Output path → every sha256 recorded for it (a rename lost in a power cut leaves an older one). */
  known: Map<string, Set<string>>;
  /** Outputs a stopped run may have been writing when it died: redone, never called hand edits. */
  inflight: Set<string>;
  /** Set when a journal of an unfinished run was found. */
  recovered?: { done: number; inflight: number; pids: number[] };
}

/** Statuses whose outputs are on the disk as recorded (for `edited`: as kehoach wrote them). */
export const LEAVES_FILES = new Set<RowStatus>(['created', 'unchanged', 'edited']);

export const emptyPreviousState = (): PreviousState => ({ byName: new Map(), recorded: new Map(), owner: new Map(), known: new Map(), inflight: new Set() });

function note(st: PreviousState, e: EarlierEntry): void {
  if (e.hash) st.byName.set(e.name, e);
  for (const o of e.outputs ?? []) {
    st.recorded.set(o.path, o);
    st.owner.set(o.path, e.name);
    if (!st.known.has(o.path)) st.known.set(o.path, new Set());
    st.known.get(o.path)!.add(o.sha256);
    st.inflight.delete(o.path);
  }
}

const noteEntry = (st: PreviousState, e: ManifestEntry) => {
  if (LEAVES_FILES.has(e.status) && e.name) note(st, { name: e.name, hash: e.hash, outputs: e.outputs });
};

export function readPreviousState(outDir: string, fsx: BatchFs): PreviousState {
  const st = emptyPreviousState();
  const { entries, earlier } = readManifestRecords(outDir, fsx);
  for (const e of entries) noteEntry(st, e);
  for (const e of earlier) if (e && typeof e.name === 'string' && Array.isArray(e.outputs)) note(st, e);
  const records = readJournal(outDir, fsx);
  if (!records.length) return st;
  let done = 0;
  const pids: number[] = [];
  for (const r of records) {
    if (r.t === 'run') pids.push(r.pid);
    else if (r.t === 'start') for (const p of r.paths) st.inflight.add(p);
    else if (r.t === 'done') {
      noteEntry(st, r.entry);
      done++;
    }
  }
  st.recovered = { done, inflight: st.inflight.size, pids };
  return st;
}

/**
 * What the next run must still know of files this run leaves on the disk without an entry of
 * its own (rows cancelled, failed, or not in its rows): the earlier record of each file it
 * did not hand to a worker, and for a file it did hand out but did not finish, the file now
 * there, which is kehoach's (a hand-edited file is never handed out without --force and its
 * backup). Without them a hand edit would be overwritten after one interrupted run.
 */
export function carryForward(st: PreviousState, entries: ManifestEntry[], dispatched: Map<string, string>, outDir: string): EarlierEntry[] {
  const covered = new Set(entries.flatMap((e) => (LEAVES_FILES.has(e.status) ? e.outputs.map((o) => o.path) : [])));
  const byName = new Map<string, EarlierEntry>();
  for (const path of new Set([...st.recorded.keys(), ...dispatched.keys()])) {
    if (covered.has(path)) continue;
    const output = dispatched.has(path) ? fileOutput(path, st.recorded.get(path)?.format, outDir) : st.recorded.get(path);
    if (!output || !existsSync(join(outDir, path))) continue;
    const name = dispatched.get(path) ?? st.owner.get(path)!;
    const prev = st.byName.get(name);
    if (!byName.has(name)) byName.set(name, { name, hash: prev?.hash, outputs: [] });
    const e = byName.get(name)!;
    e.outputs.push(output);
    // Its hash stands only for the files it recorded, none of them handed out again.
    if (dispatched.has(path) || !prev?.outputs.some((o) => o.path === path)) delete e.hash;
  }
  return [...byName.values()];
}

/** The record of a file as it is now (a row handed out and not finished: ours, old or new). */
function fileOutput(path: string, format: string | undefined, outDir: string): ManifestOutput | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(outDir, path));
  } catch {
    return undefined;
  }
  return { format: format ?? extname(path).slice(1), path, sha256: sha256(bytes), bytes: bytes.length };
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

/** Temp files a dead run left (atomicWrite's ".<name>.<pid>.*.tmp"): its outputs in flight, its manifest. */
export function removeDeadTempFiles(st: PreviousState, outDir: string): void {
  const dead = (st.recovered?.pids ?? []).filter((pid) => pid !== process.pid && !pidAlive(pid));
  if (!dead.length) return;
  const paths = [...[...st.inflight].map((rel) => join(outDir, rel)), ...[MANIFEST_JSON, MANIFEST_CSV].map((f) => join(outDir, f))];
  removeTempFiles(paths, dead);
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
