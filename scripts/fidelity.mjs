#!/usr/bin/env node
// Fidelity of our PDF layout against LibreOffice's layout of our own DOCX (Times metrics via
// Liberation Serif 2.x): page count and the share of lines that break at the same words.
// Needs `npm run build` first (run through `npm run fidelity`), LibreOffice (soffice) and
// poppler-utils (pdftotext, pdfinfo). Without them it says so and exits 0.
// test/fidelity.test.ts checks the same numbers for every example in the test suite.
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { convertToPdf, fidelity, libreOfficeTools } from './fidelity-lib.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, docxFromModel, pdfFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));

const tools = libreOfficeTools();
if (!tools.available) {
  console.log(`fidelity: skipped: ${tools.reason}.`);
  process.exit(0);
}

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const files = args.filter((a) => !a.startsWith('-'));
const globbed = [];
for (const dir of ['examples', 'examples/corpus']) {
  if (!existsSync(join(root, dir))) continue;
  for (const f of readdirSync(join(root, dir)).sort()) if (/\.(json|ya?ml)$/.test(f)) globbed.push(join(root, dir, f));
}
const examples = files.length ? files : globbed;
const out = join(tmpdir(), `kehoach-fidelity-${process.pid}`);
mkdirSync(out, { recursive: true });

const templates = templatesFor(keHoach);
const docxFiles = [];
for (const file of examples) {
  const name = basename(file).replace(/\.(json|ya?ml)$/, '');
  const { model } = modelFromFile(keHoach, file, templates);
  writeFileSync(join(out, `${name}.docx`), await docxFromModel(model));
  writeFileSync(join(out, `${name}.ours.pdf`), await pdfFromModel(model));
  docxFiles.push(join(out, `${name}.docx`));
}
convertToPdf(docxFiles, out, join(out, 'lo-profile'));

let ok = true;
const rows = [];
for (const docx of docxFiles) {
  const name = basename(docx, '.docx');
  const lo = join(out, `${name}.pdf`);
  if (!existsSync(lo)) {
    ok = false;
    rows.push({ example: name, 'pages ours/LO': 'LibreOffice gave no PDF', pass: 'NO' });
    continue;
  }
  const f = fidelity(join(out, `${name}.ours.pdf`), lo);
  const pass = f.ours === f.lo && f.samePage >= 98;
  ok &&= pass;
  rows.push({
    example: name,
    'pages ours/LO': `${f.ours}/${f.lo}`,
    'same lines': `${f.any.same}/${f.any.total}`,
    'same line breaks': `${f.sameLine.toFixed(1)} %`,
    'same page too': `${f.samePage.toFixed(1)} %`,
    pass: pass ? 'yes' : 'NO',
  });
  if (verbose && (f.page.onlyOurs.length || f.page.onlyTheirs.length)) {
    console.log(`\n== ${name}: lines only in ours (page|text)`);
    for (const l of f.page.onlyOurs) console.log(`  p${l.page}: ${l.text}`);
    console.log(`== ${name}: lines only in LibreOffice's (page|text)`);
    for (const t of f.page.onlyTheirs) console.log(`  ${t}`);
  }
}
console.table(rows);
console.log(`PDFs in ${out} (ours: *.ours.pdf, LibreOffice: *.pdf). Target: equal pages, ≥ 98 % of lines ending on the same word on the same page.`);
process.exitCode = ok ? 0 : 1;
