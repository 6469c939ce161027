// Paragraph and run properties, and how one <w:pPr> or <w:rPr> element changes them. The style
// cascade (styles.ts) applies these one layer at a time, so each function merges onto a base
// instead of building from scratch.
// Units: twips (1/20 pt) for lengths, points for font sizes.
import { kid, kids, type XEl } from './xml.js';

/** OOXML on/off value: present without w:val = on. */
export function onOff(el: XEl | undefined): boolean | undefined {
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
  pageBreakBefore?: boolean;
  /** Tab stops: position (twips from the paragraph's left indent… as Word stores them: from the margin) and kind. */
  tabs?: { pos: number; val: string }[];
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
  /** superscript / subscript / baseline. */
  vertAlign?: string;
}

const ALIGN: Record<string, string> = { both: 'justify', distribute: 'justify', start: 'left', end: 'right', center: 'center', left: 'left', right: 'right' };

/** A border element (w:bottom, w:top, … of w:pBdr or w:tblBorders). */
export function readBorder(el: XEl | undefined): Border | undefined {
  if (!el) return undefined;
  return { val: el.attrs['w:val'], sz: Number(el.attrs['w:sz'] ?? 0), space: Number(el.attrs['w:space'] ?? 0), color: el.attrs['w:color'] };
}

// w:ind and w:spacing merge attribute by attribute, as in Word: a style that sets only
// w:before keeps the w:after inherited from below it.
function applyInd(p: ParaProps, ind: XEl): void {
  const a = ind.attrs;
  if (a['w:left'] ?? a['w:start']) p.indLeft = num(a['w:left'] ?? a['w:start']);
  if (a['w:right'] ?? a['w:end']) p.indRight = num(a['w:right'] ?? a['w:end']);
  // firstLine and hanging are one value with two signs: setting one clears the other.
  if (a['w:firstLine'] !== undefined) {
    p.firstLine = num(a['w:firstLine']);
    p.hanging = undefined;
  }
  if (a['w:hanging'] !== undefined) {
    p.hanging = num(a['w:hanging']);
    p.firstLine = undefined;
  }
}

function applySpacing(p: ParaProps, sp: XEl): void {
  const a = sp.attrs;
  if (a['w:before'] !== undefined) p.before = num(a['w:before']);
  if (a['w:after'] !== undefined) p.after = num(a['w:after']);
  if (a['w:line'] !== undefined) p.line = num(a['w:line']);
  if (a['w:lineRule'] !== undefined) p.lineRule = a['w:lineRule'];
  const auto = a['w:beforeAutospacing'];
  if (auto !== undefined) p.beforeAutospacing = !['0', 'false', 'off'].includes(auto);
}

function applyBorders(p: ParaProps, bdr: XEl): void {
  if (kid(bdr, 'w:bottom')) p.borderBottom = readBorder(kid(bdr, 'w:bottom'));
  if (kid(bdr, 'w:top')) p.borderTop = readBorder(kid(bdr, 'w:top'));
  const left = kid(bdr, 'w:left') ?? kid(bdr, 'w:start');
  const right = kid(bdr, 'w:right') ?? kid(bdr, 'w:end');
  if (left) p.borderLeft = readBorder(left);
  if (right) p.borderRight = readBorder(right);
}

/** Applies a <w:pPr> on top of `base` (attributes of ind/spacing merge one by one, as in Word). */
export function applyPPr(base: ParaProps, pPr: XEl | undefined): ParaProps {
  if (!pPr) return base;
  const p: ParaProps = { ...base };
  const jc = kid(pPr, 'w:jc');
  if (jc) p.align = ALIGN[jc.attrs['w:val']] ?? jc.attrs['w:val'];
  const ind = kid(pPr, 'w:ind');
  if (ind) applyInd(p, ind);
  const sp = kid(pPr, 'w:spacing');
  if (sp) applySpacing(p, sp);
  const flag = (name: string, key: 'keepNext' | 'keepLines' | 'contextualSpacing' | 'pageBreakBefore') => {
    const v = onOff(kid(pPr, name));
    if (v !== undefined) p[key] = v;
  };
  flag('w:keepNext', 'keepNext');
  flag('w:keepLines', 'keepLines');
  flag('w:contextualSpacing', 'contextualSpacing');
  flag('w:pageBreakBefore', 'pageBreakBefore');
  const ol = kid(pPr, 'w:outlineLvl');
  if (ol) p.outlineLvl = Number(ol.attrs['w:val']);
  const bdr = kid(pPr, 'w:pBdr');
  if (bdr) applyBorders(p, bdr);
  if (kid(pPr, 'w:numPr')) p.hasNumbering = true;
  // Tab stops add up through the style chain; a "clear" removes an inherited one.
  const tabs = kid(pPr, 'w:tabs');
  if (tabs) {
    let list = [...(p.tabs ?? [])];
    for (const t of kids(tabs, 'w:tab')) {
      const pos = Number(t.attrs['w:pos']);
      list = list.filter((x) => x.pos !== pos);
      if (t.attrs['w:val'] !== 'clear') list.push({ pos, val: t.attrs['w:val'] });
    }
    p.tabs = list;
  }
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
  const va = kid(rPr, 'w:vertAlign');
  if (va) r.vertAlign = va.attrs['w:val'];
  return r;
}
