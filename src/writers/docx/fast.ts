// The DOCX writer's fast path: the docx library's own XML, reused. A warm profile of the library
// path (≈ 38 ms for the 6-page example on a loaded 2-core machine) was all docx: building its
// object tree, prepForXml, object spreading, then deflating parts that are the same for every
// plan. Here the library still writes every piece of XML, but
// - each body block (paragraph, table, page break) is written once per *shape* — the block with
//   its texts replaced by numbered placeholders — and the texts are put back, escaped as docx
//   escapes them; the blocks a document lacks are written by the library in one pass;
// - everything else (styles, settings, numbering, theme, font table, relationships, headers,
//   the section properties, the footnotes with placeholders) is written once per *skeleton*
//   (styles, sections' page set-up and headers, footnotes' shape) and deflated once;
// - the zip is written here, entry by entry exactly as fflate's zipSync lays it out, with the
//   entries' dates already set to the plan's date (package.ts).
// The shapes and skeletons of the examples are written by the build (scripts/precompile-docx.mjs,
// dist/docx-shapes.json) and read at the first DOCX of a process, so a cold `kehoach render` of a
// plan made of known shapes never loads the docx library (library.ts) at all.
// The bytes are those of the library path (writeDocxWithLibrary); test/docx-fast.test.ts compares
// the two on every example and extra case.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { deflateSync } from 'fflate';
import type { Block, Footnote, Paragraph, Presentation, Run, Section, Table } from '../../presentation/types.js';
import { packagePath } from '../../util/package-root.js';
import { coreDate, corePropertiesXml, FOOTNOTE_SEPARATOR_MARK } from './package.js';

/** Placeholders: private-use characters that docx writes as they are. */
const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';
const MARK = '\uE002';
const PH_RE = /\uE000(\d+)\uE001/g;
const PRIVATE_RE = /[\uE000-\uE002]/;

/** docx's escaping of text (its stringify's escapeAll): five entities, C0 controls dropped. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls docx drops
const ESCAPE_RE = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const escapeXml = (s: string) => s.replace(ESCAPE_RE, (c) => ESCAPES[c] ?? '');

/** A shape: the block with each non-empty piece of text (between line breaks) numbered. */
class Shaper {
  readonly texts: string[] = [];
  /** True when some text holds a placeholder character already (the library path then). */
  clash = false;

  run(r: Run): Run {
    if (!r.text) return r;
    if (PRIVATE_RE.test(r.text)) this.clash = true;
    const text = r.text
      .split('\n')
      .map((piece) => (piece ? `${PH_OPEN}${this.texts.push(piece) - 1}${PH_CLOSE}` : ''))
      .join('\n');
    return { ...r, text };
  }

  paragraph(p: Paragraph): Paragraph {
    return { ...p, runs: p.runs.map((r) => this.run(r)) };
  }

  table(t: Table): Table {
    return { ...t, rows: t.rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, paragraphs: c.paragraphs.map((p) => this.paragraph(p)) })) })) };
  }

  block(b: Block): Block {
    return b.kind === 'paragraph' ? this.paragraph(b) : b.kind === 'table' ? this.table(b) : b;
  }

  fill(xml: string): string {
    return xml.replace(PH_RE, (_, k: string) => escapeXml(this.texts[Number(k)]));
  }
}

/** One zip entry, compressed, with what its headers need. */
interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  data: Uint8Array;
}

const encoder = new TextEncoder();

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** zlib.crc32 where Node has it (20.15, 22.2), else a table. */
const nativeCrc = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function crc32(bytes: Uint8Array): number {
  if (nativeCrc) return nativeCrc(bytes) >>> 0;
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function entry(path: string, data: string | Uint8Array): Entry {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return { name: encoder.encode(path), crc: crc32(bytes), size: bytes.length, data: deflateSync(bytes) };
}

/** The zip as fflate's zipSync writes it (version 2.0, no flags, deflate), dated `dosDate` at midnight. */
function zip(entries: Entry[], dosDate: number): Uint8Array {
  let local = 0;
  let central = 0;
  for (const e of entries) {
    local += 30 + e.name.length + e.data.length;
    central += 46 + e.name.length;
  }
  const out = new Uint8Array(local + central + 22);
  const v = new DataView(out.buffer);
  const head = (p: number, e: Entry) => {
    v.setUint16(p, 20, true); // version needed
    v.setUint16(p + 4, 8, true); // deflate; flags (p + 2) and time (p + 6) stay 0
    v.setUint16(p + 8, dosDate, true);
    v.setUint32(p + 10, e.crc, true);
    v.setUint32(p + 14, e.data.length, true);
    v.setUint32(p + 18, e.size, true);
    v.setUint16(p + 22, e.name.length, true);
  };
  let p = 0;
  let c = local;
  for (const e of entries) {
    v.setUint32(p, 0x04034b50, true);
    head(p + 4, e);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    v.setUint32(c, 0x02014b50, true);
    v.setUint8(c + 4, 20); // made by: version 2.0 (system byte 0)
    head(c + 6, e);
    v.setUint32(c + 42, p, true);
    out.set(e.name, c + 46);
    p += 30 + e.name.length + e.data.length;
    c += 46 + e.name.length;
  }
  v.setUint32(c, 0x06054b50, true);
  v.setUint16(c + 8, entries.length, true);
  v.setUint16(c + 10, entries.length, true);
  v.setUint32(c + 12, central, true);
  v.setUint32(c + 16, local, true);
  return out;
}

type Library = typeof import('./library.js');

const BODY_OPEN = '<w:body>';
const BODY_CLOSE = '</w:body>';

/** The parts that do not depend on the body, each entry compressed once. */
interface Skeleton {
  order: string[];
  entries: Map<string, Entry>;
  /** document.xml up to <w:body>, each section's closing XML (its sectPr), and the rest. */
  head: string;
  sectionEnds: string[];
  tail: string;
  /** footnotes.xml with placeholders, when the document has footnotes. */
  footnotes?: string;
}

const SECTION_END = '</w:sectPr></w:pPr></w:p>';

function buildSkeleton(doc: Presentation, notes: Footnote[], lib: Library): Skeleton {
  const bare: Presentation = { ...doc, footnotes: notes, sections: doc.sections.map((s) => ({ ...s, blocks: [] })) };
  const parts = lib.skeletonParts(bare);
  const xml = parts.get('word/document.xml') as string;
  const open = xml.indexOf(BODY_OPEN) + BODY_OPEN.length;
  const close = xml.lastIndexOf(BODY_CLOSE);
  // Each section but the last ends with a paragraph holding its sectPr; the last with a sectPr.
  const body = xml.slice(open, close);
  const sectionEnds: string[] = [];
  let at = 0;
  for (let k = 0; k < doc.sections.length - 1; k++) {
    const end = body.indexOf(SECTION_END, at) + SECTION_END.length;
    sectionEnds.push(body.slice(at, end));
    at = end;
  }
  sectionEnds.push(body.slice(at));
  const entries = new Map<string, Entry>();
  let footnotes: string | undefined;
  for (const [path, data] of parts) {
    if (path === 'word/document.xml' || path === 'docProps/core.xml') continue;
    if (path === 'word/footnotes.xml' && doc.footnotes.length) footnotes = (data as string).replace(FOOTNOTE_SEPARATOR_MARK, '$1');
    else entries.set(path, entry(path, data));
  }
  return { order: [...parts.keys()], entries, head: xml.slice(0, open), sectionEnds, tail: xml.slice(close), footnotes };
}

const skeletons = new Map<string, Skeleton>();
const blocks = new Map<string, string>();
const CACHE_SIZE = 64;
const BLOCK_CACHE_SIZE = 20_000;

function remember<T>(cache: Map<string, T>, key: string, value: T, size: number): T {
  if (cache.size >= size) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

const SECTION_START = '<w:p><w:pPr><w:sectPr';

/** A paragraph's XML with a section's properties (from its own section paragraph) at the end of its pPr. */
function withSectionProperties(paragraph: string, sectionParagraph: string): string | undefined {
  if (!sectionParagraph.startsWith(SECTION_START) || !sectionParagraph.endsWith(SECTION_END)) return undefined;
  const sectPr = sectionParagraph.slice('<w:p><w:pPr>'.length, -'</w:pPr></w:p>'.length);
  if (paragraph.startsWith('<w:p><w:pPr>')) return paragraph.replace('</w:pPr>', `${sectPr}</w:pPr>`);
  return paragraph.startsWith('<w:p>') ? `<w:p><w:pPr>${sectPr}</w:pPr>${paragraph.slice('<w:p>'.length)}` : undefined;
}

/** The DOCX through the caches, or undefined when a text holds a placeholder character. */
export async function writeDocxFast(doc: Presentation): Promise<Buffer | undefined> {
  loadStore();
  const notes = new Shaper();
  const shapedNotes = doc.footnotes.map((n) => ({ ...n, paragraphs: n.paragraphs.map((p) => notes.paragraph(p)) }));
  const skeletonKey = JSON.stringify([doc.defaults, doc.styles, doc.sections.map((s: Section) => ({ ...s, blocks: 0 })), shapedNotes]);
  const shaped = doc.sections.map((s) =>
    s.blocks.map((b) => {
      const shaper = new Shaper();
      const block = shaper.block(b);
      return { shaper, block, key: JSON.stringify(block) };
    }),
  );
  if (notes.clash || shaped.some((s) => s.some((b) => b.shaper.clash))) return undefined;
  let lib: Library | undefined;
  const library = async () => (lib ??= await import('./library.js'));
  const skeleton = skeletons.get(skeletonKey) ?? remember(skeletons, skeletonKey, buildSkeleton(doc, shapedNotes, await library()), CACHE_SIZE);
  const xmlOf = new Map<string, string>();
  const missing = new Map<string, Block>();
  for (const s of shaped)
    for (const b of s) {
      const xml = blocks.get(b.key);
      if (xml === undefined) missing.set(b.key, b.block);
      else xmlOf.set(b.key, xml);
    }
  if (missing.size) {
    const xml = (await library()).blocksXml([...missing.values()], MARK);
    let k = 0;
    for (const key of missing.keys()) xmlOf.set(key, remember(blocks, key, xml[k++], BLOCK_CACHE_SIZE));
  }
  let body = skeleton.head;
  for (const [k, s] of shaped.entries()) {
    const xml = s.map((b) => b.shaper.fill(xmlOf.get(b.key)!));
    const end = skeleton.sectionEnds[k];
    const last = doc.sections[k].blocks.at(-1);
    // docx puts a section's properties into its last paragraph when it ends with one.
    if (k < shaped.length - 1 && last && last.kind !== 'table') {
      const merged = withSectionProperties(xml[xml.length - 1], end);
      if (merged === undefined) return undefined;
      xml[xml.length - 1] = merged;
    } else xml.push(end);
    body += xml.join('');
  }
  body += skeleton.tail;
  const own = new Map<string, Entry>([
    ['word/document.xml', entry('word/document.xml', body)],
    ['docProps/core.xml', entry('docProps/core.xml', corePropertiesXml(doc.meta))],
  ]);
  if (skeleton.footnotes !== undefined) own.set('word/footnotes.xml', entry('word/footnotes.xml', notes.fill(skeleton.footnotes)));
  const entries = skeleton.order.map((path) => own.get(path) ?? skeleton.entries.get(path)!);
  return Buffer.from(zip(entries, coreDate(doc.meta.date)));
}

/** Where the build stores the shapes and skeletons of the examples. */
export const SHAPES_FILE = packagePath('dist', 'docx-shapes.json');

interface StoredEntry {
  crc: number;
  size: number;
  data: string; // base64
}

interface Store {
  /** What wrote the XML: the compiled library.js and styles.js and the docx version. */
  fingerprint: string;
  entries: StoredEntry[];
  skeletons: Record<string, Omit<Skeleton, 'entries'> & { entries: Record<string, number> }>;
  blocks: Record<string, string>;
}

let storeRead = false;

/** The code the stored XML came from; a store made by other code is not used. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of [packagePath('dist', 'writers', 'docx', 'library.js'), packagePath('dist', 'writers', 'docx', 'styles.js')]) h.update(readFileSync(f));
  h.update(JSON.parse(readFileSync(packagePath('node_modules', 'docx', 'package.json'), 'utf8')).version);
  return h.digest('hex');
}

/** The build's shapes and skeletons into the caches, once per process (none when the file is missing). */
function loadStore(): void {
  if (storeRead) return;
  storeRead = true;
  let store: Store;
  try {
    store = JSON.parse(readFileSync(SHAPES_FILE, 'utf8'));
    if (store.fingerprint !== fingerprint()) return;
  } catch {
    return;
  }
  const entries = store.entries.map((e) => ({ crc: e.crc, size: e.size, data: new Uint8Array(Buffer.from(e.data, 'base64')) }));
  for (const [key, sk] of Object.entries(store.skeletons)) {
    const own = new Map(Object.entries(sk.entries).map(([path, k]): [string, Entry] => [path, { ...entries[k], name: encoder.encode(path) }]));
    skeletons.set(key, { ...sk, entries: own });
  }
  for (const [key, xml] of Object.entries(store.blocks)) blocks.set(key, xml);
}

/** The caches as the build stores them (scripts/precompile-docx.mjs, after rendering the examples). */
export function exportShapes(): Store {
  const entries: StoredEntry[] = [];
  const index = new Map<string, number>();
  const skeletonsOut: Store['skeletons'] = {};
  for (const [key, sk] of skeletons) {
    const own: Record<string, number> = {};
    for (const [path, e] of sk.entries) {
      const data = Buffer.from(e.data).toString('base64');
      const id = `${e.crc}|${e.size}|${data}`;
      let k = index.get(id);
      if (k === undefined) {
        k = entries.push({ crc: e.crc, size: e.size, data }) - 1;
        index.set(id, k);
      }
      own[path] = k;
    }
    skeletonsOut[key] = { ...sk, entries: own };
  }
  return { fingerprint: fingerprint(), entries, skeletons: skeletonsOut, blocks: Object.fromEntries(blocks) };
}
