// Paragraphs with their source labels → the plan's nested blocks (items, bullets, paragraphs,
// tables). A label opens a list or continues the open list of its kind (so "a)" after "1.2."
// goes back up to the "a)" list); a paragraph without a label belongs to the item above it.
// When the number the model would compute differs from the source's label, the list gets `start`,
// the item `number`, or, failing both, the label itself as `marker`.
import { allBold, allItalic, type ImportWarning, runsText, type SBlock, type SPara, type SRun } from '../source.js';
import { type InlineOut, toInline } from './inline.js';
import { computedMarker, type Label, type LabelKind, NUMBERING, splitLabel, trimEnd } from './labels.js';
import { tableBlock } from './tables.js';

export type Obj = Record<string, unknown>;
export type BlockOut = InlineOut | Obj;

interface Frame {
  kind: LabelKind;
  depth: number;
  /** The list block: { items, numbering } or { bullets }. */
  list: Obj;
  numbering: string;
  count: number;
  current?: Obj;
  printed?: string;
}

/** Warnings found while building, tied to the plan object they concern (turned into paths later). */
export interface Noted extends ImportWarning {
  node?: object;
}

export class TreeBuilder {
  readonly root: BlockOut[] = [];
  private stack: Frame[] = [];
  constructor(
    private readonly notes: Noted[],
    private readonly roman: boolean,
  ) {}

  add(b: SBlock): void {
    if (b.kind === 'table') this.target().push(tableBlock(b, this.notes));
    else if (b.kind === 'break') {
      if (!b.section) this.target().push({ pageBreak: true });
    } else this.paragraph(b);
  }

  /** Where an unlabelled block goes: the blocks of the innermost open item, else the top. */
  private target(): BlockOut[] {
    const top = this.stack[this.stack.length - 1];
    if (!top?.current) return this.root;
    top.current.blocks ??= [];
    return top.current.blocks as BlockOut[];
  }

  private paragraph(p: SPara): void {
    const { label, rest } = splitLabel(p.runs, this.roman);
    // A dash typed in italic with its italic line is text, not one of our bullets (their marks are upright).
    const italicDash = (label?.kind === 'dash' || label?.kind === 'plus') && label.italic && allItalic(rest);
    if (!label || italicDash || !rest.some((r) => r.text.trim() || r.footnote)) {
      if (!runsText(p.runs).trim() && !p.runs.some((r) => r.footnote)) return;
      this.target().push(plainParagraph(p));
      return;
    }
    const frame = this.frameFor(label);
    this.item(frame, label, trimEnd(rest), p);
  }

  private frameFor(label: Label): Frame {
    let k = this.stack.length - 1;
    while (k >= 0 && !(this.stack[k].kind === label.kind && (label.kind !== 'dec' || this.stack[k].depth === label.depth))) k--;
    if (k >= 0) {
      this.stack.length = k + 1;
      return this.stack[k];
    }
    const bulletDepth = this.stack.filter((f) => f.kind === 'dash' || f.kind === 'plus').length;
    let list: Obj;
    let numbering: string;
    if (label.kind === 'dash' || label.kind === 'plus') {
      numbering = 'dash';
      list = { bullets: [] };
      const char = label.kind === 'dash' ? '-' : '+';
      if (char !== (bulletDepth === 0 ? '-' : '+')) list.marker = char;
    } else if (label.kind === 'other') {
      numbering = 'none';
      list = { numbering: 'none', items: [] };
    } else {
      numbering = NUMBERING[label.kind]!;
      list = numbering === 'decimal' ? { items: [] } : { numbering, items: [] };
    }
    this.target().push(list);
    const frame: Frame = { kind: label.kind, depth: label.depth, list, numbering, count: 0 };
    this.stack.push(frame);
    return frame;
  }

  /** The chain of the nearest numbered ancestor, when the model would prefix it ("1.2" for 1.2.1.). */
  private chain(frame: Frame): string | undefined {
    const k = this.stack.indexOf(frame);
    const parent = this.stack
      .slice(0, k)
      .reverse()
      .find((f) => f.numbering !== 'dash');
    return parent?.numbering === 'decimal' && parent.printed ? parent.printed.replace(/[.)]$/, '') : undefined;
  }

  private item(frame: Frame, label: Label, rest: SRun[], p: SPara): void {
    if (frame.numbering === 'dash') {
      const bullet: Obj = { text: toInline(rest) };
      (frame.list.bullets as Obj[]).push(bullet);
      frame.current = bullet;
      return;
    }
    const item: Obj = {};
    if (frame.numbering === 'none') item.marker = label.text;
    else this.number(frame, label, item);
    frame.printed = label.text;
    const text = runsText(rest).trim();
    // A line all in bold is the item's title, unless it is a sentence (a title does not end with ".");
    // a heading style (ours, Word's) says it is one whatever it ends with.
    if (allBold(rest) && text.length <= 300 && (!/[.;]$/.test(text) || /heading/iu.test(p.style ?? ''))) {
      item.title = toInline(rest, { dropBold: true, dropItalic: allItalic(rest) });
      if (allItalic(rest)) item.titleStyle = 'bold-italic';
    } else if (label.italic && allItalic(rest) && !rest.some((r) => r.bold) && text.length <= 300) {
      item.title = toInline(rest, { dropItalic: true });
      item.titleStyle = 'italic';
    } else {
      item.text = toInline(rest);
      const first = rest.find((r) => r.text.trim());
      if (label.bold && !first?.bold) item.boldNumber = true;
    }
    (frame.list.items as Obj[]).push(item);
    frame.current = item;
    if (p.align === 'center' || p.align === 'right')
      this.notes.push({ message: `mục "${label.text} ${short(text)}" căn giữa/phải trong bản gốc; khi in sẽ căn đều như mọi mục.`, loc: p.loc, node: item });
  }

  /** Numbering: as computed, or a list start, an item number, or the source's label as is. */
  private number(frame: Frame, label: Label, item: Obj): void {
    const chain = this.chain(frame);
    const want = label.text;
    if (computedMarker(frame.numbering, frame.count + 1, chain) === want) {
      frame.count++;
      return;
    }
    if (label.value >= 1 && computedMarker(frame.numbering, label.value, chain) === want) {
      if (frame.count === 0 && !(frame.list.items as Obj[]).length) frame.list.start = label.value;
      else item.number = label.value;
      frame.count = label.value;
      return;
    }
    item.marker = want;
  }
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** A paragraph without a label: inline text, or { paragraph, align } when centred or right-aligned. */
export function plainParagraph(p: SPara): BlockOut {
  const inline = toInline(trimEnd(p.runs));
  if (p.align === 'center' || p.align === 'right') return { paragraph: inline, align: p.align };
  return inline;
}

/** Items and bullets written the short way when they hold nothing but their text. */
export function simplify(blocks: BlockOut[]): BlockOut[] {
  return blocks.map((b) => {
    if (typeof b === 'string' || Array.isArray(b)) return b;
    if (Array.isArray(b.items)) b.items = (b.items as Obj[]).map((e) => simplifyEntry(e, false));
    if (Array.isArray(b.bullets)) b.bullets = (b.bullets as Obj[]).map((e) => simplifyEntry(e, true));
    return b;
  });
}

function simplifyEntry(e: Obj, bullet: boolean): BlockOut {
  if (Array.isArray(e.blocks)) {
    const blocks = simplify(e.blocks as BlockOut[]);
    e.blocks = blocks;
    const only = blocks[0];
    // A bullet whose only content is "+" lines: { text, bullets }.
    if (bullet && blocks.length === 1 && typeof only === 'object' && !Array.isArray(only) && Array.isArray(only.bullets) && !only.marker) {
      e.bullets = only.bullets;
      delete e.blocks;
    }
  }
  const keys = Object.keys(e);
  if (keys.length === 1 && keys[0] === 'text') return e.text as BlockOut;
  return e;
}
