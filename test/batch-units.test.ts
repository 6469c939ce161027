// Unit tests of the batch building blocks: field paths, the merge rules, CSV reading with
// positions, rows files, output-name safety and where a row's errors are reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/batch/csv.js';
import { getPath, parseFieldPath } from '../src/batch/field-path.js';
import { placeDiagnostics } from '../src/batch/locate.js';
import { deepMerge, MergeError, setPath } from '../src/batch/merge.js';
import { asciiSlug, checkPattern, NameRegistry, outputPath, renderName, safePart } from '../src/batch/names.js';
import { barLine } from '../src/batch/progress.js';
import { fileSha256 } from '../src/batch/fingerprint.js';
import { findProvince, provinceContext, provinceFields } from '../src/batch/province-rows.js';
import { cellValue, readRows } from '../src/batch/rows.js';
import { provinces } from '../src/data/provinces.js';
import { InputError } from '../src/reader/diagnostic.js';
import { parseSource } from '../src/reader/source.js';

const dir = mkdtempSync(join(tmpdir(), 'kehoach-batch-units-'));
function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('field paths', () => {
  it('parses keys and indexes', () => {
    expect(parseFieldPath('issuer.name')).toEqual(['issuer', 'name']);
    expect(parseFieldPath('targets.rows[3].value')).toEqual(['targets', 'rows', 3, 'value']);
    expect(parseFieldPath('recipients[0]')).toEqual(['recipients', 0]);
    expect(parseFieldPath('a[1][2].b')).toEqual(['a', 1, 2, 'b']);
    expect(parseFieldPath(' place ')).toEqual(['place']);
  });

  it('rejects malformed paths and prototype keys', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', 'a[x]', 'a[-1]', '[0]', 'a.[0]', 'a]', '__proto__.x', 'a.constructor', 'a[0]b']) {
      expect(parseFieldPath(bad), bad).toBeUndefined();
    }
  });
});

describe('merge rules', () => {
  const base = () => ({
    issuer: { parent: 'UBND tỉnh Lào Cai', name: 'Sở Y tế', abbreviation: 'SYT' },
    recipients: ['A', 'B', 'C'],
    targets: {
      rows: [
        { name: 'x', value: 1 },
        { name: 'y', value: 2 },
      ],
    },
  });

  it('objects merge key by key', () => {
    const p = base();
    setPath(p, ['issuer'], { name: 'Sở Tài chính', abbreviation: 'STC' });
    expect(p.issuer).toEqual({ parent: 'UBND tỉnh Lào Cai', name: 'Sở Tài chính', abbreviation: 'STC' });
    expect(deepMerge({ a: { b: 1, c: { d: 1 } } }, { a: { c: { e: 2 } } })).toEqual({ a: { b: 1, c: { d: 1, e: 2 } } });
  });

  it('arrays replace as a whole', () => {
    const p = base();
    setPath(p, ['recipients'], ['Z']);
    expect(p.recipients).toEqual(['Z']);
    const q = base();
    setPath(q, ['targets'], { rows: [{ name: 'only' }] });
    expect(q.targets.rows).toEqual([{ name: 'only' }]);
  });

  it('index paths reach into one element (objects there merge too)', () => {
    const p = base();
    setPath(p, ['targets', 'rows', 1, 'value'], 95);
    expect(p.targets.rows).toEqual([
      { name: 'x', value: 1 },
      { name: 'y', value: 95 },
    ]);
    setPath(p, ['targets', 'rows', 0], { note: 'n' });
    expect(p.targets.rows[0]).toEqual({ name: 'x', value: 1, note: 'n' });
    setPath(p, ['recipients', 1], 'B2');
    expect(p.recipients).toEqual(['A', 'B2', 'C']);
  });

  it('an index one past the end appends; further is an error naming the list', () => {
    const p = base();
    setPath(p, ['recipients', 3], 'D');
    expect(p.recipients).toEqual(['A', 'B', 'C', 'D']);
    expect(() => setPath(p, ['recipients', 9], 'X')).toThrow(/chỉ số \[9\] vượt quá danh sách "recipients" \(có 4 phần tử/);
  });

  it('paths into missing objects create them', () => {
    const p: Record<string, any> = base();
    setPath(p, ['layout', 'margins', 'left'], 30);
    expect(p.layout).toEqual({ margins: { left: 30 } });
    setPath(p, ['phases', 'items', 0, 'name'], 'Đợt 1');
    expect(p.phases).toEqual({ items: [{ name: 'Đợt 1' }] });
  });

  it('cannot go through a text or a list by name', () => {
    const p = base();
    expect(() => setPath(p, ['issuer', 'name', 'x'], 1)).toThrow(MergeError);
    expect(() => setPath(p, ['recipients', 'x'], 1)).toThrow(/"recipients" là danh sách/);
    expect(() => setPath(p, ['issuer', 0], 1)).toThrow(/không phải danh sách/);
  });

  it('does not share values between rows', () => {
    const value = { name: 'Sở A' };
    const p = base();
    setPath(p, ['issuer'], value);
    (p.issuer as any).name = 'changed';
    expect(value.name).toBe('Sở A');
    expect(() => deepMerge({}, JSON.parse('{"__proto__": {"polluted": 1}}'))).toThrow(MergeError);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('CSV', () => {
  it('reads quoted fields, "" and line breaks, with the line and column of each cell', () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n\r\n"multi\nline","say ""hi""",\n4,5,6';
    const recs = parseCsv(text, 'f.csv');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 6]);
    expect(recs[1].cells.map((c) => c.value)).toEqual(['1', 'x, y', '3']);
    expect(recs[2].cells.map((c) => c.value)).toEqual(['multi\nline', 'say "hi"', '']);
    expect(recs[2].cells[1]).toMatchObject({ line: 5, column: 7 });
    expect(recs[3].cells[2]).toMatchObject({ value: '6', line: 6, column: 5 });
  });

  it('detects ";" as separator (Excel with a regional list separator)', () => {
    expect(parseCsv('a;b\n1;2,5\n', 'f.csv')[1].cells.map((c) => c.value)).toEqual(['1', '2,5']);
  });

  it('an unterminated quote is an error with its position', () => {
    try {
      parseCsv('a,b\n1,"oops\n2,3\n', 'f.csv');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).diagnostics[0]).toMatchObject({ line: 2, column: 3, code: 'csv.quote' });
    }
  });

  it('cells take the type of the base field; JSON for lists; empty keeps the base', () => {
    expect(cellValue('', 'x')).toEqual({ set: false });
    expect(cellValue('14', 13)).toEqual({ set: true, value: 14 });
    expect(cellValue('1,5', 1.2)).toEqual({ set: true, value: 1.5 });
    expect(cellValue('0124', 'x')).toEqual({ set: true, value: '0124' });
    expect(cellValue('0124', undefined)).toEqual({ set: true, value: '0124' });
    expect(cellValue('true', false)).toEqual({ set: true, value: true });
    expect(cellValue('["VT","SYT"]', ['VT'])).toEqual({ set: true, value: ['VT', 'SYT'] });
    expect(cellValue('null', 5)).toEqual({ set: true, value: null });
    expect(cellValue('  Nguyễn Văn A ', 'x')).toEqual({ set: true, value: 'Nguyễn Văn A' });
  });
});

describe('rows files', () => {
  const base = { number: 5, layout: { fontSize: 14 } };

  it('CSV: meta columns, comment columns, line numbers and cell positions', () => {
    const f = file('r.csv', 'slug,number,signer.name,#ghi chú\nha-noi,12,"Nguyễn\nVăn A",x\nhue,,Trần B,\n');
    const rows = readRows(f, base);
    expect(rows.map((r) => [r.index, r.line, r.slug])).toEqual([
      [1, 2, 'ha-noi'],
      [2, 4, 'hue'],
    ]);
    expect(rows[0].fields.map((x) => [x.key, x.value])).toEqual([
      ['number', 12],
      ['signer.name', 'Nguyễn\nVăn A'],
    ]);
    expect(rows[1].fields.map((x) => x.key)).toEqual(['signer.name']);
    expect(rows[1].fields[0].at([])).toEqual({ file: f, line: 4, column: 6 });
  });

  it('CSV: a bad column name fails the whole file at the header cell', () => {
    const f = file('bad.csv', 'place,issuer..name\nA,B\n');
    expect(() => readRows(f, base)).toThrow(InputError);
    try {
      readRows(f, base);
    } catch (e) {
      expect((e as InputError).diagnostics[0]).toMatchObject({ line: 1, column: 7, code: 'rows.key' });
    }
  });

  it('CSV: a row with more cells than columns is reported on that row', () => {
    const rows = readRows(file('extra.csv', 'place\nA\nB,C\n'), base);
    expect(rows[0].problems).toEqual([]);
    expect(rows[1].problems[0]).toMatchObject({ code: 'rows.extra_cells', line: 3, column: 3 });
  });

  it('JSON Lines: one row per line, positions on that line, a syntax error fails only its row', () => {
    const f = file('r.jsonl', '{"place": "A"}\n\n{"signer.name": "B", "slug": "b"}\n{oops}\n');
    const rows = readRows(f, base);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(rows[1].fields[0].at([])).toMatchObject({ line: 3, column: 2 });
    expect(rows[1].slug).toBe('b');
    expect(rows[2].problems[0]).toMatchObject({ code: 'json.syntax', line: 4 });
  });

  it('YAML and JSON lists: nested partial plans keep the position of nested keys', () => {
    const f = file('r.yaml', '- place: A\n- issuer:\n    name: B\n    abbreviation: x\n');
    const rows = readRows(f, base);
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
    expect(rows[1].fields[0].at(['abbreviation'])).toMatchObject({ line: 4, column: 5 });
    const j = readRows(file('r.json', '[\n  {"place": "A"},\n  {"targets.rows[3].value": 5}\n]'), base);
    expect(j.map((r) => r.line)).toEqual([2, 3]);
    expect(j[1].fields[0].path).toEqual(['targets', 'rows', 3, 'value']);
  });

  it('a list is required; bad keys are row problems', () => {
    expect(() => readRows(file('o.json', '{"place": "A"}'), base)).toThrow(/danh sách/);
    expect(() => readRows(file('x.txt', ''), base)).toThrow(InputError);
    const rows = readRows(file('k.json', '[{"a..b": 1, "slug": 3}]'), base);
    expect(rows[0].problems.map((p) => p.code)).toEqual(['rows.key', 'rows.meta']);
  });
});

describe('output names', () => {
  const vars = (v: Record<string, unknown>) => (k: string) => v[k];

  it('ASCII, lower case, Vietnamese diacritics stripped, đ → d', () => {
    expect(asciiSlug('Đắk Lắk')).toBe('dak-lak');
    expect(asciiSlug('Thành phố Hồ Chí Minh')).toBe('thanh-pho-ho-chi-minh');
    expect(renderName('{{slug}}/ke-hoach-{{number}}', vars({ slug: 'Bà Rịa - Vũng Tàu', number: 5 }))).toBe('ba-ria-vung-tau/ke-hoach-5');
  });

  it('no value can leave the output folder or create folders', () => {
    const cases: [unknown, string][] = [
      ['../../x', 'x'],
      ['a/b', 'a-b'],
      ['a\\b', 'a-b'],
      ['/etc/passwd', 'etc-passwd'],
      ['C:\\Windows', 'c-windows'],
      ['..', ''],
      ['', ''],
      ['a\0b', 'ab'],
    ];
    for (const [value, part] of cases) {
      const name = renderName('{{v}}', vars({ v: value }));
      expect(name, String(value)).toBe(part || 'khong-ten');
      expect(name.includes('/')).toBe(false);
    }
  });

  it('the pattern itself cannot escape either', () => {
    expect(renderName('../../{{v}}', vars({ v: 'x' }))).toBe('x');
    expect(renderName('/abs/{{v}}', vars({ v: 'x' }))).toBe('abs/x');
    expect(renderName('a//b/./{{v}}.docx', vars({ v: 'x' }))).toBe('a/b/x');
    expect(renderName('{{v}}/', vars({ v: 'x' }))).toBe('x/khong-ten');
    expect(() => checkPattern('{{slug}')).toThrow(/cặp/);
    expect(() => checkPattern('{{}}')).toThrow(/rỗng/);
  });

  it('Windows device names are changed', () => {
    for (const n of ['con', 'CON', 'nul', 'com1', 'lpt9', 'aux.txt', 'prn']) expect(safePart(n), n).toMatch(/_$/);
    expect(safePart('console')).toBe('console');
  });

  it('names are unique, case-insensitively, and never take the manifest name', () => {
    const reg = new NameRegistry(['manifest']);
    expect(['a', 'A', 'a', 'a-2', 'manifest'].map((n) => reg.claim(n))).toEqual(['a', 'A-2', 'a-3', 'a-2-2', 'manifest-2']);
  });

  it('outputPath refuses anything outside the folder', () => {
    const out = resolve(dir, 'out');
    expect(outputPath(out, 'a/b', '.docx')).toBe(join(out, 'a', 'b.docx'));
    expect(() => outputPath(out, '../x', '.docx')).toThrow();
    expect(() => outputPath(out, '/etc/x', '.docx')).toThrow();
    expect(outputPath(out, 'x', '.pdf').startsWith(out + sep)).toBe(true);
  });
});

describe('provinces', () => {
  it('34 units, each with the UBND header and the địa danh of NĐ 30 §4', () => {
    const list = provinces();
    expect(list).toHaveLength(34);
    expect(new Set(list.map((p) => p.slug)).size).toBe(34);
    const hcm = provinceContext(findProvince('Hồ Chí Minh')!);
    expect(hcm).toMatchObject({ agency: 'UBND THÀNH PHỐ HỒ CHÍ MINH', place: 'Thành phố Hồ Chí Minh', kind: 'thành phố' });
    expect(hcm.mergedFrom).toContain('Bình Dương');
    const lc = findProvince('lao-cai')!;
    expect(provinceFields(lc).map((f) => [f.key, f.value])).toEqual([
      ['issuer.parent', 'UBND TỈNH LÀO CAI'],
      ['place', 'Lào Cai'],
    ]);
    expect(findProvince('Đắk Lắk')?.slug).toBe('dak-lak');
    expect(findProvince('Kon Tum')).toBeUndefined(); // merged into Quảng Ngãi
  });
});

describe('error positions', () => {
  const base = parseSource('{\n  "issuer": { "name": "Sở Y tế", "abbreviation": "SYT" },\n  "place": "Lào Cai"\n}', 'base.json');

  it('a value the row wrote points at the row; one from the base points at the base', () => {
    const rows = readRows(file('p.yaml', '- issuer:\n    name: ""\n  place: X\n'), base.data);
    const placed = placeDiagnostics(
      [
        { severity: 'error', code: 'x', path: 'issuer.name', message: 'm' },
        { severity: 'error', code: 'x', path: 'issuer.abbreviation', message: 'm' },
        { severity: 'error', code: 'x', path: 'signer', message: 'm' },
      ],
      rows[0],
      base,
    );
    expect(placed[0]).toMatchObject({ file: join(dir, 'p.yaml'), line: 2, column: 5 });
    expect(placed[1]).toMatchObject({ file: 'base.json', line: 2 });
    expect(placed[2]).toMatchObject({ file: 'base.json' });
  });

  it('an unknown field written by the row points at its key', () => {
    const rows = readRows(file('u.jsonl', '{"place": "A", "isuer.name": "B"}\n'), base.data);
    const [d] = placeDiagnostics([{ severity: 'error', code: 'x', path: '', message: 'trường không được hỗ trợ: "isuer".' }], rows[0], base);
    expect(d).toMatchObject({ line: 1, column: 16 });
  });
});

describe('progress', () => {
  it('shows count, percentage, rate and time left in Vietnamese', () => {
    expect(barLine(50, 200, 10_000, 10)).toBe('[███░░░░░░░] 50/200 25%  5,0 kế hoạch/giây  còn 0:30');
  });
});

it('getPath reads through objects and arrays only', () => {
  expect(getPath({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toBe(1);
  expect(getPath({ a: 'text' }, ['a', 'length'])).toBeUndefined();
  expect(getPath({ a: [1] }, ['a', 'length'])).toBeUndefined();
});

describe('fileSha256', () => {
  it('gives undefined, not an exception, for an output that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-sha-'));
    const file = join(dir, 'a.docx');
    writeFileSync(file, 'x');
    expect(fileSha256(file)).toMatch(/^[0-9a-f]{64}$/);
    expect(fileSha256(join(dir, 'missing.docx'))).toBeUndefined();
    // A path through a file: ENOTDIR, which a stat without throwIfNoEntry still throws.
    expect(fileSha256(join(file, 'b.docx'))).toBeUndefined();
  });
});
