// The body of a plan as the outline editor shows it: one line per section title, numbered item,
// bullet, paragraph, table or page break, each with a depth (0: section I., 1: its content, …),
// as in Word's multilevel lists. The lines are made from the plan's blocks and turned back into
// blocks; everything the editor does not show (a bullet list's marker, an item's own number, a
// paragraph's alignment) rides along on the line and is written back unchanged.
// Pure data: the tests check that every example and corpus plan comes back identical.
import { inlinePlain } from './inline.js';
import { clone, formatPath, getAt, isObj, parsePath, type Json, type Obj, type Seg } from './paths.js';

export type LineKind = 'section' | 'item' | 'bullet' | 'para' | 'table' | 'pagebreak' | 'opaque';
export type Numbering = 'decimal' | 'alpha' | '1.' | '1)' | 'a)' | 'a.' | 'I.' | 'none';

export interface Line {
  id: string;
  kind: LineKind;
  depth: number;
  /** Plan text (**đậm**, *nghiêng*) of section, item, bullet and paragraph lines. */
  text: string;
  /** Item lines: the numbering of their list. */
  numbering?: Numbering;
  /** The plan's object for the line (item, bullet, paragraph, table, section) as read. */
  raw?: Json;
  /** Which field of an item object holds the text shown. */
  field?: 'title' | 'text' | 'label';
  /** The first line of a list read from the plan: the list's other fields (start, marker, numbering). */
  list?: Obj;
  /** Lines read from one list of the plan share a group: two lists side by side stay two. */
  group?: string;
  /** A bullet reached through its parent bullet's `bullets` (not `blocks`). */
  sub?: boolean;
  /** Sections: the top-level key it was read from ("purposes"), else it is one of `sections`. */
  key?: string;
  /** Sections: position in the order read (to know whether the clerk reordered them). */
  origin?: number;
  /** Sections with a structure of their own (phases, targets …): what the outline cannot edit. */
  locked?: string;
}

let seq = 0;
export const newId = () => `l${++seq}`;

export function line(kind: LineKind, depth: number, text = '', extra: Partial<Line> = {}): Line {
  return { id: newId(), kind, depth, text, ...extra };
}

/** Runs [{ text, bold }] as plan text. */
export function runsText(v: Json): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return '';
  return v
    .map((r) => {
      if (!isObj(r) || typeof r.text !== 'string') return '';
      const mark = (r.bold ? '**' : '') + (r.italic ? '*' : '');
      return mark ? `${mark}${r.text}${mark}` : r.text;
    })
    .join('');
}

const isInline = (b: Json) => typeof b === 'string' || (Array.isArray(b) && b.every((r) => isObj(r) && typeof r.text === 'string'));

function without(o: Obj, ...keys: string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Lines of a list of blocks at `depth`. */
export function blocksToLines(blocks: Json[] | undefined, depth: number, out: Line[] = []): Line[] {
  for (const b of blocks ?? []) {
    if (isInline(b)) out.push(line('para', depth, runsText(b), { raw: b }));
    else if (!isObj(b)) out.push(line('opaque', depth, '', { raw: b }));
    else if ('paragraph' in b) out.push(line('para', depth, runsText(b.paragraph), { raw: b }));
    else if (Array.isArray(b.items)) itemLines(b, depth, out);
    else if (Array.isArray(b.bullets)) bulletLines(b.bullets, depth, out, without(b, 'bullets'), false);
    else if ('table' in b) out.push(line('table', depth, '', { raw: b }));
    else if (b.pageBreak === true) out.push(line('pagebreak', depth, '', { raw: b }));
    else out.push(line('opaque', depth, '', { raw: b }));
  }
  return out;
}

function itemLines(b: Obj, depth: number, out: Line[]): void {
  const numbering = (typeof b.numbering === 'string' ? b.numbering : undefined) as Numbering | undefined;
  const group = newId();
  (b.items as Json[]).forEach((it, i) => {
    const list = i === 0 ? without(b, 'items') : undefined;
    if (isInline(it)) {
      out.push(line('item', depth, runsText(it), { raw: it, numbering, list, group }));
      return;
    }
    const o = isObj(it) ? it : {};
    const field = 'title' in o ? 'title' : 'label' in o && !('text' in o) ? 'label' : 'text';
    out.push(line('item', depth, runsText(o[field] ?? ''), { raw: it, field, numbering, list, group }));
    if (Array.isArray(o.blocks)) blocksToLines(o.blocks, depth + 1, out);
  });
}

function bulletLines(bullets: Json[], depth: number, out: Line[], list: Obj | undefined, sub: boolean): void {
  const group = newId();
  bullets.forEach((bu, i) => {
    const first = i === 0 ? list : undefined;
    if (isInline(bu)) {
      out.push(line('bullet', depth, runsText(bu), { raw: bu, list: first, sub: sub || undefined, group }));
      return;
    }
    const o = isObj(bu) ? bu : {};
    out.push(line('bullet', depth, runsText(o.text ?? ''), { raw: bu, list: first, sub: sub || undefined, group }));
    if (Array.isArray(o.bullets)) bulletLines(o.bullets, depth + 1, out, undefined, true);
    if (Array.isArray(o.blocks)) blocksToLines(o.blocks, depth + 1, out);
  });
}

/** Text of a line as the plan had it, when the clerk did not change it. */
const unchanged = (l: Line, v: Json | undefined) => v !== undefined && runsText(v) === l.text;

function paraBlock(l: Line): Json {
  if (isObj(l.raw) && 'paragraph' in l.raw) return { ...l.raw, paragraph: unchanged(l, l.raw.paragraph) ? l.raw.paragraph : l.text };
  return unchanged(l, l.raw) ? (l.raw as Json) : l.text;
}

function itemBlock(l: Line, children: Json[]): Json | undefined {
  if (isObj(l.raw)) {
    const o: Obj = { ...l.raw };
    const field = l.field ?? 'text';
    if (l.text || unchanged(l, o[field])) o[field] = unchanged(l, o[field]) ? o[field] : l.text;
    else delete o[field];
    if (children.length) o.blocks = children;
    else delete o.blocks;
    return Object.keys(o).length ? o : undefined;
  }
  const text = unchanged(l, l.raw) ? (l.raw as Json) : l.text;
  // An item with content under it is a heading ("1. Mục đích" in bold, its content below).
  if (children.length) return l.text ? { title: text, blocks: children } : { blocks: children };
  return l.text ? text : undefined;
}

function bulletBlock(l: Line, subs: Json[], children: Json[]): Json | undefined {
  const text = unchanged(l, isObj(l.raw) ? l.raw.text : l.raw) ? (isObj(l.raw) ? l.raw.text : l.raw) : l.text;
  if (!isObj(l.raw) && !subs.length && !children.length) return l.text ? (text as Json) : undefined;
  const o: Obj = isObj(l.raw) ? { ...l.raw } : {};
  o.text = text as Json;
  if (subs.length) o.bullets = subs;
  else delete o.bullets;
  if (children.length) o.blocks = children;
  else delete o.blocks;
  return o;
}

/** The index after the line at `i` and everything under it. */
export function subtreeEnd(lines: Line[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j].depth > lines[i].depth) j++;
  return j;
}

/** Where each line's block ends up in the plan ("sections[0].blocks[2].items[1]"), recorded while writing. */
export type PathMap = Map<string, string>;

interface At {
  at: Seg[];
  paths?: PathMap;
}

const here = (ctx: At | undefined, id: string, path: Seg[]) => ctx?.paths?.set(id, formatPath(path));
const under = (ctx: At | undefined, path: Seg[]): At | undefined => (ctx ? { at: path, paths: ctx.paths } : undefined);

/** Blocks of the lines [i, end), the content of a line at `depth - 1`. */
export function linesToBlocks(lines: Line[], i: number, end: number, _depth: number, ctx?: At): Json[] {
  const out: Json[] = [];
  let k = i;
  while (k < end) {
    const l = lines[k];
    // A line deeper than its place allows is read at its own depth (each run consumes its first line).
    if (l.kind === 'item') k = itemRun(lines, k, end, l.depth, out, ctx);
    else if (l.kind === 'bullet') k = bulletRun(lines, k, end, l.depth, out, ctx);
    else {
      const at = [...(ctx?.at ?? []), out.length];
      if (l.kind === 'para' && l.text.trim()) out.push(paraBlock(l));
      else if (l.kind === 'table' || l.kind === 'opaque') out.push(l.raw as Json);
      else if (l.kind === 'pagebreak') out.push(isObj(l.raw) ? l.raw : { pageBreak: true });
      if (l.kind !== 'para' || l.text.trim()) here(ctx, l.id, at);
      k++;
    }
  }
  return out;
}

/** Two list lines from two different lists of the plan (new lines belong to any). */
const otherList = (a: Line, b: Line) => !!a.group && !!b.group && a.group !== b.group;

/** Consecutive items at one depth: one list, split where the plan had two lists or the numbering changes. */
function itemRun(lines: Line[], k: number, end: number, depth: number, out: Json[], ctx?: At): number {
  const first = lines[k];
  const style = first.numbering ?? 'decimal';
  const items: Json[] = [];
  const run: Line[] = [];
  const listAt = [...(ctx?.at ?? []), out.length, 'items'];
  while (k < end && lines[k].kind === 'item' && lines[k].depth === depth) {
    if (run.length && (otherList(run.at(-1)!, lines[k]) || (lines[k].numbering ?? 'decimal') !== style)) break;
    run.push(lines[k]);
    const stop = subtreeEnd(lines, k);
    const at = [...listAt, items.length];
    const item = itemBlock(lines[k], linesToBlocks(lines, k + 1, stop, depth + 1, under(ctx, [...at, 'blocks'])));
    if (item !== undefined) {
      here(ctx, lines[k].id, at);
      items.push(item);
    }
    k = stop;
  }
  if (!items.length) return k;
  // The list's own fields from the plan; its numbering written when it is not the default or was written.
  const list: Obj = { ...(run.find((l) => l.list)?.list ?? {}) };
  if (style !== 'decimal' || 'numbering' in list) list.numbering = style;
  const { numbering, ...rest } = list;
  out.push({ ...rest, items, ...(numbering !== undefined ? { numbering } : {}) } as Json);
  return k;
}

function bulletRun(lines: Line[], k: number, end: number, depth: number, out: Json[], ctx?: At): number {
  const first = lines[k];
  const items = bulletItems(lines, k, end, depth, !!first.sub, under(ctx, [...(ctx?.at ?? []), out.length, 'bullets']));
  if (items.list.length) out.push({ bullets: items.list, ...(first.list ?? {}) });
  return items.next;
}

function bulletItems(lines: Line[], k: number, end: number, depth: number, sub: boolean, ctx?: At): { list: Json[]; next: number } {
  const list: Json[] = [];
  let prev: Line | undefined;
  while (k < end && lines[k].kind === 'bullet' && lines[k].depth === depth && !!lines[k].sub === sub) {
    if (prev && otherList(prev, lines[k])) break;
    prev = lines[k];
    const stop = subtreeEnd(lines, k);
    const at = [...(ctx?.at ?? []), list.length];
    const subs = bulletItems(lines, k + 1, stop, depth + 1, true, under(ctx, [...at, 'bullets']));
    const children = linesToBlocks(lines, subs.next, stop, depth + 1, under(ctx, [...at, 'blocks']));
    const b = bulletBlock(lines[k], subs.list, children);
    if (b !== undefined) {
      here(ctx, lines[k].id, at);
      list.push(b);
    }
    k = stop;
  }
  return { list, next: k };
}

export const SECTION_KINDS = ['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation'] as const;

/** Default titles of the named sections (the templates' wording). */
export const KIND_TITLES: Record<string, string> = {
  purposes: 'Mục đích, yêu cầu',
  content: 'Nội dung',
  phases: 'Thời gian và các đợt thực hiện',
  targets: 'Chỉ tiêu',
  awards: 'Khen thưởng',
  budget: 'Kinh phí',
  implementation: 'Tổ chức thực hiện',
};

/** What the outline shows for the structured part of a named section. */
const LOCKED: Record<string, string> = {
  purposes: 'Mục đích và yêu cầu',
  phases: 'Các đợt thực hiện',
  targets: 'Bảng chỉ tiêu',
  awards: 'Hình thức và tiêu chuẩn khen thưởng',
  implementation: 'Nhiệm vụ của các đơn vị',
};

/** The plan's sections in print order, as the templates' sectionOrder gives them. */
export function sectionsInOrder(plan: Obj): { obj: Obj; key?: string }[] {
  const extras = Array.isArray(plan.sections) ? (plan.sections.filter(isObj) as Obj[]) : [];
  if (!SECTION_KINDS.some((k) => plan[k])) return extras.map((obj) => ({ obj }));
  const out: { obj: Obj; key?: string }[] = [];
  const after = (key: string | undefined) => {
    for (const e of extras) if ((e.after as string | undefined) === key) out.push({ obj: e });
  };
  for (const key of SECTION_KINDS) {
    if (key === 'implementation') after(undefined);
    if (isObj(plan[key])) out.push({ obj: plan[key] as Obj, key });
    after(key);
  }
  return out;
}

/** The kind of a section: its top-level key, its `kind`, or undefined for a free section. */
export const kindOf = (l: Pick<Line, 'key' | 'raw'>) => l.key ?? (isObj(l.raw) && typeof l.raw.kind === 'string' ? l.raw.kind : undefined);

/** Lines of the plan's body. */
export function planToLines(plan: Obj): Line[] {
  const out: Line[] = [];
  sectionsInOrder(plan).forEach(({ obj, key }, origin) => {
    const kind = key ?? (typeof obj.kind === 'string' ? obj.kind : undefined);
    const locked =
      kind && LOCKED[kind] && Object.keys(obj).some((k) => !['title', 'blocks', 'kind', 'number', 'marker', 'after'].includes(k)) ? LOCKED[kind] : undefined;
    out.push(line('section', 0, typeof obj.title === 'string' ? obj.title : '', { raw: obj, key, origin, locked }));
    blocksToLines(Array.isArray(obj.blocks) ? obj.blocks : undefined, 1, out);
  });
  return out;
}

/** Writes the body lines back into the plan (in place); `paths` gets where each line went. */
export function writeBody(plan: Obj, lines: Line[], paths?: PathMap): void {
  const entries: { obj: Obj; key?: string; origin?: number; id: string; sub: Map<string, string> }[] = [];
  for (let i = 0; i < lines.length; ) {
    const l = lines[i];
    const stop = subtreeEnd(lines, i);
    const sub: PathMap = new Map();
    const blocks = linesToBlocks(lines, i + 1, stop, l.depth + 1, { at: ['@', 'blocks'], paths: sub });
    const obj: Obj = isObj(l.raw) ? { ...l.raw } : {};
    if (l.text || !kindOf(l)) obj.title = l.text;
    else delete obj.title;
    if (blocks.length) obj.blocks = blocks;
    else delete obj.blocks;
    entries.push({ obj, key: l.kind === 'section' ? l.key : undefined, origin: l.kind === 'section' ? l.origin : undefined, id: l.id, sub });
    i = stop;
  }
  // Each section's lines were recorded under "@"; now that its place is known, "@" becomes it.
  const place = (e: (typeof entries)[number], at: string) => {
    paths?.set(e.id, at);
    for (const [id, p] of e.sub) paths?.set(id, at + p.slice(1));
  };
  const keyed = entries.some((e) => e.key);
  const inPlace = keyed && entries.length === sectionsInOrder(plan).length && entries.every((e, k) => e.origin === k);
  if (inPlace) {
    for (const e of entries) if (e.key) plan[e.key] = e.obj;
    let n = 0;
    for (const e of entries) place(e, e.key ?? `sections[${n++}]`);
    const free = entries.filter((e) => !e.key).map((e) => e.obj);
    if (free.length) plan.sections = free;
    else delete plan.sections;
    return;
  }
  // Reordered, added or removed sections in a plan written with the named keys: all of them go
  // into `sections`, in the order shown (the format prints `sections` in its own order).
  for (const k of SECTION_KINDS) delete plan[k];
  entries.forEach((e, n) => {
    place(e, `sections[${n}]`);
  });
  const list = entries.map((e) => (e.key ? { kind: e.key, ...e.obj } : without(e.obj, 'after')));
  if (list.length) plan.sections = list;
  else delete plan.sections;
}

/**
 * Section lines take their object again from the plan at the place they were last written: the
 * form editors of a named section's own fields (phases, targets …) write into the plan directly,
 * and the outline writes a section back from its line, so the line must carry what they wrote.
 */
export function refreshSections(lines: Line[], paths: PathMap, plan: Obj): void {
  for (const l of lines) {
    if (l.kind !== 'section') continue;
    const at = paths.get(l.id);
    const cur = at === undefined ? undefined : getAt(plan, parsePath(at));
    if (isObj(cur)) l.raw = clone(cur);
  }
}

/** Lines of a list of blocks that has no sections (an appendix, the paragraphs before the closing). */
export function blocksToOutline(blocks: Json | undefined): Line[] {
  return blocksToLines(Array.isArray(blocks) ? blocks : undefined, 1);
}

/** The blocks of an outline without sections; `at` and `paths` record where each line went. */
export function outlineToBlocks(lines: Line[], at: Seg[] = [], paths?: PathMap): Json[] {
  return linesToBlocks(lines, 0, lines.length, 1, { at, paths });
}

/** Plain text of a line, for matching a clicked paragraph in the preview. */
export const plainOf = (l: Line) => inlinePlain(l.text);
