// Small DOM helpers for the editor's browser modules.

type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

/** An element with attributes ("on:click" adds a listener; false/undefined leaves one out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...kids: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on:')) el.addEventListener(k.slice(3), v as EventListener);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}

export const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);

let uid = 0;
/** A unique id for label/for pairs. */
export const nextId = (p = 'kh') => `${p}-${++uid}`;

/** Caret offset (in characters) from the start of an element, or -1 when the selection is elsewhere. */
export function caretOffset(el: HTMLElement): number {
  const sel = getSelection();
  if (!sel?.rangeCount || !el.contains(sel.anchorNode)) return -1;
  const r = sel.getRangeAt(0).cloneRange();
  r.selectNodeContents(el);
  r.setEnd(sel.anchorNode!, sel.anchorOffset);
  return r.toString().length;
}

/** Puts the caret at a character offset inside an element (the end when past it). */
export function setCaret(el: HTMLElement, offset: number): void {
  el.focus();
  const sel = getSelection();
  if (!sel) return;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let left = offset;
  let node = walker.nextNode();
  while (node) {
    const len = (node.nodeValue ?? '').length;
    if (left <= len) {
      sel.collapse(node, left);
      return;
    }
    left -= len;
    node = walker.nextNode();
  }
  const r = document.createRange();
  r.selectNodeContents(el);
  r.collapse(false);
  sel.removeAllRanges();
  sel.addRange(r);
}

/** Whether the caret is on the first (or last) visual line of an element. */
export function caretOnEdgeLine(el: HTMLElement, edge: 'first' | 'last'): boolean {
  const sel = getSelection();
  if (!sel?.rangeCount) return true;
  const rects = sel.getRangeAt(0).getClientRects();
  const box = el.getBoundingClientRect();
  const r = rects[0] ?? sel.getRangeAt(0).getBoundingClientRect();
  if (!r || (r.top === 0 && r.bottom === 0)) return true;
  const lh = parseFloat(getComputedStyle(el).lineHeight) || 20;
  return edge === 'first' ? r.top - box.top < lh * 0.9 : box.bottom - r.bottom < lh * 0.9;
}

export function announce(text: string): void {
  const live = document.getElementById('kh-live');
  if (live) live.textContent = text;
}
