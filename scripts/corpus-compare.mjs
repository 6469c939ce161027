#!/usr/bin/env node
// Compares a plan file with the real plan it reproduces: renders it (npm run build first) and
// reports the share of the source's words found in order in the PDF, the source words it misses,
// and the numbering labels. Usage:
//   node scripts/corpus-compare.mjs examples/corpus/04-….yaml test/fixtures/corpus-sources/04-….txt [--from N] [--to M] [-v]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { coverage, LABEL, missingWords, pdfWords, sourceLabels, sourceWords, lcsLength } from './corpus-lib.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, pdfFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));

const args = process.argv.slice(2);
const opt = (name) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : undefined;
};
const [planFile, sourceFile] = args.filter((a, k) => !a.startsWith('-') && !['--from', '--to'].includes(args[k - 1]));
const range = { from: opt('--from') ?? 1, to: opt('--to') ?? Infinity };
const { model } = modelFromFile(keHoach, planFile, templatesFor(keHoach));
const pdf = join(mkdtempSync(join(tmpdir(), 'kehoach-corpus-')), 'plan.pdf');
writeFileSync(pdf, await pdfFromModel(model));
const src = sourceWords(readFileSync(sourceFile, 'utf8'), range);
const out = pdfWords(pdf);
const c = coverage(src, out);
console.log(`words: ${c.matched}/${c.total} of the source in order (${(100 * c.ratio).toFixed(2)} %); PDF has ${out.length} words; ${pdf}`);
const miss = missingWords(src, out);
for (const m of miss.slice(0, args.includes('-v') ? 500 : 40)) console.log(`  missing "${m.word}" … ${m.context}`);
const ours = [];
const walk = (blocks) => {
  for (const b of blocks) if (b.kind === 'paragraph' && b.marker && LABEL.test(b.marker)) ours.push(b.marker);
};
walk(model.body);
for (const a of model.appendices) walk(a.blocks);
const theirs = sourceLabels(readFileSync(sourceFile, 'utf8'), range);
console.log(`labels: ${lcsLength(ours, theirs)} of our ${ours.length} in order among the source's ${theirs.length}`);
if (args.includes('-v')) console.log(`ours:   ${ours.join(' ')}\nsource: ${theirs.join(' ')}`);
