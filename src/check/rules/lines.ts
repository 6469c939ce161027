// The rule (a short horizontal line) under a header element or the trích yếu, found wherever
// Word users put it: the paragraph's bottom border, an empty paragraph's border under it, a line
// of underscores, or a line shape anchored in a nearby paragraph — in a header table, anywhere in
// the element's column (shapes are often anchored in the next row, the Số / date paragraphs).
import { loadFontSet } from '../../fonts/metrics.js';
import { runsWidthMm, twipsToMm } from '../measure.js';
import type { Para } from '../model.js';
import { segmentsOf, type Segment } from '../segments.js';
import { lineShapes } from '../shapes.js';
import { squash } from '../text.js';
import type { Ctx } from './context.js';

export interface RuleLine {
  kind: 'border' | 'shape' | 'typed';
  /** Length in mm when it can be measured. */
  lengthMm?: number;
}

const hasBorder = (p: Para, side: 'borderBottom' | 'borderTop') => {
  const b = p.props[side];
  return !!b && b.val !== 'none' && b.val !== 'nil' && !/^(FFFFFF|white)$/i.test(b.color ?? '');
};

/** The width a paragraph border spans: the cell's (or the page's) text width less the indents. */
function borderLength(ctx: Ctx, p: Para): number | undefined {
  const indents = (p.props.indLeft ?? 0) + (p.props.indRight ?? 0);
  if (p.cell) return twipsToMm(p.cell.width - p.cell.marginLeft - p.cell.marginRight - indents);
  const s = ctx.doc.sections[0];
  return s ? twipsToMm(s.pageWidth - s.margins.left - s.margins.right - indents) : undefined;
}

/** Paragraphs to search for a drawn line: the element's column of its table (from its row on), else the next few paragraphs. */
function neighbourhood(ctx: Ctx, p: Para, reach: number): Para[] {
  const paras = ctx.loc.paras;
  if (p.cell) {
    const { table, col, row } = p.cell;
    return paras.filter((q) => q.cell?.table === table && q.cell.col === col && q.cell.row >= row && q.cell.row <= row + 1);
  }
  const i = paras.indexOf(p);
  return paras.slice(i, i + reach + 1);
}

/**
 * The rule under `seg`. `side` picks drawn lines outside tables by their horizontal position
 * (a tab-laid header has the agency's line at the left and the tiêu ngữ's at the right).
 */
export function ruleUnder(ctx: Ctx, seg: Segment | Para, opts: { reach?: number; side?: 'left' | 'right' } = {}): RuleLine | undefined {
  const p = 'para' in seg ? seg.para : seg;
  const paras = ctx.loc.paras;
  const i = paras.indexOf(p);
  // Underscores on the next line of the same paragraph or in the next paragraph.
  const pieces = [...segmentsOf(p), ...(paras[i + 1] ? segmentsOf(paras[i + 1]) : [])];
  const at = 'para' in seg ? pieces.indexOf(seg) : -1;
  const typed = pieces.slice(at + 1).find((s) => /^_{4,}$/.test(s.text));
  if (typed) return { kind: 'typed', lengthMm: runsWidthMm(typed.runs, loadFontSet()) };
  if (hasBorder(p, 'borderBottom')) return { kind: 'border', lengthMm: borderLength(ctx, p) };
  // Empty paragraphs right under it, their bottom border, or the next paragraph's top border.
  for (let k = i + 1; k < paras.length && k <= i + 3; k++) {
    const q = paras[k];
    if (q.cell?.el !== p.cell?.el) break;
    if (hasBorder(q, 'borderTop')) return { kind: 'border', lengthMm: borderLength(ctx, q) };
    if (squash(q.text)) break;
    if (hasBorder(q, 'borderBottom')) return { kind: 'border', lengthMm: borderLength(ctx, q) };
  }
  const shapes = neighbourhood(ctx, p, opts.reach ?? 3).flatMap((q) => lineShapes(q.el));
  const sideOf = (off: number | undefined) => (off === undefined ? undefined : off < 75 ? 'left' : 'right');
  const shape = shapes.find((s) => !opts.side || p.cell || sideOf(s.offsetMm) === undefined || sideOf(s.offsetMm) === opts.side);
  return shape ? { kind: 'shape', lengthMm: shape.lengthMm } : undefined;
}
