// Measuring blocks before pagination: paragraphs become lines, tables become rows of cells
// whose content is a list of positioned lines.
import type { Line } from '../text/linebreak.js';
import { layoutLinesCached } from '../text/line-cache.js';
import type { GlyphRun, ParagraphSpec, RuleLine, TableSpec } from './types.js';

/** One line of a paragraph placed in a column, with its vertical offset. */
export interface Slice {
  /** Top of the slice relative to the start of its content (cell or paragraph). */
  top: number;
  height: number;
  line?: Line;
  /** Left edge of the paragraph box the line belongs to. */
  x: number;
  /** A bottom-border rule drawn inside the slice. */
  rule?: { x1: number; x2: number; dy: number; width: number };
  /** The paragraph whose frame starts with this slice. */
  framed?: MeasuredParagraph;
}

export interface MeasuredParagraph {
  kind: 'paragraph';
  spec: ParagraphSpec;
  lines: Line[];
  /** Height of the border below the last line (space + width). */
  borderHeight: number;
  /** Height of a frame's top edge above the first line (space + width). */
  frameTop: number;
  boxWidth: number;
}

export function measureParagraph(spec: ParagraphSpec, boxWidth: number): MeasuredParagraph {
  const lines = layoutLinesCached(spec, boxWidth);
  const f = spec.frame;
  const borderHeight = spec.borderBottom ? spec.borderBottom.space + spec.borderBottom.width : f ? f.space.bottom + f.width : 0;
  const frameTop = f ? f.space.top + f.width : 0;
  return { kind: 'paragraph', spec, lines, borderHeight, frameTop, boxWidth };
}

/** The four sides of a paragraph frame whose text starts at `top` (absolute coordinates). */
export function frameLines(p: MeasuredParagraph, x: number, top: number, rules: RuleLine[]): void {
  const f = p.spec.frame;
  if (!f) return;
  const w = f.width;
  const x1 = x + p.spec.left - f.space.left - w / 2;
  const x2 = x + p.boxWidth - p.spec.right + f.space.right + w / 2;
  const y1 = top - f.space.top - w / 2;
  const y2 = top + p.lines.reduce((h, l) => h + l.height, 0) + f.space.bottom + w / 2;
  const c = f.color;
  rules.push(
    { x1, y1, x2, y2: y1, width: w, color: c },
    { x1, y1: y2, x2, y2, width: w, color: c },
    { x1, y1, x2: x1, y2, width: w, color: c },
    { x1: x2, y1, x2, y2, width: w, color: c },
  );
}

/** The paragraphs of a cell as a stack of slices (space before/after folded into the offsets). */
export function stackParagraphs(paras: MeasuredParagraph[], x: number): { slices: Slice[]; height: number } {
  const slices: Slice[] = [];
  let y = 0;
  let lastAfter = 0;
  for (const p of paras) {
    y += Math.max(0, p.spec.spaceBefore - lastAfter) + p.frameTop;
    lastAfter = p.spec.spaceAfter;
    p.lines.forEach((line, k) => {
      const last = k === p.lines.length - 1;
      const h = line.height + (last ? p.borderHeight : 0);
      const slice: Slice = { top: y, height: h, line, x };
      if (k === 0 && p.spec.frame) slice.framed = p;
      if (last && p.spec.borderBottom) slice.rule = ruleOf(p, line.height);
      slices.push(slice);
      y += h;
    });
    y += p.spec.spaceAfter;
  }
  return { slices, height: y };
}

function ruleOf(p: MeasuredParagraph, lineHeight: number) {
  const b = p.spec.borderBottom!;
  return { x1: p.spec.left, x2: p.boxWidth - p.spec.right, dy: lineHeight + b.space + b.width / 2, width: b.width };
}

/** Draws one line at (x, top). */
export function drawLine(line: Line, x: number, top: number, out: GlyphRun[]): void {
  const y = top + line.baseline;
  for (const p of line.pieces) {
    // A non-breaking hyphen is drawn (and copied) as the hyphen it stands for; both have one advance.
    const text = p.text.includes('\u2011') ? p.text.replaceAll('\u2011', '-') : p.text;
    out.push({ x: x + p.x, y: y - (p.rise ?? 0), face: p.face, size: p.size, text, spaceExtra: p.spaceExtra, underline: p.underline, color: p.color });
  }
}

export function drawSlice(s: Slice, x: number, top: number, runs: GlyphRun[], rules: RuleLine[]): void {
  if (s.line) drawLine(s.line, x + s.x, top, runs);
  if (s.framed) frameLines(s.framed, x + s.x, top, rules);
  if (s.rule && s.rule.x2 > s.rule.x1) {
    const y = top + s.rule.dy;
    rules.push({ x1: x + s.x + s.rule.x1, y1: y, x2: x + s.x + s.rule.x2, y2: y, width: s.rule.width });
  }
}

// ---- Tables ----

export interface MeasuredCell {
  col: number;
  colSpan: number;
  rowSpan: number;
  x: number;
  width: number;
  slices: Slice[];
  contentHeight: number;
  vAlign: 'top' | 'center';
}

export interface MeasuredRow {
  cells: MeasuredCell[];
  height: number;
  header: boolean;
  cantSplit: boolean;
  /** Kept on the page where the next row starts (a group row with its first child). */
  keepNext: boolean;
}

export interface MeasuredTable {
  kind: 'table';
  spec: TableSpec;
  rows: MeasuredRow[];
  width: number;
}

export function measureTable(spec: TableSpec): MeasuredTable {
  const colX: number[] = [0];
  for (const w of spec.columns) colX.push(colX[colX.length - 1] + w);
  const pad = spec.pad;
  const rows: MeasuredRow[] = spec.rows.map((r) => {
    const cells = r.cells.map((c): MeasuredCell => {
      const x = colX[c.col];
      const width = colX[Math.min(c.col + c.colSpan, spec.columns.length)] - x;
      const inner = width - pad.left - pad.right;
      const stacked = stackParagraphs(
        c.paragraphs.map((p) => measureParagraph(p, inner)),
        0,
      );
      return { col: c.col, colSpan: c.colSpan, rowSpan: c.rowSpan, x, width, slices: stacked.slices, contentHeight: stacked.height, vAlign: c.vAlign };
    });
    const single = cells.filter((c) => c.rowSpan <= 1);
    const content = Math.max(0, ...single.map((c) => c.contentHeight));
    return { cells, height: content + pad.top + pad.bottom + spec.border, header: !!r.header, cantSplit: !!r.cantSplit, keepNext: !!r.keepNext };
  });
  // A vertically merged cell taller than the rows it spans grows its last row (as Word does).
  rows.forEach((row, k) => {
    for (const c of row.cells) {
      if (c.rowSpan <= 1) continue;
      const last = Math.min(rows.length - 1, k + c.rowSpan - 1);
      let h = 0;
      for (let j = k; j <= last; j++) h += rows[j].height;
      const need = c.contentHeight + pad.top + pad.bottom;
      if (need > h) rows[last].height += need - h;
    }
  });
  return { kind: 'table', spec, rows, width: colX[colX.length - 1] };
}
