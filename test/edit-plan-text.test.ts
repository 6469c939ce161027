// Writing an edit back into the clerk's own file (kehoach edit): the change lands where it was
// made, the rest of the file stays as written (comments, key order, quoting, line breaks).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryChange, matchLines } from '../src/edit/text-merge.js';
import { deepEqual, newPlanText, orderLike, planText, readData, type Json } from '../src/edit/plan-text.js';

const CORPUS = resolve('examples/corpus');
const EXAMPLES = resolve('examples');
const yamlFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));
const jsonFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

/** Lines of `a` missing from `b` and lines of `b` missing from `a` (a rough diff size). */
function changedLines(a: string, b: string): number {
  const A = a.split('\n');
  const B = b.split('\n');
  const m = matchLines(A, B)!;
  const kept = Array.from(m).filter((x) => x >= 0).length;
  return A.length - kept + (B.length - kept);
}

const clone = <T>(x: T): T => structuredClone(x);

describe('carryChange', () => {
  it('applies the change between two prints onto the original, keeping its own lines', () => {
    const o = 'a: 1   # one\nb: [x, y]\nc: 3\n';
    const b = 'a: 1 # one\nb: [ x, y ]\nc: 3\n';
    const c = 'a: 1 # one\nb: [ x, y ]\nc: 4\n';
    expect(carryChange(o, b, c)).toBe('a: 1   # one\nb: [x, y]\nc: 4\n');
  });
  it('inserts after the line before the insertion', () => {
    expect(carryChange('x\ny\n', 'x\ny\n', 'x\nnew\ny\n')).toBe('x\nnew\ny\n');
    expect(carryChange('X\ny\n', 'x\ny\n', 'x\ny\nz\n')).toBe('X\ny\nz\n');
  });
});

describe('planText on YAML', () => {
  for (const f of yamlFiles) {
    it(`${f}: an edited date, recipient and paragraph change only their lines; comments stay`, () => {
      const file = join(CORPUS, f);
      const text = readFileSync(file, 'utf8');
      const old = readData(text, file) as Record<string, Json>;
      expect(planText(file, text, old, clone(old))).toBe(text);
      const next = clone(old) as any;
      next.date = '2026-03-09';
      if (Array.isArray(next.recipients)) next.recipients[0] = 'Bộ Nội vụ (để báo cáo)';
      const out = planText(file, text, old, next);
      expect(deepEqual(readData(out, file), next)).toBe(true);
      expect(changedLines(text, out)).toBeLessThanOrEqual(8);
      for (const line of text.split('\n').filter((l) => /^\s*#/.test(l))) expect(out).toContain(line);
    });
  }

  it('keeps a comment on an edited value and puts a new key where the format lists it', () => {
    const file = 'x.yaml';
    const text = '# Kế hoạch\nissuer:\n  name: Sở Y tế # cơ quan\n  abbreviation: SYT\nnumber: 5\nplace: Lào Cai\n';
    const old = readData(text, file) as any;
    const next = clone(old);
    next.issuer.name = 'Sở Tài chính';
    next.symbol = 'KH-STC';
    const out = planText(file, text, old, next);
    expect(out).toBe('# Kế hoạch\nissuer:\n  name: Sở Tài chính # cơ quan\n  abbreviation: SYT\nnumber: 5\nsymbol: KH-STC\nplace: Lào Cai\n');
  });

  it('keeps a number typed with its zeros and a reordered list item with its comment', () => {
    const file = 'x.yaml';
    const text = 'number: 0124\nrecipients:\n  # first\n  - A\n  - B # bee\n  - C\n';
    const old = readData(text, file) as any;
    expect(old.number).toBe('0124');
    const next = clone(old);
    next.recipients = ['B', 'A', 'C'];
    const out = planText(file, text, old, next);
    expect(deepEqual(readData(out, file), next)).toBe(true);
    expect(out).toContain('number: 0124');
    expect(out).toContain('# bee');
    expect(out).toContain('# first');
  });
});

describe('planText on JSON', () => {
  for (const f of jsonFiles) {
    it(`${f}: an edit changes only the lines it touches`, () => {
      const file = join(EXAMPLES, f);
      const text = readFileSync(file, 'utf8');
      const old = readData(text, file) as any;
      expect(planText(file, text, old, clone(old))).toBe(text);
      const next = clone(old);
      next.date = '2026-03-09';
      next.signer.name = 'Trần Thị Bình';
      const out = planText(file, text, old, next);
      expect(JSON.parse(out)).toEqual(next);
      expect(changedLines(text, out)).toBeLessThanOrEqual(4);
    });
  }
});

describe('JSON edited in place', () => {
  it('adds to a one-line list and a new key on the one-line object’s own line', () => {
    const file = 'x.json';
    const text =
      '{\n  "number": 5,\n  "place": "Huế",\n  "recipients": [{ "name": "UBND tỉnh", "note": "báo cáo" }, "Các phòng"],\n  "archive": { "units": ["VT"] }\n}\n';
    const old = JSON.parse(text);
    const next = clone(old);
    next.recipients.push('Sở Tài chính');
    next.archive.copies = 5;
    next.symbol = 'KH-SYT';
    const out = planText(file, text, old, next);
    expect(JSON.parse(out)).toEqual(next);
    expect(out).toBe(
      '{\n  "number": 5,\n  "symbol": "KH-SYT",\n  "place": "Huế",\n  "recipients": [{ "name": "UBND tỉnh", "note": "báo cáo" }, "Các phòng", "Sở Tài chính"],\n  "archive": { "units": ["VT"], "copies": 5 }\n}\n',
    );
  });

  it('removes a key and a list element with their separators', () => {
    const text = '{\n  "a": 1,\n  "b": [1, 2, 3],\n  "c": { "d": true }\n}\n';
    const out = planText('x.json', text, JSON.parse(text), { a: 1, b: [1, 3] });
    expect(out).toBe('{\n  "a": 1,\n  "b": [1, 3]\n}\n');
  });
});

describe('new plans and key order', () => {
  it('orders new keys as the format lists them', () => {
    const ordered = orderLike(undefined, { title: 't', date: '2026-01-01', issuer: { abbreviation: 'A', name: 'n' } }) as any;
    expect(Object.keys(ordered)).toEqual(['issuer', 'date', 'title']);
    expect(Object.keys(ordered.issuer)).toEqual(['name', 'abbreviation']);
  });
  it('writes a new YAML plan readable as the same data', () => {
    const data = { issuer: { name: 'Sở Y tế', abbreviation: 'SYT' }, place: 'Huế', date: '2026-02-05', title: 'Một: hai' } as Json;
    const text = newPlanText('a.yaml', data);
    expect(readData(text, 'a.yaml')).toEqual(data);
    expect(text).toContain('place: Huế');
  });
});
