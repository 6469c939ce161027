// The DOCX writer reuses the docx library's XML (src/writers/docx/fast.ts): blocks by shape,
// everything but the body by skeleton, its own zip. Its files must be the library's, byte for
// byte: every example, the corpus, every extra case, twice (the second time from the caches),
// and texts that need escaping or hold the placeholders' own characters.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXTRA_CASES } from './helpers/cases.js';
import { docxBothWays, exampleFiles, exampleName, minimalPlan, modelOf } from './helpers/render.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { modelFromFile, templatesFor } from '../src/pipeline.js';

const templates = templatesFor(keHoach);

/** Where two packages first differ: the part, and the XML around the first differing character. */
function firstDifference(a: Uint8Array, b: Uint8Array): string {
  const [za, zb] = [unzipSync(a), unzipSync(b)];
  if (Object.keys(za).join() !== Object.keys(zb).join()) return `parts: ${Object.keys(za).join()} / ${Object.keys(zb).join()}`;
  for (const part of Object.keys(zb)) {
    const [x, y] = [strFromU8(za[part]), strFromU8(zb[part])];
    if (x === y) continue;
    let i = 0;
    while (x[i] === y[i]) i++;
    return `${part} at ${i}:\n  fast:    …${x.slice(i - 120, i + 120)}\n  library: …${y.slice(i - 120, i + 120)}`;
  }
  return 'the same parts, zipped differently';
}

async function expectSame(model: Parameters<typeof docxBothWays>[0], what: string) {
  for (let pass = 1; pass <= 2; pass++) {
    const { fast, library } = await docxBothWays(model);
    const same = Buffer.compare(Buffer.from(fast), Buffer.from(library)) === 0;
    expect(same, `${what}, pass ${pass}: ${same ? '' : firstDifference(fast, library)}`).toBe(true);
  }
}

describe('DOCX fast path', () => {
  it.each(exampleFiles().map((f) => [exampleName(f), f]))('%s: the same bytes as the docx library', async (_, file) => {
    await expectSame(modelFromFile(keHoach, file, templates).model, file);
  });

  it.each(EXTRA_CASES.map((c) => [c.slug, c]))('%s: the same bytes as the docx library', async (_, c) => {
    await expectSame(modelOf(c.plan(minimalPlan())).model, c.slug);
  });

  it('texts needing escapes, controls, line breaks and private-use characters: the same bytes', async () => {
    const plan = minimalPlan();
    plan.intro = `A & B < C > D "E" 'F'\u0001 \uE000 0 \uE001 \uE002 end`;
    plan.title = 'Tiêu đề\ncó hai dòng & "ngoặc"';
    await expectSame(modelOf(plan).model, 'escapes');
  });

  it('sections ending with a page break, a table and a paragraph: the same bytes', async () => {
    const plan = minimalPlan();
    const table = { table: { columns: [1, 4], header: ['TT', 'Nội dung'], rows: [['1', 'Kiểm tra']] } };
    plan.appendices = [
      { title: 'Phụ lục một', blocks: ['Đoạn đầu.', { pageBreak: true }] },
      { title: 'Phụ lục hai', landscape: true, blocks: ['Bảng:', table] },
      { title: 'Phụ lục ba', blocks: ['Đoạn cuối.'] },
    ];
    await expectSame(modelOf(plan).model, 'sections');
  });
});
