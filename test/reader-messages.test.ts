// Clerk-facing schema messages: wrong types, wrong root, enumerations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { InputError, type Diagnostic } from '../src/reader/diagnostic.js';
import { validateSource } from '../src/reader/load.js';
import { parseSource } from '../src/reader/source.js';

function diagnose(text: string, file = 'plan.json'): Diagnostic[] {
  try {
    validateSource(keHoach.schema, parseSource(text, file));
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
}
const base = () => JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
const withPatch = (patch: (p: any) => void) => {
  const p = base();
  patch(p);
  return diagnose(JSON.stringify(p, null, 2));
};

describe('schema messages', () => {
  it('a value of the wrong type says what was found, not "missing"', () => {
    const d = withPatch((p) => {
      p.place = 1;
      p.recipients = 'UBND';
      p.signer = 'x';
    });
    expect(d.map((x) => x.path)).toEqual(['place', 'recipients', 'signer']);
    expect(d[0].message).toMatch(/cần chuỗi chữ.*nhận được số 1/);
    expect(d[1].message).toMatch(/cần danh sách.*nhận được chuỗi "UBND"/);
    for (const x of d) expect(x.message).not.toMatch(/thiếu trường/);
  });

  it('a missing field is reported as missing, with the key to add', () => {
    const d = withPatch((p) => delete p.place);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ path: 'place' });
    expect(d[0].message).toMatch(/thiếu trường bắt buộc/);
    expect(d[0].hint).toMatch(/Thêm "place"/);
  });

  it('YAML: an unquoted year is a number, and the message says so', () => {
    const y = readFileSync('examples/minimal.json', 'utf8').replace('"date": "2026-02-05"', '"date": 2026');
    const d = diagnose(y, 'plan.yaml');
    expect(d[0]).toMatchObject({ path: 'date' });
    expect(d[0].message).toMatch(/nhận được số 2026/);
  });

  it('a root that is not an object gets one clear message', () => {
    for (const text of ['null', '[]', '"x"']) {
      const d = diagnose(text);
      expect(d).toHaveLength(1);
      expect(d[0].message).toMatch(/phải là một đối tượng/);
      expect(d[0].hint).toMatch(/kehoach init/);
    }
  });

  it('a choice among literals lists every allowed value', () => {
    const d = withPatch((p) => (p.layout = { fontSize: 20, firstLineIndent: 15 }));
    expect(d.map((x) => x.message)).toEqual([expect.stringMatching(/chỉ nhận: 13, 14/), expect.stringMatching(/lớn nhất cho phép là 12\.7/)]);
  });
});
