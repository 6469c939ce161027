// The page description mapped one to one onto WordprocessingML with the docx library — named
// styles plus direct formatting, fixed-grid tables, paragraph borders for rules and stamps, a
// PAGE field in the running header — so the file stays editable in Word. It holds no number
// about the page of its own: every length comes from the description. fast.ts reuses the XML
// this writes (index.ts imports this module only when a shape or skeleton is new).
import {
  Document,
  FootnoteReferenceRun,
  Header as DocxHeader,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  TableBorders,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow as DocxTableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  BorderStyle,
  type ISectionOptions,
} from 'docx';
import { NORMAL, type Block, type Paragraph, type Presentation, type Run, type Section, type Table } from '../../presentation/types.js';
import { ptToEighthPt, ptToTwip } from '../../util/units.js';
import { corePropertiesXml, fixFootnoteSeparators, stampZipDates } from './package.js';
import { paragraphProps, runProps, stylesOptions } from './styles.js';

/** A run; "\n" inside it becomes line breaks, a page field Word's PAGE field. */
function textRuns(r: Run): (TextRun | FootnoteReferenceRun)[] {
  if (r.field === 'page') return [new TextRun({ ...runProps(r), children: [PageNumber.CURRENT] })];
  if (r.footnote !== undefined) return [new FootnoteReferenceRun(r.footnote)];
  return r.text.split('\n').flatMap((t, k) => (!t && k === 0 ? [] : [new TextRun({ ...runProps(r), text: t, break: k > 0 ? 1 : undefined })]));
}

function paragraph(p: Paragraph, extra: { keepNext?: boolean } = {}): DocxParagraph {
  const props = p.props ? paragraphProps(p.props) : {};
  return new DocxParagraph({
    ...props,
    keepNext: extra.keepNext || props.keepNext,
    style: p.style === NORMAL ? undefined : p.style,
    children: p.runs.flatMap(textRuns),
  });
}

function table(t: Table): DocxTable {
  const line = t.borders && { style: BorderStyle.SINGLE, size: ptToEighthPt(t.borders.width), color: t.borders.color };
  const width = (col: number, span: number) => ptToTwip(t.columns.slice(col, col + span).reduce((a, b) => a + b, 0));
  return new DocxTable({
    width: { size: width(0, t.columns.length), type: WidthType.DXA },
    columnWidths: t.columns.map(ptToTwip),
    // A negative indent: the band reaches into the left margin like the official table.
    indent: t.indent ? { size: ptToTwip(t.indent), type: WidthType.DXA } : undefined,
    layout: TableLayoutType.FIXED,
    borders: line ? { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line } : TableBorders.NONE,
    rows: t.rows.map(
      (row) =>
        new DocxTableRow({
          tableHeader: row.header || undefined,
          cantSplit: row.cantSplit || undefined,
          children: row.cells.map(
            (c) =>
              new DocxTableCell({
                width: { size: width(c.col, c.colSpan), type: WidthType.DXA },
                columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
                rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
                verticalAlign: c.vAlign === 'center' ? VerticalAlign.CENTER : undefined,
                margins: { left: ptToTwip(t.pad.left), right: ptToTwip(t.pad.right), top: ptToTwip(t.pad.top), bottom: ptToTwip(t.pad.bottom) },
                // Word and LibreOffice keep a row with the next one through its paragraphs' "keep with next".
                children: c.paragraphs.map((p) => paragraph(p, { keepNext: row.keepNext })),
              }),
          ),
        }),
    ),
  });
}

export function block(b: Block): DocxParagraph | DocxTable {
  if (b.kind === 'paragraph') return paragraph(b);
  if (b.kind === 'table') return table(b);
  return new DocxParagraph({ children: [new PageBreak()] });
}

function section(s: Section): ISectionOptions {
  // The docx library takes portrait dimensions and swaps them for landscape.
  const [w, h] = s.landscape ? [s.height, s.width] : [s.width, s.height];
  const m = s.margins;
  return {
    properties: {
      // A different first page: the running header (page number) starts on page 2.
      titlePage: true,
      page: {
        size: { width: ptToTwip(w), height: ptToTwip(h), orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          top: ptToTwip(m.top),
          bottom: ptToTwip(m.bottom),
          left: ptToTwip(m.left),
          right: ptToTwip(m.right),
          header: ptToTwip(s.headerDistance),
          footer: ptToTwip(s.footerDistance),
        },
        pageNumbers: { start: s.pageNumberStart },
      },
    },
    headers: s.header
      ? { default: new DocxHeader({ children: s.header.map((p) => paragraph(p)) }), first: new DocxHeader({ children: [new DocxParagraph({ children: [] })] }) }
      : {},
    children: s.blocks.map(block),
  };
}

export function buildDocx(doc: Presentation): Document {
  const m = doc.meta;
  return new Document({
    title: m.title,
    creator: m.author,
    lastModifiedBy: m.author,
    subject: m.subject,
    keywords: m.keywords?.join('; '),
    description: m.subject,
    styles: stylesOptions(doc),
    footnotes: Object.fromEntries(doc.footnotes.map((n) => [n.id, { children: n.paragraphs.map((p) => paragraph(p)) }])),
    sections: doc.sections.map(section),
  });
}

/** The same file written by the docx library alone (fast.ts reuses its XML; the tests compare the two). */
export async function writeDocxWithLibrary(doc: Presentation): Promise<Buffer> {
  const core = { path: 'docProps/core.xml', data: corePropertiesXml(doc.meta) };
  let zip: Uint8Array = await Packer.toBuffer(buildDocx(doc), false, [core]);
  if (doc.footnotes.length) zip = fixFootnoteSeparators(zip);
  return Buffer.from(stampZipDates(zip, doc.meta.date));
}

export type Compiled = Map<string, string | Uint8Array>;

/** docx's compiler: the package's parts by path, in zip order, before zipping. */
export function compileParts(doc: Document, overrides: { path: string; data: string }[] = []): Compiled {
  return (Packer as unknown as { compiler: { compile(d: Document, p: undefined, o: typeof overrides): Compiled } }).compiler.compile(doc, undefined, overrides);
}

/** The parts of a document described by `doc` (core.xml left empty). */
export const skeletonParts = (doc: Presentation): Compiled => compileParts(buildDocx(doc), [{ path: 'docProps/core.xml', data: '' }]);

/** The body XML of blocks, one string each, written in one document between marker paragraphs. */
export function blocksXml(blocks: Block[], mark: string): string[] {
  const children: (DocxParagraph | DocxTable)[] = [];
  for (const b of blocks) children.push(block(b), new DocxParagraph({ children: [new TextRun(mark)] }));
  const xml = compileParts(new Document({ sections: [{ children }] })).get('word/document.xml') as string;
  const marker = `<w:p><w:r><w:t xml:space="preserve">${mark}</w:t></w:r></w:p>`;
  return xml
    .slice(xml.indexOf('<w:body>') + '<w:body>'.length)
    .split(marker)
    .slice(0, blocks.length);
}
