// Named sections edited in kehoach edit's form (phases, targets, units, purposes, awards): their
// fields are written into the plan directly, the outline writes the section back from its line,
// and the clerk's YAML keeps its comments and key order through both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { planToLines, refreshSections, writeBody, type PathMap } from '../src/edit/client/outline.js';
import { setAt, type Obj } from '../src/edit/client/paths.js';
import { planText, readData, type Json } from '../src/edit/plan-text.js';
import { checkSource } from '../src/pipeline.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { parseSource } from '../src/reader/source.js';

const PLAN = JSON.parse(readFileSync('examples/tiem-chung-2026.json', 'utf8')) as Obj;
const clone = <T>(x: T): T => structuredClone(x);

/** The body's lines as the editor loads them, with where each section was written. */
function load(plan: Obj) {
  // A copy, as the editor's lines outlive the data they were read from (undo, reloads).
  const lines = planToLines(clone(plan));
  const paths: PathMap = new Map();
  writeBody(clone(plan), lines, paths);
  return { lines, paths };
}

describe('a named section edited in the form, then the outline', () => {
  it('keeps the form edits when the outline writes the section back', () => {
    const data = clone(PLAN);
    const { lines, paths } = load(data);
    expect(paths.get(lines.find((l) => l.key === 'phases')!.id)).toBe('phases');
    // The form: a phase's start date and a sub-target's value.
    setAt(data, ['phases', 'items', 1, 'from'], '2026-03-24');
    setAt(data, ['targets', 'rows', 1, 'rows', 0, 'value'], '41.500');
    // The outline: a line typed under the phases.
    const after = lines.findIndex((l) => l.key === 'phases') + 1;
    lines[after].text = 'Tiêm vét cho trẻ chưa được tiêm trong 02 tuần sau mỗi đợt.';
    refreshSections(lines, paths, data);
    writeBody(data, lines);
    const phases = data.phases as any;
    expect(phases.items[1].from).toBe('2026-03-24');
    expect(phases.blocks).toEqual(['Tiêm vét cho trẻ chưa được tiêm trong 02 tuần sau mỗi đợt.']);
    expect((data.targets as any).rows[1].rows[0].value).toBe('41.500');
  });

  it('keeps them when the sections are reordered (all go to sections, each with its kind)', () => {
    const data = clone(PLAN);
    const { lines, paths } = load(data);
    setAt(data, ['targets', 'rows', 0, 'note'], 'theo từng xã');
    // "Chỉ tiêu" moved before "Thời gian": its line and the lines under it go up.
    const t = lines.findIndex((l) => l.key === 'targets');
    const p = lines.findIndex((l) => l.key === 'phases');
    const end = lines.findIndex((l, k) => k > t && l.kind === 'section');
    const moved = lines.splice(t, end - t);
    lines.splice(p, 0, ...moved);
    refreshSections(lines, paths, data);
    writeBody(data, lines);
    const sections = data.sections as any[];
    expect(sections.map((s) => s.kind ?? s.title)).toEqual(['purposes', 'targets', 'phases', 'budget', 'implementation', 'Chế độ báo cáo']);
    expect(sections[1].rows[0].note).toBe('theo từng xã');
    expect(data.targets).toBeUndefined();
  });
});

describe('the YAML file after form edits of named sections', () => {
  // The example as a clerk's YAML: a comment above the phases and one beside a target.
  const doc = new Document(PLAN);
  const yamlText = doc
    .toString({ lineWidth: 0 })
    .replace(/^phases:$/m, '# Các đợt do Phòng Nghiệp vụ Y đề xuất\nphases:')
    .replace(/^(\s+- name: Tỷ lệ trẻ từ 1 đến 5 tuổi được tiêm vắc xin MR)$/m, '$1 # chỉ tiêu của Bộ');
  const file = 'ke-hoach.yaml';
  const before = readData(yamlText, file) as Obj;

  it('changes only the lines of the edited fields; comments and key order stay', () => {
    const after = clone(before);
    setAt(after, ['phases', 'items', 0, 'to'], '2026-03-21');
    setAt(after, ['phases', 'items', 1, 'name'], 'Đợt 2 (tiêm bù)');
    setAt(after, ['targets', 'rows', 0, 'value'], '≥ 98');
    setAt(after, ['implementation', 'units', 1, 'name'], 'Trạm Y tế các xã, phường');
    const text = planText(file, yamlText, before as Json, after as Json);
    expect(text).toContain('# Các đợt do Phòng Nghiệp vụ Y đề xuất\nphases:');
    expect(text).toContain('- name: Tỷ lệ trẻ từ 1 đến 5 tuổi được tiêm vắc xin MR # chỉ tiêu của Bộ');
    const a = yamlText.split('\n');
    const b = text.split('\n');
    expect(b.length).toBe(a.length);
    const changed = b.filter((l, k) => l !== a[k]);
    expect(changed.map((l) => l.trim())).toEqual(['to: 2026-03-21', '- name: Đợt 2 (tiêm bù)', 'value: ≥ 98', '- name: Trạm Y tế các xã, phường']);
    expect(Object.keys(readData(text, file) as Obj)).toEqual(Object.keys(before));
  });

  it('adds and removes rows in place, and the result is a valid plan', () => {
    const after = clone(before) as any;
    after.phases.items.push({ name: 'Đợt 3', from: '2026-04-06', to: '2026-04-10', description: 'tiêm vét' });
    after.targets.rows.splice(2, 1);
    after.targets.rows[1].rows.push({ name: 'Trẻ vãng lai', unit: 'trẻ', value: '1.200' });
    const text = planText(file, yamlText, before as Json, after as Json);
    expect(text).toContain('# Các đợt do Phòng Nghiệp vụ Y đề xuất\nphases:');
    const back = readData(text, file) as any;
    expect(back.phases.items.map((p: any) => p.name)).toEqual(['Đợt 1', 'Đợt 2', 'Đợt 3']);
    expect(back.targets.rows.length).toBe((before.targets as any).rows.length - 1);
    expect(back.targets.rows[1].rows[2]).toEqual({ name: 'Trẻ vãng lai', unit: 'trẻ', value: '1.200' });
    // Valid: checkSource throws on any error.
    expect(checkSource(keHoach, parseSource(text, file)).data).toBeTruthy();
  });
});
