// `kehoach import` on real plans as text (copied from a PDF or a web page): every text in
// test/fixtures/corpus-sources/ and test/fixtures/import-texts/ imports to a valid plan whose
// PDF (read by poppler's pdftotext, not by our code) holds ≥ 98 % of the source's words in order,
// with the source's section and item labels. Where a plan was also reproduced by hand
// (examples/corpus/), the import has the same sections and appendices.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { importFile } from '../src/import/index.js';
import { planYaml } from '../src/import/write-yaml.js';
import { checkSource, loadInput } from '../src/pipeline.js';
import { parseSource } from '../src/reader/source.js';
// @ts-expect-error: a plain ES module shared with scripts/corpus-compare.mjs
import { coverage, LABEL, lcsLength, pdfWords, sourceLabels, sourceLines, sourceWords } from '../scripts/corpus-lib.mjs';
import type { Block } from './helpers/render.js';
import { modelOf, renderPlan, ROOT } from './helpers/render.js';

const DIRS = [join(ROOT, 'test', 'fixtures', 'corpus-sources'), join(ROOT, 'test', 'fixtures', 'import-texts')];
const files = DIRS.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(d, f)),
);

/**
 * The lines compared word by word: a plan issued with a Quyết định from its own tên loại (the
 * Quyết định is left out, and said), and without the footnote texts the web pages put at the end
 * (our PDF prints them at the foot of their page: they are compared on their own).
 */
const RANGES: Record<string, { from?: number; to?: number }> = {
  '01': { to: 3628 },
  '08': { to: 792 },
  '09': { to: 458 },
  '12': { from: 85 },
  '13': { from: 106 },
  '14': { from: 77 },
};

/**
 * 02's Phụ lục II is a ten-column budget table of 170 rows flattened one cell per line: rows,
 * merges and column widths are guessed, and even on a landscape page at 10 pt some numbers break
 * inside their narrow columns, which costs their words in pdftotext's reading (93 %).
 */
const SHARE: Record<string, number> = { '02': 0.93 };

const havePoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const out = mkdtempSync(join(tmpdir(), 'kehoach-import-texts-'));
const labels = (blocks: Block[]): string[] => blocks.flatMap((b) => (b.kind === 'paragraph' && b.marker && LABEL.test(b.marker) ? [b.marker] : []));

function imported(file: string) {
  const r = importFile(file);
  expect(r.notPlan, `${basename(file)}: recognised as a KẾ HOẠCH`).toBeFalsy();
  const yaml = planYaml(r.plan!, r.warnings, basename(file));
  // The written plan passes the validator (errors would throw with their Vietnamese messages).
  const checked = checkSource(keHoach, parseSource(yaml, basename(file, '.txt') + '.yaml'));
  return { ...r, yaml, data: checked.data };
}

describe.skipIf(!havePoppler)('import of real plans as text (pdftotext from poppler-utils)', () => {
  it('has the texts', () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
  });

  it.each(files.map((f) => [basename(f, '.txt'), f]))('%s', async (name, file) => {
    const { data } = imported(file);
    const rendered = await renderPlan(name, data);
    const pdf = join(out, `${name}.pdf`);
    writeFileSync(pdf, rendered.pdf);
    const source = readFileSync(file, 'utf8').replace(/<br\s*\/?>/gi, ' ');
    const range = RANGES[name.slice(0, 2)] ?? {};
    const words = pdfWords(pdf);
    const c = coverage(sourceWords(source, range), words);
    expect(c.ratio, `${c.matched}/${c.total} source words in order`).toBeGreaterThanOrEqual(SHARE[name.slice(0, 2)] ?? 0.98);
    // The footnote texts left out above are in the PDF too, in order.
    if (range.to) {
      const notes = sourceWords(sourceLines(source, { from: range.to + 1 }).join('\n'), {}).filter((w: string) => !/^\[\d+\]$/.test(w));
      expect(coverage(notes, words).ratio, 'footnote words').toBeGreaterThanOrEqual(0.98);
    }
    const m = rendered.model;
    const ours = [...labels(m.body), ...m.appendices.flatMap((a) => labels(a.blocks))];
    const theirs: string[] = sourceLabels(source, range);
    expect(lcsLength(ours, theirs), 'our labels in order among the source’s').toBe(ours.length);
    // Hard wraps can start a line with "1." or an amount ("140.000") mid-sentence: allow a few.
    expect(theirs.length - ours.length).toBeLessThanOrEqual(Math.max(4, Math.ceil(theirs.length * 0.05)));
  });
});

describe('import of real plans as text, next to the plans reproduced by hand', () => {
  const byHand = files.filter((f) => existsSync(join(ROOT, 'examples', 'corpus', `${basename(f, '.txt')}.yaml`)));
  it.each(byHand.map((f) => [basename(f, '.txt'), f]))('%s: same sections and appendices', (name, file) => {
    const hand = loadInput(keHoach, join(ROOT, 'examples', 'corpus', `${name}.yaml`)).data;
    const { data } = imported(file);
    const heads = (plan: unknown) =>
      modelOf(plan)
        .model.body.filter((b) => b.kind === 'paragraph' && b.style === 'heading1')
        .map((b) => (b.kind === 'paragraph' ? `${b.marker} ${b.runs.map((r) => r.text).join('')}` : ''));
    expect(heads(data)).toEqual(heads(hand));
    expect(data.appendices?.length ?? 0).toBe(hand.appendices?.length ?? 0);
    expect(!!data.attachedTo).toBe(!!hand.attachedTo);
  });
});
