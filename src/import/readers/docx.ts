// DOCX → the neutral intermediate (source.ts), through the reader `kehoach check` already has
// (src/check/): paragraphs with their resolved formatting, tables with grid spans, section
// breaks. Only what check does not need is read here: vertical merges, footnote references and
// their text, page breaks for locations.
import { openDocx } from '../../check/wordml.js';
import type { DocxFile } from '../../check/docx-file.js';
import type { BodyItem, Para, Tbl } from '../../check/model.js';
import { all, kid, kids, type XEl } from '../../check/xml.js';
import { Numbering } from './docx-numbering.js';
import type { Align, ImportWarning, Loc, SBlock, SCell, SPara, SRow, SRun, SourceDoc, STable } from '../source.js';

interface Ctx {
  doc: DocxFile;
  numbering: Numbering;
  notes: Map<string, SRun[]>;
  para: number;
  page: number;
  /** Word saved the page breaks it rendered: pages can be told. */
  pages: boolean;
}

export function readDocx(buf: Uint8Array, file: string): SourceDoc {
  const doc = openDocx(buf);
  const ctx: Ctx = {
    doc,
    numbering: new Numbering(doc),
    notes: footnotes(doc),
    para: 0,
    page: 1,
    pages: doc.text('word/document.xml').includes('lastRenderedPageBreak'),
  };
  const blocks = items(ctx, doc.body, true);
  const notes: ImportWarning[] = [];
  const boxes = doc.textBoxParagraphs().filter((p) => p.text.trim());
  if (boxes.length)
    notes.push({
      message: `có ${boxes.length} đoạn trong khung chữ (text box) không được đưa vào kế hoạch: "${short(boxes.map((p) => p.text).join(' / '))}".`,
    });
  const s = doc.sections[0];
  const mm = (tw: number) => Math.round((tw / 56.7) * 10) / 10;
  const margins =
    s && Number.isFinite(s.margins.top)
      ? { top: mm(s.margins.top), bottom: mm(s.margins.bottom), left: mm(s.margins.left), right: mm(s.margins.right) }
      : undefined;
  return { file, format: 'docx', blocks, notes, margins, boxes: boxes.map((p) => ({ kind: 'p', runs: p.runs.map(toRun), loc: {} })) };
}

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** Footnote id → its text (word/footnotes.xml), the separators left out. */
function footnotes(doc: DocxFile): Map<string, SRun[]> {
  const out = new Map<string, SRun[]>();
  if (!doc.has('word/footnotes.xml')) return out;
  for (const fn of kids(doc.xml('word/footnotes.xml'), 'w:footnote')) {
    if (fn.attrs['w:type'] && fn.attrs['w:type'] !== 'normal') continue;
    const runs = doc.paragraphsOf(fn).flatMap((p, k) => [...(k ? [{ text: '\n' }] : []), ...p.runs.map(toRun)]);
    if (runs.length) runs[0] = { ...runs[0], text: runs[0].text.replace(/^\s+/, '') };
    out.set(
      fn.attrs['w:id'],
      runs.filter((r) => r.text),
    );
  }
  return out;
}

function toRun(r: Para['runs'][number]): SRun {
  const p = r.props;
  // A lone no-break space is our writer's (or Word's) way to keep two words together; runs of them are blanks to fill in.
  let text = r.text.replace(/\t/g, ' ').replace(/(?<!\u00a0)\u00a0(?!\u00a0)/g, ' ');
  if (p.caps) text = text.toLocaleUpperCase('vi-VN');
  const out: SRun = { text };
  if (p.bold) out.bold = true;
  if (p.italic) out.italic = true;
  if (p.underline && p.underline !== 'none') out.underline = true;
  if (p.size) out.size = p.size;
  return out;
}

function items(ctx: Ctx, list: BodyItem[], top: boolean): SBlock[] {
  const out: SBlock[] = [];
  let section = 0;
  for (const b of list) {
    if (b.kind === 'tbl') {
      out.push(table(ctx, b.t));
      continue;
    }
    out.push(...paragraph(ctx, b.p));
    if (top && b.p.endsSection) {
      section++;
      const next = ctx.doc.sections[section];
      ctx.page++;
      out.push({ kind: 'break', section: true, landscape: !!next && (next.orient === 'landscape' || next.pageWidth > next.pageHeight), loc: loc(ctx) });
    }
  }
  return out;
}

const loc = (ctx: Ctx): Loc => (ctx.pages ? { para: ctx.para, page: ctx.page } : { para: ctx.para });

/** One w:p: its runs in order with footnote references where they stand; a page break splits it. */
function paragraph(ctx: Ctx, p: Para): SBlock[] {
  ctx.para++;
  if (p.props.pageBreakBefore) ctx.page++;
  const here = loc(ctx);
  const runs = runsWithNotes(ctx, p);
  // Word's automatic numbering prints a label that is not in the text: put it there.
  const label = ctx.numbering.empty ? '' : ctx.numbering.label(p);
  if (label) runs.unshift({ text: label, ...(runs[0]?.bold ? { bold: true } : {}), ...(runs[0]?.italic ? { italic: true } : {}) });
  if (ctx.pages && all(p.el, 'w:lastRenderedPageBreak').length) ctx.page += all(p.el, 'w:lastRenderedPageBreak').length;
  const base: Omit<SPara, 'runs'> = { kind: 'p', align: p.props.align as Align | undefined, loc: here };
  const style = p.props.styleId ? ctx.doc.styles.byId.get(p.props.styleId)?.name : undefined;
  if (style) base.style = style;
  if (p.props.indLeft) base.indent = p.props.indLeft / 20;
  // A page break inside the paragraph ("\f") starts a new page, as in Word.
  const out: SBlock[] = [];
  let cur: SRun[] = [];
  for (const r of runs) {
    const parts = r.text.split('\f');
    parts.forEach((t, k) => {
      if (k > 0) {
        out.push({ ...base, runs: cur }, { kind: 'break', loc: here });
        ctx.page++;
        cur = [];
      }
      if (t || r.footnote) cur.push({ ...r, text: t });
    });
  }
  out.push({ ...base, runs: cur });
  return out.filter((b) => b.kind !== 'p' || b.runs.length || out.length === 1);
}

/** The paragraph's runs, with a footnote run at each w:footnoteReference. */
function runsWithNotes(ctx: Ctx, p: Para): SRun[] {
  if (!ctx.notes.size) return p.runs.filter((r) => !r.props.vanish).map(toRun);
  const byEl = new Map<XEl, Para['runs']>();
  for (const r of p.runs) byEl.set(r.el, [...(byEl.get(r.el) ?? []), r]);
  const out: SRun[] = [];
  for (const el of all(p.el, 'w:r')) {
    for (const r of byEl.get(el) ?? []) if (!r.props.vanish) out.push(toRun(r));
    const ref = kid(el, 'w:footnoteReference');
    if (ref) out.push({ text: '', footnote: ctx.notes.get(ref.attrs['w:id']) ?? [] });
  }
  return out;
}

function table(ctx: Ctx, t: Tbl): STable {
  const here = loc(ctx);
  const rows: SRow[] = [];
  // The cell each grid column's vertical merge started in.
  const open = new Map<number, SCell>();
  for (const r of t.rows) {
    const row: SRow = { cells: [], ...(r.header ? { header: true } : {}) };
    for (const c of r.cells) {
      const tcPr = kid(c.el, 'w:tcPr');
      const span = Number(kid(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1);
      const vm = kid(tcPr, 'w:vMerge');
      const blocks: (SPara | STable)[] = c.items.flatMap((i): (SPara | STable)[] =>
        i.kind === 'p' ? paragraph(ctx, i.p).filter((b): b is SPara => b.kind === 'p') : [table(ctx, i.t)],
      );
      const above = open.get(c.col);
      if (vm && vm.attrs['w:val'] !== 'restart' && above) {
        above.rowSpan++;
        // Text typed in a merged-away cell is kept with the merged cell.
        above.blocks.push(...blocks.filter((b) => b.kind === 'table' || b.runs.some((x) => x.text.trim())));
        continue;
      }
      const cell: SCell = { blocks, colSpan: span, rowSpan: 1 };
      if (vm) open.set(c.col, cell);
      else open.delete(c.col);
      row.cells.push(cell);
    }
    rows.push(row);
  }
  return { kind: 'table', rows, grid: t.grid.length ? t.grid : undefined, loc: here };
}
