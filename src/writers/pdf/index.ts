// PDF writer: lays the document model out with our own engine (src/layout) and writes the file
// itself (file.ts): our own content streams and our own font subsets, so no text shaping happens
// per call and equal input gives byte-identical output.
import { createHash } from 'node:crypto';
import { loadFontSet, type FaceMetrics, type FontSet } from '../../fonts/metrics.js';
import { layoutDocument, type PageOut } from '../../layout/index.js';
import type { Meta, Presentation } from '../../presentation/types.js';
import { embedFace, FaceUsage, flate } from './fonts.js';
import { pageContent } from './content.js';
import { Dict, literal, N, Name, PdfFile, type Ref, textString } from './file.js';

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

const NAMES = { Pages: new Name('Pages'), Catalog: new Name('Catalog') };

/** Writes laid-out pages (exported for the glyph tests, which render pages of their own). */
export async function renderPages(pages: PageOut[], meta: Meta, opts: PdfOptions = {}): Promise<Uint8Array> {
  const file = new PdfFile();
  const pageTree = file.register();
  const catalog = file.register();
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
  for (const [face, u] of usages) embedded.set(face, embedFace(file, u, { subset: opts.subset }));

  const hash = createHash('md5');
  const kids: Ref[] = pages.map((p, k) => {
    const page = file.register();
    const content = pageContent(p, glyphRuns[k], (face) => ({ name: usages.get(face)!.resourceName, cidHex: embedded.get(face)!.cidHex }));
    // Content streams are ASCII: their Latin-1 bytes are the UTF-8 the ID was always hashed from.
    const bytes = Buffer.from(content, 'latin1');
    hash.update(bytes);
    const contents = flate(file, bytes);
    const mediaBox = [0, 0, p.width, p.height];
    if (!p.runs.length) {
      // pdf-lib left a page without fonts as created.
      file.set(page, new Dict({ Type: N.Page, Parent: pageTree, Resources: new Dict(), MediaBox: mediaBox, Contents: contents }));
      return page;
    }
    const fonts = new Dict();
    for (const [face, u] of usages) if (p.runs.some((r) => r.face === face)) fonts.set(u.resourceName, embedded.get(face)!.ref);
    const resources = new Dict({ Font: fonts, XObject: new Dict(), ExtGState: new Dict() });
    file.set(page, new Dict({ Type: N.Page, Parent: pageTree, Resources: resources, MediaBox: mediaBox, Contents: [contents], Annots: [] }));
    return page;
  });
  file.set(pageTree, new Dict({ Type: NAMES.Pages, Kids: kids, Count: kids.length }));
  const date = pdfDate(meta.date);
  const info = file.register(
    new Dict({
      Title: textString(meta.title),
      Author: textString(meta.author),
      Subject: meta.subject ? textString(meta.subject) : undefined,
      Keywords: meta.keywords?.length ? textString(meta.keywords.join(' ')) : undefined,
      Creator: textString('kehoach'),
      Producer: textString('kehoach'),
      CreationDate: date ? literal(date) : undefined,
      ModDate: date ? literal(date) : undefined,
    }),
  );
  // The title, not the file name, in the viewer's title bar.
  const viewer = file.register(new Dict({ DisplayDocTitle: true }));
  file.set(catalog, new Dict({ Type: NAMES.Catalog, Pages: pageTree, ViewerPreferences: viewer, Lang: literal(meta.language || 'vi-VN') }));
  // A fixed document ID derived from the content, so equal input gives equal bytes.
  return file.bytes({ root: catalog, info, id: hash.update(meta.title).update(meta.author).digest('hex') });
}
