// Messages above the form that need the clerk: edits left from an earlier session (in the
// server's draft or in this browser) to take back, a change made to the file elsewhere in the
// same fields as unsaved edits, a file on disk that no longer reads, notices, import results.
import type { EditStatus } from '../session.js';
import type { ImportResult } from './actions.js';
import type { Api } from './api.js';
import { h } from './dom.js';
import { same } from './paths.js';
import type { Store } from './store.js';

const time = (at: string | number) => new Date(at).toLocaleString('vi-VN', { hour12: false });

export class Banners {
  readonly el = h('div', { id: 'kh-banners', 'aria-live': 'polite' });
  private seenNotice = 0;
  private dismissedBrowser = false;
  private status: EditStatus | undefined;
  private extra: HTMLElement | undefined;
  private seenImport = false;

  constructor(
    private readonly api: Api,
    private readonly store: Store,
  ) {}

  private banner(kind: '' | 'warn' | 'err', id: string, text: string, ...buttons: [string, () => void | Promise<void>][]): HTMLElement {
    return h(
      'div',
      { class: `kh-banner${kind ? ` kh-${kind}b` : ''}`, id, role: kind === 'err' ? 'alert' : 'status' },
      h('p', null, text),
      buttons.map(([label, fn]) => h('button', { type: 'button', 'on:click': fn }, label)),
    );
  }

  private call(path: string, body: unknown): void {
    this.api.post(path, body).catch((e: Error) => this.message('err', e.message));
  }

  /** Edits this browser kept that the server does not have (a closed tab, a dead server). */
  private browserDraft(): HTMLElement | null {
    const d = this.store.browserDraft();
    if (this.dismissedBrowser || !d || same(d.data, this.store.data) || this.store.pending) return null;
    return this.banner(
      'warn',
      'kh-recover-browser',
      `Trình duyệt còn giữ các thay đổi chưa được lưu vào tệp (lần sửa lúc ${time(d.at)}).`,
      [
        'Khôi phục',
        () => {
          this.dismissedBrowser = true;
          // The edits the server journalled come back first: the tab's copy was made on top of them.
          if (this.status?.draft) this.store.hold(this.api.post('/api/recover', { accept: true }).catch(() => {}));
          this.store.mergeBase = d.base;
          this.store.update(
            (x) => {
              for (const k of Object.keys(x)) delete x[k];
              Object.assign(x, structuredClone(d.data));
            },
            undefined,
            'fix',
          );
        },
      ],
      [
        'Bỏ',
        () => {
          this.dismissedBrowser = true;
          localStorage.removeItem(`kehoach:draft:${this.status?.plan}`);
          this.update(this.status!);
        },
      ],
    );
  }

  update(s: EditStatus): void {
    this.status = s;
    const list: (HTMLElement | null)[] = [];
    const browser = this.browserDraft();
    if (browser) list.push(browser);
    else if (s.draft)
      list.push(
        this.banner(
          'warn',
          'kh-recover',
          `Có thay đổi chưa lưu từ lần sửa trước (lúc ${time(s.draft.savedAt)})${s.draft.sameBase ? '' : '; tệp đã được sửa ở nơi khác từ đó, các thay đổi sẽ được gộp'}.`,
          ['Khôi phục', () => this.call('/api/recover', { accept: true })],
          ['Bỏ', () => this.call('/api/recover', { accept: false })],
        ),
      );
    if (s.conflict)
      list.push(
        this.banner(
          'err',
          'kh-conflict',
          `Tệp vừa được sửa ở nơi khác, trùng chỗ bạn đang sửa (${s.conflict.paths.join(', ')}). Chưa ghi gì vào tệp.`,
          ['Giữ bản của tôi', () => this.call('/api/conflict', { keep: 'mine' })],
          ['Dùng bản trên đĩa', () => this.call('/api/conflict', { keep: 'theirs' })],
        ),
      );
    if (s.diskProblem) list.push(this.banner('err', 'kh-disk', s.diskProblem, ['Ghi bản đang sửa', () => this.call('/api/conflict', { keep: 'mine' })]));
    if (s.notice && s.notice.n > this.seenNotice) {
      this.seenNotice = s.notice.n;
      this.message('', s.notice.text);
    }
    if (s.imported && !this.seenImport) list.push(this.importNotes(s.imported.name, s.imported.notes, () => (this.seenImport = true)));
    if (this.extra) list.push(this.extra);
    this.el.replaceChildren(...list.filter((x): x is HTMLElement => !!x));
  }

  /** What the import of a file had to guess or could not place, for the clerk to check. */
  private importNotes(name: string, notes: string[], close: () => void, ...more: [string, () => void][]): HTMLElement {
    const head = notes.length
      ? `Đã nhập "${name}": ${notes.length} chỗ cần kiểm tra lại (chương trình phải đoán hoặc chưa xếp được).`
      : `Đã nhập "${name}": không có chỗ nào cần kiểm tra lại.`;
    const b = this.banner(notes.length ? 'warn' : '', 'kh-imported', head, ...more, [
      'Đóng',
      () => {
        close();
        if (this.status) this.update(this.status);
      },
    ]);
    if (notes.length)
      b.append(
        h(
          'ul',
          { class: 'kh-notes' },
          notes.map((n) => h('li', null, n)),
        ),
      );
    return b;
  }

  /** A message shown until the next one (notices disappear after a while). */
  message(kind: '' | 'warn' | 'err', text: string): void {
    const drop = () => {
      if (this.extra !== b) return;
      this.extra = undefined;
      if (this.status) this.update(this.status);
    };
    const b = this.banner(kind, 'kh-notice', text, ['Đóng', drop]);
    this.extra = b;
    if (this.status) this.update(this.status);
    if (!kind) setTimeout(drop, 10_000);
  }

  /**
   * A file dropped on the editor: its plan is offered in place of the one being edited (an edit
   * like any other, so Ctrl+Z takes it back), with the import's warnings.
   */
  imported(r: ImportResult, name: string): void {
    if (r.error || !r.data) {
      this.message('err', r.error ?? `Không đọc được "${name}".`);
      return;
    }
    const data = r.data;
    const drop = () => {
      this.extra = undefined;
      if (this.status) this.update(this.status);
    };
    this.extra = this.importNotes(name, r.notes ?? [], drop, [
      'Thay kế hoạch đang soạn bằng nội dung tệp này',
      () => {
        drop();
        this.store.update(
          (x) => {
            for (const k of Object.keys(x)) delete x[k];
            Object.assign(x, structuredClone(data));
          },
          undefined,
          'fix',
        );
      },
    ]);
    if (this.status) this.update(this.status);
  }
}
