// Plain text pasted into the outline, split into lines by the labels clerks type: "I." sections,
// "1." items, "1.1." and "a)" sub-items, "-" and "+" bullets; other lines are paragraphs under the
// last item. Pure data.
import { line, type Line, type Numbering } from './outline.js';

const ROMAN = /^(?=[IVXLC])(C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3}))\.\s+(.*)$/;

interface Label {
  kind: Line['kind'];
  /** Depth when sections are at 0 and items "1." at 1. */
  level: number;
  numbering?: Numbering;
  text: string;
}

function label(s: string): Label {
  let m = ROMAN.exec(s);
  if (m) return { kind: 'section', level: 0, text: m[4] };
  m = /^\d+\.\d+\.\d+\.?\s+(.*)$/.exec(s);
  if (m) return { kind: 'item', level: 3, numbering: 'decimal', text: m[1] };
  m = /^\d+\.\d+\.?\s+(.*)$/.exec(s);
  if (m) return { kind: 'item', level: 2, numbering: 'decimal', text: m[1] };
  m = /^\d+([.)])\s+(.*)$/.exec(s);
  if (m) return { kind: 'item', level: 1, numbering: m[1] === ')' ? '1)' : 'decimal', text: m[2] };
  m = /^[a-zđ]([).])\s+(.*)$/u.exec(s);
  if (m) return { kind: 'item', level: 2, numbering: m[1] === ')' ? 'a)' : 'a.', text: m[2] };
  m = /^[-–•]\s*(.*)$/.exec(s);
  if (m) return { kind: 'bullet', level: -1, text: m[1] };
  m = /^\+\s*(.*)$/.exec(s);
  if (m) return { kind: 'bullet', level: -2, text: m[1] };
  return { kind: 'para', level: -3, text: s };
}

/**
 * The lines of a pasted text. `root` is the outline's shallowest depth (0 when it has sections);
 * `base` the depth of the item the text is pasted under when it has no section or item labels of
 * its own (its "1." items go one level deeper than `base`).
 */
export function pasteLines(text: string, root: number, base = root): Line[] {
  const rows = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const out: Line[] = [];
  let lastItem = base;
  let lastDash = -1;
  let last: Line | undefined;
  for (const row of rows) {
    const lab = label(row);
    let depth: number;
    if (lab.kind === 'section' && root === 0) depth = 0;
    else if (lab.kind === 'section') depth = root;
    else if (lab.kind === 'item') depth = Math.max(root, (root === 0 ? 0 : root - 1) + lab.level);
    else if (lab.level === -1) depth = lastItem + 1;
    else if (lab.level === -2) depth = (lastDash >= 0 ? lastDash : lastItem + 1) + 1;
    else depth = last?.kind === 'bullet' || last?.kind === 'para' ? last.depth : lastItem + 1;
    depth = Math.max(root, depth);
    const kind = lab.kind === 'section' && root > 0 ? 'item' : lab.kind;
    const l = line(kind, depth, lab.text.replace(/\*/g, '\\*'), kind === 'item' ? { numbering: lab.kind === 'section' ? 'I.' : lab.numbering } : {});
    if (kind === 'section' || kind === 'item') {
      lastItem = depth;
      lastDash = -1;
    }
    if (kind === 'bullet' && lab.level === -1) lastDash = depth;
    out.push(l);
    last = l;
  }
  return out;
}
