#!/usr/bin/env node
// Fidelity of our PDF layout against LibreOffice's layout of our own DOCX (Times metrics via
// Liberation Serif 2.x): page count and the share of lines that break at the same words.
// Needs `npm run build` first (run through `npm run fidelity`), LibreOffice (soffice) and
// poppler-utils (pdftotext, pdfinfo). Without them it says so and exits 0.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, docxFromModel, pdfFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));

const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!has('soffice') || !has('pdftotext')) {
  console.log('fidelity: soffice (LibreOffice) or pdftotext (poppler-utils) not installed; skipped.');
  process.exit(0);
}

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const files = args.filter((a) => !a.startsWith('-'));
const examples = files.length
  ? files
  : readdirSync(join(root, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(root, 'examples', f));
const out = join(tmpdir(), `kehoach-fidelity-${process.pid}`);
mkdirSync(out, { recursive: true });

const templates = templatesFor(keHoach);
const docxFiles = [];
for (const file of examples) {
  const name = basename(file, '.json');
  const { model } = modelFromFile(keHoach, file, templates);
  writeFileSync(join(out, `${name}.docx`), await docxFromModel(model));
  writeFileSync(join(out, `${name}.ours.pdf`), await pdfFromModel(model));
  docxFiles.push(join(out, `${name}.docx`));
}
// Our own LibreOffice profile, so a running office or a parallel run does not interfere.
execFileSync('soffice', [`-env:UserInstallation=file://${out}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...docxFiles], {
  stdio: 'ignore',
});

/** Lines of a PDF as pdftotext groups them: [{ page, text }]. */
function pdfLines(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = [];
  let page = 0;
  for (const part of xml.split(/<page /).slice(1)) {
    page++;
    for (const m of part.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
      const words = [...m[1].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]));
      if (words.length) lines.push({ page, text: words.join(' ') });
    }
  }
  return { lines, pages: page };
}
const decode = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    // A non-breaking hyphen in the DOCX is the hyphen of our PDF.
    .replace(/\u2011/g, '-');

/**
 * Lines that occur in both (as multisets): they start and end on the same words. With
 * `byPage`, a line must also be on the same page (so page breaks count too).
 */
function compare(a, b, byPage = false) {
  const key = (l) => (byPage ? `${l.page}|${l.text}` : l.text);
  const count = new Map();
  for (const l of b) count.set(key(l), (count.get(key(l)) ?? 0) + 1);
  let same = 0;
  const onlyOurs = [];
  for (const l of a) {
    const c = count.get(key(l)) ?? 0;
    if (c > 0) {
      same++;
      count.set(key(l), c - 1);
    } else onlyOurs.push(l);
  }
  const onlyTheirs = [];
  for (const [text, c] of count) for (let k = 0; k < c; k++) onlyTheirs.push(text);
  return { same, total: Math.max(a.length, b.length), onlyOurs, onlyTheirs };
}

let ok = true;
const rows = [];
for (const docx of docxFiles) {
  const name = basename(docx, '.docx');
  const ours = pdfLines(join(out, `${name}.ours.pdf`));
  const lo = existsSync(join(out, `${name}.pdf`)) ? pdfLines(join(out, `${name}.pdf`)) : { lines: [], pages: 0 };
  const c = compare(ours.lines, lo.lines);
  const share = c.total ? (100 * c.same) / c.total : 100;
  const p = compare(ours.lines, lo.lines, true);
  const pageShare = p.total ? (100 * p.same) / p.total : 100;
  const pass = ours.pages === lo.pages && share >= 98;
  ok &&= pass;
  rows.push({
    example: name,
    'pages ours/LO': `${ours.pages}/${lo.pages}`,
    'same lines': `${c.same}/${c.total}`,
    'same line breaks': `${share.toFixed(1)} %`,
    'same page too': `${pageShare.toFixed(1)} %`,
    pass: pass ? 'yes' : 'NO',
  });
  if (verbose && (c.onlyOurs.length || c.onlyTheirs.length)) {
    console.log(`\n== ${name}: lines only in ours`);
    for (const l of c.onlyOurs) console.log(`  p${l.page}: ${l.text}`);
    console.log(`== ${name}: lines only in LibreOffice's`);
    for (const t of c.onlyTheirs) console.log(`  ${t}`);
  }
}
console.table(rows);
console.log(`PDFs in ${out} (ours: *.ours.pdf, LibreOffice: *.pdf). Target: equal pages, ≥ 98 % same line breaks.`);
process.exitCode = ok ? 0 : 1;
