// Which template file and line made each element of the document markup, for template authors
// ("this paragraph comes from partials/item.hbs, line 1"). A traced template set is compiled from
// instrumented sources: before every tag a template writes as it is (not one printed by a helper)
// goes a markup comment naming the template and the line, which the markup parser skips, so a
// traced render gives the same document. Lines are unchanged; only columns move, in traced
// renders only.

/** The comment put before a tag: `<!--@kh partials/item.hbs:1-->`. */
export const TRACE_MARK = /<!--@kh ([^:>]+):(\d+)-->/g;

/**
 * A template's source with a trace comment before each opening tag in its own text (outside
 * `{{…}}`, `{{!-- … --}}` and markup comments). `name` is how the comment names the file.
 */
export function traceSource(src: string, name: string): string {
  let out = '';
  let line = 1;
  let i = 0;
  const safeName = name.replace(/[:>]/g, '_');
  while (i < src.length) {
    if (src.startsWith('{{', i)) {
      const close = src.startsWith('{{!--', i) ? src.indexOf('--}}', i) + 4 : src.indexOf('}}', i) + 2;
      const end = close < 2 || close < i ? src.length : close;
      const chunk = src.slice(i, end);
      line += chunk.split('\n').length - 1;
      out += chunk;
      i = end;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      const stop = end < 0 ? src.length : end + 3;
      const chunk = src.slice(i, stop);
      line += chunk.split('\n').length - 1;
      out += chunk;
      i = stop;
      continue;
    }
    const c = src[i];
    if (c === '<' && /[a-zA-Z]/.test(src[i + 1] ?? '')) out += `<!--@kh ${safeName}:${line}-->`;
    if (c === '\n') line++;
    out += c;
    i++;
  }
  return out;
}

export interface TracedElement {
  /** The template file and line that wrote the element's tag. */
  file: string;
  line: number;
  tag: string;
  /** The element's text, markup removed, spaces folded. */
  text: string;
  /** Nesting depth (deeper: a smaller part of the document). */
  depth: number;
}

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENT[e.toLowerCase()] ?? m),
  );

/** Every traced element of a traced render, in document order, with its text. */
export function tracedElements(markup: string): TracedElement[] {
  const out: TracedElement[] = [];
  const open: { el: TracedElement | undefined; tag: string; start: number }[] = [];
  let pending: { file: string; line: number } | undefined;
  const tagRe = /<!--@kh ([^:>]+):(\d+)-->|<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g;
  let text = '';
  for (let m = tagRe.exec(markup), last = 0; m; last = tagRe.lastIndex, m = tagRe.exec(markup)) {
    text += decode(markup.slice(last, m.index));
    if (m[1]) {
      pending = { file: m[1], line: Number(m[2]) };
      continue;
    }
    if (!m[4]) continue;
    if (m[3]) {
      const top = open.pop();
      if (top?.el) top.el.text = text.slice(top.start).replace(/\s+/g, ' ').trim();
      continue;
    }
    const el = pending ? { file: pending.file, line: pending.line, tag: m[4], text: '', depth: open.length } : undefined;
    pending = undefined;
    if (el) out.push(el);
    if (m[4] === 'br') text += ' ';
    if (!m[6]) open.push({ el, tag: m[4], start: text.length });
  }
  return out;
}
