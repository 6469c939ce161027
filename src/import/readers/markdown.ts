// Inline marks of text copied from a web page or a PDF: **đậm**, *nghiêng*, backslash escapes,
// <br> in table cells, links, HTML entities. Web conversions open and close marks across line
// breaks and around spaces ("**ỦY BAN NHÂN DÂN\n**"), so a star run toggles its format instead of
// following CommonMark's flanking rules; a star with spaces on both sides is kept as typed.
import type { SRun } from '../source.js';

/** A star typed with a backslash: kept out of the mark pairing, put back at the end. */
const STAR = '\uE000';
const STARS = /\uE000/g;

const ENTITIES: Record<string, string> = { nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text → runs with bold/italic from star marks.  */
export function parseInline(input: string): SRun[] {
  const s = decodeEntities(
    input
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/?(?:b|strong)>/gi, '**')
      .replace(/<\/?(?:i|em)>/gi, '*')
      .replace(/\[([^\]]*)\]\((?:[^)\s]+)\)/g, '$1'),
  );
  const runs: SRun[] = [];
  let bold = false;
  let italic = false;
  let text = '';
  const flush = () => {
    if (text) runs.push({ text: text.replace(STARS, '*'), ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
    text = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && /[!-/:-@[-`{-~]/.test(s[i + 1])) {
      text += s[i + 1] === '*' ? STAR : s[i + 1];
      i++;
      continue;
    }
    if (c !== '*') {
      text += c;
      continue;
    }
    let j = i;
    while (s[j] === '*') j++;
    const n = j - i;
    const spaced = /\s/u.test(s[i - 1] ?? ' ') && /\s/u.test(s[j] ?? ' ');
    if (spaced && i > 0 && j < s.length && n === 1) {
      text += '*';
      continue;
    }
    flush();
    if (n >= 2) bold = !bold;
    if (n === 1 || n >= 3) italic = !italic;
    i = j - 1;
  }
  flush();
  return runs;
}

/** Removes markdown heading marks ("## KẾ HOẠCH"): returns the text and whether it was a heading. */
export function stripHeading(line: string): { text: string; heading: boolean } {
  const m = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
  return m ? { text: m[2], heading: true } : { text: line, heading: false };
}
