// Style resolution: where a paragraph's and a run's effective formatting comes from, in Word's order
//   docDefaults → table style → paragraph style (basedOn chain) → character style → direct formatting.
// Each layer is applied with applyPPr/applyRPr, so a layer only overrides what it sets.
import { applyPPr, applyRPr, type ParaProps, type RunProps } from './formatting.js';
import { kid, kids, type XEl } from './xml.js';

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

/** The style definitions of word/styles.xml. */
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
  /** The style and its ancestors, root first. An unknown id falls back to the type's default style, as in Word. */
  chain(id: string | undefined, type: string): StyleDef[] {
    const out: StyleDef[] = [];
    let s = id !== undefined ? this.byId.get(id) : this.defaultOf(type);
    if (!s) s = this.defaultOf(type);
    const seen = new Set<string>(); // a basedOn loop must not hang the reader
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

export interface ParagraphFormatting {
  /** Effective paragraph properties (styleId = the resolved paragraph style). */
  props: ParaProps;
  /** Run properties given by the styles alone (docDefaults → table style → paragraph style chain). */
  styleRun: RunProps;
  /** Properties of the paragraph mark: the style run plus the mark's own <w:rPr>. */
  markProps: RunProps;
}

/**
 * A paragraph's formatting from its <w:pPr>: docDefaults, then the table style when the paragraph
 * is in a table cell, then its paragraph style chain, then its direct formatting.
 */
export function paragraphFormatting(styles: Styles, pPr: XEl | undefined, tableStyle?: string): ParagraphFormatting {
  const styleId = kid(pPr, 'w:pStyle')?.attrs['w:val'];
  let props: ParaProps = applyPPr({}, styles.defaultPPr);
  let run = styles.baseRun();
  if (tableStyle !== undefined) {
    for (const s of styles.chain(tableStyle, 'table')) {
      props = applyPPr(props, s.pPr);
      run = applyRPr(run, s.rPr);
    }
  }
  const chain = styles.chain(styleId, 'paragraph');
  for (const s of chain) {
    props = applyPPr(props, s.pPr);
    run = applyRPr(run, s.rPr);
  }
  props = applyPPr(props, pPr);
  props.styleId = chain[chain.length - 1]?.id;
  return { props, styleRun: run, markProps: applyRPr(run, kid(pPr, 'w:rPr')) };
}

/** A run's formatting: the paragraph's style run, then its character style chain, then its direct formatting. */
export function runFormatting(styles: Styles, styleRun: RunProps, rPr: XEl | undefined): RunProps {
  let rp = styleRun;
  const rStyle = kid(rPr, 'w:rStyle')?.attrs['w:val'];
  if (rStyle) for (const s of styles.chain(rStyle, 'character')) rp = applyRPr(rp, s.rPr);
  return applyRPr(rp, rPr);
}
