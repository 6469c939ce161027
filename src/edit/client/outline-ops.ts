// What the outline editor's keys do to the lines, and the numbers it shows beside them, computed
// as the document model numbers the printed plan (I., 1., 1.1., a), -, +). Pure data.
import { line, subtreeEnd, type Line, type Numbering } from './outline.js';
import { isObj } from './paths.js';
import { alphaMarker, romanNumeral } from '../../model/numbering.js';

/** Lines that can hold lines under them. */
export const isContainer = (l: Line | undefined) => !!l && (l.kind === 'section' || l.kind === 'item' || l.kind === 'bullet');

/** The model's numerals (src/model/numbering.ts, served to the browser as /model/numbering.js). */
export const roman = (n: number) => (n >= 1 && n <= 3999 ? romanNumeral(n) : String(n));

const letter = (n: number) => alphaMarker(n).slice(0, -1);

function itemMarker(style: Numbering, n: number, parent: { style: Numbering; label: string } | undefined): string {
  switch (style) {
    case 'decimal':
      return (parent?.style === 'decimal' ? `${parent.label}.` : '') + `${n}.`;
    case '1.':
      return `${n}.`;
    case '1)':
      return `${n})`;
    case 'alpha':
    case 'a)':
      return `${letter(n)})`;
    case 'a.':
      return `${letter(n)}.`;
    case 'I.':
      return `${roman(n)}.`;
    default:
      return '';
  }
}

interface Level {
  kind: Line['kind'];
  numbering?: Numbering;
  count: number;
  /** Items: the printed number without its final mark, for "1.1." chains. */
  label?: string;
  bullets: number;
}

const num = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The marker printed before each line ("I.", "2.", "1.1.", "a)", "-", "+", or ""). */
export function markers(lines: Line[]): string[] {
  const levels: (Level | undefined)[] = [];
  let sections = 0;
  return lines.map((l) => {
    levels.length = l.depth + 1;
    const parent = levels[l.depth - 1];
    const prev = levels[l.depth];
    const raw = isObj(l.raw) ? l.raw : {};
    const bullets = parent ? parent.bullets + (parent.kind === 'bullet' ? 1 : 0) : 0;
    if (l.kind === 'section') {
      if (num(raw.number)) sections = num(raw.number)! - 1;
      if (!str(raw.marker)) sections++;
      levels[l.depth] = { kind: 'section', count: sections, bullets: 0 };
      return str(raw.marker) ?? `${roman(Math.max(1, sections))}.`;
    }
    if (l.kind === 'item') {
      const style = l.numbering ?? 'decimal';
      const continues = prev?.kind === 'item' && prev.numbering === style && !l.list;
      let n = continues ? prev!.count : (num(l.list?.start) ?? 1) - 1;
      if (num(raw.number)) n = num(raw.number)! - 1;
      const given = str(raw.marker);
      if (!given) n++;
      const p = parent?.kind === 'item' ? { style: parent.numbering ?? 'decimal', label: parent.label ?? '' } : undefined;
      const m = given ?? itemMarker(style, n, p);
      levels[l.depth] = { kind: 'item', numbering: style, count: n, label: m.replace(/[.)]$/, ''), bullets };
      return m;
    }
    levels[l.depth] = { kind: l.kind, count: 0, bullets };
    if (l.kind === 'bullet') return str(raw.marker) ?? str(l.list?.marker) ?? (bullets === 0 ? '-' : '+');
    return '';
  });
}

/** The numbering a new item at `depth` gets: 1. under a section, a) below. */
export const numberingFor = (depth: number): Numbering => (depth <= 1 ? 'decimal' : 'a)');

/**
 * Makes the lines a valid outline: depth 0 only for sections (and sections only at 0 where the
 * outline has sections), never more than one level below the line above, and only under a line
 * that can hold lines. `root` is the shallowest depth (0 with sections, 1 without).
 */
export function normalize(lines: Line[], root: number): Line[] {
  let above: Line | undefined;
  /** The last line seen at each depth: a line's parent is the last one a level up. */
  const last: Line[] = [];
  for (const l of lines) {
    if (root === 0 && !above && l.depth > 0) {
      l.depth = 0;
      l.kind = 'section';
    }
    if (l.depth < root) l.depth = root;
    const max = above ? (isContainer(above) ? above.depth + 1 : above.depth) : root;
    if (l.depth > max) l.depth = max;
    if (root === 0 && l.depth === 0 && l.kind !== 'section') l.kind = 'section';
    if (l.depth > 0 && l.kind === 'section') {
      l.kind = 'item';
      l.numbering = numberingFor(l.depth);
      l.raw = undefined;
    }
    last.length = l.depth + 1;
    last[l.depth] = l;
    // A bullet under a bullet is one of its "+" ideas (its `bullets`), not content of its own.
    if (l.kind === 'bullet') l.sub = last[l.depth - 1]?.kind === 'bullet' ? true : undefined;
    above = l;
  }
  return lines;
}

/**
 * A list line that changed level takes the kind of the list line before it at that level (as the
 * levels of Word's multilevel lists each have their own numbering): an item among a) items is an
 * a) item, a bullet among "1." items a "1." item. With no list line before it, an item takes the
 * level's default numbering; paragraphs stay paragraphs.
 */
function joinLevel(lines: Line[], i: number): void {
  const l = lines[i];
  if (l.kind !== 'item' && l.kind !== 'bullet') return;
  let k = i - 1;
  while (k >= 0 && lines[k].depth > l.depth) k--;
  const beside = k >= 0 && lines[k].depth === l.depth ? lines[k] : undefined;
  if (beside && (beside.kind === 'item' || beside.kind === 'bullet')) {
    l.kind = beside.kind;
    l.numbering = beside.kind === 'item' ? beside.numbering : undefined;
    l.group = beside.group;
  } else {
    if (l.kind === 'item') l.numbering = numberingFor(l.depth);
    l.group = undefined;
  }
  l.list = undefined;
}

/** Moves the line at `i` and its sub-lines one level deeper (Tab); false when there is nothing to go under. */
export function indent(lines: Line[], i: number, root: number): boolean {
  const l = lines[i];
  let k = i - 1;
  while (k >= 0 && lines[k].depth > l.depth) k--;
  const sibling = lines[k];
  if (!sibling || sibling.depth !== l.depth || !isContainer(sibling)) return false;
  const end = subtreeEnd(lines, i);
  for (let j = i; j < end; j++) lines[j].depth++;
  if (l.kind === 'section') {
    l.kind = 'item';
    l.raw = undefined;
    l.key = undefined;
  }
  joinLevel(lines, i);
  normalize(lines, root);
  return true;
}

/** Moves the line at `i` and its sub-lines one level up (Shift+Tab). */
export function outdent(lines: Line[], i: number, root: number): boolean {
  const l = lines[i];
  if (l.depth <= root) return false;
  const end = subtreeEnd(lines, i);
  for (let j = i; j < end; j++) lines[j].depth--;
  if (l.depth === 0) {
    l.kind = 'section';
    l.raw = undefined;
    l.list = undefined;
  } else joinLevel(lines, i);
  normalize(lines, root);
  return true;
}

/** The line Enter makes after `l`: the same kind at the same depth (after a section title, its first item). */
export function nextLine(l: Line, text = ''): Line {
  if (l.kind === 'section') return line('item', 1, text, { numbering: 'decimal' });
  if (l.kind === 'item') return line('item', l.depth, text, { numbering: l.numbering, group: l.group });
  if (l.kind === 'bullet') return line('bullet', l.depth, text, { sub: l.sub, group: l.group });
  return line('para', Math.max(l.depth, 1), text);
}

/** Moves the line at `i` with its sub-lines before the previous sibling (dir -1) or after the next (1). */
export function moveBlock(lines: Line[], i: number, dir: -1 | 1, root: number): number {
  const l = lines[i];
  const end = subtreeEnd(lines, i);
  const block = lines.slice(i, end);
  if (dir < 0) {
    let k = i - 1;
    while (k >= 0 && lines[k].depth > l.depth) k--;
    if (k < 0 || lines[k].depth < l.depth) return i;
    lines.splice(i, block.length);
    lines.splice(k, 0, ...block);
    normalize(lines, root);
    return k;
  }
  if (end >= lines.length || lines[end].depth < l.depth) return i;
  const nextEnd = subtreeEnd(lines, end);
  lines.splice(i, block.length);
  const at = nextEnd - block.length;
  lines.splice(at, 0, ...block);
  normalize(lines, root);
  return at;
}

/** Moves the line at `from` (with its sub-lines) to just before the line at `to` (or to the end), at that line's depth. */
export function moveTo(lines: Line[], from: number, to: number, root: number): number {
  const end = subtreeEnd(lines, from);
  if (to >= from && to < end) return from;
  const block = lines.splice(from, end - from);
  const at = to > from ? to - block.length : to;
  const target = lines[at];
  const shift = (target ? target.depth : root) - block[0].depth;
  for (const b of block) b.depth = Math.max(root, b.depth + shift);
  lines.splice(at, 0, ...block);
  normalize(lines, root);
  return at;
}
