// A preview session: the last good build, the current problem (if any), the folders to
// watch, and the listeners (browser tabs) to tell after each rebuild.
import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { buildPreview, docxOf, pdfOf, type GoodBuild, type PreviewInput } from './build.js';
import { displayPath, errorLines, type ErrorView, type ProblemView } from './errors.js';
import { templateFolders } from '../template/folder.js';
import { Tracer, type TraceView } from './trace.js';
import { FolderWatcher, isTemplateName, type NameFilter } from './watch.js';

/** What a tab needs to know after a build (sent as JSON over Server-Sent Events). */
export interface PreviewStatus {
  /** Changes when the server restarts: the tab then reloads. */
  server: string;
  /** Version of the pages; bumped only when the pages' HTML changes. */
  version: number;
  /** Version whose PDF is ready (the PDF pane reloads when it changes). */
  pdfVersion: number;
  pageCount: number;
  /** The plan file, as shown to the clerk. */
  plan: string;
  /** When the last build finished (ISO) and how long it took. */
  builtAt: string;
  ms: number;
  /** The problem of the last build; the pages still show the last good one. */
  error?: ErrorView;
  warnings: ProblemView[];
  /** The pages of `version`, sent along when the tab does not have them (saves a round trip). */
  html?: string;
}

export interface SessionOptions extends PreviewInput {
  /** Quiet time after the last file event before rebuilding. */
  debounceMs?: number;
  /** Where build results are reported (the terminal); silent by default. */
  log?: (line: string) => void;
}

const clock = () => new Date().toLocaleTimeString('vi-VN', { hour12: false });

export class PreviewSession {
  readonly id = randomBytes(6).toString('hex');
  private good: GoodBuild | undefined;
  private version = 0;
  private pdfVersion = 0;
  private pdf: Promise<Uint8Array> | undefined;
  private docx: { build: GoodBuild; bytes: Promise<Uint8Array> } | undefined;
  private error: ErrorView | undefined;
  private builtAt = new Date().toISOString();
  private ms = 0;
  private templateFiles: string[] = [];
  private readonly listeners = new Set<(s: PreviewStatus) => void>();
  private readonly watcher: FolderWatcher;
  private readonly planFile: string;
  private readonly templateDir: string | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: SessionOptions) {
    this.planFile = resolve(opts.planFile);
    this.templateDir = opts.templateDir ? resolve(opts.templateDir) : undefined;
    this.log = opts.log ?? (() => {});
    this.watcher = new FolderWatcher(() => this.rebuild(), opts.debounceMs ?? 50);
  }

  /** Builds now (synchronously up to the HTML pages), tells every tab, and rewatches. */
  rebuild(): PreviewStatus {
    const { outcome, templateFiles } = buildPreview({ planFile: this.planFile, templateDir: this.templateDir, fonts: this.opts.fonts });
    if (templateFiles.length) this.templateFiles = templateFiles;
    this.builtAt = new Date().toISOString();
    this.ms = outcome.ms;
    if (outcome.ok) {
      const changed = !this.good || this.good.html !== outcome.html;
      this.good = outcome;
      this.error = undefined;
      if (changed) this.version++;
      this.log(`${clock()} Đã cập nhật: ${outcome.pages.length} trang (${outcome.ms} ms)`);
      for (const w of outcome.warnings) this.log(`    Cảnh báo${w.path ? ` tại "${w.path}"` : ''}: ${w.message}`);
    } else {
      this.error = outcome.error;
      this.log(`${clock()} Chưa cập nhật được; trang xem trước vẫn giữ bản đúng gần nhất.`);
      for (const line of errorLines(outcome.error)) this.log(`    ${line}`);
    }
    this.rewatch();
    const s = this.status();
    for (const fn of this.listeners) fn(s);
    // The PDF takes longer than the HTML pages and blocks the process while it is written:
    // start it once the tabs have been told.
    if (outcome.ok) {
      const build = outcome;
      const version = this.version;
      setImmediate(() => {
        if (this.good === build) this.startPdf(build, version);
      });
    }
    return s;
  }

  /** Makes the PDF now, for a tab that asks before the deferred start. */
  private ensurePdf(): void {
    if (this.good && this.pdfBuild !== this.good) this.startPdf(this.good, this.version);
  }

  private pdfBuild: GoodBuild | undefined;

  private startPdf(build: GoodBuild, version: number): void {
    if (this.pdfBuild === build) return;
    this.pdfBuild = build;
    const bytes = pdfOf(build);
    this.pdf = bytes;
    bytes.then(
      () => {
        // Only the newest build may move the PDF pane.
        if (this.pdf !== bytes) return;
        this.pdfVersion = version;
        const s = this.status();
        for (const fn of this.listeners) fn(s);
      },
      (e) => {
        if (this.pdf !== bytes) return;
        this.error = {
          kind: 'internal',
          title: 'Không tạo được tệp PDF',
          problems: [{ message: (e as Error)?.message ?? String(e), hint: 'Hãy báo lỗi này cho nhóm phát triển.' }],
        };
        const s = this.status();
        for (const fn of this.listeners) fn(s);
      },
    );
  }

  /** The plan's folder (only the plan's name matters there) and every template folder. */
  private rewatch(): void {
    const targets = new Map<string, NameFilter>();
    const add = (dir: string, f: NameFilter) => {
      const prev = targets.get(dir);
      targets.set(dir, prev ? (n) => prev(n) || f(n) : f);
    };
    const planName = basename(this.planFile);
    add(dirname(this.planFile), (n) => n === null || n === planName);
    for (const f of this.templateFiles) add(dirname(f), isTemplateName);
    // The folders the loader reads, by its rules: a link out of the template folder is not
    // followed (watching ~ because of partials/x → ~ would be both slow and a leak).
    if (this.templateDir) for (const d of templateFolders(this.templateDir)) add(d, isTemplateName);
    this.watcher.set(targets);
  }

  status(): PreviewStatus {
    return {
      server: this.id,
      version: this.version,
      pdfVersion: this.pdfVersion,
      pageCount: this.good?.pages.length ?? 0,
      plan: displayPath(this.planFile),
      builtAt: this.builtAt,
      ms: this.ms,
      error: this.error,
      warnings: this.good && !this.error ? this.good.warnings : [],
    };
  }

  /** HTML of the pages of the last good build (empty before the first one). */
  pagesHtml(): string {
    return this.good?.html ?? '';
  }

  pages() {
    return this.good?.pages ?? [];
  }

  /** Download name without extension. */
  stem(): string {
    return this.good?.stem ?? basename(this.planFile).replace(/\.[^.]*$/, '');
  }

  pdfBytes(): Promise<Uint8Array> | undefined {
    this.ensurePdf();
    return this.pdf;
  }

  /** The DOCX is made on request (the preview itself never needs it), once per build. */
  docxBytes(): Promise<Uint8Array> | undefined {
    if (!this.good) return undefined;
    if (this.docx?.build !== this.good) this.docx = { build: this.good, bytes: docxOf(this.good) };
    return this.docx.bytes;
  }

  private tracer: Tracer | undefined;

  /** The template file and line that wrote the printed line at `y` (points) of page `page` (from 1). */
  trace(page: number, y: number): TraceView | undefined {
    if (!this.good || !Number.isFinite(page) || !Number.isFinite(y)) return undefined;
    this.tracer ??= new Tracer(this.templateDir);
    return this.tracer.at(this.good.plan, this.good.pages, page, y);
  }

  watchedFolders(): string[] {
    return this.watcher.folders();
  }

  subscribe(fn: (s: PreviewStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  close(): void {
    this.watcher.close();
    this.listeners.clear();
  }
}
