// Measuring LibreOffice's rendering of our DOCX (made once per run by test/setup/renders.ts):
// text lines and rules read back with pdf.js. What LibreOffice shows is what a clerk gets when
// the file is opened outside Word; geometry tests compare it with the decree's numbers.
import { readPdf, type PdfContent } from './pdf-extract.js';
import { type Row, rows, type Segment, squash } from './pdf-lines.js';
import { libreOfficePdf } from './libreoffice.js';

export const PT_PER_MM = 72 / 25.4;
export const toMm = (pt: number) => pt / PT_PER_MM;
export const toPt = (mm: number) => mm * PT_PER_MM;

export interface Rule {
  page: number;
  x1: number;
  x2: number;
  y: number;
}

export interface LoDoc {
  name: string;
  pdf: PdfContent;
  rows: Row[];
  /** Horizontal stroked lines (rules, borders), duplicates merged, left to right. */
  hrules: Rule[];
  /** Vertical stroked lines. */
  vrules: { page: number; x: number; y1: number; y2: number }[];
}

const cache = new Map<string, Promise<LoDoc>>();

/** LibreOffice's rendering of a document (by the name render.ts gives it). */
export function loDoc(name: string): Promise<LoDoc> {
  let d = cache.get(name);
  if (!d) {
    d = (async () => {
      const pdf = await readPdf(libreOfficePdf(name));
      const hrules: Rule[] = [];
      const vrules: LoDoc['vrules'] = [];
      pdf.pages.forEach((p, page) => {
        for (const l of p.lines) {
          if (Math.abs(l.y1 - l.y2) < 0.01) {
            const r = { page, x1: Math.min(l.x1, l.x2), x2: Math.max(l.x1, l.x2), y: l.y1 };
            if (!hrules.some((h) => h.page === page && Math.abs(h.y - r.y) < 0.05 && Math.abs(h.x1 - r.x1) < 0.05 && Math.abs(h.x2 - r.x2) < 0.05))
              hrules.push(r);
          } else if (Math.abs(l.x1 - l.x2) < 0.01) vrules.push({ page, x: l.x1, y1: Math.min(l.y1, l.y2), y2: Math.max(l.y1, l.y2) });
        }
      });
      return { name, pdf, rows: rows(pdf), hrules, vrules };
    })();
    cache.set(name, d);
  }
  return d;
}

/** Every place where `text` is set on ONE line: contiguous items of one row whose text equals it (any PDF's rows). */
export function linesOf(doc: { rows: Row[] }, text: string): Segment[] {
  const want = squash(text);
  const out: Segment[] = [];
  for (const r of doc.rows)
    for (let i = 0; i < r.items.length; i++) {
      let acc = '';
      for (let j = i; j < r.items.length && want.startsWith(acc); j++) {
        acc += squash(r.items[j].text);
        if (acc === want) {
          const items = r.items.slice(i, j + 1);
          const last = items[items.length - 1];
          out.push({ page: r.page, y: r.y, x: items[0].x, end: last.x + last.width, text: items.map((x) => x.text).join(''), items, row: r.index });
          break;
        }
      }
    }
  return out;
}

/** The first place where `text` is set on one line (undefined when it wraps or is missing). */
export const lineOf = (doc: { rows: Row[] }, text: string): Segment | undefined => linesOf(doc, text)[0];

/**
 * The horizontal rules just under a line: on its page, below its baseline by at most `within` pt,
 * with their centre over the line's text (not a rule of the next column).
 */
export function rulesUnder(doc: LoDoc, line: Segment, within = 12): Rule[] {
  return doc.hrules
    .filter((r) => r.page === line.page && r.y > line.y && r.y - line.y <= within && (r.x1 + r.x2) / 2 >= line.x && (r.x1 + r.x2) / 2 <= line.end)
    .sort((a, b) => a.y - b.y);
}

export const centre = (s: { x: number; end: number } | { x1: number; x2: number }) => ('x' in s ? (s.x + s.end) / 2 : (s.x1 + s.x2) / 2);
export const widthOf = (s: { x: number; end: number } | { x1: number; x2: number }) => ('x' in s ? s.end - s.x : s.x2 - s.x1);
/** Sizes of a line's items. */
export const sizesOf = (s: Segment) => [...new Set(s.items.map((i) => Math.round(i.size * 100) / 100))];
export const isBoldFont = (font: string) => /Bold/i.test(font);
export const isItalicFont = (font: string) => /Italic|Oblique/i.test(font);
