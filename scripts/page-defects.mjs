#!/usr/bin/env node
// Page-break defects of plans (see page-defects-lib.mjs), in our PDF and, with --lo, in
// LibreOffice's rendering of our DOCX. Needs `npm run build` and poppler (pdftotext).
//   node scripts/page-defects.mjs [--lo] [--pdf dir] [plan.json|yaml …]   (default: every example)
// --pdf dir reads <dir>/<name>.pdf (and <name>.lo.pdf) instead of rendering: to judge PDFs made
// by another version of the code against the same plans.
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { convertToPdf } from './fidelity-lib.mjs';
import { pageDefects } from './page-defects-lib.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, pdfFromModel, docxFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));

const args = process.argv.slice(2);
const lo = args.includes('--lo');
const pdfDir = args.includes('--pdf') ? resolve(args[args.indexOf('--pdf') + 1]) : undefined;
const files = args.filter((a, k) => !a.startsWith('--') && args[k - 1] !== '--pdf');
if (!files.length)
  for (const dir of ['examples', 'examples/corpus'])
    for (const f of readdirSync(join(root, dir)).sort()) if (/\.(json|ya?ml)$/.test(f)) files.push(join(root, dir, f));

const templates = templatesFor(keHoach);
const out = mkdtempSync(join(tmpdir(), 'kehoach-defects-'));
const jobs = [];
for (const file of files) {
  const name = basename(file).replace(/\.(json|ya?ml)$/, '');
  let model;
  try {
    ({ model } = modelFromFile(keHoach, file, templates));
  } catch (e) {
    console.log(`${name}: not rendered (${String(e.message).split('\n')[0]})`);
    continue;
  }
  let ours = join(out, `${name}.pdf`);
  let theirs = join(out, `${name}.lo.pdf`);
  if (pdfDir) {
    ours = join(pdfDir, `${name}.pdf`);
    theirs = join(pdfDir, `${name}.lo.pdf`);
  } else {
    writeFileSync(ours, await pdfFromModel(model));
    if (lo) writeFileSync(join(out, `${name}.docx`), await docxFromModel(model));
  }
  jobs.push({ name, model, ours, theirs });
}
if (lo && !pdfDir) {
  convertToPdf(
    jobs.map((j) => join(out, `${j.name}.docx`)),
    join(out, 'lo'),
    join(out, 'profile'),
  );
  for (const j of jobs) j.theirs = join(out, 'lo', `${j.name}.pdf`);
}

let total = 0;
for (const j of jobs) {
  for (const [label, pdf] of [['ours', j.ours], ...(lo ? [['LibreOffice', j.theirs]] : [])]) {
    if (!existsSync(pdf)) continue;
    const { defects, stats } = pageDefects(j.model, pdf);
    total += defects.length;
    const list = defects.map((d) => `p${d.page} ${d.kind}: ${d.text}`).join('; ');
    console.log(
      `${j.name} [${label}] ${stats.pages} pages, ${stats.judged} page ends judged${stats.ambiguous ? `, ${stats.ambiguous} ambiguous` : ''}${stats.unknown ? `, ${stats.unknown} unknown` : ''}: ${defects.length ? list : 'no defects'}`,
    );
  }
}
process.exitCode = total ? 1 : 0;
