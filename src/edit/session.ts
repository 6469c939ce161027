// An editing session on one plan file: the plan as the browser holds it, the file as it is on
// disk, the draft journal between the two, the last build, and the tabs to tell.
//
// Never lose an edit: each edit is journalled (draft.ts) before anything else; the plan file is
// written after a short quiet time (autosave) by editing the file's own text (plan-text.ts). A
// change made to the file outside the editor is merged with the edits not saved yet; when both
// changed the same field, nothing is written until the clerk chooses.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { keHoach } from '../doctypes/ke-hoach.js';
import { loadFontSet, type FontSet } from '../fonts/metrics.js';
import { templatesFor } from '../pipeline.js';
import { InputError } from '../reader/diagnostic.js';
import { decodeUtf8 } from '../reader/source.js';
import type { PreviewStatus } from '../preview/session.js';
import { displayPath } from '../preview/errors.js';
import { FolderWatcher } from '../preview/watch.js';
import type { TemplateSet } from '../template/engine.js';
import { atomicWrite } from '../util/atomic-write.js';
import { buildEdit, type EditBuild, type FindingView } from './build.js';
import { readDraft, removeDraft, sha256, writeDraft, type Draft } from './draft.js';
import { mergePlans } from './merge.js';
import { deepEqual, newPlanText, planText, readData, type Json } from './plan-text.js';

export interface EditSessionOptions {
  planFile: string;
  templateDir?: string;
  fonts?: FontSet;
  /** Quiet time after the last edit before the plan file is written (ms). */
  autosaveMs?: number;
  log?: (line: string) => void;
}

/** What the tabs are told after every change (over the preview's event streams). */
export interface EditStatus extends PreviewStatus {
  /** 'start': the file does not exist yet (guided start); 'edit' otherwise. */
  mode: 'start' | 'edit';
  /** Version of the plan data; a tab that holds an older one fetches /api/state. */
  dataVersion: number;
  /** The data version in the file, when, and whether edits wait to be saved. */
  saved: { version: number; at?: string; pending: boolean; error?: string };
  findings: FindingView[];
  placeholders: boolean;
  problem?: string;
  /** The file changed outside the editor in the same fields as unsaved edits. */
  conflict?: { paths: string[] };
  /** The file on disk cannot be read (a syntax error typed in another editor): not written over. */
  diskProblem?: string;
  /** A draft left by an earlier session, offered back. */
  draft?: { savedAt: string; sameBase: boolean };
  /** A message to show once (numbered, so a tab shows each once). */
  notice?: { n: number; text: string };
  /** The plan was made from a dropped file: its name and the import's warnings, to check. */
  imported?: { name: string; notes: string[] };
  batch?: BatchStatus;
}

export interface BatchStatus {
  running: boolean;
  done: number;
  total: number;
  failed: number;
  folder?: string;
  merged?: string;
  message?: string;
}

const clock = () => new Date().toLocaleTimeString('vi-VN', { hour12: false });

export class EditSession {
  readonly id = randomBytes(6).toString('hex');
  readonly token = randomBytes(24).toString('hex');
  readonly file: string;
  private readonly templates: TemplateSet;
  /** The custom template folder, if any (for tracing pages back to templates). */
  readonly templateDir: string | undefined;
  private readonly fonts: FontSet;
  private readonly log: (line: string) => void;
  private readonly autosaveMs: number;
  private readonly listeners = new Set<(s: EditStatus) => void>();
  private readonly watcher: FolderWatcher;
  /** The file as last read or written, and its data. */
  private disk: { text: string; data: Json; hash: string } | undefined;
  private data: Json = {};
  private version = 0;
  private savedVersion = 0;
  private savedAt: string | undefined;
  private saveError: string | undefined;
  /** Data of recent versions, to merge an edit a tab made on an older one. */
  private readonly history = new Map<number, Json>();
  private timer: NodeJS.Timeout | undefined;
  private buildTimer: NodeJS.Immediate | undefined;
  private last: EditBuild | undefined;
  /** Last build that had pages, and the version of its pages. */
  private good: EditBuild | undefined;
  private pagesVersion = 0;
  private builtAt = new Date().toISOString();
  private conflict: { theirs: { text: string; data: Json }; paths: string[] } | undefined;
  private diskProblem: string | undefined;
  private leftDraft: Draft | undefined;
  private notice: { n: number; text: string } | undefined;
  private imported: { name: string; notes: string[] } | undefined;
  batch: BatchStatus | undefined;

  constructor(opts: EditSessionOptions) {
    this.file = resolve(opts.planFile);
    this.templateDir = opts.templateDir ? resolve(opts.templateDir) : undefined;
    this.templates = templatesFor(keHoach, opts.templateDir);
    this.fonts = opts.fonts ?? loadFontSet();
    this.log = opts.log ?? (() => {});
    this.autosaveMs = opts.autosaveMs ?? 800;
    this.watcher = new FolderWatcher(() => this.checkDisk(), 40);
    if (existsSync(this.file)) {
      const text = this.readText();
      this.disk = { text, data: readData(text, this.file), hash: sha256(text) };
      this.data = structuredClone(this.disk.data);
      this.leftDraft = readDraft(this.file);
      if (this.leftDraft && deepEqual(this.leftDraft.data, this.data)) {
        removeDraft(this.file);
        this.leftDraft = undefined;
      }
    }
    this.history.set(0, structuredClone(this.data));
    const name = basename(this.file);
    this.watcher.set(new Map([[dirname(this.file), (n: string | null) => n === null || n === name]]));
  }

  private readText(): string {
    return decodeUtf8(readFileSync(this.file), this.file);
  }

  get mode(): 'start' | 'edit' {
    return this.disk ? 'edit' : 'start';
  }

  /** The plan data and its version, for a tab that (re)loads. */
  state(): { version: number; data: Json; file: string; format: string } {
    return { version: this.version, data: this.data, file: displayPath(this.file), format: /\.ya?ml$/i.test(this.file) ? 'yaml' : 'json' };
  }

  /**
   * Creates the plan file of a guided start, or of a dropped file (`text`: the import's YAML with
   * its warnings as comments; `imported`: its name and warnings, shown until the clerk closes them).
   */
  create(data: Json, text = newPlanText(this.file, data), imported?: { name: string; notes: string[] }): void {
    if (this.disk) throw new Error('Tệp kế hoạch đã có.');
    this.imported = imported;
    atomicWrite(this.file, text);
    this.disk = { text, data: readData(text, this.file), hash: sha256(text) };
    this.data = structuredClone(this.disk.data);
    this.version++;
    this.savedVersion = this.version;
    this.savedAt = new Date().toISOString();
    this.history.set(this.version, structuredClone(this.data));
    this.log(`${clock()} Đã tạo ${displayPath(this.file)}.`);
    this.rebuildNow();
  }

  /**
   * An edit from a tab that held version `base` (or, for edits taken back from a draft, the data
   * `baseData` they started from); returns the new version.
   */
  change(base: number, next: Json, baseData?: Json): number {
    if (!this.disk) throw new Error('Chưa có tệp kế hoạch.');
    let data = next;
    if (baseData !== undefined || base !== this.version) {
      const from = baseData ?? this.history.get(base) ?? this.disk.data;
      data = mergePlans(from, next, this.data).data;
    }
    if (deepEqual(data, this.data)) return this.version;
    this.data = structuredClone(data);
    this.version++;
    this.history.set(this.version, structuredClone(this.data));
    for (const v of this.history.keys()) if (v < this.version - 50) this.history.delete(v);
    this.journal();
    this.scheduleSave();
    this.scheduleBuild();
    return this.version;
  }

  private journal(): void {
    if (!this.disk) return;
    try {
      writeDraft(this.file, { baseHash: this.disk.hash, base: this.disk.data, data: this.data, savedAt: new Date().toISOString() });
    } catch (e) {
      this.log(`Không ghi được bản nháp: ${(e as Error).message}`);
    }
  }

  private scheduleSave(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), this.autosaveMs);
    this.timer.unref?.();
  }

  /** Writes the plan file now, unless the file changed under us in a way that needs the clerk. */
  save(): boolean {
    clearTimeout(this.timer);
    if (!this.disk || this.conflict || this.diskProblem) return false;
    if (this.savedVersion === this.version) return true;
    // A change on disk not seen yet is merged first.
    if (this.checkDisk() === 'conflict') return false;
    if (deepEqual(this.data, this.disk.data)) {
      this.markSaved();
      return true;
    }
    try {
      const text = planText(this.file, this.disk.text, this.disk.data, this.data);
      atomicWrite(this.file, text);
      this.disk = { text, data: readData(text, this.file), hash: sha256(text) };
      this.saveError = undefined;
      this.markSaved();
      this.log(`${clock()} Đã lưu ${displayPath(this.file)}.`);
      return true;
    } catch (e) {
      this.saveError = `Không lưu được tệp: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Các thay đổi vẫn được giữ trong bản nháp.`;
      this.log(this.saveError);
      this.emit();
      return false;
    }
  }

  private markSaved(): void {
    this.savedVersion = this.version;
    this.savedAt = new Date().toISOString();
    removeDraft(this.file);
    this.emit();
  }

  private say(text: string): void {
    this.notice = { n: (this.notice?.n ?? 0) + 1, text };
    this.log(`${clock()} ${text}`);
  }

  /**
   * Looks at the file on disk: unchanged, changed outside the editor (merged with the unsaved
   * edits, or held as a conflict), or unreadable.
   */
  checkDisk(): 'same' | 'merged' | 'conflict' | 'broken' {
    if (!this.disk) return 'same';
    let text: string;
    try {
      text = this.readText();
    } catch {
      return 'same'; // Deleted or being replaced: the next event tells.
    }
    if (sha256(text) === this.disk.hash) return 'same';
    let theirs: Json;
    try {
      theirs = readData(text, this.file);
    } catch (e) {
      const d = e instanceof InputError ? e.diagnostics[0] : undefined;
      this.diskProblem = `Tệp trên đĩa vừa được sửa ở nơi khác và đang có lỗi${d?.line ? ` (dòng ${d.line})` : ''}: ${d?.message ?? (e as Error).message} Chưa ghi đè; sửa tệp đó hoặc chọn "Ghi bản đang sửa".`;
      this.emit();
      return 'broken';
    }
    this.diskProblem = undefined;
    return this.adoptDisk(text, theirs);
  }

  private adoptDisk(text: string, theirs: Json): 'merged' | 'conflict' {
    const base = this.disk!.data;
    const unsaved = !deepEqual(this.data, base);
    const { data, conflicts } = unsaved ? mergePlans(base, this.data, theirs) : { data: theirs, conflicts: [] };
    if (conflicts.length) {
      this.conflict = { theirs: { text, data: theirs }, paths: conflicts };
      this.say(`Tệp vừa được sửa ở nơi khác, trùng chỗ bạn đang sửa (${conflicts.join(', ')}). Chưa ghi gì: hãy chọn giữ bản nào.`);
      this.emit();
      return 'conflict';
    }
    this.disk = { text, data: theirs, hash: sha256(text) };
    this.conflict = undefined;
    this.say(unsaved ? 'Tệp vừa được sửa ở nơi khác: đã gộp với các thay đổi của bạn.' : 'Tệp vừa được sửa ở nơi khác: đã nạp bản mới.');
    this.setData(data);
    return 'merged';
  }

  /** Replaces the data (not from a tab): new version, tabs reload it. */
  private setData(data: Json): void {
    this.data = structuredClone(data);
    this.version++;
    this.history.set(this.version, structuredClone(this.data));
    if (this.disk && deepEqual(this.data, this.disk.data)) {
      this.savedVersion = this.version;
      removeDraft(this.file);
    } else {
      this.journal();
      this.scheduleSave();
    }
    this.rebuildNow();
  }

  /**
   * The clerk's choice when the file changed under unsaved edits: keep the edits (with the other
   * side's changes to other fields) and write them, or take the file as it is on disk.
   */
  resolveConflict(keep: 'mine' | 'theirs'): void {
    const c = this.conflict;
    this.conflict = undefined;
    if (c && keep === 'theirs') {
      this.disk = { text: c.theirs.text, data: c.theirs.data, hash: sha256(c.theirs.text) };
      this.setData(c.theirs.data);
      return;
    }
    if (c) {
      const merged = mergePlans(this.disk!.data, this.data, c.theirs.data).data;
      this.disk = { text: c.theirs.text, data: c.theirs.data, hash: sha256(c.theirs.text) };
      this.data = merged;
    } else if (this.diskProblem && keep === 'mine') {
      // The broken file is written over from the last text that read well.
      this.disk = { ...this.disk!, hash: sha256(this.readText()) };
    } else return;
    this.diskProblem = undefined;
    this.version++;
    this.history.set(this.version, structuredClone(this.data));
    this.save();
    this.rebuildNow();
  }

  /** The draft an earlier session left: taken back as an edit, or dropped. */
  recover(accept: boolean): void {
    const d = this.leftDraft;
    this.leftDraft = undefined;
    if (!d || !this.disk) return;
    if (!accept) {
      removeDraft(this.file);
      this.emit();
      return;
    }
    const data = d.baseHash === this.disk.hash ? d.data : mergePlans(d.base, d.data, this.disk.data).data;
    this.say('Đã khôi phục các thay đổi chưa lưu của lần sửa trước.');
    this.setData(data);
  }

  private scheduleBuild(): void {
    if (this.buildTimer) return;
    this.buildTimer = setImmediate(() => {
      this.buildTimer = undefined;
      this.rebuildNow();
    });
  }

  /** Builds the current data and tells the tabs. */
  rebuildNow(): EditBuild | undefined {
    if (!this.disk) return undefined;
    const b = buildEdit(this.data, this.file, this.templates, this.fonts);
    this.last = b;
    this.builtAt = new Date().toISOString();
    if (b.html !== undefined) {
      if (this.good?.html !== b.html) this.pagesVersion++;
      this.good = b;
    }
    this.emit();
    return b;
  }

  /** The last build with pages (downloads and printing use it). */
  goodBuild(): EditBuild | undefined {
    return this.good;
  }

  pagesHtml(): string {
    return this.good?.html ?? '';
  }

  pagesVersionNow(): number {
    return this.pagesVersion;
  }

  stem(): string {
    return basename(this.file).replace(/\.[^.]*$/, '');
  }

  status(): EditStatus {
    const b = this.last;
    return {
      server: this.id,
      version: this.pagesVersion,
      pdfVersion: 0,
      pageCount: this.good?.pages?.length ?? 0,
      plan: displayPath(this.file),
      builtAt: this.builtAt,
      ms: b?.ms ?? 0,
      warnings: [],
      mode: this.mode,
      dataVersion: this.version,
      saved: { version: this.savedVersion, at: this.savedAt, pending: this.savedVersion !== this.version, error: this.saveError },
      findings: b?.findings ?? [],
      placeholders: b?.placeholders ?? false,
      problem: b?.html === undefined ? b?.problem : undefined,
      conflict: this.conflict ? { paths: this.conflict.paths } : undefined,
      diskProblem: this.diskProblem,
      draft: this.leftDraft ? { savedAt: this.leftDraft.savedAt, sameBase: this.leftDraft.baseHash === this.disk?.hash } : undefined,
      notice: this.notice,
      imported: this.imported,
      batch: this.batch,
    };
  }

  emit(): void {
    const s = this.status();
    for (const fn of this.listeners) fn(s);
  }

  subscribe(fn: (s: PreviewStatus) => void): () => void {
    const f = fn as (s: EditStatus) => void;
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Saves what is pending and stops watching. */
  close(): void {
    if (this.savedVersion !== this.version) this.save();
    clearTimeout(this.timer);
    if (this.buildTimer) clearImmediate(this.buildTimer);
    this.watcher.close();
    this.listeners.clear();
  }
}
