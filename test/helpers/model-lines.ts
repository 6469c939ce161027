// A document model as comparable lines: every paragraph with its style, printed marker and runs
// (bold, italic, footnotes), tables row by row with spans and the alignment a cell ends up with,
// the header band, title, closing and appendices. Two models with the same lines print the same
// text with the same numbering, formats and table shapes.
import { NUMERIC } from '../../src/presentation/body.js';
import type { Block, DocumentModel, Paragraph, Run } from './render.js';

const runs = (rs: Run[]): string =>
  rs
    .map((r) => `${r.bold ? '**' : ''}${r.italic ? '_' : ''}${r.text}${r.footnote ? `^[${runs(r.footnote)}]` : ''}${r.italic ? '_' : ''}${r.bold ? '**' : ''}`)
    .join('');

const para = (p: Paragraph) => `${p.style}|${p.marker ?? ''}${p.markerBold ? 'B' : ''}${p.markerItalic ? 'I' : ''}|${runs(p.runs)}`;

function blocks(bs: Block[], out: string[]): void {
  for (const b of bs) {
    if (b.kind === 'paragraph') out.push(para(b));
    else if (b.kind === 'pageBreak') out.push('PAGE BREAK');
    else {
      out.push(`TABLE ${b.columns.length} columns, size ${b.fontSize ?? '-'}`);
      for (const r of b.rows)
        out.push(
          `ROW${r.header ? ' header' : ''} ${r.cells
            .map((c) => {
              const text = c.blocks.map((p) => runs(p.runs)).join(' / ');
              const align = text.trim()
                ? (c.align ?? (r.header || NUMERIC.test(c.blocks.map((p) => p.runs.map((x) => x.text).join('')).join(' ')) ? 'center' : 'left'))
                : '';
              return `[${c.colSpan ?? 1}x${c.rowSpan ?? 1} ${align}] ${text}`;
            })
            .join(' | ')}`,
        );
    }
  }
}

export function modelLines(m: DocumentModel): string[] {
  const out: string[] = [];
  if (m.header) out.push(`HEADER ${JSON.stringify(m.header)}`);
  out.push(`TITLE ${JSON.stringify(m.title)}`);
  blocks(m.body, out);
  out.push(`CLOSING ${JSON.stringify(m.closing)}`);
  for (const a of m.appendices) {
    out.push(`APPENDIX ${a.label} | ${JSON.stringify(a.title)} | ${a.note ?? '-'} | ${a.landscape ? 'landscape' : 'portrait'}`);
    blocks(a.blocks, out);
  }
  return out;
}

/** The first differing line of two line lists, for a readable failure. */
export function firstDifference(a: string[], b: string[]): string | undefined {
  const k = a.findIndex((l, i) => l !== b[i]);
  const at = k >= 0 ? k : a.length === b.length ? -1 : Math.min(a.length, b.length);
  return at < 0 ? undefined : `line ${at + 1}:\n- ${a[at] ?? '(none)'}\n+ ${b[at] ?? '(none)'}`;
}
