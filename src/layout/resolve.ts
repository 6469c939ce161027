// Page description → the layout engine's input: every paragraph's formatting resolved through
// its style (src/presentation/resolve.ts), faces looked up in the font set, colours as RGB.
// A one-to-one mapping, like the DOCX writer's: no numbers about the page are decided here.
import type { FontSet } from '../fonts/metrics.js';
import { StyleSheet } from '../presentation/resolve.js';
import { type Block, NORMAL, type Paragraph, type Presentation, type Section, type Table } from '../presentation/types.js';
import type { BlockSpec, Color, ParagraphSpec, SectionSpec, Span, TableSpec } from './types.js';

/** RRGGBB → RGB components 0–1; black (the default) stays undefined. */
export function rgb(hex: string | undefined): Color | undefined {
  if (!hex || /^0{6}$/.test(hex)) return undefined;
  const n = Number.parseInt(hex, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/**
 * Word's superscript (vertAlign) as LibreOffice sets it when it reads our DOCX: 58 % of the size,
 * the baseline raised by 0.4 of the size (measured on its rendering of footnote references).
 */
export const SUPERSCRIPT = { scale: 0.58, rise: 0.4 };

export class SpecBuilder {
  private readonly sheet: StyleSheet;
  private readonly notes = new Map<number, Paragraph[]>();

  constructor(
    doc: Presentation,
    private readonly fonts: FontSet,
  ) {
    this.sheet = new StyleSheet(doc);
    for (const n of doc.footnotes) this.notes.set(n.id, n.paragraphs);
  }

  /** A superscript number (a footnote's mark) at the size of the text it follows. */
  private mark(n: number, size: number, face: Span['face'], note?: number): Span {
    return { text: String(n), face, size: size * SUPERSCRIPT.scale, rise: size * SUPERSCRIPT.rise, note };
  }

  /** `page` fills page-number fields (the running header); `noteMark` starts a footnote's first paragraph with its number. */
  paragraph(p: Paragraph, page?: number, noteMark?: number): ParagraphSpec {
    const r = this.sheet.paragraph(p);
    const spans: Span[] = [];
    if (noteMark !== undefined) spans.push(this.mark(noteMark, r.mark.size, this.fonts.face(false, false)));
    for (const run of p.runs) {
      const f = this.sheet.run(p, run);
      if (run.footnote !== undefined) {
        spans.push(this.mark(run.footnote, f.size, this.fonts.face(f.bold, f.italic), run.footnote));
        continue;
      }
      const text = run.field === 'page' ? String(page ?? '') : run.text;
      if (!text) continue;
      spans.push({ text, face: this.fonts.face(f.bold, f.italic), size: f.size, underline: f.underline, color: rgb(f.color) });
    }
    const frame = r.frame;
    return {
      kind: 'paragraph',
      spans,
      align: r.align,
      left: r.left,
      right: r.right,
      firstLine: r.firstLine,
      spaceBefore: r.spaceBefore,
      spaceAfter: r.spaceAfter,
      lineSpacing: r.lineSpacing,
      markFace: this.fonts.face(r.mark.bold, r.mark.italic),
      markSize: r.mark.size,
      keepNext: r.keepNext || undefined,
      keepLines: r.keepLines || undefined,
      widowControl: r.widowControl,
      borderBottom: r.borderBottom && { width: r.borderBottom.width, space: r.borderBottom.space, color: rgb(r.borderBottom.color) },
      frame: frame && {
        width: frame.top.width,
        color: rgb(frame.top.color),
        space: { top: frame.top.space, bottom: frame.bottom.space, left: frame.left.space, right: frame.right.space },
      },
    };
  }

  table(t: Table): TableSpec {
    return {
      kind: 'table',
      indent: t.indent,
      columns: t.columns,
      border: t.borders?.width ?? 0,
      pad: t.pad,
      rows: t.rows.map((row) => ({
        header: row.header,
        cantSplit: row.cantSplit,
        keepNext: row.keepNext,
        cells: row.cells.map((c) => ({
          col: c.col,
          colSpan: c.colSpan,
          rowSpan: c.rowSpan,
          vAlign: c.vAlign,
          paragraphs: c.paragraphs.map((p) => this.paragraph(p)),
        })),
      })),
    };
  }

  blocks(list: Block[]): BlockSpec[] {
    return list.flatMap((b): BlockSpec[] => {
      if (b.kind === 'paragraph') return [this.paragraph(b)];
      if (b.kind === 'table') return [this.table(b)];
      // As in Word: the paragraph holding the break continues, empty, at the top of the next page.
      return [{ kind: 'pageBreak' }, this.paragraph({ kind: 'paragraph', style: NORMAL, runs: [] })];
    });
  }

  /** A footnote's paragraphs, the first one starting with the note's number. */
  footnote(id: number): ParagraphSpec[] {
    return (this.notes.get(id) ?? []).map((p, k) => this.paragraph(p, undefined, k === 0 ? id : undefined));
  }

  section(s: Section): SectionSpec {
    const header = s.header;
    return {
      footnote: (id) => this.footnote(id),
      width: s.width,
      height: s.height,
      margins: s.margins,
      headerDistance: s.headerDistance,
      runningHeader: header?.length ? (n) => header.map((p) => this.paragraph(p, s.pageNumberStart + n - 1)) : undefined,
      blocks: this.blocks(s.blocks),
    };
  }
}
