// PDF writer: lays the document model out with our own engine (src/layout) and writes it with
// pdf-lib's low-level objects: our own content streams and our own font subsets, so no text
// shaping happens per call and equal input gives byte-identical output.
import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { loadFontSet, type FaceMetrics, type FontSet } from '../../fonts/metrics.js';
import { layoutDocument, type PageOut } from '../../layout/index.js';
import type { Meta, Presentation } from '../../presentation/types.js';
import { embedFace, FaceUsage, flate } from './fonts.js';
import { pageContent } from './content.js';

export interface PdfOptions {
  fonts?: FontSet;
  /** Embed whole font files instead of subsets (tests compare the two renderings). */
  subset?: boolean;
}

/** The document's date as a PDF date in Vietnam time (a draft may lack day or month); never the clock. */
function pdfDate(d: Meta['date']): string | undefined {
  if (!d) return undefined;
  const two = (n = 1) => String(n).padStart(2, '0');
  return `D:${d.year}${two(d.month)}${two(d.day)}000000+07'00'`;
}

/** `fonts` must be the set the description was measured with. */
export async function writePdf(doc: Presentation, opts: PdfOptions = {}): Promise<Uint8Array> {
  return renderPages(layoutDocument(doc, opts.fonts ?? loadFontSet()), doc.meta, opts);
}

/** Writes laid-out pages (exported for the glyph tests, which render pages of their own). */
export async function renderPages(pages: PageOut[], meta: Meta, opts: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const usages = new Map<FaceMetrics, FaceUsage>();
  const usage = (face: FaceMetrics) => {
    let u = usages.get(face);
    if (!u) {
      u = new FaceUsage(face, usages.size);
      usages.set(face, u);
    }
    return u;
  };
  // First pass: glyph ids per face (the subsets must exist before content can be written).
  const glyphRuns = pages.map((p) => p.runs.map((r) => usage(r.face).glyphs(r.text)));
  const embedded = new Map<FaceMetrics, ReturnType<typeof embedFace>>();
  for (const [face, u] of usages) embedded.set(face, embedFace(doc, u, { subset: opts.subset }));

  const hash = createHash('md5');
  pages.forEach((p, k) => {
    const page = doc.addPage([p.width, p.height]);
    const content = pageContent(p, glyphRuns[k], (face) => {
      const u = usages.get(face)!;
      const e = embedded.get(face)!;
      return { name: u.resourceName, cidHex: e.cidHex };
    });
    hash.update(content);
    const stream = flate(doc.context, content);
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
    for (const [face, u] of usages) {
      if (p.runs.some((r) => r.face === face)) page.node.setFontDictionary(PDFName.of(u.resourceName), embedded.get(face)!.ref);
    }
  });

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator('kehoach');
  doc.setProducer('kehoach');
  doc.setLanguage(meta.language || 'vi-VN');
  const date = pdfDate(meta.date);
  if (date) {
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of('CreationDate'), PDFString.of(date));
    info.set(PDFName.of('ModDate'), PDFString.of(date));
  }
  // A fixed document ID derived from the content, so equal input gives equal bytes.
  const id = PDFHexString.of(hash.update(meta.title).update(meta.author).digest('hex'));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
