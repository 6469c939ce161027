// An independent WordprocessingML reader for tests: it imports nothing from src/ (the checker's
// own reader lives there, and a bug in it must not hide a bug in the writer). XML goes through
// fast-xml-parser; formatting is resolved as Word does:
//   paragraph: docDefaults pPr → paragraph style chain (basedOn, root first; the default paragraph
//              style when none is named) → direct pPr;
//   run:       docDefaults rPr → the paragraph's style chain rPr → character style chain (rStyle)
//              → direct rPr.
// Toggle properties (bold, italic, caps) are taken as "the last level that names them wins";
// Word XORs them between style levels, which only matters when two styles both set them (no
// style our writer emits does).
// Units: lengths in twips (1/20 pt) as stored; font sizes in points (half-points / 2).
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

// ------------------------------------------------------------------ XML tree

export interface XEl {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function convert(nodes: any[]): XNode[] {
  const out: XNode[] = [];
  for (const n of nodes) {
    const name = Object.keys(n).find((k) => k !== ':@');
    if (name === undefined) continue;
    if (name === '#text') {
      out.push(String(n[name]));
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(n[':@'] ?? {})) attrs[k] = String(v);
    out.push({ name, attrs, children: convert(n[name] ?? []) });
  }
  return out;
}

/** Parses an XML document; returns its root element. */
export function parseXml(xml: string): XEl {
  const root = convert(parser.parse(xml)).find((n): n is XEl => typeof n === 'object');
  if (!root) throw new Error('XML without a root element');
  return root;
}

const isEl = (n: XNode | undefined): n is XEl => typeof n === 'object' && n !== null;
/** Child elements (optionally of one name). */
export const kids = (el: XEl | undefined, name?: string): XEl[] => (el ? el.children.filter((c): c is XEl => isEl(c) && (!name || c.name === name)) : []);
/** The first child element of a name. */
export const kid = (el: XEl | undefined, name: string): XEl | undefined => kids(el, name)[0];
/** Every descendant element of a name, in document order. */
export function descendants(el: XEl | undefined, name: string): XEl[] {
  const out: XEl[] = [];
  const walk = (e: XEl) => {
    for (const c of kids(e)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return out;
}
/** Names of every element in a tree. */
export function elementNames(el: XEl): Set<string> {
  const out = new Set<string>([el.name]);
  for (const c of kids(el)) for (const n of elementNames(c)) out.add(n);
  return out;
}
const textContent = (el: XEl): string => el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');

const attr = (el: XEl | undefined, name: string): string | undefined => el?.attrs[name];
const num = (el: XEl | undefined, name: string): number | undefined => {
  const v = attr(el, name);
  return v === undefined ? undefined : Number(v);
};
/** ST_OnOff: the element's presence means on unless w:val says 0/false/off. */
const onOff = (el: XEl | undefined): boolean | undefined => (el ? !['0', 'false', 'off'].includes(attr(el, 'w:val') ?? 'true') : undefined);

// ------------------------------------------------------------------ properties

export interface Border {
  val: string;
  /** Eighths of a point. */
  sz?: number;
  /** Points. */
  space?: number;
  color?: string;
}

export interface ParaProps {
  styleId?: string;
  align?: string;
  indLeft?: number;
  indRight?: number;
  firstLine?: number;
  hanging?: number;
  before?: number;
  after?: number;
  beforeAutospacing?: boolean;
  afterAutospacing?: boolean;
  contextualSpacing?: boolean;
  line?: number;
  lineRule?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
  pageBreakBefore?: boolean;
  outlineLvl?: number;
  borders: Partial<Record<'top' | 'bottom' | 'left' | 'right', Border>>;
  numbered?: boolean;
}

export interface RunProps {
  bold?: boolean;
  italic?: boolean;
  caps?: boolean;
  smallCaps?: boolean;
  vanish?: boolean;
  underline?: string;
  /** Points. */
  size?: number;
  fonts: Record<string, string>;
  lang?: string;
  color?: string;
  charStyle?: string;
}

const border = (el: XEl | undefined): Border | undefined =>
  el ? { val: attr(el, 'w:val') ?? 'none', sz: num(el, 'w:sz'), space: num(el, 'w:space'), color: attr(el, 'w:color') } : undefined;

function applyPPr(base: ParaProps, pPr: XEl | undefined): ParaProps {
  if (!pPr) return base;
  const p: ParaProps = { ...base, borders: { ...base.borders } };
  const v = (name: string) => attr(kid(pPr, name), 'w:val');
  if (v('w:pStyle') !== undefined) p.styleId = v('w:pStyle');
  if (v('w:jc') !== undefined)
    p.align = ({ both: 'justify', distribute: 'justify', start: 'left', end: 'right' } as Record<string, string>)[v('w:jc')!] ?? v('w:jc');
  const ind = kid(pPr, 'w:ind');
  if (ind) {
    const left = num(ind, 'w:left') ?? num(ind, 'w:start');
    const right = num(ind, 'w:right') ?? num(ind, 'w:end');
    if (left !== undefined) p.indLeft = left;
    if (right !== undefined) p.indRight = right;
    // firstLine and hanging exclude each other: the one set last wins.
    if (num(ind, 'w:hanging') !== undefined) {
      p.hanging = num(ind, 'w:hanging');
      p.firstLine = 0;
    } else if (num(ind, 'w:firstLine') !== undefined) {
      p.firstLine = num(ind, 'w:firstLine');
      p.hanging = 0;
    }
  }
  const sp = kid(pPr, 'w:spacing');
  if (sp) {
    for (const [k, a] of [
      ['before', 'w:before'],
      ['after', 'w:after'],
      ['line', 'w:line'],
    ] as const)
      if (num(sp, a) !== undefined) p[k] = num(sp, a);
    if (attr(sp, 'w:lineRule') !== undefined) p.lineRule = attr(sp, 'w:lineRule');
    if (attr(sp, 'w:beforeAutospacing') !== undefined)
      p.beforeAutospacing = onOff({ name: '', attrs: { 'w:val': attr(sp, 'w:beforeAutospacing')! }, children: [] });
    if (attr(sp, 'w:afterAutospacing') !== undefined)
      p.afterAutospacing = onOff({ name: '', attrs: { 'w:val': attr(sp, 'w:afterAutospacing')! }, children: [] });
  }
  for (const [k, el] of [
    ['contextualSpacing', 'w:contextualSpacing'],
    ['keepNext', 'w:keepNext'],
    ['keepLines', 'w:keepLines'],
    ['widowControl', 'w:widowControl'],
    ['pageBreakBefore', 'w:pageBreakBefore'],
  ] as const) {
    const o = onOff(kid(pPr, el));
    if (o !== undefined) p[k] = o;
  }
  if (v('w:outlineLvl') !== undefined) p.outlineLvl = Number(v('w:outlineLvl'));
  const bdr = kid(pPr, 'w:pBdr');
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const b = border(kid(bdr, `w:${side}`));
    if (b) p.borders[side] = b;
  }
  if (kid(pPr, 'w:numPr')) p.numbered = true;
  return p;
}

function applyRPr(base: RunProps, rPr: XEl | undefined): RunProps {
  if (!rPr) return base;
  const r: RunProps = { ...base, fonts: { ...base.fonts } };
  for (const [k, el] of [
    ['bold', 'w:b'],
    ['italic', 'w:i'],
    ['caps', 'w:caps'],
    ['smallCaps', 'w:smallCaps'],
    ['vanish', 'w:vanish'],
  ] as const) {
    const o = onOff(kid(rPr, el));
    if (o !== undefined) r[k] = o;
  }
  const sz = num(kid(rPr, 'w:sz'), 'w:val');
  if (sz !== undefined) r.size = sz / 2;
  const f = kid(rPr, 'w:rFonts');
  if (f) for (const [k, val] of Object.entries(f.attrs)) r.fonts[k.replace(/^w:/, '')] = val;
  const lang = attr(kid(rPr, 'w:lang'), 'w:val');
  if (lang !== undefined) r.lang = lang;
  const color = attr(kid(rPr, 'w:color'), 'w:val');
  if (color !== undefined) r.color = color;
  const u = attr(kid(rPr, 'w:u'), 'w:val');
  if (u !== undefined) r.underline = u;
  const rs = attr(kid(rPr, 'w:rStyle'), 'w:val');
  if (rs !== undefined) r.charStyle = rs;
  return r;
}

// ------------------------------------------------------------------ styles

export interface StyleDef {
  id: string;
  type: string;
  name?: string;
  basedOn?: string;
  isDefault: boolean;
  pPr?: XEl;
  rPr?: XEl;
  tblPr?: XEl;
  el: XEl;
}

export class Styles {
  readonly byId = new Map<string, StyleDef>();
  readonly defaultPPr?: XEl;
  readonly defaultRPr?: XEl;

  constructor(root: XEl | undefined) {
    const defaults = kid(root, 'w:docDefaults');
    this.defaultPPr = kid(kid(defaults, 'w:pPrDefault'), 'w:pPr');
    this.defaultRPr = kid(kid(defaults, 'w:rPrDefault'), 'w:rPr');
    for (const s of kids(root, 'w:style')) {
      const id = attr(s, 'w:styleId') ?? '';
      this.byId.set(id, {
        id,
        type: attr(s, 'w:type') ?? 'paragraph',
        name: attr(kid(s, 'w:name'), 'w:val'),
        basedOn: attr(kid(s, 'w:basedOn'), 'w:val'),
        isDefault: onOff({ name: '', attrs: { 'w:val': attr(s, 'w:default') ?? '0' }, children: [] }) ?? false,
        pPr: kid(s, 'w:pPr'),
        rPr: kid(s, 'w:rPr'),
        tblPr: kid(s, 'w:tblPr'),
        el: s,
      });
    }
  }

  defaultOf(type: string): StyleDef | undefined {
    return [...this.byId.values()].find((s) => s.type === type && s.isDefault);
  }

  /** The style and its basedOn ancestors, root first (the type's default style when id is absent). */
  chain(id: string | undefined, type: string): StyleDef[] {
    const out: StyleDef[] = [];
    let s = id !== undefined ? this.byId.get(id) : this.defaultOf(type);
    const seen = new Set<string>();
    while (s && !seen.has(s.id)) {
      seen.add(s.id);
      out.unshift(s);
      s = s.basedOn ? this.byId.get(s.basedOn) : undefined;
    }
    return out;
  }

  /** docDefaults run properties. */
  baseRun(): RunProps {
    return applyRPr({ fonts: {} }, this.defaultRPr);
  }

  /** Run properties with one more w:rPr applied (to resolve a style's own formatting). */
  applyRun(base: RunProps, rPr: XEl | undefined): RunProps {
    return applyRPr(base, rPr);
  }

  /** Paragraph properties with one more w:pPr applied. */
  applyParagraph(base: ParaProps, pPr: XEl | undefined): ParaProps {
    return applyPPr(base, pPr);
  }

  /** docDefaults paragraph properties. */
  baseParagraph(): ParaProps {
    return applyPPr({ borders: {} }, this.defaultPPr);
  }
}

// ------------------------------------------------------------------ document structure

export interface Run {
  text: string;
  props: RunProps;
}

export interface Para {
  el: XEl;
  /** Effective paragraph properties. */
  props: ParaProps;
  /** Effective run properties of the paragraph's style chain (what an empty run would get). */
  styleRun: RunProps;
  /** Effective properties of the paragraph mark (w:pPr/w:rPr). */
  markProps: RunProps;
  /** Text runs (w:t, w:tab as "\t", w:br as "\n", a page break as "\f"), field results included. */
  runs: Run[];
  /** Runs that carry field characters or instructions (no text). */
  fieldRuns: Run[];
  text: string;
  /** Field instructions (w:instrText, w:fldSimple/@w:instr), trimmed. */
  fields: string[];
  cell?: Cell;
  /** This paragraph's w:pPr/w:sectPr closes a section. */
  endsSection: boolean;
}

export interface Cell {
  table: Tbl;
  row: number;
  /** First grid column it covers. */
  col: number;
  gridSpan: number;
  /** "restart", "continue" or undefined. */
  vMerge?: string;
  /** tcW in twips (dxa). */
  width: number;
  marginLeft: number;
  marginRight: number;
  marginTop: number;
  marginBottom: number;
  vAlign?: string;
  borders: Record<string, Border | undefined>;
  paras: Para[];
  items: BodyItem[];
  el: XEl;
}

export interface Row {
  cantSplit: boolean;
  header: boolean;
  /** trHeight in twips and its rule. */
  height?: number;
  heightRule?: string;
  cells: Cell[];
  el: XEl;
}

export interface Tbl {
  el: XEl;
  styleId?: string;
  grid: number[];
  width?: number;
  widthType?: string;
  indent: number;
  layout?: string;
  align?: string;
  borders: Record<string, Border | undefined>;
  cellMargins: { left: number; right: number; top: number; bottom: number };
  rows: Row[];
}

export type BodyItem = { kind: 'p'; p: Para } | { kind: 'tbl'; t: Tbl };

export interface Section {
  pageWidth: number;
  pageHeight: number;
  orient: string;
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number; gutter: number };
  titlePage: boolean;
  /** type → part name ("word/header1.xml"). */
  headers: Record<string, string>;
  footers: Record<string, string>;
  pageNumberStart?: number;
  pageNumberFormat?: string;
  breakType: string;
  /** Index in `body` of the first item of this section. */
  firstItem: number;
  el: XEl;
}

export interface Relationship {
  id: string;
  type: string;
  /** Part name inside the package ("word/header1.xml"). */
  target: string;
  external: boolean;
}

/** Word's default cell margins (left/right 0.08"), used when neither the table nor its style sets them. */
const WORD_CELL_MARGIN = 108;

export class DocxPackage {
  readonly files: Record<string, Uint8Array>;
  readonly styles: Styles;
  readonly body: BodyItem[];
  readonly sections: Section[];
  readonly rels: Record<string, Relationship>;
  readonly settings?: XEl;
  private parsed = new Map<string, XEl>();

  constructor(bytes: Uint8Array) {
    this.files = unzipSync(bytes);
    this.styles = new Styles(this.has('word/styles.xml') ? this.xml('word/styles.xml') : undefined);
    this.rels = this.relsOf('word/document.xml');
    this.settings = this.has('word/settings.xml') ? this.xml('word/settings.xml') : undefined;
    const bodyEl = kid(this.xml('word/document.xml'), 'w:body');
    if (!bodyEl) throw new Error('word/document.xml has no w:body');
    this.body = this.items(bodyEl);
    this.sections = this.readSections(bodyEl);
  }

  /** The footnotes (w:footnote with an id above 0: not the separators), their paragraphs, in id order. */
  footnotes(): { id: number; paras: Para[] }[] {
    if (!this.has('word/footnotes.xml')) return [];
    return kids(this.xml('word/footnotes.xml'), 'w:footnote')
      .filter((f) => Number(f.attrs['w:id']) > 0)
      .map((f) => ({ id: Number(f.attrs['w:id']), paras: kids(f, 'w:p').map((p) => this.paragraph(p)) }))
      .sort((a, b) => a.id - b.id);
  }

  partNames(): string[] {
    return Object.keys(this.files);
  }
  has(part: string): boolean {
    return part in this.files;
  }
  text(part: string): string {
    const f = this.files[part];
    if (!f) throw new Error(`${part} is not in the package`);
    return strFromU8(f);
  }
  xml(part: string): XEl {
    let x = this.parsed.get(part);
    if (!x) {
      x = parseXml(this.text(part));
      this.parsed.set(part, x);
    }
    return x;
  }

  /** Relationships of a part, by id; targets resolved to part names. */
  relsOf(part: string): Record<string, Relationship> {
    const slash = part.lastIndexOf('/');
    const dir = part.slice(0, slash + 1);
    const relsPart = `${dir}_rels/${part.slice(slash + 1)}.rels`;
    const out: Record<string, Relationship> = {};
    if (!this.has(relsPart)) return out;
    for (const r of kids(this.xml(relsPart), 'Relationship')) {
      const external = r.attrs.TargetMode === 'External';
      let target = r.attrs.Target;
      if (!external) {
        const segs = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
        const norm: string[] = [];
        for (const s of segs) s === '..' ? norm.pop() : s !== '.' && norm.push(s);
        target = norm.join('/');
      }
      out[r.attrs.Id] = { id: r.attrs.Id, type: r.attrs.Type.split('/').pop() ?? '', target, external };
    }
    return out;
  }

  /** Text of a core property (docProps/core.xml), e.g. "dc:title". */
  coreProp(name: string): string | undefined {
    if (!this.has('docProps/core.xml')) return undefined;
    const el = kid(this.xml('docProps/core.xml'), name);
    return el ? textContent(el) : undefined;
  }

  // ---- paragraphs

  paragraph(el: XEl, cell?: Cell): Para {
    const pPr = kid(el, 'w:pPr');
    const direct = applyPPr({ borders: {} }, pPr);
    const chain = this.styles.chain(direct.styleId, 'paragraph');
    let props = this.styles.baseParagraph();
    for (const s of chain) props = applyPPr(props, s.pPr);
    props = applyPPr(props, pPr);
    if (props.styleId === undefined && chain.length) props.styleId = chain[chain.length - 1].id;
    let styleRun = this.styles.baseRun();
    for (const s of chain) styleRun = applyRPr(styleRun, s.rPr);
    const runProps = (rPr: XEl | undefined) => {
      let r = styleRun;
      const cs = attr(kid(rPr, 'w:rStyle'), 'w:val');
      if (cs) for (const s of this.styles.chain(cs, 'character')) r = applyRPr(r, s.rPr);
      return applyRPr(r, rPr);
    };
    const runs: Run[] = [];
    const fieldRuns: Run[] = [];
    const fields: string[] = [];
    let instr: string | undefined; // collecting a complex field's instruction
    const walk = (parent: XEl) => {
      for (const c of kids(parent)) {
        if (c.name === 'w:r') {
          const props = runProps(kid(c, 'w:rPr'));
          let text = '';
          let fieldish = false;
          for (const k of kids(c)) {
            if (k.name === 'w:t') text += textContent(k);
            else if (k.name === 'w:tab' || k.name === 'w:ptab') text += '\t';
            else if (k.name === 'w:br') text += attr(k, 'w:type') === 'page' ? '\f' : '\n';
            else if (k.name === 'w:cr') text += '\n';
            else if (k.name === 'w:noBreakHyphen') text += '\u2011';
            else if (k.name === 'w:fldChar') {
              fieldish = true;
              const t = attr(k, 'w:fldCharType');
              if (t === 'begin') instr = '';
              else if ((t === 'separate' || t === 'end') && instr !== undefined) {
                fields.push(instr.trim());
                instr = undefined;
              }
            } else if (k.name === 'w:instrText') {
              fieldish = true;
              instr = (instr ?? '') + textContent(k);
            }
          }
          if (fieldish) fieldRuns.push({ text: '', props });
          if (text) runs.push({ text, props });
        } else if (c.name === 'w:fldSimple') {
          fields.push((attr(c, 'w:instr') ?? '').trim());
          walk(c);
        } else if (['w:hyperlink', 'w:ins', 'w:smartTag', 'w:sdt', 'w:sdtContent', 'w:customXml', 'w:moveTo'].includes(c.name)) walk(c);
      }
    };
    walk(el);
    return {
      el,
      props,
      styleRun,
      markProps: runProps(kid(pPr, 'w:rPr')),
      runs,
      fieldRuns,
      // The text as Word shows it: a non-breaking hyphen prints as a hyphen.
      text: runs
        .map((r) => r.text)
        .join('')
        .replaceAll('\u2011', '-'),
      fields,
      cell,
      endsSection: !!kid(pPr, 'w:sectPr'),
    };
  }

  /** Paragraphs (and tables) of a block container: w:body, w:tc, w:hdr, w:ftr. */
  items(container: XEl, cell?: Cell): BodyItem[] {
    const out: BodyItem[] = [];
    for (const c of kids(container)) {
      if (c.name === 'w:p') out.push({ kind: 'p', p: this.paragraph(c, cell) });
      else if (c.name === 'w:tbl') out.push({ kind: 'tbl', t: this.table(c) });
      else if (c.name === 'w:sdt') out.push(...this.items(kid(c, 'w:sdtContent') ?? c, cell));
    }
    return out;
  }

  /** Every paragraph of the body, tables included (row by row, cell by cell). */
  allParagraphs(): Para[] {
    return flatParagraphs(this.body);
  }

  /** The paragraphs of a header or footer part. */
  partParagraphs(part: string): Para[] {
    return flatParagraphs(this.items(this.xml(part)));
  }

  // ---- tables

  table(el: XEl): Tbl {
    const tblPr = kid(el, 'w:tblPr');
    const styleId = attr(kid(tblPr, 'w:tblStyle'), 'w:val');
    const chainPr = [...this.styles.chain(styleId ?? undefined, 'table').map((s) => s.tblPr), tblPr];
    const borders: Record<string, Border | undefined> = {};
    const margins = { left: WORD_CELL_MARGIN, right: WORD_CELL_MARGIN, top: 0, bottom: 0 };
    let indent = 0;
    let layout: string | undefined;
    let align: string | undefined;
    for (const pr of chainPr) {
      for (const b of kids(kid(pr, 'w:tblBorders'))) borders[b.name.replace(/^w:/, '')] = border(b);
      for (const m of kids(kid(pr, 'w:tblCellMar'))) {
        const side = ({ 'w:start': 'left', 'w:end': 'right' } as Record<string, string>)[m.name] ?? m.name.replace(/^w:/, '');
        if (side in margins) margins[side as keyof typeof margins] = num(m, 'w:w') ?? 0;
      }
      if (kid(pr, 'w:tblInd')) indent = num(kid(pr, 'w:tblInd'), 'w:w') ?? 0;
      if (kid(pr, 'w:tblLayout')) layout = attr(kid(pr, 'w:tblLayout'), 'w:type');
      if (kid(pr, 'w:jc')) align = attr(kid(pr, 'w:jc'), 'w:val');
    }
    const t: Tbl = {
      el,
      styleId,
      grid: kids(kid(el, 'w:tblGrid'), 'w:gridCol').map((g) => num(g, 'w:w') ?? 0),
      width: num(kid(tblPr, 'w:tblW'), 'w:w'),
      widthType: attr(kid(tblPr, 'w:tblW'), 'w:type'),
      indent,
      layout,
      align,
      borders,
      cellMargins: margins,
      rows: [],
    };
    kids(el, 'w:tr').forEach((tr, r) => {
      const trPr = kid(tr, 'w:trPr');
      const row: Row = {
        cantSplit: onOff(kid(trPr, 'w:cantSplit')) ?? false,
        header: onOff(kid(trPr, 'w:tblHeader')) ?? false,
        height: num(kid(trPr, 'w:trHeight'), 'w:val'),
        heightRule: attr(kid(trPr, 'w:trHeight'), 'w:hRule'),
        cells: [],
        el: tr,
      };
      let col = num(kid(trPr, 'w:gridBefore'), 'w:val') ?? 0;
      for (const tc of kids(tr, 'w:tc')) {
        const tcPr = kid(tc, 'w:tcPr');
        const mar = kid(tcPr, 'w:tcMar');
        const m = (side: 'left' | 'right' | 'top' | 'bottom', alt?: string) => {
          const e = kid(mar, `w:${side}`) ?? (alt ? kid(mar, alt) : undefined);
          return e ? (num(e, 'w:w') ?? 0) : margins[side];
        };
        const vm = kid(tcPr, 'w:vMerge');
        const cellBorders: Record<string, Border | undefined> = {};
        for (const b of kids(kid(tcPr, 'w:tcBorders'))) cellBorders[b.name.replace(/^w:/, '')] = border(b);
        const cell: Cell = {
          table: t,
          row: r,
          col,
          gridSpan: num(kid(tcPr, 'w:gridSpan'), 'w:val') ?? 1,
          vMerge: vm ? (attr(vm, 'w:val') ?? 'continue') : undefined,
          width: num(kid(tcPr, 'w:tcW'), 'w:w') ?? 0,
          marginLeft: m('left', 'w:start'),
          marginRight: m('right', 'w:end'),
          marginTop: m('top'),
          marginBottom: m('bottom'),
          vAlign: attr(kid(tcPr, 'w:vAlign'), 'w:val'),
          borders: cellBorders,
          paras: [],
          items: [],
          el: tc,
        };
        cell.items = this.items(tc, cell);
        cell.paras = cell.items.flatMap((i) => (i.kind === 'p' ? [i.p] : []));
        row.cells.push(cell);
        col += cell.gridSpan;
      }
      t.rows.push(row);
    });
    return t;
  }

  // ---- sections

  private readSections(bodyEl: XEl): Section[] {
    const out: Section[] = [];
    let first = 0;
    const top = kids(bodyEl).filter((c) => c.name === 'w:p' || c.name === 'w:tbl' || c.name === 'w:sdt');
    top.forEach((c, k) => {
      const sp = c.name === 'w:p' ? kid(kid(c, 'w:pPr'), 'w:sectPr') : undefined;
      if (sp) {
        out.push(this.section(sp, first));
        first = k + 1;
      }
    });
    const last = kid(bodyEl, 'w:sectPr');
    if (last) out.push(this.section(last, first));
    return out;
  }

  private section(sp: XEl, firstItem: number): Section {
    const pgSz = kid(sp, 'w:pgSz');
    const mar = kid(sp, 'w:pgMar');
    const refs = (name: string) => {
      const out: Record<string, string> = {};
      for (const r of kids(sp, name)) {
        const rel = this.rels[attr(r, 'r:id') ?? ''];
        if (rel) out[attr(r, 'w:type') ?? 'default'] = rel.target;
      }
      return out;
    };
    const m = (k: string) => num(mar, `w:${k}`) ?? 0;
    return {
      pageWidth: num(pgSz, 'w:w') ?? 0,
      pageHeight: num(pgSz, 'w:h') ?? 0,
      orient: attr(pgSz, 'w:orient') ?? 'portrait',
      margins: { top: m('top'), bottom: m('bottom'), left: m('left'), right: m('right'), header: m('header'), footer: m('footer'), gutter: m('gutter') },
      titlePage: onOff(kid(sp, 'w:titlePg')) ?? false,
      headers: refs('w:headerReference'),
      footers: refs('w:footerReference'),
      pageNumberStart: num(kid(sp, 'w:pgNumType'), 'w:start'),
      pageNumberFormat: attr(kid(sp, 'w:pgNumType'), 'w:fmt'),
      breakType: attr(kid(sp, 'w:type'), 'w:val') ?? 'nextPage',
      firstItem,
      el: sp,
    };
  }

  /** The section each top-level body item belongs to. */
  sectionOf(itemIndex: number): Section {
    let s = this.sections[0];
    for (const x of this.sections) if (x.firstItem <= itemIndex) s = x;
    return s;
  }
}

/** Paragraphs of a list of items, descending into table cells (row by row, cell by cell). */
export function flatParagraphs(items: BodyItem[]): Para[] {
  return items.flatMap((i) => (i.kind === 'p' ? [i.p] : i.t.rows.flatMap((r) => r.cells.flatMap((c) => flatParagraphs(c.items)))));
}

export function openDocx(bytes: Uint8Array): DocxPackage {
  return new DocxPackage(bytes);
}

// ------------------------------------------------------------------ units

export const TWIPS_PER_MM = 1440 / 25.4;
export const twipsToMm = (t: number) => t / TWIPS_PER_MM;
export const mmToTwips = (mm: number) => mm * TWIPS_PER_MM;
export const twipsToPt = (t: number) => t / 20;
export const ptToMm = (pt: number) => (pt * 25.4) / 72;
export const mmToPt = (mm: number) => (mm * 72) / 25.4;
