// Plan text → document markup. A clerk types **đậm**, *nghiêng* and ^[chú thích] (a footnote);
// a backslash before a punctuation mark types that mark itself (\* is a star). A marker that
// opens nothing or closes nothing is printed as typed — text is never dropped.
import { Lru } from '../util/lru.js';
import { Handlebars } from './runtime.js';

const { escapeExpression } = Handlebars;

type Token =
  | { kind: 'text'; text: string }
  /** A run of stars; `open`/`close` say whether it may open or close emphasis. */
  | { kind: 'stars'; n: number; open: boolean; close: boolean; tag?: { pos: 'open' | 'close'; n: number; partner: number } }
  | { kind: 'footnote'; body: string };

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const PUNCT = /[!-/:-@[-`{-~]/;

/** The end of a footnote body opened at `from` (the index after "^["): its balancing "]", or -1. */
function footnoteEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `footnotes`: false inside a footnote, where "^[" is printed as typed (no note in a note). */
function tokenize(s: string, footnotes: boolean): Token[] {
  const out: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) {
      text += s[++i];
    } else if (c === '*') {
      let j = i;
      while (s[j] === '*') j++;
      flush();
      out.push({ kind: 'stars', n: j - i, open: !isSpace(s[j]), close: !isSpace(s[i - 1]) });
      i = j - 1;
    } else if (footnotes && c === '^' && s[i + 1] === '[' && footnoteEnd(s, i + 2) > 0) {
      const end = footnoteEnd(s, i + 2);
      flush();
      out.push({ kind: 'footnote', body: s.slice(i + 2, end) });
      i = end;
    } else text += c;
  }
  flush();
  return out;
}

/** Pairs star runs of equal length (1 = italic, 2 = bold, 3 = both), innermost first. */
function pairStars(tokens: Token[]): void {
  const openers: number[] = [];
  tokens.forEach((t, k) => {
    if (t.kind !== 'stars' || t.n > 3) return;
    if (t.close) {
      for (let o = openers.length - 1; o >= 0; o--) {
        const op = tokens[openers[o]] as Extract<Token, { kind: 'stars' }>;
        if (op.n !== t.n) continue;
        op.tag = { pos: 'open', n: t.n, partner: k };
        t.tag = { pos: 'close', n: t.n, partner: openers[o] };
        openers.length = o; // openers inside the pair can no longer close outside it
        return;
      }
    }
    if (t.open) openers.push(k);
  });
}

/** Emphasis inside emphasis kept (real text: 2, bold in italic); deeper pairs print as typed. */
const MAX_EMPHASIS = 8;

/**
 * Unpairs the stars nested deeper than MAX_EMPHASIS: "*a **b *c **d …" could otherwise nest
 * tags thousands deep. Pairs are properly nested (pairStars drops openers inside a pair).
 */
function limitEmphasis(tokens: Token[]): void {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'stars' || !t.tag) continue;
    if (t.tag.pos === 'close') depth--;
    else if (depth < MAX_EMPHASIS) depth++;
    else {
      delete (tokens[t.tag.partner] as Extract<Token, { kind: 'stars' }>).tag;
      delete t.tag;
    }
  }
}

const OPEN = ['', '<i>', '<b>', '<b><i>'];
const CLOSE = ['', '</i>', '</b>', '</i></b>'];

/**
 * Inline text as markup: escaped, with <b>, <i>, <fn> and <br/> for its markers and line breaks.
 * A footnote's own text has no footnotes (Word has no notes in notes): its "^[" stays as typed,
 * so this recurses once at most, however the brackets nest.
 */
export function inlineToMarkup(s: string, footnotes = true): string {
  // Remembered: a batch renders the same texts row after row, a live preview keystroke after keystroke.
  return (footnotes ? withNotes : withoutNotes).remember(s, () => markupOf(s, footnotes));
}

/** Texts remembered (per kind); those unused for a while are forgotten. */
const withNotes = new Lru<string, string>(2000);
const withoutNotes = new Lru<string, string>(2000);

/** Forgets every text (clearTemplateMemos). */
export function clearInlineMemo(): void {
  withNotes.clear();
  withoutNotes.clear();
}

function markupOf(s: string, footnotes: boolean): string {
  const tokens = tokenize(s, footnotes);
  pairStars(tokens);
  limitEmphasis(tokens);
  return tokens
    .map((t) => {
      if (t.kind === 'text') return escapeExpression(t.text).replace(/\n/g, '<br/>');
      if (t.kind === 'footnote') return `<fn>${inlineToMarkup(t.body, false)}</fn>`;
      if (!t.tag) return '*'.repeat(t.n);
      return t.tag.pos === 'open' ? OPEN[t.tag.n] : CLOSE[t.tag.n];
    })
    .join('');
}
