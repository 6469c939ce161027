#!/usr/bin/env node
// Build step (after tsc): the DOCX writer's shapes and skeletons for every example and corpus plan,
// stored in dist/docx-shapes.json, so that a cold render of a plan made of known shapes does not
// load or run the docx library (see src/writers/docx/fast.ts). Keyed by the full shape, so a plan
// with anything new still gets it from the library, and the bytes are the same either way.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const load = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { modelFromFile, templatesFor } = await load('pipeline.js');
const { keHoach } = await load('doctypes/ke-hoach.js');
const { loadFontSet } = await load('fonts/metrics.js');
const { present } = await load('presentation/build.js');
const { writeDocx } = await load('writers/docx/index.js');
const { exportShapes, SHAPES_FILE } = await load('writers/docx/fast.js');

const templates = templatesFor(keHoach);
const fonts = loadFontSet();
for (const dir of ['examples', join('examples', 'corpus')])
  for (const f of readdirSync(join(root, dir)).sort())
    if (/\.(json|ya?ml)$/.test(f)) await writeDocx(present(modelFromFile(keHoach, join(root, dir, f), templates).model, fonts));
writeFileSync(SHAPES_FILE, JSON.stringify(exportShapes()));
