// The outline editor's model (src/edit/client/): every plan we have comes back from its lines
// unchanged, the numbers beside the lines are the printed ones, and the keys move lines as in
// Word's multilevel lists.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domSpans, inlineToHtml, parseInline, spansToInline } from '../src/edit/client/inline.js';
import { blocksToOutline, line, outlineToBlocks, planToLines, writeBody, type Line } from '../src/edit/client/outline.js';
import { indent, markers, moveBlock, nextLine, normalize, outdent } from '../src/edit/client/outline-ops.js';
import { pasteLines } from '../src/edit/client/paste.js';
import { isoOf, monthGrid, typedOf } from '../src/edit/client/dates.js';
import { abbreviationOf, headOf, placeOf, signerChoices } from '../src/edit/client/signer.js';
import { deepEqual } from '../src/edit/plan-text.js';
import { readSource } from '../src/reader/source.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildModel, templatesFor } from '../src/pipeline.js';
import { paragraphText } from '../src/model/document.js';

const files = [
  ...readdirSync('examples')
    .filter((f) => f.endsWith('.json'))
    .map((f) => resolve('examples', f)),
  ...readdirSync('examples/corpus')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => resolve('examples/corpus', f)),
];

const clone = <T>(x: T): T => structuredClone(x);

describe('outline round trip', () => {
  for (const file of files) {
    it(`${file.split('/').pop()}: body and appendices come back unchanged`, () => {
      const plan = readSource(file).data as any;
      const body = clone(plan);
      writeBody(body, planToLines(body));
      expect(deepEqual(body, plan)).toBe(true);
      for (const a of plan.appendices ?? []) expect(deepEqual(outlineToBlocks(blocksToOutline(a.blocks)), a.blocks ?? [])).toBe(true);
    });
  }
});

describe('numbers beside the lines', () => {
  const templates = templatesFor(keHoach);
  for (const file of files.filter((f) => /kon-tum|dong-nai|hanoi-svhtt|06-nghean|09-daklak/.test(f))) {
    it(`${file.split('/').pop()}: the section and item numbers are the printed ones`, () => {
      const src = readSource(file);
      const plan = keHoach.schema.parse(src.data);
      const model = buildModel(keHoach, plan, templates);
      const printed = model.body.flatMap((b) => (b.kind === 'paragraph' && b.marker ? [b.marker] : []));
      const lines = planToLines(src.data as any);
      const shown = markers(lines).filter((m, i) => m && lines[i].kind !== 'bullet' && !lines[i].locked);
      // Every number the outline shows is printed, in the same order (named sections add their own items).
      let k = 0;
      for (const m of shown) {
        while (k < printed.length && printed[k] !== m) k++;
        expect(printed[k], `number ${m}`).toBe(m);
        k++;
      }
      expect(paragraphText({ kind: 'paragraph', style: 'body', runs: [{ text: 'x' }], marker: shown[0] })).toContain(shown[0]);
    });
  }
});

describe('keys', () => {
  const make = (...specs: [Line['kind'], number, string][]) =>
    specs.map(([k, d, t]) => line(k, d, t, k === 'item' ? { numbering: d === 1 ? 'decimal' : 'a)' } : {}));

  it('Tab puts an item under the one above as a), Shift+Tab brings it back', () => {
    const ls = make(['section', 0, 'Mục đích'], ['item', 1, 'Một'], ['item', 1, 'Hai']);
    expect(indent(ls, 2, 0)).toBe(true);
    expect(markers(ls)).toEqual(['I.', '1.', 'a)']);
    expect(outdent(ls, 2, 0)).toBe(true);
    expect(markers(ls)).toEqual(['I.', '1.', '2.']);
    expect(outdent(ls, 2, 0)).toBe(true);
    expect(ls[2].kind).toBe('section');
    expect(markers(ls)).toEqual(['I.', '1.', 'II.']);
    expect(indent(ls, 1, 0)).toBe(false);
  });

  it('bullets become + under a bullet, and the first line is always a section', () => {
    const ls = make(['section', 0, 'A'], ['bullet', 1, 'x'], ['bullet', 1, 'y']);
    indent(ls, 2, 0);
    expect(markers(ls)).toEqual(['I.', '-', '+']);
    const plan: any = {};
    writeBody(plan, ls);
    expect(plan.sections).toEqual([{ title: 'A', blocks: [{ bullets: [{ text: 'x', bullets: ['y'] }] }] }]);
    expect(normalize([line('para', 2, 'z')], 0)[0]).toMatchObject({ kind: 'section', depth: 0 });
  });

  it('an item with lines under it is written as a heading', () => {
    const ls = make(['section', 0, 'Nội dung'], ['item', 1, 'Mục đích'], ['para', 2, 'Nâng cao.'], ['item', 1, 'Yêu cầu']);
    const plan: any = {};
    writeBody(plan, ls);
    // 1., 2. is the default numbering: not written.
    expect(plan.sections[0].blocks).toEqual([{ items: [{ title: 'Mục đích', blocks: ['Nâng cao.'] }, 'Yêu cầu'] }]);
  });

  it('Alt+Shift+arrows move a line with its sub-lines past its sibling', () => {
    const ls = make(['section', 0, 'S'], ['item', 1, 'A'], ['item', 2, 'a'], ['item', 1, 'B']);
    expect(moveBlock(ls, 1, 1, 0)).toBe(2);
    expect(ls.map((l) => l.text)).toEqual(['S', 'B', 'A', 'a']);
    expect(nextLine(ls[0]).kind).toBe('item');
  });

  it('reordered named sections are written into `sections` in the order shown', () => {
    const plan = clone(readSource(resolve('examples/minimal.json')).data as any);
    const ls = planToLines(plan);
    const secs = ls.filter((l) => l.depth === 0).length;
    expect(secs).toBe(2);
    moveBlock(ls, 0, 1, 0);
    writeBody(plan, ls);
    expect(plan.purposes).toBeUndefined();
    expect(plan.sections.map((s: any) => s.kind)).toEqual(['implementation', 'purposes']);
  });
});

describe('paste', () => {
  it('splits a typed plan into sections, items, sub-items and bullets', () => {
    const text = 'I. MỤC ĐÍCH\n1. Mục đích\nNâng cao nhận thức.\n2. Yêu cầu\na) Thiết thực;\nb) Hiệu quả.\n- Một ý\n+ Ý con\nII. NỘI DUNG\n1.1. Chi tiết';
    const ls = pasteLines(text, 0);
    expect(ls.map((l) => [l.kind, l.depth, l.text])).toEqual([
      ['section', 0, 'MỤC ĐÍCH'],
      ['item', 1, 'Mục đích'],
      ['para', 2, 'Nâng cao nhận thức.'],
      ['item', 1, 'Yêu cầu'],
      ['item', 2, 'Thiết thực;'],
      ['item', 2, 'Hiệu quả.'],
      ['bullet', 3, 'Một ý'],
      ['bullet', 4, 'Ý con'],
      ['section', 0, 'NỘI DUNG'],
      ['item', 2, 'Chi tiết'],
    ]);
    expect(markers(normalize(ls, 0))).toEqual(['I.', '1.', '', '2.', 'a)', 'b)', '-', '+', 'II.', '1.']);
  });
});

describe('inline text', () => {
  it('reads and writes bold and italic, and keeps stars typed as stars', () => {
    expect(parseInline('Có **đậm** và *nghiêng*')).toEqual([{ text: 'Có ' }, { text: 'đậm', bold: true }, { text: ' và ' }, { text: 'nghiêng', italic: true }]);
    expect(inlineToHtml('a **b** <c>')).toBe('a <b>b</b> &lt;c&gt;');
    expect(spansToInline([{ text: 'x ' }, { text: ' đậm ', bold: true }, { text: '2*3' }])).toBe('x  **đậm** 2\\*3');
    expect(parseInline('2 * 3')).toEqual([{ text: '2 ' }, { text: '*' }, { text: ' 3' }]);
    expect(typeof domSpans).toBe('function');
  });
});

describe('dates and signers', () => {
  it('reads dd/mm/yyyy and a draft’s mm/yyyy', () => {
    expect(isoOf('5/2/2026')).toBe('2026-02-05');
    expect(isoOf('30/02/2026')).toBeUndefined();
    expect(isoOf('02/2026')).toBe('2026-02');
    expect(isoOf('2026')).toBe('2026');
    expect(typedOf('2026-02-05')).toBe('05/02/2026');
    expect(monthGrid(2026, 2)[0]).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
  it('offers the signing choices the issuer allows', () => {
    expect(headOf('Sở Y tế')).toBe('GIÁM ĐỐC');
    expect(signerChoices('Sở Y tế').map((c) => c.authority)).toEqual(['', 'KT.', 'Q.', 'TL.', 'TUQ.']);
    expect(signerChoices('Ủy ban nhân dân tỉnh Lào Cai')[0]).toMatchObject({ authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH' });
    expect(abbreviationOf('Sở Văn hóa, Thể thao và Du lịch')).toBe('SVHTTDL');
    expect(abbreviationOf('Sở Y tế')).toBe('SYT');
    expect(placeOf('UBND tỉnh Lào Cai', 'Sở Y tế')).toBe('Lào Cai');
  });
});
