// What the editor does beyond editing: print the PDF file, run the 34-province batch with its progress,
// and import a dropped Word file or text (one function, `importFile`, for the drop zone and the
// file picker).
import type { BatchStatus } from '../session.js';
import { ApiError, type Api } from './api.js';
import { h } from './dom.js';
import type { Json } from './paths.js';

/**
 * Prints the PDF file itself (the one "Tải PDF" gives): it opens, served inline, in a window of
 * its own, whose print is called once it has loaded; the browser's PDF viewer prints it at its
 * own page sizes (landscape appendices included). A PDF in a frame of this page, printed through
 * the frame, crashed headless Chromium; a window of its own is what the viewer is made for.
 * Returns the window, or undefined when the browser blocked it (the clerk is told to use "Mở PDF").
 */
export function printPdf(api: Api, say: (text: string) => void): Window | undefined {
  const w = window.open(api.url('/document.pdf', '&print=1'), 'kh-print');
  if (!w) {
    say('Trình duyệt đã chặn cửa sổ in. Bấm "Mở PDF" rồi in từ trình xem PDF (Ctrl+P).');
    return undefined;
  }
  const go = () => {
    try {
      w.focus();
      w.print();
    } catch {
      // The viewer's own print button (or Ctrl+P there) still prints it.
    }
  };
  w.addEventListener('load', () => setTimeout(go, 250), { once: true });
  return w;
}

export interface ImportResult {
  data?: Json;
  notes?: string[];
  error?: string;
  /** The plan file was made from it (the start page). */
  created?: boolean;
}

/**
 * The one entry point of an import: a file's bytes and name in, a plan (or a Vietnamese reason)
 * out; with `create` (the start page) the server makes the plan file from it.
 */
export async function importFile(api: Api, bytes: ArrayBuffer, name: string, create = false): Promise<ImportResult> {
  if (!/\.(docx|txt|md)$/i.test(name)) return { error: `Tệp "${name}" không phải tệp Word (.docx) hay văn bản (.txt, .md).` };
  try {
    return await api.upload<ImportResult>('/api/import', bytes, name, create ? '&create=1' : '');
  } catch (e) {
    return { error: e instanceof ApiError ? e.message : `Không gửi được tệp: ${(e as Error).message}` };
  }
}

/** Lets files be dropped anywhere on `target`; each goes through `importFile`, its outcome to `done`. */
export function dropZone(api: Api, target: HTMLElement, done: (r: ImportResult, name: string) => void, create = false): void {
  const has = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  target.addEventListener('dragover', (e) => {
    if (!has(e)) return;
    e.preventDefault();
    target.classList.add('kh-over');
  });
  target.addEventListener('dragleave', () => target.classList.remove('kh-over'));
  target.addEventListener('drop', async (e) => {
    if (!has(e)) return;
    e.preventDefault();
    target.classList.remove('kh-over');
    const f = e.dataTransfer?.files?.[0];
    if (f) done(await importFile(api, await f.arrayBuffer(), f.name, create), f.name);
  });
}

/** A file picker button feeding `importFile`. */
export function pickFile(api: Api, done: (r: ImportResult, name: string) => void, create = false): HTMLElement {
  const input = h('input', { type: 'file', accept: '.docx,.txt,.md', class: 'kh-sr', id: 'kh-pick', tabindex: '-1' });
  input.addEventListener('change', async () => {
    const f = input.files?.[0];
    if (f) done(await importFile(api, await f.arrayBuffer(), f.name, create), f.name);
    input.value = '';
  });
  return h('span', null, input, h('button', { type: 'button', class: 'kh-add', 'on:click': () => input.click() }, 'Chọn tệp Word hoặc văn bản…'));
}

/** The batch dialog: what it will do, then its progress and where the files went. */
export class BatchDialog {
  private el: HTMLElement | undefined;
  private body: HTMLElement | undefined;
  private bar: HTMLElement | undefined;

  constructor(private readonly api: Api) {}

  open(folderHint: string): void {
    this.close();
    this.bar = h('i');
    this.body = h(
      'p',
      null,
      `Tạo 34 bản kế hoạch, mỗi tỉnh, thành phố một bản (cơ quan chủ quản và địa danh theo từng tỉnh), kèm một tệp PDF gộp để in, vào thư mục ${folderHint}.`,
    );
    const go = h('button', { type: 'button', class: 'kh-tb', id: 'kh-batch-go', 'on:click': () => this.start(go) }, 'Tạo');
    const close = h('button', { type: 'button', class: 'kh-tb', 'on:click': () => this.close() }, 'Đóng');
    this.el = h(
      'div',
      { class: 'kh-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'kh-batch-h' },
      h(
        'div',
        null,
        h('h2', { id: 'kh-batch-h' }, 'Tạo cho 34 tỉnh, thành phố'),
        this.body,
        h('div', { class: 'kh-progress' }, this.bar),
        h('div', { class: 'kh-row' }, go, close),
      ),
    );
    this.el.addEventListener('keydown', (e) => e.key === 'Escape' && this.close());
    document.body.append(this.el);
    go.focus();
  }

  private async start(go: HTMLButtonElement): Promise<void> {
    go.disabled = true;
    try {
      await this.api.post('/api/batch', {});
    } catch (e) {
      if (this.body) this.body.textContent = (e as Error).message;
    }
  }

  update(b: BatchStatus | undefined): void {
    if (!b || !this.el || !this.body || !this.bar) return;
    this.bar.style.width = b.total ? `${Math.round((100 * b.done) / b.total)}%` : '0';
    if (b.running) this.body.textContent = `Đang tạo: ${b.done}/${b.total || 34} tỉnh, thành phố${b.failed ? ` (${b.failed} lỗi)` : ''}…`;
    else if (b.message) {
      this.body.replaceChildren(
        h('span', { id: 'kh-batch-done' }, b.message),
        b.merged ? h('span', null, ' ', h('a', { href: this.api.url('/batch.pdf'), download: 'tong-hop-34-tinh.pdf' }, 'Tải tệp PDF gộp để in')) : '',
      );
    }
  }

  close(): void {
    this.el?.remove();
    this.el = undefined;
  }
}
