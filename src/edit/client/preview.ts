// The A4 pages beside the editor, drawn by the HTML writer from the PDF's own layout: fitted to
// the pane (whatever the window, 1366×768 included), the page count above, only changed pages
// swapped on update. A click on a paragraph selects its field or line in the editor and says
// which template file and line produced it.
import type { Api } from './api.js';
import { h } from './dom.js';

const PT = 96 / 72;

export class PreviewPane {
  readonly el: HTMLElement;
  readonly pages: HTMLElement;
  private readonly info: HTMLElement;
  private readonly note: HTMLElement;
  private readonly zoomSel: HTMLSelectElement;
  private readonly scroll: HTMLElement;
  private readonly tip: HTMLElement;
  private shown = -1;
  private loading = false;
  private want = -1;

  constructor(
    private readonly api: Api,
    private readonly select: (text: string) => void,
  ) {
    this.zoomSel = h(
      'select',
      { 'aria-label': 'Thu phóng trang', id: 'kh-zoom' },
      h('option', { value: 'width', selected: true }, 'Vừa bề ngang'),
      h('option', { value: 'page' }, 'Vừa cả trang'),
      [50, 75, 100, 125].map((z) => h('option', { value: String(z / 100) }, `${z}%`)),
    );
    this.zoomSel.addEventListener('change', () => this.fit());
    this.info = h('span', { id: 'kh-pageinfo', role: 'status', 'aria-live': 'polite' }, 'Đang dựng trang…');
    this.note = h('div', { class: 'kh-pnote', hidden: true });
    // The pages the server put in the page as first served, or a new, empty place for them.
    const served = document.getElementById('kh-pages');
    this.pages = served ?? h('div', { class: 'kh-pages', id: 'kh-pages' });
    this.pages.setAttribute('aria-label', 'Các trang A4 (bấm vào một đoạn để sửa đoạn đó)');
    if (served?.dataset.version) this.shown = Number(served.dataset.version);
    this.tip = h('div', { class: 'kh-tip', hidden: true });
    this.scroll = h('div', { class: 'kh-pscroll' }, this.pages, this.tip);
    this.el = h(
      'aside',
      { class: 'kh-right', 'aria-label': 'Xem trước trang in' },
      h('div', { class: 'kh-phead' }, this.info, h('span', { class: 'kh-spacer' }), this.zoomSel),
      this.note,
      this.scroll,
    );
    this.pages.addEventListener('click', (e) => this.onClick(e));
    new ResizeObserver(() => this.fit()).observe(this.scroll);
  }

  /** Scales the pages to the pane: the page's width, the whole page, or a fixed zoom. */
  fit(): void {
    const page = this.pages.querySelector<HTMLElement>('.kh-page');
    if (!page) return;
    const w = parseFloat(page.style.width) * PT;
    const hgt = parseFloat(page.style.height) * PT;
    const v = this.zoomSel.value;
    const avail = this.scroll.clientWidth - 24;
    let z = Number(v);
    if (v === 'width') z = avail / w;
    else if (v === 'page') z = Math.min(avail / w, (this.scroll.clientHeight - 24) / hgt);
    this.pages.style.zoom = String(Math.max(0.2, Math.min(3, z)));
  }

  private patch(html: string): void {
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    const fresh = [...tpl.content.children];
    const old = [...this.pages.children];
    fresh.forEach((p, i) => {
      if (!old[i]) this.pages.append(p);
      else if (!old[i].isEqualNode(p)) old[i].replaceWith(p);
    });
    for (let i = fresh.length; i < old.length; i++) old[i].remove();
    this.fit();
  }

  /** A new status: its pages when they are newer than those shown. */
  update(s: { version: number; pageCount: number; ms: number; html?: string; placeholders: boolean; problem?: string }): void {
    this.info.textContent = s.pageCount ? `${s.pageCount} trang · dựng trong ${s.ms} ms` : 'Chưa có trang';
    this.note.hidden = !(s.placeholders || s.problem);
    this.note.textContent = s.problem ?? (s.placeholders ? 'Các chỗ còn trống bắt buộc đang hiện "…" (xem các ô đánh dấu đỏ bên trái).' : '');
    if (s.version === this.shown) return;
    if (typeof s.html === 'string') {
      this.patch(s.html);
      this.shown = s.version;
      this.pages.dataset.version = String(s.version);
      return;
    }
    this.want = s.version;
    void this.load();
  }

  private async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (this.shown !== this.want) {
        const v = this.want;
        const res = await fetch(this.api.url('/pages', `&v=${v}`), { cache: 'no-store' });
        if (!res.ok) break;
        this.patch(await res.text());
        this.shown = v;
        this.pages.dataset.version = String(v);
      }
    } finally {
      this.loading = false;
    }
  }

  get version(): number {
    return this.shown;
  }

  /** The text of the printed line under a point of a page (runs sharing its baseline). */
  private lineAt(page: HTMLElement, y: number): string {
    const runs = [...page.querySelectorAll<HTMLElement>('.kh-run')];
    let best: { top: string; d: number } | undefined;
    for (const r of runs) {
      const top = parseFloat(r.style.top);
      const size = parseFloat(r.style.fontSize);
      const d = y < top ? top - y : y > top + size * 1.15 ? y - top - size * 1.15 : 0;
      if (!best || d < best.d) best = { top: r.style.top, d };
    }
    if (!best || best.d > 14) return '';
    return runs
      .filter((r) => r.style.top === best!.top)
      .sort((a, b) => parseFloat(a.style.left) - parseFloat(b.style.left))
      .map((r) => r.textContent)
      .join(' ');
  }

  private async onClick(e: MouseEvent): Promise<void> {
    const page = (e.target as HTMLElement).closest<HTMLElement>('.kh-page');
    if (!page) return;
    const zoom = Number(this.pages.style.zoom) || 1;
    const rect = page.getBoundingClientRect();
    // With CSS zoom the rectangle is in zoomed pixels; points on the page are unzoomed.
    const x = (e.clientX - rect.left) / (rect.width / parseFloat(page.style.width));
    const y = (e.clientY - rect.top) / (rect.height / parseFloat(page.style.height));
    const text = this.lineAt(page, y);
    if (text) this.select(text);
    const n = Number(page.dataset.page);
    try {
      const t = await this.api.trace(n, Math.round(x * 10) / 10, Math.round(y * 10) / 10);
      if (!t.file) {
        this.tip.hidden = true;
        return;
      }
      const box = this.scroll.getBoundingClientRect();
      this.tip.textContent = `Mẫu: ${t.file}${t.line ? `, dòng ${t.line}` : ''}`;
      this.tip.style.left = `${e.clientX - box.left + this.scroll.scrollLeft + 8}px`;
      this.tip.style.top = `${e.clientY - box.top + this.scroll.scrollTop + 12}px`;
      this.tip.hidden = false;
      this.tip.dataset.file = t.file;
      this.tip.dataset.line = String(t.line ?? '');
      void zoom;
    } catch {
      this.tip.hidden = true;
    }
  }
}
