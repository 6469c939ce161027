// Opens a DOCX in memory and reads it the way Word does (used by `kehoach check` and the tests).
//
// A small XML reader (the parts of a DOCX written by a program are plain XML: no DTD,
// no external entities) and a WordprocessingML reader that resolves every paragraph's
// and run's effective formatting through the style chain:
//   docDefaults → table style → paragraph style (basedOn chain) → character style → direct formatting.
// Units: twips (1/20 pt) for lengths, points for font sizes, millimetres where named *Mm.
import { strFromU8, unzipSync } from 'fflate';
import type { FontSet } from '../fonts/metrics.js';

// ---------------------------------------------------------------- XML

export interface XEl {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown XML entity ${m}`);
    return v;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses an XML document; throws on anything that is not well-formed enough to read. */
export function parseXml(src: string): XEl {
  const root: XEl = { name: '#document', attrs: {}, children: [] };
  const stack: XEl[] = [root];
  let pos = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(src); m; m = TOKEN.exec(src)) {
    if (m.index !== pos) throw new Error(`malformed XML at offset ${pos}: ${JSON.stringify(src.slice(pos, pos + 40))}`);
    pos = TOKEN.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2] !== undefined) {
      if (top.name !== m[2]) throw new Error(`malformed XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[4] ?? ''); a; a = ATTR.exec(m[4] ?? '')) attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
      const el: XEl = { name: m[3], attrs, children: [] };
      top.children.push(el);
      if (!m[5]) stack.push(el);
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

// ---------------------------------------------------------------- formatting

/** OOXML on/off value: present without w:val = on. */
function onOff(el: XEl | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return !(v === 'false' || v === '0' || v === 'off' || v === 'none');
}
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

export interface Border {
  val: string;
  /** Eighths of a point. */
  sz: number;
  space: number;
  color?: string;
}

export interface ParaProps {
  styleId?: string;
  /** 'justify' | 'center' | 'left' | 'right' (start/end/both mapped). */
  align?: string;
  indLeft?: number;
  indRight?: number;
  firstLine?: number;
  hanging?: number;
  before?: number;
  after?: number;
  beforeAutospacing?: boolean;
  contextualSpacing?: boolean;
  line?: number;
  lineRule?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  outlineLvl?: number;
  borderBottom?: Border;
  borderTop?: Border;
  borderLeft?: Border;
  borderRight?: Border;
  hasNumbering?: boolean;
}

export interface RunProps {
  bold?: boolean;
  italic?: boolean;
  caps?: boolean;
  smallCaps?: boolean;
  /** Points. */
  size?: number;
  fonts: Record<string, string>;
  lang?: string;
  color?: string;
  underline?: string;
  vanish?: boolean;
}

const ALIGN: Record<string, string> = { both: 'justify', distribute: 'justify', start: 'left', end: 'right', center: 'center', left: 'left', right: 'right' };

function border(el: XEl | undefined): Border | undefined {
  if (!el) return undefined;
  return { val: el.attrs['w:val'], sz: Number(el.attrs['w:sz'] ?? 0), space: Number(el.attrs['w:space'] ?? 0), color: el.attrs['w:color'] };
}

/** Applies a <w:pPr> on top of `base` (attributes of ind/spacing merge one by one, as in Word). */
export function applyPPr(base: ParaProps, pPr: XEl | undefined): ParaProps {
  if (!pPr) return base;
  const p: ParaProps = { ...base };
  const jc = kid(pPr, 'w:jc');
  if (jc) p.align = ALIGN[jc.attrs['w:val']] ?? jc.attrs['w:val'];
  const ind = kid(pPr, 'w:ind');
  if (ind) {
    const a = ind.attrs;
    if (a['w:left'] ?? a['w:start']) p.indLeft = num(a['w:left'] ?? a['w:start']);
    if (a['w:right'] ?? a['w:end']) p.indRight = num(a['w:right'] ?? a['w:end']);
    if (a['w:firstLine'] !== undefined) {
      p.firstLine = num(a['w:firstLine']);
      p.hanging = undefined;
    }
    if (a['w:hanging'] !== undefined) {
      p.hanging = num(a['w:hanging']);
      p.firstLine = undefined;
    }
  }
  const sp = kid(pPr, 'w:spacing');
  if (sp) {
    const a = sp.attrs;
    if (a['w:before'] !== undefined) p.before = num(a['w:before']);
    if (a['w:after'] !== undefined) p.after = num(a['w:after']);
    if (a['w:line'] !== undefined) p.line = num(a['w:line']);
    if (a['w:lineRule'] !== undefined) p.lineRule = a['w:lineRule'];
    const auto = a['w:beforeAutospacing'];
    if (auto !== undefined) p.beforeAutospacing = !['0', 'false', 'off'].includes(auto);
  }
  const flag = (name: string, key: 'keepNext' | 'keepLines' | 'contextualSpacing') => {
    const v = onOff(kid(pPr, name));
    if (v !== undefined) p[key] = v;
  };
  flag('w:keepNext', 'keepNext');
  flag('w:keepLines', 'keepLines');
  flag('w:contextualSpacing', 'contextualSpacing');
  const ol = kid(pPr, 'w:outlineLvl');
  if (ol) p.outlineLvl = Number(ol.attrs['w:val']);
  const bdr = kid(pPr, 'w:pBdr');
  if (bdr) {
    if (kid(bdr, 'w:bottom')) p.borderBottom = border(kid(bdr, 'w:bottom'));
    if (kid(bdr, 'w:top')) p.borderTop = border(kid(bdr, 'w:top'));
    const left = kid(bdr, 'w:left') ?? kid(bdr, 'w:start');
    const right = kid(bdr, 'w:right') ?? kid(bdr, 'w:end');
    if (left) p.borderLeft = border(left);
    if (right) p.borderRight = border(right);
  }
  if (kid(pPr, 'w:numPr')) p.hasNumbering = true;
  return p;
}

/** Applies a <w:rPr> on top of `base`. Theme font attributes override explicit names, as in Word. */
export function applyRPr(base: RunProps, rPr: XEl | undefined): RunProps {
  if (!rPr) return base;
  const r: RunProps = { ...base, fonts: { ...base.fonts } };
  const flag = (name: string, key: 'bold' | 'italic' | 'caps' | 'smallCaps' | 'vanish') => {
    const v = onOff(kid(rPr, name));
    if (v !== undefined) r[key] = v;
  };
  flag('w:b', 'bold');
  flag('w:i', 'italic');
  flag('w:caps', 'caps');
  flag('w:smallCaps', 'smallCaps');
  flag('w:vanish', 'vanish');
  const sz = kid(rPr, 'w:sz');
  if (sz) r.size = Number(sz.attrs['w:val']) / 2;
  const f = kid(rPr, 'w:rFonts');
  if (f) {
    for (const slot of ['ascii', 'hAnsi', 'cs', 'eastAsia']) {
      const theme = f.attrs[`w:${slot}Theme`];
      if (theme !== undefined) r.fonts[slot] = `theme:${theme}`;
      else if (f.attrs[`w:${slot}`] !== undefined) r.fonts[slot] = f.attrs[`w:${slot}`];
    }
  }
  const lang = kid(rPr, 'w:lang');
  if (lang?.attrs['w:val']) r.lang = lang.attrs['w:val'];
  const color = kid(rPr, 'w:color');
  if (color) r.color = color.attrs['w:themeColor'] ? `theme:${color.attrs['w:themeColor']}` : color.attrs['w:val'];
  const u = kid(rPr, 'w:u');
  if (u) r.underline = u.attrs['w:val'] ?? 'single';
  return r;
}

// ---------------------------------------------------------------- styles

export interface StyleDef {
  id: string;
  type: string;
  name?: string;
  basedOn?: string;
  pPr?: XEl;
  rPr?: XEl;
  tblPr?: XEl;
  isDefault: boolean;
  el: XEl;
}

export class Styles {
  readonly byId = new Map<string, StyleDef>();
  readonly defaultPPr?: XEl;
  readonly defaultRPr?: XEl;
  constructor(readonly root: XEl) {
    const dd = kid(root, 'w:docDefaults');
    this.defaultPPr = kid(kid(dd, 'w:pPrDefault'), 'w:pPr');
    this.defaultRPr = kid(kid(dd, 'w:rPrDefault'), 'w:rPr');
    for (const s of kids(root, 'w:style')) {
      const id = s.attrs['w:styleId'];
      if (this.byId.has(id)) throw new Error(`style ${id} is defined twice`);
      this.byId.set(id, {
        id,
        type: s.attrs['w:type'],
        name: kid(s, 'w:name')?.attrs['w:val'],
        basedOn: kid(s, 'w:basedOn')?.attrs['w:val'],
        pPr: kid(s, 'w:pPr'),
        rPr: kid(s, 'w:rPr'),
        tblPr: kid(s, 'w:tblPr'),
        isDefault: s.attrs['w:default'] === '1' || s.attrs['w:default'] === 'true',
        el: s,
      });
    }
  }
  defaultOf(type: string): StyleDef | undefined {
    return [...this.byId.values()].find((s) => s.type === type && s.isDefault);
  }
  /** The style and its ancestors, root first. */
  chain(id: string | undefined, type: string): StyleDef[] {
    const out: StyleDef[] = [];
    let s = id !== undefined ? this.byId.get(id) : this.defaultOf(type);
    if (!s) s = this.defaultOf(type);
    const seen = new Set<string>();
    while (s && !seen.has(s.id)) {
      seen.add(s.id);
      out.unshift(s);
      s = s.basedOn ? this.byId.get(s.basedOn) : undefined;
    }
    return out;
  }
  baseRun(): RunProps {
    return applyRPr({ fonts: {}, size: 10 /* OOXML default: 10 pt */ }, this.defaultRPr);
  }
}

// ---------------------------------------------------------------- document

export interface Run {
  text: string;
  props: RunProps;
  el: XEl;
}

export interface Para {
  el: XEl;
  props: ParaProps;
  /** Run properties given by the styles alone (docDefaults → paragraph style chain). */
  styleRun: RunProps;
  /** Properties of the paragraph mark (for empty paragraphs) with style formatting. */
  markProps: RunProps;
  /** Runs carrying text (or a field result). */
  runs: Run[];
  /** Runs that begin a field (their formatting applies to the field result). */
  fieldRuns: Run[];
  /** Visible text: w:t, tabs as "\t", breaks as "\n"; field codes excluded. */
  text: string;
  /** Field instructions in this paragraph (e.g. "PAGE"). */
  fields: string[];
  /** Set when the paragraph is in a table cell. */
  cell?: Cell;
  /** Set when this paragraph ends a section (all sections but the last). */
  endsSection: boolean;
}

export interface Cell {
  table: Tbl;
  row: number;
  col: number;
  /** Width in twips. */
  width: number;
  marginLeft: number;
  marginRight: number;
  paras: Para[];
  el: XEl;
}

export interface Row {
  cantSplit: boolean;
  /** Repeated at the top of each page (w:tblHeader). */
  header: boolean;
  cells: Cell[];
  el: XEl;
}

export interface Tbl {
  el: XEl;
  grid: number[];
  width?: number;
  widthType?: string;
  indent: number;
  rows: Row[];
  borders: Record<string, Border | undefined>;
  styleId?: string;
}

export type BodyItem = { kind: 'p'; p: Para } | { kind: 'tbl'; t: Tbl };

export interface SectionProps {
  pageWidth: number;
  pageHeight: number;
  orient?: string;
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number; gutter: number };
  titlePage: boolean;
  headers: Record<string, string>; // type → part name ("word/header1.xml")
  footers: Record<string, string>;
  pageNumberStart?: number;
  /** How the section starts: nextPage (default), continuous, evenPage, oddPage. */
  breakType: string;
  el: XEl;
}

export class DocxFile {
  readonly files: Record<string, Uint8Array>;
  readonly styles: Styles;
  readonly document: XEl;
  readonly rels: Record<string, { type: string; target: string }>;
  readonly settings?: XEl;
  readonly core?: XEl;
  readonly body: BodyItem[];
  readonly sections: SectionProps[];

  constructor(buf: Uint8Array) {
    this.files = unzipSync(buf);
    this.styles = new Styles(this.xml('word/styles.xml'));
    this.document = this.xml('word/document.xml');
    this.rels = {};
    for (const r of kids(this.xml('word/_rels/document.xml.rels'), 'Relationship')) {
      const target = r.attrs.Target.startsWith('/') ? r.attrs.Target.slice(1) : `word/${r.attrs.Target}`;
      this.rels[r.attrs.Id] = { type: r.attrs.Type.split('/').pop()!, target };
    }
    this.settings = this.has('word/settings.xml') ? this.xml('word/settings.xml') : undefined;
    this.core = this.has('docProps/core.xml') ? this.xml('docProps/core.xml') : undefined;
    const body = kid(this.document, 'w:body');
    if (!body) throw new Error('document.xml has no w:body');
    this.body = this.blocks(body);
    this.sections = [...all(body, 'w:sectPr')].map((s) => this.section(s));
  }

  has(name: string): boolean {
    return name in this.files;
  }
  text(name: string): string {
    const f = this.files[name];
    if (!f) throw new Error(`${name} is missing from the package`);
    return strFromU8(f);
  }
  xml(name: string): XEl {
    return parseXml(this.text(name));
  }
  partNames(): string[] {
    return Object.keys(this.files);
  }

  private section(s: XEl): SectionProps {
    const sz = kid(s, 'w:pgSz');
    const mar = kid(s, 'w:pgMar');
    const m = (k: string) => Number(mar?.attrs[`w:${k}`] ?? NaN);
    const refs = (name: string) => {
      const out: Record<string, string> = {};
      for (const r of kids(s, name)) out[r.attrs['w:type'] ?? 'default'] = this.rels[r.attrs['r:id']]?.target;
      return out;
    };
    const pg = kid(s, 'w:pgNumType');
    return {
      pageWidth: Number(sz?.attrs['w:w']),
      pageHeight: Number(sz?.attrs['w:h']),
      orient: sz?.attrs['w:orient'],
      margins: { top: m('top'), bottom: m('bottom'), left: m('left'), right: m('right'), header: m('header'), footer: m('footer'), gutter: m('gutter') },
      titlePage: onOff(kid(s, 'w:titlePg')) ?? false,
      headers: refs('w:headerReference'),
      footers: refs('w:footerReference'),
      pageNumberStart: pg?.attrs['w:start'] !== undefined ? Number(pg.attrs['w:start']) : undefined,
      breakType: kid(s, 'w:type')?.attrs['w:val'] ?? 'nextPage',
      el: s,
    };
  }

  /** Body-level paragraphs and tables, document order. */
  private blocks(container: XEl, tableStyle?: string): BodyItem[] {
    const out: BodyItem[] = [];
    for (const c of kids(container)) {
      if (c.name === 'w:p') out.push({ kind: 'p', p: this.para(c, tableStyle) });
      else if (c.name === 'w:tbl') out.push({ kind: 'tbl', t: this.table(c) });
      else if (c.name === 'w:sdt') out.push(...this.blocks(kid(c, 'w:sdtContent') ?? c, tableStyle));
    }
    return out;
  }

  /** Paragraphs of any XML part (headers, footers), resolved against the styles. */
  paragraphsOf(part: XEl): Para[] {
    return all(part, 'w:p').map((p) => this.para(p));
  }

  para(el: XEl, tableStyle?: string): Para {
    const pPr = kid(el, 'w:pPr');
    const styleId = kid(pPr, 'w:pStyle')?.attrs['w:val'];
    let props: ParaProps = applyPPr({}, this.styles.defaultPPr);
    let run = this.styles.baseRun();
    if (tableStyle !== undefined) {
      for (const s of this.styles.chain(tableStyle, 'table')) {
        props = applyPPr(props, s.pPr);
        run = applyRPr(run, s.rPr);
      }
    }
    const chain = this.styles.chain(styleId, 'paragraph');
    for (const s of chain) {
      props = applyPPr(props, s.pPr);
      run = applyRPr(run, s.rPr);
    }
    props = applyPPr(props, pPr);
    props.styleId = chain[chain.length - 1]?.id;
    const markProps = applyRPr(run, kid(pPr, 'w:rPr'));
    const styleRun = run;
    const runs: Run[] = [];
    const fieldRuns: Run[] = [];
    const fields: string[] = [];
    const visit = (node: XEl) => {
      for (const r of kids(node)) {
        if (r.name === 'w:r') {
          const rPr = kid(r, 'w:rPr');
          let rp = run;
          const rStyle = kid(rPr, 'w:rStyle')?.attrs['w:val'];
          if (rStyle) for (const s of this.styles.chain(rStyle, 'character')) rp = applyRPr(rp, s.rPr);
          rp = applyRPr(rp, rPr);
          let text = '';
          let begins = false;
          for (const c of kids(r)) {
            if (c.name === 'w:t') text += allText(c);
            else if (c.name === 'w:tab') text += '\t';
            else if (c.name === 'w:br' || c.name === 'w:cr') text += c.attrs['w:type'] === 'page' ? '\f' : '\n';
            else if (c.name === 'w:noBreakHyphen') text += '-';
            else if (c.name === 'w:instrText') fields[fields.length - 1] = (fields[fields.length - 1] ?? '') + allText(c);
            else if (c.name === 'w:fldChar' && c.attrs['w:fldCharType'] === 'begin') {
              begins = true;
              fields.push('');
            }
          }
          if (begins) fieldRuns.push({ text, props: rp, el: r });
          if (text) runs.push({ text, props: rp, el: r });
        } else if (r.name === 'w:fldSimple') {
          fields.push(r.attrs['w:instr'] ?? '');
          const before = runs.length;
          visit(r);
          if (runs.length === before) fieldRuns.push({ text: '', props: run, el: r });
        } else if (r.name === 'w:hyperlink' || r.name === 'w:smartTag' || r.name === 'w:ins' || r.name === 'w:customXml') visit(r);
        else if (r.name === 'w:sdt') visit(kid(r, 'w:sdtContent') ?? r);
      }
    };
    visit(el);
    return {
      el,
      props,
      styleRun,
      markProps,
      runs,
      fieldRuns,
      endsSection: !!kid(pPr, 'w:sectPr'),
      text: runs.map((r) => r.text).join(''),
      fields: fields.map((f) => f.trim()),
    };
  }

  private table(el: XEl): Tbl {
    const tblPr = kid(el, 'w:tblPr');
    const styleId = kid(tblPr, 'w:tblStyle')?.attrs['w:val'];
    const styleChain = this.styles.chain(styleId, 'table');
    // Cell margins: table style chain, then the table's own tblCellMar, then each cell's tcMar.
    const mar = { left: 108, right: 108 }; // Word's default 0.19 cm
    const applyMar = (m: XEl | undefined) => {
      if (!m) return;
      const l = kid(m, 'w:left') ?? kid(m, 'w:start');
      const r = kid(m, 'w:right') ?? kid(m, 'w:end');
      if (l) mar.left = Number(l.attrs['w:w']);
      if (r) mar.right = Number(r.attrs['w:w']);
    };
    for (const s of styleChain) applyMar(kid(s.tblPr, 'w:tblCellMar'));
    applyMar(kid(tblPr, 'w:tblCellMar'));
    const borders: Record<string, Border | undefined> = {};
    for (const s of [...styleChain.map((s) => s.tblPr), tblPr]) for (const b of kids(kid(s, 'w:tblBorders'))) borders[b.name.replace('w:', '')] = border(b);
    const tblW = kid(tblPr, 'w:tblW');
    const t: Tbl = {
      el,
      grid: kids(kid(el, 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w'])),
      width: tblW ? Number(tblW.attrs['w:w']) : undefined,
      widthType: tblW?.attrs['w:type'],
      indent: Number(kid(tblPr, 'w:tblInd')?.attrs['w:w'] ?? 0),
      rows: [],
      borders,
      styleId: styleChain[styleChain.length - 1]?.id,
    };
    kids(el, 'w:tr').forEach((tr, ri) => {
      const trPr = kid(tr, 'w:trPr');
      const row: Row = { cantSplit: onOff(kid(trPr, 'w:cantSplit')) ?? false, header: onOff(kid(trPr, 'w:tblHeader')) ?? false, cells: [], el: tr };
      let col = 0;
      for (const tc of kids(tr, 'w:tc')) {
        const tcPr = kid(tc, 'w:tcPr');
        const span = Number(kid(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1);
        const m = { ...mar };
        const tcMar = kid(tcPr, 'w:tcMar');
        if (tcMar) {
          const l = kid(tcMar, 'w:left') ?? kid(tcMar, 'w:start');
          const r = kid(tcMar, 'w:right') ?? kid(tcMar, 'w:end');
          if (l) m.left = Number(l.attrs['w:w']);
          if (r) m.right = Number(r.attrs['w:w']);
        }
        const gridWidth = t.grid.slice(col, col + span).reduce((a, b) => a + b, 0);
        const tcW = kid(tcPr, 'w:tcW');
        const cell: Cell = {
          table: t,
          row: ri,
          col,
          width: tcW && tcW.attrs['w:type'] === 'dxa' ? Number(tcW.attrs['w:w']) : gridWidth,
          marginLeft: m.left,
          marginRight: m.right,
          paras: [],
          el: tc,
        };
        for (const item of this.blocks(tc, t.styleId)) if (item.kind === 'p') cell.paras.push({ ...item.p, cell });
        row.cells.push(cell);
        col += span;
      }
      t.rows.push(row);
    });
    return t;
  }

  /** Every paragraph in the body, including those in tables, document order. */
  allParagraphs(): Para[] {
    const out: Para[] = [];
    for (const b of this.body) {
      if (b.kind === 'p') out.push(b.p);
      else for (const r of b.t.rows) for (const c of r.cells) out.push(...c.paras);
    }
    return out;
  }

  /** Header and footer parts referenced by any section. */
  headerFooterParts(): string[] {
    return [...new Set(this.sections.flatMap((s) => [...Object.values(s.headers), ...Object.values(s.footers)]))];
  }

  coreProp(name: string): string | undefined {
    const el = this.core && kid(this.core, name);
    return el ? allText(el) : undefined;
  }
}

export function openDocx(buf: Uint8Array): DocxFile {
  return new DocxFile(buf);
}

// ---------------------------------------------------------------- measuring

export const TWIPS_PER_MM = 1440 / 25.4;
export const twipsToMm = (t: number) => t / TWIPS_PER_MM;
export const mmToTwips = (mm: number) => mm * TWIPS_PER_MM;
export const ptToMm = (pt: number) => (pt * 25.4) / 72;

/** Width in mm of runs as laid out on one line (caps applied). */
export function runsWidthMm(runs: { text: string; props: RunProps }[], fonts: FontSet): number {
  let pt = 0;
  for (const r of runs) {
    const text = r.props.caps ? r.text.toLocaleUpperCase('vi-VN') : r.text;
    pt += fonts.face(!!r.props.bold, !!r.props.italic).width(text, r.props.size ?? 10);
  }
  return ptToMm(pt);
}

/**
 * Greedy line breaking at spaces, as Word does for a centred paragraph, returning each line's
 * width in mm (trailing spaces excluded). Explicit breaks ("\n") start a new line.
 */
export function wrapLinesMm(runs: { text: string; props: RunProps }[], fonts: FontSet, maxMm: number): number[] {
  type Piece = { w: number; space: boolean; brk: boolean };
  const pieces: Piece[] = [];
  for (const r of runs) {
    const face = fonts.face(!!r.props.bold, !!r.props.italic);
    const size = r.props.size ?? 10;
    const text = r.props.caps ? r.text.toLocaleUpperCase('vi-VN') : r.text;
    for (const ch of text) {
      if (ch === '\n') pieces.push({ w: 0, space: false, brk: true });
      else pieces.push({ w: ptToMm(face.width(ch, size)), space: ch === ' ', brk: false });
    }
  }
  // Group into words with the spaces before them.
  const words: { pre: number; w: number; brk: boolean }[] = [];
  let pre = 0;
  let cur: { pre: number; w: number; brk: boolean } | undefined;
  for (const p of pieces) {
    if (p.brk) {
      words.push({ pre: 0, w: 0, brk: true });
      cur = undefined;
      pre = 0;
    } else if (p.space) {
      pre += p.w;
      cur = undefined;
    } else {
      if (!cur) {
        cur = { pre, w: 0, brk: false };
        words.push(cur);
        pre = 0;
      }
      cur.w += p.w;
    }
  }
  const lines: number[] = [];
  let line = -1;
  for (const w of words) {
    if (w.brk) {
      lines.push(Math.max(line, 0));
      line = -1;
    } else if (line < 0) line = w.w;
    else if (line + w.pre + w.w <= maxMm + 1e-6) line += w.pre + w.w;
    else {
      lines.push(line);
      line = w.w;
    }
  }
  if (line >= 0) lines.push(line);
  return lines;
}

/** Normalises whitespace (incl. no-break spaces) to single spaces and trims. */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
