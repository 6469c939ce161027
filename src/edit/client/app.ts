// The editor: the toolbar, the form and outline on the left, the pages on the right, and what the
// server says after every edit (findings, pages, saved state, changes made elsewhere).
import type { EditStatus } from '../session.js';
import { BatchDialog, dropZone, printPdf } from './actions.js';
import type { Api, State } from './api.js';
import { announce, h, setCaret } from './dom.js';
import { placeFindings, summary } from './findings.js';
import { basisCard, card, endCard, headerCard, listEditor, textField } from './form.js';
import { inlinePlain } from './inline.js';
import { kindOf, planToLines, writeBody, type Line, type PathMap } from './outline.js';
import { KIND_NAMES, OutlineView, type OutlineSpec } from './outline-view.js';
import { getAt, isObj, parsePath, same, setAt, type Json, type Obj, type Seg } from './paths.js';
import { PreviewPane } from './preview.js';
import { blocksSpec, structuredForm, type StructContext } from './sections-form.js';
import { Banners } from './banners.js';
import type { Store } from './store.js';
import { NEW_TABLE } from './table-view.js';

const NAV: [string, string][] = [
  ['kh-sec-header', 'Phần đầu'],
  ['kh-sec-basis', 'Căn cứ'],
  ['kh-sec-body', 'Nội dung'],
  ['kh-sec-closing', 'Phần kết'],
  ['kh-sec-end', 'Nơi nhận, người ký'],
  ['kh-sec-appx', 'Phụ lục'],
];

const norm = (s: string) =>
  s
    .normalize('NFC')
    .toLocaleLowerCase('vi-VN')
    .replace(/^\s*([ivxlc]+\.|\d+(\.\d+)*[.)]|[a-zđ][.)]|[-+])\s+/u, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[;:,.]+$/, '')
    .trim();

export class EditorApp {
  private readonly left: HTMLElement;
  private readonly preview: PreviewPane;
  private readonly banners: Banners;
  private readonly batch: BatchDialog;
  private outlines: OutlineView[] = [];
  private lastOutline: OutlineView | undefined;
  private status: EditStatus;
  private readonly saved: HTMLElement;
  private readonly count: HTMLButtonElement;
  private readonly undoBtn: HTMLButtonElement;
  private readonly redoBtn: HTMLButtonElement;

  constructor(
    private readonly api: Api,
    private readonly store: Store,
    state: State,
  ) {
    this.status = state.status;
    this.left = h('main', { class: 'kh-left', id: 'kh-editor', 'aria-label': 'Soạn kế hoạch' });
    this.preview = new PreviewPane(api, (text) => this.selectText(text));
    this.batch = new BatchDialog(api);
    this.banners = new Banners(api, store);
    this.saved = h('span', { class: 'kh-saved', id: 'kh-saved', role: 'status', 'aria-live': 'polite' });
    this.count = h('button', { type: 'button', class: 'kh-count', id: 'kh-count', 'on:click': () => this.left.scrollTo({ top: 0 }) }, '');
    this.undoBtn = h('button', { type: 'button', class: 'kh-tb kh-ghost', title: 'Hoàn tác (Ctrl+Z)', 'on:click': () => this.step('undo') }, '↶ Hoàn tác');
    this.redoBtn = h('button', { type: 'button', class: 'kh-tb kh-ghost', title: 'Làm lại (Ctrl+Y)', 'on:click': () => this.step('redo') }, '↷ Làm lại');
    document.getElementById('kh-app')!.replaceChildren(this.bar(state.file), this.main(), h('div', { id: 'kh-live', class: 'kh-sr', 'aria-live': 'polite' }));
    store.focusOf = () => {
      const a = document.activeElement as HTMLElement | null;
      const key = a?.dataset?.focus;
      return key ? { key, offset: a.isContentEditable ? (getSelection()?.anchorOffset ?? 0) : ((a as HTMLInputElement).selectionStart ?? 0) } : undefined;
    };
    store.listeners.add((why) => this.onStore(why));
    store.onSyncError = () => this.showSaved();
    document.addEventListener('keydown', (e) => this.onKey(e));
    dropZone(api, document.body, (r, name) => this.banners.imported(r, name));
    this.renderAll();
    this.apply(state.status);
  }

  private bar(file: string): HTMLElement {
    const dl = (href: string, label: string, id: string) => h('a', { class: 'kh-tb', href: this.api.url(href, '&download=1'), download: '', id }, label);
    return h(
      'header',
      { class: 'kh-bar' },
      h('span', { class: 'kh-file', title: file }, file),
      this.saved,
      this.undoBtn,
      this.redoBtn,
      this.count,
      h('span', { class: 'kh-spacer' }),
      dl('/document.docx', 'Tải DOCX', 'kh-docx'),
      dl('/document.pdf', 'Tải PDF', 'kh-pdf'),
      h(
        'a',
        {
          class: 'kh-tb kh-ghost',
          href: this.api.url('/document.pdf'),
          target: '_blank',
          rel: 'noopener',
          id: 'kh-open-pdf',
          title: 'Mở tệp PDF trong thẻ mới',
        },
        'Mở PDF',
      ),
      h('button', { type: 'button', class: 'kh-tb', id: 'kh-print-btn', title: 'In tệp PDF (Ctrl+P)', 'on:click': () => this.print() }, 'In'),
      h(
        'button',
        { type: 'button', class: 'kh-tb', id: 'kh-batch', 'on:click': () => this.batch.open(`${file.replace(/\.[^.]*$/, '')}-34-tinh/`) },
        'Tạo cho 34 tỉnh',
      ),
    );
  }

  private main(): HTMLElement {
    const split = h('div', {
      class: 'kh-split',
      role: 'separator',
      tabindex: '0',
      'aria-orientation': 'vertical',
      'aria-label': 'Kéo để đổi độ rộng phần xem trước (hoặc ←/→)',
    });
    const setW = (px: number) => document.documentElement.style.setProperty('--preview-w', `${Math.max(300, Math.min(window.innerWidth - 440, px))}px`);
    split.addEventListener('pointerdown', (e) => {
      split.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent) => setW(window.innerWidth - ev.clientX);
      split.addEventListener('pointermove', move);
      split.addEventListener('pointerup', () => split.removeEventListener('pointermove', move), { once: true });
    });
    split.addEventListener('keydown', (e) => {
      const w = this.preview.el.getBoundingClientRect().width;
      if (e.key === 'ArrowLeft') setW(w + 40);
      else if (e.key === 'ArrowRight') setW(w - 40);
    });
    return h('div', { class: 'kh-main' }, this.left, split, this.preview.el);
  }

  /** Builds the left pane from the data (on load, undo, a fix, a change made elsewhere). */
  renderAll(focus?: { key: string; offset: number }): void {
    const top = this.left.scrollTop;
    const active = focus ?? this.store.focusOf();
    const nav = h(
      'nav',
      { class: 'kh-nav', 'aria-label': 'Các phần của kế hoạch' },
      NAV.map(([id, label], i) =>
        h(
          'a',
          {
            href: `#${id}`,
            title: `Alt+${i + 1}`,
            'on:click': (e: Event) => {
              e.preventDefault();
              this.go(id);
            },
          },
          label,
        ),
      ),
    );
    this.outlines = [];
    const body = this.outlineCard();
    this.left.replaceChildren(
      nav,
      this.banners.el,
      h('div', { id: 'kh-summary' }),
      headerCard(this.store),
      basisCard(this.store),
      body,
      this.closingCard(),
      endCard(this.store),
      this.appendixCard(),
    );
    this.left.scrollTop = top;
    this.placeFindings();
    if (active) this.restoreFocus(active);
  }

  private restoreFocus(f: { key: string; offset: number }): void {
    const el = this.left.querySelector<HTMLElement>(`[data-focus="${CSS.escape(f.key)}"]`);
    if (!el) return;
    if (el.isContentEditable) setCaret(el, f.offset);
    else {
      el.focus({ preventScroll: true });
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.setSelectionRange(f.offset, f.offset);
    }
  }

  private outline(spec: OutlineSpec): OutlineView {
    const v = new OutlineView(this.store, spec);
    v.el.addEventListener('focusin', () => (this.lastOutline = v));
    v.load();
    this.outlines.push(v);
    return v;
  }

  /** The body: sections and their lines; a named section's own fields in its form. */
  private bodySpec(): OutlineSpec {
    const ctx: StructContext = {
      store: this.store,
      outline: (spec) => {
        const v = new OutlineView(this.store, spec);
        v.el.addEventListener('focusin', (e) => {
          e.stopPropagation();
          this.lastOutline = v;
        });
        v.load();
        return v;
      },
    };
    return {
      key: 'body',
      root: 0,
      label: 'Nội dung kế hoạch',
      read: (d) => planToLines(d),
      write: (d, lines, paths) => writeBody(d, lines, paths),
      structured: (l, path) => structuredForm(ctx, kindOf(l), parsePath(path)),
    };
  }

  private outlineCard(): HTMLElement {
    const v = this.outline(this.bodySpec());
    this.lastOutline = v;
    const tool = (label: string, title: string, fn: () => void) =>
      h('button', { type: 'button', title, 'on:mousedown': (e: Event) => e.preventDefault(), 'on:click': fn }, label);
    const on = () => this.lastOutline ?? v;
    const kind = h(
      'select',
      { 'aria-label': 'Kiểu của dòng đang sửa', id: 'kh-linekind' },
      h('option', { value: '' }, 'Đổi kiểu dòng…'),
      Object.entries(KIND_NAMES).map(([k, name]) => h('option', { value: k }, name)),
    );
    kind.addEventListener('change', () => {
      const o = on();
      if (kind.value) o.setKind(o.currentIndex(), kind.value);
      kind.value = '';
    });
    const tools = h(
      'div',
      { class: 'kh-otools', role: 'toolbar', 'aria-label': 'Chèn dòng (Esc trong một dòng để đến đây)', id: 'kh-otools' },
      tool('+ Mục I.', 'Thêm mục lớn (I., II., …)', () => v.insert('section')),
      tool('+ Mục 1.', 'Thêm mục đánh số 1., 2. (Enter sau một mục)', () => on().insert('item')),
      tool('+ Điểm a)', 'Thêm điểm a), b) (Tab trên một mục)', () => on().insert('item', { numbering: 'a)' })),
      tool('+ Gạch đầu dòng', 'Thêm ý "-" (gõ "- " đầu đoạn)', () => on().insert('bullet')),
      tool('+ Đoạn văn', 'Thêm đoạn văn', () => on().insert('para')),
      tool('+ Bảng', 'Thêm bảng', () => on().insert('table', { raw: structuredClone(NEW_TABLE) })),
      tool('+ Ngắt trang', 'Thêm ngắt trang (Ctrl+Enter)', () => on().insert('pagebreak')),
      tool('Đậm', 'Chữ đậm (Ctrl+B)', () => document.execCommand('bold')),
      tool('Nghiêng', 'Chữ nghiêng (Ctrl+I)', () => document.execCommand('italic')),
      kind,
    );
    const help = h(
      'p',
      { class: 'kh-label' },
      'Enter: dòng mới cùng cấp · Tab / Shift+Tab: xuống / lên cấp · gõ "- ", "1. ", "a) " đầu dòng: đổi kiểu dòng · Alt+Shift+↑/↓: chuyển dòng · Ctrl+Enter: ngắt trang · Esc: đến thanh công cụ · dán văn bản có "I.", "1.", "a)", "-" để tách dòng.',
    );
    return card('kh-sec-body', 'Nội dung', tools, v.el, help);
  }

  private closingCard(): HTMLElement {
    const v = this.outline(blocksSpec('closing', ['closing', 'blocks'], 'Các đoạn trước câu kết'));
    const endMark = h('input', { type: 'checkbox', checked: getAt(this.store.data, ['endMark']) !== false, 'data-focus': 'f:endMark' });
    endMark.addEventListener('change', () => this.store.update((d) => setAt(d, ['endMark'], endMark.checked ? undefined : false)));
    return card(
      'kh-sec-closing',
      'Phần kết',
      h('div', { class: 'kh-label' }, 'Các đoạn trước câu kết (nếu có)'),
      v.el,
      textField(this.store, ['closing', 'text'], 'Câu kết', {
        wide: true,
        area: true,
        placeholder: 'Trên đây là Kế hoạch …, đề nghị các đơn vị triển khai thực hiện',
      }),
      h('label', { class: 'kh-check' }, endMark, 'Thêm "./." sau chữ cuối cùng'),
    );
  }

  private appendixCard(): HTMLElement {
    const row = (i: number, a: Json): HTMLElement[] => {
      const p: Seg[] = ['appendices', i];
      const landscape = h('input', { type: 'checkbox', checked: isObj(a) && a.landscape === true, 'data-focus': `f:appendices[${i}].landscape` });
      landscape.addEventListener('change', () => this.store.update((d) => setAt(d, [...p, 'landscape'], landscape.checked || undefined)));
      const v = this.outline(blocksSpec(`appendix:${i}`, [...p, 'blocks'], `Nội dung phụ lục ${i + 1}`));
      return [
        h(
          'div',
          { style: 'flex:1' },
          h(
            'div',
            { class: 'kh-grid' },
            textField(this.store, [...p, 'title'], `Tên phụ lục ${i + 1}`),
            textField(this.store, [...p, 'label'], 'Nhãn (thay "Phụ lục I")'),
          ),
          h('label', { class: 'kh-check' }, landscape, 'Trang nằm ngang'),
          v.el,
        ),
      ];
    };
    return card(
      'kh-sec-appx',
      'Phụ lục',
      listEditor(this.store, ['appendices'], { label: 'Các phụ lục', add: '+ Thêm phụ lục', empty: () => ({ title: '' }), row }),
    );
  }

  private go(id: string): void {
    const sec = document.getElementById(id);
    if (!sec) return;
    sec.scrollIntoView({ block: 'start' });
    // The body's first line rather than its toolbar; elsewhere the first thing to type in or press.
    const first =
      sec.querySelector<HTMLElement>('.kh-outline [contenteditable="true"]') ??
      sec.querySelector<HTMLElement>('input:not([disabled]),textarea,select,button,[contenteditable="true"]');
    (first ?? sec).focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    let act: (() => void) | undefined;
    if (mod && !e.altKey && k === 'z') act = () => this.step(e.shiftKey ? 'redo' : 'undo');
    else if (mod && !e.altKey && k === 'y') act = () => this.step('redo');
    else if (mod && k === 's') act = () => void this.saveNow();
    else if (mod && k === 'p') act = () => this.print();
    else if (e.altKey && !mod && /^Digit[1-6]$/.test(e.code)) act = () => this.go(NAV[Number(e.code.slice(5)) - 1][0]);
    if (!act) return;
    e.preventDefault();
    act();
  }

  /** "In": the PDF file of the last build (the pages shown). */
  private print(): void {
    const w = printPdf(this.api, (t) => this.banners.message('warn', t));
    if (w) announce('Đang mở tệp PDF để in');
  }

  /** Ctrl+S: every edit sent, then the file written now. */
  private async saveNow(): Promise<void> {
    await this.store.settled();
    await this.api.post('/api/save', {}).catch(() => {});
    announce('Đã lưu');
  }

  private step(dir: 'undo' | 'redo'): void {
    const focus = this.store.step(dir);
    announce(dir === 'undo' ? 'Đã hoàn tác' : 'Đã làm lại');
    if (focus) this.restoreFocus(focus);
  }

  private onStore(why: string): void {
    this.undoBtn.disabled = !this.store.canUndo;
    this.redoBtn.disabled = !this.store.canRedo;
    this.showSaved();
    if (why !== 'edit') this.renderAll();
  }

  /** Applies a fix as an edit (so it can be undone). */
  private fix = (f: { changes: { path: Seg[]; value?: Json; remove?: boolean }[] }) => {
    this.store.update(
      (d) => {
        for (const c of f.changes) setAt(d, c.path, c.remove ? undefined : c.value);
      },
      undefined,
      'fix',
    );
    announce('Đã sửa');
  };

  private placeFindings(): void {
    const loose = placeFindings(this.left, this.status.findings, this.fix);
    const errors = this.status.findings.filter((f) => f.severity === 'error').length;
    const warns = this.status.findings.length - errors;
    this.count.textContent = errors || warns ? `${errors} lỗi · ${warns} cảnh báo` : 'Không có lỗi';
    this.count.classList.toggle('kh-has-err', errors > 0);
    document.getElementById('kh-summary')?.replaceChildren(summary(this.status.findings, loose, this.fix, (p) => this.goPath(p)));
  }

  private goPath(path: string): void {
    const el = [...this.left.querySelectorAll<HTMLElement>('[data-path]')]
      .filter((e) => path === e.dataset.path || path.startsWith(`${e.dataset.path}.`) || path.startsWith(`${e.dataset.path}[`))
      .sort((a, b) => b.dataset.path!.length - a.dataset.path!.length)[0];
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.querySelector<HTMLElement>('input,textarea,select,[contenteditable="true"]')?.focus({ preventScroll: true });
  }

  private showSaved(): void {
    const s = this.status.saved;
    const el = this.saved;
    el.classList.toggle('kh-bad', !this.store.online || !!s.error);
    if (!this.store.online) el.textContent = 'Mất kết nối: thay đổi được giữ trong trình duyệt';
    else if (s.error) el.textContent = s.error;
    // A status sent before the server had this tab's last edit says nothing about it.
    else if (this.store.pending || s.pending || !this.store.savedAll(s.version)) el.textContent = 'Đang lưu…';
    else el.textContent = s.at ? `Đã lưu lúc ${new Date(s.at).toLocaleTimeString('vi-VN', { hour12: false })}` : 'Đã lưu';
  }

  /** A status from the server. */
  apply(s: EditStatus & { html?: string }): void {
    const findingsChanged = !same(s.findings, this.status.findings);
    this.status = s;
    this.preview.update(s);
    if (!this.store.pending) this.store.savedUpTo(s.saved.version);
    this.showSaved();
    this.banners.update(s);
    this.batch.update(s.batch);
    if (s.dataVersion > this.store.version && !this.store.pending) void this.reload();
    else if (findingsChanged) this.placeFindings();
  }

  /** The data changed elsewhere (another tab, the file, a recovery): load it. */
  private async reload(): Promise<void> {
    const st = await this.api.state();
    if (this.store.pending) return;
    if (same(st.data, this.store.data)) this.store.version = st.version;
    else this.store.load(st.data as Obj, st.version);
    this.status = st.status;
    this.placeFindings();
  }

  /** A paragraph clicked in the preview: the field or line holding that text gets the caret. */
  private selectText(text: string): void {
    const want = norm(text);
    if (want.length < 2) return;
    let best: { el: HTMLElement; score: number } | undefined;
    for (const el of this.left.querySelectorAll<HTMLElement>('[data-focus]')) {
      const raw = el.isContentEditable ? inlinePlain(el.textContent ?? '') : ((el as HTMLInputElement).value ?? '');
      const have = norm(raw);
      if (have.length < 2) continue;
      const score = have.includes(want) ? want.length + 1000 : want.includes(have) && have.length >= 3 ? have.length : 0;
      if (score && (!best || score > best.score)) best = { el, score };
    }
    if (!best) return;
    best.el.scrollIntoView({ block: 'center' });
    if (best.el.isContentEditable) setCaret(best.el, 0);
    else best.el.focus({ preventScroll: true });
    best.el.closest('.kh-line,.kh-field,.kh-listrow')?.animate([{ background: '#fff3b0' }, { background: 'transparent' }], { duration: 1200 });
  }

  /** For tests: the outline lines of the body. */
  bodyLines(): Line[] {
    return this.outlines[0]?.lines ?? [];
  }

  /** For tests: where each body line went in the plan. */
  bodyPaths(): PathMap {
    return this.outlines[0]?.paths ?? new Map();
  }
}
