// Plain text of a DOCX body, for comparing rendered documents with expected text.
// Reads word/document.xml and returns its paragraphs in document order (table cells
// included, row by row, cell by cell), one string per paragraph: <w:t> text as is,
// <w:br/> as "\n", <w:tab/> as "\t". Paragraph properties (tab stops) are skipped.
import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

/** The XML of one part of a DOCX package, e.g. "word/document.xml". */
export function docxPart(docx: Uint8Array, part = 'word/document.xml'): string {
  const files = unzipSync(docx, { filter: (f) => f.name === part });
  const data = files[part];
  if (!data) throw new Error(`${part} không có trong tệp DOCX`);
  return strFromU8(data);
}

/** Text of one <w:p> element. */
export function paragraphText(xml: string): string {
  const body = xml.replace(/<w:pPr\b[\s\S]*?<\/w:pPr>/g, '').replace(/<w:rPr\b[\s\S]*?<\/w:rPr>/g, '');
  let out = '';
  const token = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:(br|cr)\b[^>]*\/>|<w:tab\b[^>]*\/>/g;
  for (const m of body.matchAll(token)) {
    if (m[1] !== undefined) out += decodeXml(m[1]);
    else if (m[2]) out += '\n';
    else if (m[0].startsWith('<w:tab')) out += '\t';
  }
  return out;
}

/** All paragraphs of the document body in reading order (empty ones included). */
export function docxParagraphs(docx: Uint8Array): string[] {
  const xml = docxPart(docx);
  const paras: string[] = [];
  // Paragraphs never nest (no text boxes), so a flat scan keeps document order,
  // including paragraphs inside table cells.
  for (const m of xml.matchAll(/<w:p\b(?:\s[^>]*)?\/>|<w:p\b(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    paras.push(m[1] === undefined ? '' : paragraphText(m[1]));
  }
  return paras;
}

/** Collapses whitespace (incl. NBSP and tabs) to single spaces and trims. */
export function normalizeLine(s: string): string {
  return (
    s
      .normalize('NFC')
      .replace(/[\s\u00a0\u2007\u202f]+/gu, ' ')
      // A non-breaking hyphen reads as the hyphen it prints.
      .replace(/\u2011/g, '-')
      .trim()
  );
}

/**
 * Text lines for comparison: each paragraph split at its line breaks, whitespace
 * normalised, empty lines (rules, signature gap, blank cells) dropped.
 */
export function textLines(paragraphs: string[] | string): string[] {
  const list = typeof paragraphs === 'string' ? paragraphs.split('\n') : paragraphs.flatMap((p) => p.split('\n'));
  return list.map(normalizeLine).filter((l) => l.length > 0);
}

/** Text of a DOCX as comparable lines. */
export function docxTextLines(docx: Uint8Array): string[] {
  return textLines(docxParagraphs(docx));
}
