// The editor's static files: the browser modules compiled from src/edit/client/ by tsc (into
// dist/edit/client/, shipped in the package) and the Tinos faces. Read once at start into a
// fixed table of routes; nothing is ever read from a path taken from a URL.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaceMetrics, FaceName, FontSet } from '../fonts/metrics.js';
import { PACKAGE_ROOT } from '../util/package-root.js';

export interface Asset {
  type: string;
  bytes: Uint8Array;
}

export const FONT_ROUTE: Record<FaceName, string> = {
  regular: '/fonts/tinos-regular.ttf',
  bold: '/fonts/tinos-bold.ttf',
  italic: '/fonts/tinos-italic.ttf',
  boldItalic: '/fonts/tinos-bold-italic.ttf',
};

/**
 * The folder of the compiled browser modules: beside this module when it runs from dist/, else
 * (tests run the TypeScript sources) dist/edit/client/ of the package, built by `npm run build`.
 */
export function clientDir(): string | undefined {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'client');
  for (const d of [here, join(PACKAGE_ROOT, 'dist', 'edit', 'client')]) if (existsSync(join(d, 'main.js'))) return d;
  return undefined;
}

export function clientAssets(fonts: FontSet): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const f of Object.values(fonts.faces) as FaceMetrics[]) out.set(FONT_ROUTE[f.name], { type: 'font/ttf', bytes: readFileSync(f.file) });
  const dir = clientDir();
  if (dir) {
    for (const name of readdirSync(dir))
      if (/^[a-z][a-z0-9-]*\.js$/.test(name)) out.set(`/app/${name}`, { type: 'text/javascript; charset=utf-8', bytes: readFileSync(join(dir, name)) });
    // The one module of the document model the client imports (the outline's numbers: "../../model/numbering.js").
    out.set('/model/numbering.js', { type: 'text/javascript; charset=utf-8', bytes: readFileSync(join(dir, '..', '..', 'model', 'numbering.js')) });
  }
  return out;
}
