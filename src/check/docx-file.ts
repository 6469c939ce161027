// Opens a DOCX package: its parts (inflated on demand, within caps), the document's relationships, the styles, and the
// body read into the document model (model.ts). Other parts (headers, footers) are parsed on demand.
import { strFromU8 } from 'fflate';
import { readBlocks } from './blocks.js';
import type { BodyItem, Para, SectionProps } from './model.js';
import { readParagraph } from './paragraph.js';
import { readSection } from './section.js';
import { Styles } from './styles.js';
import { all, allText, kid, kids, parseXml, type XEl } from './xml.js';
import { ZipPackage } from './zip.js';

export type Rels = Record<string, { type: string; target: string }>;

/** word/_rels/document.xml.rels as id → { type (last URI segment), target part name }. */
function readRels(rels: XEl): Rels {
  const out: Rels = {};
  for (const r of kids(rels, 'Relationship')) {
    // Targets are relative to word/ unless absolute within the package.
    const target = r.attrs.Target.startsWith('/') ? r.attrs.Target.slice(1) : `word/${r.attrs.Target}`;
    out[r.attrs.Id] = { type: r.attrs.Type.split('/').pop()!, target };
  }
  return out;
}

export class DocxFile {
  /** The package: parts are inflated when first asked for, within caps (zip.ts). */
  private readonly zip: ZipPackage;
  private readonly parts = new Map<string, string>();
  readonly styles: Styles;
  readonly document: XEl;
  readonly rels: Rels;
  readonly settings?: XEl;
  readonly core?: XEl;
  readonly body: BodyItem[];
  readonly sections: SectionProps[];

  constructor(buf: Uint8Array) {
    this.zip = new ZipPackage(buf);
    this.styles = new Styles(this.xml('word/styles.xml'));
    this.document = this.xml('word/document.xml');
    this.rels = readRels(this.xml('word/_rels/document.xml.rels'));
    this.settings = this.has('word/settings.xml') ? this.xml('word/settings.xml') : undefined;
    this.core = this.has('docProps/core.xml') ? this.xml('docProps/core.xml') : undefined;
    const body = kid(this.document, 'w:body');
    if (!body) throw new Error('document.xml has no w:body');
    this.body = readBlocks(this.styles, body);
    this.sections = [...all(body, 'w:sectPr')].map((s) => readSection(s, this.rels));
  }

  has(name: string): boolean {
    return this.zip.has(name);
  }
  text(name: string): string {
    let t = this.parts.get(name);
    if (t === undefined) {
      t = strFromU8(this.zip.read(name));
      this.parts.set(name, t);
    }
    return t;
  }
  xml(name: string): XEl {
    return parseXml(this.text(name));
  }
  partNames(): string[] {
    return this.zip.names();
  }

  /** Paragraphs of any XML part (headers, footers), resolved against the styles. */
  paragraphsOf(part: XEl): Para[] {
    return all(part, 'w:p').map((p) => this.para(p));
  }

  para(el: XEl, tableStyle?: string): Para {
    return readParagraph(this.styles, el, tableStyle);
  }

  /**
   * Paragraphs inside text boxes (a V/v line is often typed in one): DrawingML's w:txbxContent,
   * not the VML fallback copy of the same box.
   */
  textBoxParagraphs(): Para[] {
    const out: Para[] = [];
    const walk = (el: XEl, inFallback: boolean) => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'w:txbxContent' && !inFallback) out.push(...kids(c, 'w:p').map((p) => this.para(p)));
        else walk(c, inFallback || c.name === 'mc:Fallback');
      }
    };
    walk(this.document, false);
    return out;
  }

  /** Every paragraph in the body, including those in tables and nested tables, document order. */
  allParagraphs(): Para[] {
    const out: Para[] = [];
    const walk = (items: BodyItem[]) => {
      for (const b of items) {
        if (b.kind === 'p') out.push(b.p);
        else for (const r of b.t.rows) for (const c of r.cells) walk(c.items);
      }
    };
    walk(this.body);
    return out;
  }

  /** Header and footer parts referenced by any section. */
  headerFooterParts(): string[] {
    return [...new Set(this.sections.flatMap((s) => [...Object.values(s.headers), ...Object.values(s.footers)]))];
  }

  coreProp(name: string): string | undefined {
    const el = this.core && kid(this.core, name);
    return el ? allText(el) : undefined;
  }
}

export function openDocx(buf: Uint8Array): DocxFile {
  return new DocxFile(buf);
}
