// A small XML reader for the parts of a DOCX. Parts written by a program are plain XML (no DTD,
// no external entities), so a tokenizer regex and a stack of open elements are enough; anything
// that is not well-formed throws rather than being guessed at.

export interface XEl {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

/** Deepest element nesting read (tables in tables in text boxes stay far below). */
export const MAX_DEPTH = 256;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown XML entity ${m}`);
    return v;
  });
}

// One token per match: comment | processing instruction | CDATA (1) | doctype | end tag (2) |
// start or empty tag (3 name, 4 attributes, 5 "/") | text (6).
const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(src); a; a = ATTR.exec(src)) attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
  return attrs;
}

/** Parses an XML document; throws on anything that is not well-formed enough to read. */
export function parseXml(src: string): XEl {
  const root: XEl = { name: '#document', attrs: {}, children: [] };
  const stack: XEl[] = [root];
  let pos = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(src); m; m = TOKEN.exec(src)) {
    // A gap between tokens is text the tokenizer could not read (e.g. a stray "<").
    if (m.index !== pos) throw new Error(`malformed XML at offset ${pos}: ${JSON.stringify(src.slice(pos, pos + 40))}`);
    pos = TOKEN.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2] !== undefined) {
      if (top.name !== m[2]) throw new Error(`malformed XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const el: XEl = { name: m[3], attrs: parseAttrs(m[4] ?? ''), children: [] };
      top.children.push(el);
      if (!m[5]) stack.push(el);
      // Word nests a few dozen levels at most; the readers walk the tree recursively.
      if (stack.length > MAX_DEPTH) throw new Error(`malformed XML: elements nested deeper than ${MAX_DEPTH}`);
    } else if (m[6] !== undefined) {
      if (stack.length === 1) {
        if (m[6].trim()) throw new Error('malformed XML: text outside the root element');
      } else top.children.push(decodeEntities(m[6]));
    }
  }
  if (pos !== src.length) throw new Error(`malformed XML at offset ${pos}`);
  if (stack.length !== 1) throw new Error(`malformed XML: <${stack[stack.length - 1].name}> is never closed`);
  const els = root.children.filter(isEl);
  if (els.length !== 1) throw new Error('malformed XML: expected one root element');
  return els[0];
}

export const isEl = (n: XNode | undefined): n is XEl => typeof n === 'object' && n !== null;

/** Child elements, optionally only those named `name`. */
export function kids(el: XEl | undefined, name?: string): XEl[] {
  if (!el) return [];
  return el.children.filter((c): c is XEl => isEl(c) && (name === undefined || c.name === name));
}
export function kid(el: XEl | undefined, name: string): XEl | undefined {
  return kids(el, name)[0];
}
/** Descendants named `name`, document order. */
export function all(el: XEl | undefined, name: string): XEl[] {
  const out: XEl[] = [];
  const walk = (e: XEl) => {
    for (const c of e.children)
      if (isEl(c)) {
        if (c.name === name) out.push(c);
        walk(c);
      }
  };
  if (el) walk(el);
  return out;
}
/** Every element name used in a tree. */
export function elementNames(el: XEl): Set<string> {
  const out = new Set<string>();
  const walk = (e: XEl) => {
    out.add(e.name);
    kids(e).forEach(walk);
  };
  walk(el);
  return out;
}
/** All text nodes of a tree, concatenated. */
export function allText(el: XEl): string {
  return el.children.map((c) => (typeof c === 'string' ? c : allText(c))).join('');
}
