// Footnotes of text copied from a web page: "[1]" (or "*[1]*") in the text, and "[1] …" lines
// at the end of the page. A definition is only taken as one when the text refers to it.
import { type ImportWarning, runsText, type SBlock, type SRun } from '../source.js';
import { parseInline } from './markdown.js';
import type { Line } from './text.js';

export interface Definitions {
  /** Footnote number → its text. */
  text: Map<string, { runs: SRun[]; line: number }>;
  /** Line numbers the definitions take (left out of the body). */
  lines: Set<number>;
}

export function footnoteDefinitions(lines: Line[]): Definitions {
  const out: Definitions = { text: new Map(), lines: new Set() };
  const body = lines.map((l) => l.text).join('\n');
  // Where each line starts in `body`: a definition counts when the text before it refers to it.
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.text.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\[(\d{1,3})\]\s*(.*)$/.exec(lines[i].text);
    if (!m) continue;
    // Referred to before the definition, not at a line start.
    const ref = new RegExp(`\\S\\s*\\*?\\[${m[1]}\\]`);
    if (!ref.test(body.slice(0, starts[i]))) continue;
    const parts = [m[2]];
    out.lines.add(lines[i].n);
    let j = i + 1;
    for (; j < lines.length && lines[j].text.trim() && !/^\s*\[\d{1,3}\]/.test(lines[j].text) && !/^\s*\|/.test(lines[j].text); j++) {
      parts.push(lines[j].text.trim());
      out.lines.add(lines[j].n);
    }
    out.text.set(m[1], { runs: parseInline(parts.join(' ').trim()), line: lines[i].n });
    i = j - 1;
  }
  return out;
}

/** Puts each definition at its reference ("[1]" becomes a footnote run); lists unused ones. */
export function attachFootnotes(blocks: SBlock[], defs: Definitions): ImportWarning[] {
  const used = new Set<string>();
  const visit = (list: SBlock[]) => {
    for (const b of list) {
      if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) visit(c.blocks);
      if (b.kind !== 'p') continue;
      b.runs = b.runs.flatMap((r) => {
        if (r.footnote || !/\[\d{1,3}\]/.test(r.text)) return [r];
        const out: SRun[] = [];
        let rest = r.text;
        for (let m = /\s?\[(\d{1,3})\]/.exec(rest); m; m = /\s?\[(\d{1,3})\]/.exec(rest)) {
          const def = defs.text.get(m[1]);
          if (!def) break;
          used.add(m[1]);
          if (m.index) out.push({ ...r, text: rest.slice(0, m.index) });
          out.push({ text: '', footnote: def.runs });
          rest = rest.slice(m.index + m[0].length);
        }
        if (rest) out.push({ ...r, text: rest });
        return out;
      });
    }
  };
  visit(blocks);
  return [...defs.text]
    .filter(([n]) => !used.has(n))
    .map(([n, d]) => ({
      message: `chú thích [${n}] không tìm thấy chỗ dẫn trong văn bản, đã bỏ qua: "${runsText(d.runs).slice(0, 60)}…".`,
      loc: { line: d.line },
    }));
}
