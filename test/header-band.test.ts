// The cơ quan chủ quản steps down to 12 pt (the decree's range) rather than wrap, in both writers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDocx } from '../src/check/wordml.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildModel, templatesFor } from '../src/pipeline.js';
import { Plan } from '../src/schema/plan.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { layoutDocument } from '../src/writers/pdf/index.js';

const t = templatesFor(keHoach);
const plan = (parent: string) => {
  const p = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
  p.issuer.parent = parent;
  p.place = 'Hải Phòng';
  return buildModel(keHoach, Plan.parse(p), t);
};

describe('cơ quan chủ quản', () => {
  it.each([
    ['UBND TỈNH LÀO CAI', 13],
    ['UBND THÀNH PHỐ HẢI PHÒNG', 12],
  ])('%s is set on one line at %i pt in the DOCX and the PDF', async (parent, size) => {
    const model = plan(parent);
    const doc = openDocx(await writeDocx(model));
    const paras = doc.allParagraphs().slice(0, 2); // the band's first cell: parent, then agency
    expect(paras.map((p) => p.text)).toEqual([parent, 'SỞ Y TẾ']);
    expect(paras[0].runs[0].props.size).toBe(size);
    expect(paras[0].runs[0].props.bold).toBeFalsy();
    const page = layoutDocument(model)[0];
    // The band's top line: everything above the agency (the first bold run).
    const agencyY = Math.min(...page.runs.filter((r) => r.text.includes('SỞ Y TẾ')).map((r) => r.y));
    const runs = page.runs.filter((r) => r.y < agencyY && r.x < 250);
    expect(runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim()).toBe(parent);
    expect(new Set(runs.map((r) => r.y)).size).toBe(1); // one baseline: not wrapped
    expect(runs.every((r) => r.size === size)).toBe(true);
  });
});
