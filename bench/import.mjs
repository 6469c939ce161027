#!/usr/bin/env node
// Speed of `kehoach import` (run through `npm run bench`, which builds first): a 10-page DOCX of
// our own (examples/corpus/03, rendered here) read, recognised and checked word by word, warm
// (fonts and templates loaded, code compiled); target < 200 ms. Also the stages apart, and the
// largest text of the corpus (01, 54 KB, 3,600 lines with five appendix tables).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, docxFromModel, pagesFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));
const { importDoc, readSourceDoc } = await import(join(root, 'dist/import/index.js'));
const { readDocx } = await import(join(root, 'dist/import/readers/docx.js'));
const { planYaml } = await import(join(root, 'dist/import/write-yaml.js'));

const file = join(root, 'examples', 'corpus', '03-thanhhoa-quan-trac-canh-bao-moi-truong-nuoi-trong-thuy-san-2026.yaml');
const { model } = modelFromFile(keHoach, file, templatesFor(keHoach));
const pages = pagesFromModel(model).length;
const docx = await docxFromModel(model);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs) {
  for (let k = 0; k < 5; k++) fn();
  const ms = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return { median: +median(ms).toFixed(1), best: +Math.min(...ms).toFixed(1) };
}

const runs = Number(process.env.BENCH_RUNS ?? 40);
const whole = time(() => {
  const r = importDoc(readDocx(docx, 'ke-hoach.docx'));
  planYaml(r.plan, r.warnings, 'ke-hoach.docx');
}, runs);
const read = time(() => readDocx(docx, 'ke-hoach.docx'), runs);
const text = join(root, 'test', 'fixtures', 'import-texts', '01-camau-tai-chinh-ngan-sach-nha-nuoc-03-nam-2026-2028.txt');
const big = time(() => importDoc(readSourceDoc(text)), Math.max(5, runs / 4));
console.table([
  { what: `DOCX of ${pages} pages (${(docx.length / 1024).toFixed(0)} KB) → YAML, warm`, 'median ms': whole.median, 'best ms': whole.best, target: '< 200' },
  { what: '  of which reading the DOCX', 'median ms': read.median, 'best ms': read.best },
  { what: `text 01 (${(readFileSync(text).length / 1024).toFixed(0)} KB, 5 tables) → plan, warm`, 'median ms': big.median, 'best ms': big.best },
]);
if (whole.median >= 200) {
  console.error(`import of a ${pages}-page DOCX: ${whole.median} ms (target < 200 ms)`);
  process.exitCode = 1;
}
