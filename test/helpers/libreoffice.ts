// Renders shared by all test files: the vitest global setup (test/setup/renders.ts) writes each
// document's DOCX and our PDF to test/artifacts/renders/ and converts every DOCX with ONE soffice
// call; LibreOffice's PDFs are cached by the DOCX's content hash (test/artifacts/renders/lo-cache/),
// so a rerun with unchanged DOCX files does not start LibreOffice at all.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertToPdf, libreOfficeTools } from '../../scripts/fidelity-lib.mjs';
import { allRenderNames, ROOT, renderByName } from './render.js';

export const RENDER_DIR = join(ROOT, 'test', 'artifacts', 'renders');
const CACHE_DIR = join(RENDER_DIR, 'lo-cache');
const MANIFEST = join(RENDER_DIR, 'manifest.json');

export interface RenderEntry {
  name: string;
  docx: string;
  pdf: string;
  /** LibreOffice's PDF of the DOCX (absent when LibreOffice is not installed). */
  lo?: string;
  docxHash: string;
}

export interface Manifest {
  libreOffice: { available: boolean; reason: string };
  docs: Record<string, RenderEntry>;
}

/** Writes every document and converts the DOCX files LibreOffice has not seen yet (one call). */
export async function prepareRenders(): Promise<Manifest> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const tools = libreOfficeTools();
  const docs: Record<string, RenderEntry> = {};
  for (const name of allRenderNames()) {
    const r = await renderByName(name);
    const docx = join(RENDER_DIR, `${name}.docx`);
    const pdf = join(RENDER_DIR, `${name}.pdf`);
    writeFileSync(docx, r.docx);
    writeFileSync(pdf, r.pdf);
    docs[name] = { name, docx, pdf, docxHash: createHash('sha256').update(r.docx).digest('hex').slice(0, 32) };
  }
  if (tools.available) {
    const todo = [...new Map(Object.values(docs).map((d) => [d.docxHash, d])).values()].filter((d) => !existsSync(join(CACHE_DIR, `${d.docxHash}.pdf`)));
    if (todo.length) {
      const work = mkdtempSync(join(tmpdir(), 'kehoach-lo-'));
      try {
        const files = todo.map((d) => {
          const f = join(work, `${d.docxHash}.docx`);
          copyFileSync(d.docx, f);
          return f;
        });
        mkdirSync(join(work, 'out'));
        convertToPdf(files, join(work, 'out'), join(work, 'profile'));
        for (const d of todo) {
          const out = join(work, 'out', `${d.docxHash}.pdf`);
          if (!existsSync(out)) throw new Error(`LibreOffice did not convert ${d.name}.docx`);
          renameSync(out, join(CACHE_DIR, `${d.docxHash}.pdf`));
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    for (const d of Object.values(docs)) {
      d.lo = join(RENDER_DIR, `${d.name}.lo.pdf`);
      copyFileSync(join(CACHE_DIR, `${d.docxHash}.pdf`), d.lo);
    }
  }
  const manifest: Manifest = { libreOffice: tools, docs };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2));
  return manifest;
}

let loaded: Manifest | undefined;
/** What the global setup wrote (throws when it did not run). */
export function renders(): Manifest {
  if (!loaded) {
    if (!existsSync(MANIFEST)) throw new Error('test/artifacts/renders/manifest.json missing: run the tests through vitest (its globalSetup renders)');
    loaded = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  }
  return loaded;
}

/** Whether LibreOffice's renderings exist, and the reason to show when they do not. */
export function libreOffice(): { available: boolean; reason: string } {
  return renders().libreOffice;
}

/** LibreOffice's PDF of a document's DOCX. */
export function libreOfficePdf(name: string): Uint8Array {
  const d = renders().docs[name];
  if (!d?.lo) throw new Error(`no LibreOffice rendering of ${name}`);
  return new Uint8Array(readFileSync(d.lo));
}

/** Paths of a rendered document's files. */
export function renderPaths(name: string): RenderEntry {
  const d = renders().docs[name];
  if (!d) throw new Error(`no rendering of ${name}`);
  return d;
}
