// A line's text as the plan writes it (**đậm**, *nghiêng*, \* a star) and as the editor shows it
// (<b>, <i> in a contenteditable). The plan's form is kept for lines the clerk does not touch.

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

const PUNCT = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);

/** Spans of a plan text: stars that open and close pair up (3 = both), others stay as typed. */
export function parseInline(s: string): Span[] {
  type Tok = { text: string } | { stars: number; open: boolean; close: boolean };
  const toks: Tok[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) text += s[++i];
    else if (c === '*') {
      let j = i;
      while (s[j] === '*') j++;
      if (text) toks.push({ text });
      text = '';
      toks.push({ stars: j - i, open: !isSpace(s[j]), close: !isSpace(s[i - 1]) });
      i = j - 1;
    } else text += c;
  }
  if (text) toks.push({ text });
  const out: Span[] = [];
  let bold = false;
  let italic = false;
  const stack: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if ('text' in t) {
      out.push({ text: t.text, bold: bold || undefined, italic: italic || undefined });
      continue;
    }
    const n = t.stars;
    const closes = t.close && stack.at(-1) === n;
    const opens = t.open && !closes && n <= 3 && toks.slice(k + 1).some((u) => 'stars' in u && u.stars === n && u.close);
    if (closes) stack.pop();
    else if (opens) stack.push(n);
    else {
      out.push({ text: '*'.repeat(n), bold: bold || undefined, italic: italic || undefined });
      continue;
    }
    if (n === 2 || n === 3) bold = !closes;
    if (n === 1 || n === 3) italic = !closes;
  }
  return out;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** HTML for a contenteditable line ("\n" as <br>). */
export function inlineToHtml(s: string): string {
  return parseInline(s)
    .map((sp) => {
      let h = esc(sp.text).replace(/\n/g, '<br>');
      if (sp.italic) h = `<i>${h}</i>`;
      if (sp.bold) h = `<b>${h}</b>`;
      return h;
    })
    .join('');
}

/** Plain text of a plan text (for matching and for labels). */
export function inlinePlain(s: string): string {
  return parseInline(s)
    .map((sp) => sp.text)
    .join('');
}

/** A typed text as plan text: stars and backslashes before punctuation escaped. */
function escapeText(s: string): string {
  return s.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\').replace(/\*/g, '\\*');
}

/** Spans (from the editor) back to plan text; spaces at the edges of a bold or italic run stay outside its stars. */
export function spansToInline(spans: Span[]): string {
  const merged: Span[] = [];
  for (const sp of spans) {
    const last = merged.at(-1);
    if (last && !!last.bold === !!sp.bold && !!last.italic === !!sp.italic) last.text += sp.text;
    else if (sp.text) merged.push({ ...sp });
  }
  return merged
    .map((sp) => {
      const mark = (sp.bold ? '**' : '') + (sp.italic ? '*' : '');
      if (!mark || !sp.text.trim()) return escapeText(sp.text);
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(sp.text)!;
      return `${m[1]}${mark}${escapeText(m[2])}${mark}${m[3]}`;
    })
    .join('');
}

/** The spans of an edited line (DOM): <b>/<strong>/bold weight, <i>/<em>/italic style, <br> as "\n". */
export function domSpans(root: Node): Span[] {
  const out: Span[] = [];
  const walk = (n: Node, bold: boolean, italic: boolean) => {
    if (n.nodeType === 3) {
      out.push({ text: (n.nodeValue ?? '').replace(/\u00a0/g, ' '), bold, italic });
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as HTMLElement;
    const tag = el.tagName;
    if (tag === 'BR') {
      out.push({ text: '\n', bold, italic });
      return;
    }
    const b = bold || tag === 'B' || tag === 'STRONG' || /^(bold|[6-9]00)$/.test(el.style?.fontWeight ?? '');
    const i = italic || tag === 'I' || tag === 'EM' || el.style?.fontStyle === 'italic';
    const block = tag === 'DIV' || tag === 'P';
    if (block && out.length && !out.at(-1)!.text.endsWith('\n')) out.push({ text: '\n', bold, italic });
    for (const c of el.childNodes) walk(c, b, i);
  };
  for (const c of root.childNodes) walk(c, false, false);
  // The <br> a browser keeps at the end of a contenteditable is not a line break.
  while (out.length && out.at(-1)!.text === '\n') out.pop();
  return out;
}
