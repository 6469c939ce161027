// The outline editor: one editable line per section title, item, bullet and paragraph, with the
// printed number beside it. Keys as in Word's lists: Enter a new line of the same kind (on an
// empty one, up a level), Tab and Shift+Tab down and up a level, Backspace at the start takes the
// number off, Alt+Shift+↑/↓ moves a line with what is under it, Ctrl+Enter a page break, Ctrl+B
// and Ctrl+I bold and italic. Lines are dragged by their handle. Pasted text with labels (I., 1.,
// a), -) becomes lines.
import { announce, caretOffset, caretOnEdgeLine, h, setCaret } from './dom.js';
import { domSpans, inlinePlain, inlineToHtml, spansToInline } from './inline.js';
import { KIND_TITLES, kindOf, line, refreshSections, runsText, subtreeEnd, type Line, type LineKind, type Numbering, type PathMap } from './outline.js';
import { indent, isContainer, markers, moveBlock, moveTo, nextLine, normalize, numberingFor, outdent } from './outline-ops.js';
import { pasteLines } from './paste.js';
import type { Store } from './store.js';
import { tableEditor } from './table-view.js';
import type { Obj } from './paths.js';

export interface OutlineSpec {
  /** Key of this outline in the store ("body", "appendix:0", "closing"). */
  key: string;
  /** 0: the outline has sections (the body); 1: it has none. */
  root: 0 | 1;
  /** The lines of the plan's data. */
  read(data: Obj): Line[];
  /** Writes the lines back into the data; records where each line went. */
  write(data: Obj, lines: Line[], paths: PathMap): void;
  label: string;
  /** The form of a named section's own fields (phases, targets …), at its place in the plan. */
  structured?: (l: Line, path: string) => HTMLElement | undefined;
  /** Always read from the plan (outlines inside a section's form, whose place can change). */
  fresh?: boolean;
}

export const KIND_NAMES: Record<string, string> = {
  section: 'Mục (I., II.)',
  'item:decimal': 'Số (1., 1.1.)',
  'item:a)': 'Chữ (a), b))',
  'item:a.': 'Chữ (a., b.)',
  'item:1)': 'Số (1), 2))',
  'item:I.': 'Số La Mã (I., II.)',
  'item:none': 'Mục không số',
  bullet: 'Gạch đầu dòng (-, +)',
  para: 'Đoạn văn',
};

const PLACEHOLDER: Record<string, string> = {
  section: 'Tên mục, ví dụ: Mục đích, yêu cầu',
  item: 'Nội dung mục',
  bullet: 'Nội dung ý',
  para: 'Đoạn văn',
};

/** Typing "- ", "+ ", "1. ", "a) " at the start of a paragraph makes it that kind of line, as Word does. */
const AUTO: [RegExp, LineKind, Numbering | undefined][] = [
  [/^[-–•] /, 'bullet', undefined],
  [/^\+ /, 'bullet', undefined],
  [/^1[.] /, 'item', 'decimal'],
  [/^a\) /, 'item', 'a)'],
];

/** An item written with a bold label ("Thời gian:" then the text): the label shown before the text, not edited here. */
function labelled(l: Line, body: HTMLElement): HTMLElement {
  const raw = l.raw as { label?: unknown } | undefined;
  if (l.kind !== 'item' || l.field !== 'text' || !raw || typeof raw !== 'object' || raw.label === undefined) return body;
  const label = typeof raw.label === 'string' ? raw.label : runsText(raw.label as Line['raw'] & object);
  return h('div', { class: 'kh-row', style: 'align-items:baseline' }, h('b', { class: 'kh-prelabel' }, inlinePlain(label)), body);
}

export class OutlineView {
  readonly el: HTMLElement;
  lines: Line[] = [];
  paths: PathMap = new Map();
  private current: string | undefined;
  private dragging: string | undefined;
  /** The line being typed in, and whether it was empty when the typing began (for the autoformat). */
  private typing: string | undefined;
  private startedEmpty = false;

  constructor(
    private readonly store: Store,
    readonly spec: OutlineSpec,
  ) {
    this.el = h('div', { class: 'kh-outline', role: 'list', 'aria-label': spec.label, id: spec.key === 'body' ? 'kh-outline' : undefined });
    this.el.addEventListener('input', (e) => this.onInput(e));
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.el.addEventListener('paste', (e) => this.onPaste(e));
    this.el.addEventListener('focusin', (e) => this.onFocus(e));
    this.el.addEventListener('dragstart', (e) => this.onDragStart(e));
    this.el.addEventListener('dragover', (e) => this.onDragOver(e));
    this.el.addEventListener('drop', (e) => this.onDrop(e));
    this.el.addEventListener('change', (e) => this.onKindChange(e));
  }

  /** Loads the lines: the store's (after undo) or the data's. */
  load(): void {
    const kept = this.spec.fresh ? undefined : this.store.outlines[this.spec.key];
    this.lines = kept ? kept.map((l) => ({ ...l })) : this.spec.read(this.store.data);
    if (!this.lines.length) this.lines = [this.spec.root === 0 ? line('section', 0, '') : line('para', 1, '')];
    normalize(this.lines, this.spec.root);
    this.paths = new Map();
    this.spec.write(structuredClone(this.store.data), this.lines, this.paths);
    if (this.spec.root === 0) refreshSections(this.lines, this.paths, this.store.data);
    this.render();
  }

  /** The line being edited, for the toolbar. */
  currentIndex(): number {
    const i = this.lines.findIndex((l) => l.id === this.current);
    return i < 0 ? this.lines.length - 1 : i;
  }

  private index(el: EventTarget | null): number {
    const row = (el as HTMLElement | null)?.closest?.('.kh-line') as HTMLElement | null;
    return row ? this.lines.findIndex((l) => l.id === row.dataset.id) : -1;
  }

  /** Writes the lines into the data as one edit (typing in one line coalesces). */
  commit(key?: string): void {
    normalize(this.lines, this.spec.root);
    const paths: PathMap = new Map();
    this.store.update((d) => {
      if (this.spec.root === 0) refreshSections(this.lines, this.paths, d);
      this.spec.write(d, this.lines, paths);
      this.store.outlines[this.spec.key] = this.lines.map((l) => ({ ...l }));
    }, key);
    this.paths = paths;
  }

  private row(l: Line, marker: string, i: number): HTMLElement {
    const textual = l.kind === 'section' || l.kind === 'item' || l.kind === 'bullet' || l.kind === 'para';
    const levelName = l.kind === 'section' ? `Mục ${marker}` : marker ? `Dòng ${marker}` : 'Đoạn văn';
    let body: HTMLElement;
    if (textual) {
      body = h('div', {
        class: 'kh-text',
        contenteditable: 'true',
        role: 'textbox',
        'aria-label': `${levelName}, cấp ${l.depth}`,
        'data-ph': l.kind === 'section' && kindOf(l) ? (KIND_TITLES[kindOf(l)!] ?? PLACEHOLDER.section) : PLACEHOLDER[l.kind],
        'data-focus': `line:${l.id}`,
        spellcheck: 'false',
      });
      body.innerHTML = inlineToHtml(l.text);
    } else body = this.blockBody(l, i);
    const kind = l.kind === 'item' ? `item:${l.numbering ?? 'decimal'}` : l.kind;
    const select = textual
      ? h(
          'select',
          { 'aria-label': 'Kiểu dòng', tabindex: '-1', 'data-kind-select': '' },
          Object.entries(KIND_NAMES)
            .filter(([k]) => (this.spec.root === 0 ? true : k !== 'section'))
            .map(([k, name]) => h('option', { value: k, selected: k === kind }, name)),
        )
      : null;
    return h(
      'div',
      {
        class: `kh-line${l.id === this.current ? ' kh-cur' : ''}`,
        role: 'listitem',
        'data-id': l.id,
        'data-kind': l.kind,
        'data-path': this.paths.get(l.id),
        style: `--d:${l.depth}`,
      },
      h('span', { class: 'kh-handle', draggable: 'true', title: 'Kéo để di chuyển (hoặc Alt+Shift+↑/↓)', 'aria-hidden': 'true' }, '⋮⋮'),
      h('span', { class: 'kh-mark', 'aria-hidden': 'true' }, marker),
      labelled(l, body),
      h('span', { class: 'kh-kind' }, select),
    );
  }

  private blockBody(l: Line, i: number): HTMLElement {
    if (l.kind === 'table')
      return tableEditor(
        l,
        () => this.commit(`table:${l.id}`),
        (dir) => this.focusLine(i + dir, dir < 0 ? 'end' : 0),
      );
    const text = l.kind === 'pagebreak' ? '— Ngắt trang —' : `${l.locked ?? 'Nội dung có cấu trúc riêng'} (giữ nguyên; sửa trong tệp kế hoạch)`;
    return h(
      'div',
      {
        class: `kh-block${l.kind === 'pagebreak' ? ' kh-pb' : ''}`,
        tabindex: '0',
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-label': text,
        'data-focus': `line:${l.id}`,
      },
      text,
    );
  }

  render(): void {
    const active = document.activeElement as HTMLElement | null;
    const focusKey = active && this.el.contains(active) ? active.dataset.focus : undefined;
    const offset = active && focusKey ? caretOffset(active) : -1;
    const marks = markers(this.lines);
    const rows: HTMLElement[] = [];
    this.lines.forEach((l, i) => {
      rows.push(this.row(l, marks[i], i));
      if (!l.locked) return;
      const path = this.paths.get(l.id);
      const form = path === undefined ? undefined : this.spec.structured?.(l, path);
      rows.push(
        h('div', { class: 'kh-line kh-structrow', style: `--d:${l.depth + 1}` }, h('span'), h('span'), form ?? this.blockBody({ ...l, kind: 'opaque' }, i)),
      );
    });
    this.el.replaceChildren(...rows);
    if (focusKey) {
      const el = this.el.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`);
      if (el) setCaret(el, Math.max(0, offset));
    }
  }

  /** Focuses line `i` at a character offset ('end' for the end). */
  focusLine(i: number, at: number | 'end' = 0): void {
    const l = this.lines[Math.max(0, Math.min(i, this.lines.length - 1))];
    if (!l) return;
    const el = this.el.querySelector<HTMLElement>(`[data-focus="line:${l.id}"]`);
    if (!el) return;
    if (el.isContentEditable) setCaret(el, at === 'end' ? (el.textContent ?? '').length : at);
    else el.focus();
  }

  private onFocus(e: FocusEvent): void {
    const i = this.index(e.target);
    if (i < 0) return;
    this.current = this.lines[i].id;
    for (const r of this.el.querySelectorAll('.kh-cur')) r.classList.remove('kh-cur');
    (e.target as HTMLElement).closest('.kh-line')?.classList.add('kh-cur');
  }

  private onInput(e: Event): void {
    const t = e.target as HTMLElement;
    if (!t.classList.contains('kh-text')) return;
    const i = this.index(t);
    if (i < 0) return;
    const l = this.lines[i];
    if (this.typing !== l.id) {
      this.typing = l.id;
      this.startedEmpty = l.text === '';
    }
    l.text = spansToInline(domSpans(t));
    // As in Word: typing "- " or "1. " at the start of a paragraph, or of a line just made, makes it a list line.
    const fresh = l.kind === 'para' || (l.kind !== 'section' && this.startedEmpty && l.text.length <= 3);
    const auto = fresh && AUTO.find(([re]) => re.test(l.text));
    if (auto) {
      l.kind = auto[1];
      l.numbering = auto[2];
      l.raw = undefined;
      l.list = undefined;
      l.text = l.text.replace(auto[0], '');
      // "+ " is the bullet under a bullet.
      if (auto[0].source.startsWith('^\\+')) indent(this.lines, i, this.spec.root);
      this.typing = undefined;
      this.commit();
      this.render();
      this.focusLine(i, 0);
      return;
    }
    this.commit(`line:${l.id}`);
    const mark = t.closest('.kh-line')?.querySelector('.kh-mark');
    if (mark && l.kind !== 'para') mark.textContent = markers(this.lines)[i];
  }

  /** Applies a structural change, redraws and puts the caret back. */
  private change(fn: () => number | undefined, at: number | 'end' = 0): void {
    const target = fn();
    if (target === undefined) return;
    this.commit();
    this.render();
    this.focusLine(target, at);
  }

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const i = this.index(t);
    if (i < 0 || t.tagName === 'SELECT' || t.closest('.kh-table')) return;
    const l = this.lines[i];
    const text = t.isContentEditable;
    const off = text ? caretOffset(t) : 0;
    const len = (t.textContent ?? '').length;
    const key = e.key;
    const handled = this.keyAction(e, i, l, text, off, len, key, t);
    if (handled) e.preventDefault();
  }

  // long: one switch over the outline's keys, each case a line or two
  private keyAction(e: KeyboardEvent, i: number, l: Line, text: boolean, off: number, len: number, key: string, t: HTMLElement): boolean {
    const root = this.spec.root;
    if (key === 'Escape') {
      // Tab moves lines here: Esc leaves the outline for its toolbar, from where Tab goes on.
      document.getElementById('kh-otools')?.querySelector<HTMLElement>('button')?.focus();
      return true;
    }
    if (key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      this.change(() => {
        const end = subtreeEnd(this.lines, i);
        this.lines.splice(end, 0, line('pagebreak', Math.max(1, l.depth), ''), line('para', Math.max(1, l.depth), ''));
        announce('Đã chèn ngắt trang');
        return end + 1;
      });
      return true;
    }
    if (key === 'Enter' && !e.shiftKey) {
      if (text && !l.text && l.kind !== 'para' && l.kind !== 'section' && l.depth > root) {
        this.change(() => (outdent(this.lines, i, root) ? i : undefined));
        return true;
      }
      if (text && !l.text && l.kind === 'item' && l.depth === root) {
        this.change(() => {
          l.kind = 'para';
          return i;
        });
        return true;
      }
      this.split(i, l, text, off, t);
      return true;
    }
    if (key === 'Tab') {
      this.change(
        () => {
          if (e.shiftKey ? outdent(this.lines, i, root) : indent(this.lines, i, root)) return i;
          announce(e.shiftKey ? 'Không lên cấp được nữa' : 'Không xuống cấp được: dòng trên không chứa được dòng con');
          return undefined;
        },
        text ? off : 0,
      );
      return true;
    }
    if (key === 'Backspace' && text && off === 0 && !getSelection()?.toString()) return this.backspace(i, l);
    if (key === 'Delete' && text && off === len && !getSelection()?.toString()) return this.joinNext(i, l);
    if ((key === 'Backspace' || key === 'Delete') && !text && l.kind !== 'table') {
      this.change(() => {
        this.lines.splice(i, 1);
        return Math.max(0, i - 1);
      }, 'end');
      return true;
    }
    if ((key === 'ArrowUp' || key === 'ArrowDown') && e.altKey && e.shiftKey) {
      this.change(() => moveBlock(this.lines, i, key === 'ArrowUp' ? -1 : 1, root), off);
      return true;
    }
    if (key === 'ArrowUp' && (!text || caretOnEdgeLine(t, 'first')) && i > 0) {
      this.focusLine(i - 1, 'end');
      return true;
    }
    if (key === 'ArrowDown' && (!text || caretOnEdgeLine(t, 'last')) && i < this.lines.length - 1) {
      this.focusLine(i + 1, 0);
      return true;
    }
    if (text && (e.ctrlKey || e.metaKey) && !e.altKey && (key === 'b' || key === 'i')) {
      document.execCommand(key === 'b' ? 'bold' : 'italic');
      return true;
    }
    return false;
  }

  /** Enter: the text after the caret goes to a new line of the same kind below. */
  private split(i: number, l: Line, text: boolean, off: number, t: HTMLElement): void {
    this.change(() => {
      let rest = '';
      if (text && off >= 0 && off < (t.textContent ?? '').length) {
        const r = document.createRange();
        r.selectNodeContents(t);
        const sel = getSelection()!;
        r.setStart(sel.anchorNode!, sel.anchorOffset);
        const frag = r.extractContents();
        const holder = document.createElement('div');
        holder.append(frag);
        rest = spansToInline(domSpans(holder));
        l.text = spansToInline(domSpans(t));
      }
      const n = text ? nextLine(l, rest) : line('para', Math.max(1, l.depth), '');
      // After a section title, or at the end of an item with lines under it, the new line goes first under it.
      const kids = subtreeEnd(this.lines, i) > i + 1;
      const first = l.kind === 'section' || (isContainer(l) && kids && !rest);
      const at = first ? i + 1 : subtreeEnd(this.lines, i);
      if (first && l.kind !== 'section') {
        const child = this.lines[i + 1];
        n.depth = l.depth + 1;
        n.kind = child.kind === 'section' ? 'item' : child.kind === 'table' || child.kind === 'pagebreak' || child.kind === 'opaque' ? 'para' : child.kind;
        n.numbering = n.kind === 'item' ? (child.numbering ?? numberingFor(n.depth)) : undefined;
        n.sub = n.kind === 'bullet' ? child.sub : undefined;
      }
      this.lines.splice(at, 0, n);
      return at;
    });
  }

  private backspace(i: number, l: Line): boolean {
    if (l.kind === 'item' || l.kind === 'bullet') {
      this.change(() => {
        l.kind = 'para';
        l.numbering = undefined;
        return i;
      });
      return true;
    }
    if (l.kind === 'section' && l.text) return false;
    const prev = this.lines[i - 1];
    if (!prev) return false;
    const prevText = prev.kind === 'section' || prev.kind === 'item' || prev.kind === 'bullet' || prev.kind === 'para';
    if (!prevText) {
      this.change(() => {
        this.lines.splice(i - 1, 1);
        return i - 1;
      });
      return true;
    }
    const at = prev.text.length;
    this.change(() => {
      prev.text += l.text;
      this.lines.splice(i, 1);
      return i - 1;
    }, at);
    // The offset is in plan text; close enough for plain text (the usual case).
    return true;
  }

  private joinNext(i: number, l: Line): boolean {
    const next = this.lines[i + 1];
    if (!next || !(next.kind === 'para' || next.kind === 'item' || next.kind === 'bullet') || subtreeEnd(this.lines, i + 1) > i + 2) return false;
    const at = l.text.length;
    this.change(() => {
      l.text += next.text;
      this.lines.splice(i + 1, 1);
      return i;
    }, at);
    return true;
  }

  private onPaste(e: ClipboardEvent): void {
    const t = e.target as HTMLElement;
    const i = this.index(t);
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (i < 0 || t.closest('.kh-table')) return;
    e.preventDefault();
    if (!text.includes('\n')) {
      document.execCommand('insertText', false, text.replace(/\s+/g, ' '));
      return;
    }
    const l = this.lines[i];
    const base = l.kind === 'section' ? 0 : l.depth - (l.kind === 'para' ? 1 : 0);
    const pasted = pasteLines(text, this.spec.root, Math.max(this.spec.root, base));
    if (!pasted.length) return;
    // Pasted into an empty "1." or "-" line, a first line without a label takes that line's place and kind.
    const head = pasted[0];
    if (!l.text && (l.kind === 'item' || l.kind === 'bullet') && head.kind === 'para') {
      head.kind = l.kind;
      head.depth = l.depth;
      head.numbering = l.numbering;
    }
    this.change(() => {
      const replace = !l.text && l.kind !== 'section' ? 1 : 0;
      const at = replace ? i : subtreeEnd(this.lines, i);
      this.lines.splice(at, replace, ...pasted);
      announce(`Đã dán ${pasted.length} dòng`);
      return at + pasted.length - 1;
    }, 'end');
  }

  private onKindChange(e: Event): void {
    const s = e.target as HTMLSelectElement;
    if (!s.matches('[data-kind-select]')) return;
    const i = this.index(s);
    if (i < 0) return;
    this.setKind(i, s.value);
  }

  /** Makes line `i` a section, an item with a numbering, a bullet or a paragraph (the toolbar and the kind menu). */
  setKind(i: number, kind: string): void {
    const l = this.lines[i];
    if (!l) return;
    this.change(() => {
      if (kind === 'section') {
        l.depth = 0;
        l.kind = 'section';
      } else if (kind.startsWith('item:')) {
        const numbering = kind.slice(5) as Numbering;
        // The whole list takes the numbering.
        for (const x of this.sameList(i)) x.numbering = numbering;
        l.kind = 'item';
        l.numbering = numbering;
        if (l.depth === 0) l.depth = 1;
      } else {
        l.kind = kind as LineKind;
        if (l.depth === 0) l.depth = 1;
      }
      l.list = undefined;
      l.raw = l.kind === 'para' || l.kind === 'item' || l.kind === 'bullet' ? undefined : l.raw;
      return i;
    }, 'end');
  }

  private sameList(i: number): Line[] {
    const l = this.lines[i];
    if (l.kind !== 'item') return [];
    const out: Line[] = [];
    for (let k = i; k >= 0 && this.lines[k].depth >= l.depth; k--)
      if (this.lines[k].depth === l.depth) {
        if (this.lines[k].kind !== 'item') break;
        out.push(this.lines[k]);
      }
    for (let k = i + 1; k < this.lines.length && this.lines[k].depth >= l.depth; k++)
      if (this.lines[k].depth === l.depth) {
        if (this.lines[k].kind !== 'item') break;
        out.push(this.lines[k]);
      }
    return out;
  }

  /** Inserts a line of a kind after the current one (toolbar). */
  insert(kind: LineKind, extra: Partial<Line> = {}): void {
    const i = this.currentIndex();
    const cur = this.lines[i];
    const depth =
      kind === 'section' ? 0 : Math.max(1, cur ? (isContainer(cur) && cur.kind !== 'section' ? cur.depth : cur.kind === 'section' ? 1 : cur.depth) : 1);
    this.change(() => {
      const at = cur ? (cur.kind === 'section' ? i + 1 : subtreeEnd(this.lines, i)) : this.lines.length;
      this.lines.splice(at, 0, line(kind, depth, '', kind === 'item' ? { numbering: numberingFor(depth), ...extra } : extra));
      return at;
    });
  }

  private onDragStart(e: DragEvent): void {
    const t = e.target as HTMLElement;
    if (!t.classList?.contains('kh-handle')) return;
    const i = this.index(t);
    this.dragging = this.lines[i]?.id;
    e.dataTransfer?.setData('text/plain', '');
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  private onDragOver(e: DragEvent): void {
    if (!this.dragging) return;
    e.preventDefault();
    for (const r of this.el.querySelectorAll('.kh-drop')) r.classList.remove('kh-drop');
    (e.target as HTMLElement).closest?.('.kh-line')?.classList.add('kh-drop');
  }

  private onDrop(e: DragEvent): void {
    if (!this.dragging) return;
    e.preventDefault();
    const from = this.lines.findIndex((l) => l.id === this.dragging);
    const to = this.index(e.target);
    this.dragging = undefined;
    if (from < 0) return;
    this.change(() => moveTo(this.lines, from, to < 0 ? this.lines.length : to, this.spec.root));
  }
}
