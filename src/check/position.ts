// Where a paragraph falls on the pages, as the clerk will look for it in Word ("trang 2, dòng 14"):
// an estimate from the section geometry, the paragraphs' sizes, spacing and line breaking (Word's
// single line is 1.15 em for Times New Roman; tables take the height of their tallest cell). Good
// to a line or two on typed documents; the quoted text next to it removes any doubt.
import { loadFontSet } from '../fonts/metrics.js';
import type { DocxFile } from './docx-file.js';
import { twipsToMm, wrapLinesMm } from './measure.js';
import type { BodyItem, Para, SectionProps } from './model.js';

export interface Position {
  page: number;
  line: number;
}

const LINE_EM = 1.15;
const PT_PER_MM = 72 / 25.4;

function lineHeightPt(p: Para): number {
  const size = (p.runs.find((r) => r.text.trim()) ?? { props: p.markProps }).props.size ?? 10;
  const line = p.props.line ?? 240;
  const rule = p.props.lineRule ?? 'auto';
  if (rule === 'exact') return line / 20;
  const single = size * LINE_EM;
  return rule === 'atLeast' ? Math.max(single, line / 20) : (single * line) / 240;
}

/** Lines and height (pt) of a paragraph in a column `widthMm` wide. */
function measure(p: Para, widthMm: number) {
  const inner = widthMm - twipsToMm((p.props.indLeft ?? 0) + (p.props.indRight ?? 0));
  const lines = Math.max(1, wrapLinesMm(p.runs, loadFontSet(), Math.max(10, inner)).length);
  const lh = lineHeightPt(p);
  return { lines, lh, before: (p.props.before ?? 0) / 20, after: (p.props.after ?? 0) / 20 };
}

class Pager {
  page = 1;
  y = 0; // pt from the top of the body
  line = 1; // next line number on this page
  constructor(private height: number) {}
  setHeight(h: number) {
    this.height = h;
  }
  newPage() {
    this.page++;
    this.y = 0;
    this.line = 1;
  }
  /** Space after the last paragraph placed (pt): the next one's space before only adds what exceeds it. */
  pendingAfter = 0;
  /** Places `n` lines of `lh`; returns where the first one went. */
  place(n: number, lh: number, before: number): Position {
    // Word documents as LibreOffice lays them out: the larger of the two spacings, not both.
    if (this.y > 0) this.y += Math.max(0, before - this.pendingAfter);
    this.pendingAfter = 0;
    if (this.y + lh > this.height) this.newPage();
    const at = { page: this.page, line: this.line };
    for (let k = 0; k < n; k++) {
      if (this.y + lh > this.height) this.newPage();
      this.y += lh;
      this.line++;
    }
    return at;
  }
}

/** Estimated page and line of every paragraph of the body (tables: each cell's paragraphs from the row's top). */
export function estimatePositions(doc: DocxFile): Map<Para, Position> {
  const out = new Map<Para, Position>();
  const sections = doc.sections;
  let s = 0;
  const geometry = (sec: SectionProps | undefined) => {
    const w = sec ? twipsToMm(sec.pageWidth - sec.margins.left - sec.margins.right) : 165;
    const h = sec ? (sec.pageHeight - sec.margins.top - sec.margins.bottom) / 20 : 257 * PT_PER_MM;
    return { w: Number.isFinite(w) ? w : 165, h: Number.isFinite(h) ? h : 257 * PT_PER_MM };
  };
  let g = geometry(sections[0]);
  const pager = new Pager(g.h);
  const para = (p: Para) => {
    if (p.props.pageBreakBefore) pager.newPage();
    const m = measure(p, g.w);
    out.set(p, pager.place(m.lines, m.lh, m.before));
    pager.y += m.after;
    pager.pendingAfter = m.after;
    if (p.text.includes('\f')) pager.newPage();
    if (p.endsSection) {
      g = geometry(sections[++s]);
      pager.setHeight(g.h);
      if (sections[s]?.breakType !== 'continuous') pager.newPage();
    }
  };
  const walk = (items: BodyItem[]) => {
    for (const b of items) {
      if (b.kind === 'p') para(b.p);
      else for (const r of b.t.rows) row(r.cells);
    }
  };
  const row = (cells: { width: number; paras: Para[]; items: BodyItem[] }[]) => {
    const start = { page: pager.page, y: pager.y, line: pager.line };
    let tallest = 0;
    let lines = 0;
    for (const c of cells) {
      let h = 0;
      let n = 0;
      for (const p of c.paras) {
        const m = measure(p, twipsToMm(c.width) - 3.8);
        out.set(p, { page: start.page, line: start.line + n });
        h += m.before + m.lines * m.lh + m.after;
        n += m.lines;
      }
      tallest = Math.max(tallest, h);
      lines = Math.max(lines, n);
    }
    if (start.y + tallest > g.h && start.y > 0) {
      pager.newPage();
      for (const c of cells)
        for (const p of c.paras) {
          const at = out.get(p)!;
          out.set(p, { page: pager.page, line: at.line - start.line + 1 });
        }
    }
    pager.y += tallest;
    pager.line += lines;
  };
  walk(doc.body);
  return out;
}
