// The plan in the tab: every edit goes to the undo history, to the browser's storage (so a closed
// tab or a dead server loses nothing) and to the server (one request at a time, always the
// latest state; the server journals it and saves the file).
import type { Api } from './api.js';
import type { Line } from './outline.js';
import { clone, same, type Obj } from './paths.js';

export interface Snapshot {
  data: Obj;
  outlines: Record<string, Line[]>;
  /** Where the caret was: a field's data-focus key and the offset in it. */
  focus?: { key: string; offset: number };
}

export type Why = 'edit' | 'load' | 'undo' | 'fix';

/** What the browser keeps of unsent or unsaved edits, per plan file. */
export interface BrowserDraft {
  data: Obj;
  /** The plan as the server last had it when the edits were made. */
  base: Obj;
  at: number;
}

const COALESCE_MS = 1200;
const MAX_UNDO = 300;

export class Store {
  data: Obj = {};
  /** The server's version of the data this tab last had confirmed. */
  version = 0;
  /** The data of that version. */
  base: Obj = {};
  outlines: Record<string, Line[]> = {};
  private readonly undos: Snapshot[] = [];
  private readonly redos: Snapshot[] = [];
  private lastKey: string | undefined;
  private lastAt = 0;
  private inflight = false;
  private queued = false;
  online = true;
  private gate: Promise<unknown> | undefined;
  /** The version the server gave this tab's last edit (none sent yet: undefined). */
  private sent: number | undefined;
  readonly listeners = new Set<(why: Why) => void>();
  /** The base of edits taken back from a draft, sent once with them so the server merges from there. */
  mergeBase: Obj | undefined;
  focusOf: () => Snapshot['focus'] = () => undefined;
  onSyncError: (e: Error) => void = () => {};

  constructor(
    private readonly api: Api,
    private readonly draftKey: string,
  ) {}

  load(data: Obj, version: number): void {
    this.data = clone(data);
    this.base = clone(data);
    this.version = version;
    this.outlines = {};
    this.emit('load');
  }

  private snapshot(): Snapshot {
    return { data: clone(this.data), outlines: clone(this.outlines), focus: this.focusOf() };
  }

  /** Applies an edit. Edits with the same key close together (typing in one field) are one undo step. */
  update(fn: (d: Obj) => void, key?: string, why: Why = 'edit'): void {
    const now = Date.now();
    const coalesce = key !== undefined && key === this.lastKey && now - this.lastAt < COALESCE_MS;
    const before = coalesce ? undefined : this.snapshot();
    fn(this.data);
    // A fix (or edits taken back) may change the body under the outlines: they read it again.
    if (why === 'fix') this.outlines = {};
    this.lastKey = key;
    this.lastAt = now;
    if (before && !same(before.data, this.data)) {
      this.undos.push(before);
      if (this.undos.length > MAX_UNDO) this.undos.shift();
      this.redos.length = 0;
    }
    this.changed(why);
  }

  private changed(why: Why): void {
    this.backup();
    this.sync();
    this.emit(why);
  }

  get canUndo(): boolean {
    return this.undos.length > 0;
  }
  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  /** Goes back (or forward) one step; returns the focus to restore. */
  step(dir: 'undo' | 'redo'): Snapshot['focus'] | undefined {
    const from = dir === 'undo' ? this.undos : this.redos;
    const to = dir === 'undo' ? this.redos : this.undos;
    const s = from.pop();
    if (!s) return undefined;
    to.push(this.snapshot());
    this.data = s.data;
    this.outlines = s.outlines;
    this.lastKey = undefined;
    this.changed('undo');
    return s.focus;
  }

  emit(why: Why): void {
    for (const fn of this.listeners) fn(why);
  }

  /** Holds the sending of edits until `p` settles (the server takes back its journal first). */
  hold(p: Promise<unknown>): void {
    this.gate = p.finally(() => {
      this.gate = undefined;
      this.sync();
    });
  }

  /** Sends the latest data; one request at a time, the last state always goes. */
  sync(): void {
    if (this.inflight || this.gate) {
      this.queued = true;
      return;
    }
    if (same(this.data, this.base)) return;
    this.inflight = true;
    this.queued = false;
    const sent = clone(this.data);
    const baseData = this.mergeBase;
    this.mergeBase = undefined;
    this.api
      .post<{ version: number }>('/api/change', { base: this.version, data: sent, ...(baseData ? { baseData } : {}) })
      .then(
        (r) => {
          this.version = r.version;
          this.sent = r.version;
          this.base = sent;
          this.online = true;
        },
        (e: Error) => {
          this.online = false;
          this.onSyncError(e);
        },
      )
      .finally(() => {
        this.inflight = false;
        if (this.queued && this.online) this.sync();
      });
  }

  /** Resolves once every edit has reached the server. */
  async settled(): Promise<void> {
    while (this.pending && this.online) await new Promise((r) => setTimeout(r, 40));
  }

  get pending(): boolean {
    return this.inflight || !!this.gate || !same(this.data, this.base);
  }

  backup(): void {
    try {
      const d: BrowserDraft = { data: this.data, base: this.base, at: Date.now() };
      localStorage.setItem(this.draftKey, JSON.stringify(d));
    } catch {
      // Storage full or disabled: the server's journal still has every edit it received.
    }
  }

  /** Whether the server's file holds everything this tab sent (its saved version is at least the last edit's). */
  savedAll(version: number): boolean {
    return this.sent === undefined || version >= this.sent;
  }

  /** Forgets the browser's copy once the server has saved everything this tab sent. */
  savedUpTo(version: number): void {
    if (this.sent !== undefined && version >= this.sent && !this.pending) {
      try {
        localStorage.removeItem(this.draftKey);
      } catch {
        // Nothing to forget.
      }
    }
  }

  browserDraft(): BrowserDraft | undefined {
    try {
      const raw = localStorage.getItem(this.draftKey);
      return raw ? (JSON.parse(raw) as BrowserDraft) : undefined;
    } catch {
      return undefined;
    }
  }
}
