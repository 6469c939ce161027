// A tiny XML-like markup parser for template output (see docs/TEMPLATES.md).
// Kept in-house: the markup is a dozen tags, and we need Handlebars' entity set and
// precise line/column errors more than a general XML library.

export interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  line: number;
  column: number;
}
export type Node = Element | string;

export class MarkupError extends Error {
  constructor(
    message: string,
    public readonly line: number,
    public readonly column: number,
    public readonly excerpt: string,
  ) {
    super(`${message} (dòng ${line}, cột ${column} của kết quả mẫu)`);
    this.name = 'MarkupError';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Deepest tag nesting accepted: the built-in templates reach 15 for real plans and about 45 at
 * the schema's 20 levels of lists; the model builder recurses once per tag.
 */
export const MAX_MARKUP_DEPTH = 100;

export function parseMarkup(src: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [], line: 1, column: 1 };
  const stack: Element[] = [root];
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const advanceTo = (j: number) => {
    for (let k = i; k < j; k++) {
      if (src.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    i = j;
  };
  const fail = (msg: string, at = i): never => {
    const ls = src.lastIndexOf('\n', at - 1) + 1;
    const le = src.indexOf('\n', at);
    const l = src.slice(0, at).split('\n').length;
    throw new MarkupError(msg, l, at - ls + 1, src.slice(ls, le < 0 ? undefined : le));
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      stack[stack.length - 1].children.push(decodeEntities(src.slice(i)));
      advanceTo(src.length);
      break;
    }
    if (lt > i) stack[stack.length - 1].children.push(decodeEntities(src.slice(i, lt)));
    advanceTo(lt);
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      if (end < 0) fail('chú thích <!-- không được đóng');
      advanceTo(end + 3);
      continue;
    }
    const gt = src.indexOf('>', i);
    if (gt < 0) fail('thẻ không được đóng bằng ">"');
    const raw = src.slice(i + 1, gt);
    const tagLine = line;
    const tagCol = i - lineStart + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const top = stack[stack.length - 1];
      if (stack.length === 1 || top.name !== name)
        fail(stack.length === 1 ? `thẻ đóng </${name}> thừa` : `gặp </${name}> nhưng <${top.name}> (dòng ${top.line}) chưa đóng`);
      stack.pop();
      advanceTo(gt + 1);
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const m = /^([a-zA-Z][\w-]*)/.exec(body);
    if (!m) fail('tên thẻ không hợp lệ');
    const name = m![1];
    const attrs: Record<string, string> = {};
    const attrRe = /\s+([a-zA-Z][\w-]*)(?:\s*=\s*"([^"]*)")?/g;
    const rest = body.slice(name.length);
    let consumed = 0;
    for (const am of rest.matchAll(attrRe)) {
      if (am.index !== consumed) break;
      attrs[am[1]] = am[2] === undefined ? 'true' : decodeEntities(am[2]);
      consumed = am.index + am[0].length;
    }
    if (rest.slice(consumed).trim()) fail(`thuộc tính không hợp lệ trong <${name}>: "${rest.slice(consumed).trim()}"`);
    const el: Element = { name, attrs, children: [], line: tagLine, column: tagCol };
    stack[stack.length - 1].children.push(el);
    if (!selfClosing && stack.length > MAX_MARKUP_DEPTH) fail(`các thẻ lồng nhau quá ${MAX_MARKUP_DEPTH} cấp`);
    if (!selfClosing) stack.push(el);
    advanceTo(gt + 1);
  }
  if (stack.length > 1) {
    const top = stack[stack.length - 1];
    throw new MarkupError(`thẻ <${top.name}> chưa được đóng`, top.line, top.column, '');
  }
  return root;
}
