// Reads a PDF back with pdf.js: text items with positions (y from the top edge, baseline),
// their fonts' real names (subset tag included) and the stroked lines (rules, borders).
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  text: string;
  x: number;
  /** Baseline, from the top edge of the page. */
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface StrokedLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
  lines: StrokedLine[];
}

export interface PdfContent {
  pages: PdfPage[];
  info: Record<string, any>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const height = y1 - y0;
    const ops = await page.getOperatorList();
    const tc = await page.getTextContent({ disableNormalization: true });
    const items: TextItem[] = [];
    for (const it of tc.items as any[]) {
      if (!('str' in it) || it.str === '') continue;
      const font = page.commonObjs.get(it.fontName)?.name ?? it.fontName;
      items.push({ text: it.str, x: it.transform[4], y: height - it.transform[5], width: it.width, size: Math.abs(it.transform[0]), font });
    }
    const lines: StrokedLine[] = [];
    ops.fnArray.forEach((fn: number, k: number) => {
      if (fn !== OPS.constructPath) return;
      const [pathOps, coords] = ops.argsArray[k] as [number[], number[]];
      // Our content draws each line as "x1 y1 m x2 y2 l S".
      if (pathOps.length === 2 && pathOps[0] === OPS.moveTo && pathOps[1] === OPS.lineTo) {
        lines.push({ x1: coords[0], y1: height - coords[1], x2: coords[2], y2: height - coords[3] });
      }
    });
    pages.push({ width: x1 - x0, height, items, lines });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, any> };
}

/** All text of a PDF with every whitespace removed (for comparing with another format's text). */
export function squash(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\s\u00a0]+/gu, '')
    .replace(/\u2011/g, '-');
}
