// Deterministic packaging. The docx library stamps docProps/core.xml (created, modified) and every
// zip entry with the clock; we give it our own core.xml with the plan's date and then set the
// entries' DOS dates in place, so identical input gives byte-identical files (as the PDF does),
// whenever and wherever it is rendered — without a second compression pass.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Meta } from '../../presentation/types.js';

/** The document's date as [year, month, day]; a draft's missing day or month counts as the first. */
function ymd(d: Meta['date']): [number, number, number] | undefined {
  return d && [d.year, d.month ?? 1, d.day ?? 1];
}

/** Midnight of the document's date in Vietnam (UTC+7) as W3CDTF in UTC, e.g. 2026-02-04T17:00:00Z. */
export function coreTimestamp(date: Meta['date']): string | undefined {
  const d = ymd(date);
  return d ? new Date(Date.UTC(d[0], d[1] - 1, d[2]) - 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with the document's metadata and the plan's date (left out when it has none). */
export function corePropertiesXml(meta: Meta): string {
  const el = (tag: string, v: string | undefined) => (v ? `<${tag}>${esc(v)}</${tag}>` : '');
  const stamp = coreTimestamp(meta.date);
  const dates = stamp
    ? `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', meta.title) +
    el('dc:subject', meta.subject) +
    el('dc:creator', meta.author) +
    el('cp:keywords', meta.keywords?.join('; ')) +
    el('dc:description', meta.subject) +
    el('cp:lastModifiedBy', meta.author) +
    '<cp:revision>1</cp:revision>' +
    el('dc:language', meta.language) +
    dates +
    '</cp:coreProperties>'
  );
}

/** The plan's date as a zip entry's DOS date (1980-01-01 without one). */
export function coreDate(date: Meta['date']): number {
  const [y, m, d] = ymd(date) ?? [1980, 1, 1];
  return ((Math.max(0, y - 1980) & 0x7f) << 9) | (m << 5) | d;
}

/**
 * Sets every entry's DOS modification date to the plan's date (midnight; 1980-01-01 without one)
 * in the local headers and the central directory. Zip dates are wall-clock fields, so the result
 * is the same in any time zone.
 */
export function stampZipDates(zip: Uint8Array, date: Meta['date']): Uint8Array {
  const dosDate = coreDate(date);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('bad zip central directory');
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, dosDate, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return zip;
}

/** The footnote mark in a separator "footnote" (replaced by its first group). */
export const FOOTNOTE_SEPARATOR_MARK =
  /(<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*>[\s\S]*?)<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/g;

/**
 * The docx library puts a footnote mark (w:footnoteRef) into the separator and continuation
 * separator "footnotes", which makes Word offer to repair the file. Those two hold only their
 * separator run; the part is rewritten only when the document has footnotes.
 */
export function fixFootnoteSeparators(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const part = files['word/footnotes.xml'];
  if (!part) return zip;
  const xml = strFromU8(part).replace(FOOTNOTE_SEPARATOR_MARK, '$1');
  files['word/footnotes.xml'] = strToU8(xml);
  return zipSync(files, { level: 6 });
}
