// The fix offered beside a finding in the editor, where one is known: a date written as the
// clerk typed it, nơi nhận typed on one line, a decomposed (NFD) letter, doubled spaces, a Lưu
// line without VT, a signer's stack the decree orders differently. A fix is a list of changes at
// plan paths, applied by the browser as any edit (so it can be undone).
import type { Diagnostic } from '../reader/diagnostic.js';
import { deepEqual, isObject, type Json } from './plan-text.js';

export type PathSeg = string | number;

export interface Change {
  path: PathSeg[];
  /** The new value; absent with `remove`. */
  value?: Json;
  remove?: boolean;
}

export interface FixView {
  /** The button's label, in Vietnamese. */
  label: string;
  changes: Change[];
}

/** "recipients[2].note" → ["recipients", 2, "note"]. */
export function parsePath(path: string): PathSeg[] {
  return (path.match(/[^.[\]]+/g) ?? []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function getAt(data: Json, path: PathSeg[]): Json | undefined {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v as Json | undefined;
}

const set = (path: PathSeg[], value: Json): Change => ({ path, value });

/** One string with NFC and single spaces, as `validate --fix` writes it. */
function tidy(s: string): string {
  return s
    .normalize('NFC')
    .replace(/(\S) {2,}(?=\S)/g, '$1 ')
    .replace(/^ +| +$/g, '');
}

/** A fix for every string under a path that needs it (the rule points at the string itself). */
function tidyFix(data: Json, path: PathSeg[], label: string): FixView | undefined {
  const v = getAt(data, path);
  if (typeof v === 'string' && tidy(v) !== v) return { label, changes: [set(path, tidy(v))] };
  return undefined;
}

/** The rule id of a rule finding ("rule.archive-vt" → "archive-vt"). */
const ruleOf = (d: Diagnostic) => (d.code.startsWith('rule.') ? d.code.slice(5) : undefined);

type Fixer = (data: Json, path: PathSeg[], d: Diagnostic) => FixView | undefined;

const RULE_FIXES: Record<string, Fixer> = {
  nfc: (data, path) => tidyFix(data, path, 'Chuyển sang chữ dựng sẵn (NFC)'),
  'double-space': (data, path) => tidyFix(data, path, 'Bỏ dấu cách thừa'),
  'archive-vt': (data, path) => {
    const units = getAt(data, path);
    return Array.isArray(units) ? { label: 'Thêm "VT" vào dòng Lưu', changes: [set(path, ['VT', ...units])] } : undefined;
  },
  'signer-acting': (_data, path) => ({ label: 'Bỏ dòng chức vụ thừa', changes: [{ path, remove: true }] }),
  'signer-degree': (data, path) => {
    const v = getAt(data, path);
    if (typeof v !== 'string') return undefined;
    const name = v.replace(/^\s*((GS|PGS|TS|ThS|Th\.S|BS|CKI{1,2}|BSCKI{1,2}|DS|KS|CN|NCS|TSKH|Ths)\.?\s*)+/u, '').trim();
    return name && name !== v ? { label: `Chỉ ghi "${name}"`, changes: [set(path, name)] } : undefined;
  },
  'place-full-name': (_data, path) => ({ label: 'Viết "Thành phố Hồ Chí Minh"', changes: [set(path, 'Thành phố Hồ Chí Minh')] }),
  'place-province': (_data, path, d) => {
    const m = /Sửa "place": "(.+)"/.exec(d.hint ?? '');
    return m ? { label: `Sửa thành "${m[1]}"`, changes: [set(path, m[1])] } : undefined;
  },
  'title-vv': (data, path) => {
    const v = getAt(data, path);
    if (typeof v !== 'string') return undefined;
    const t = v.replace(/^\s*V\/v\.?\s*/iu, '');
    return { label: 'Bỏ "V/v"', changes: [set(path, t.charAt(0).toLocaleUpperCase('vi-VN') + t.slice(1))] };
  },
  'recipients-duplicate': (_data, path) => ({ label: 'Xóa dòng trùng', changes: [{ path, remove: true }] }),
  'signer-kt': (data, path, d) => {
    const m = /Ghi "position": "(.+)" và "title": "(.+)"/.exec(d.hint ?? '');
    if (m) return { label: `Người đứng đầu "${m[1]}", người ký "${m[2]}"`, changes: [set(['signer', 'position'], m[1]), set(['signer', 'title'], m[2])] };
    const pos = getAt(data, ['signer', 'position']);
    if (path.join('.') === 'signer.title' && typeof pos === 'string' && !getAt(data, path))
      return { label: `Người ký là "Phó ${pos}"`, changes: [set(path, `Phó ${pos}`)] };
    return undefined;
  },
  'signer-tm': (data, path) => {
    const issuer = getAt(data, ['issuer', 'name']);
    return path.join('.') === 'signer.onBehalfOf' && !getAt(data, path) && typeof issuer === 'string' && /^(UBND|ủy ban nhân dân)/iu.test(issuer.trim())
      ? { label: 'Thay mặt "ỦY BAN NHÂN DÂN"', changes: [set(path, 'ỦY BAN NHÂN DÂN')] }
      : undefined;
  },
};

/** The fix of a finding, if one is known. `changes` come from the clerk forms the type understands. */
export function fixFor(d: Diagnostic, data: Json, understood?: { value: unknown; sibling?: { key: string; value: unknown } }): FixView | undefined {
  const path = parsePath(d.path ?? '');
  if (understood) {
    const changes: Change[] = [set(path, understood.value as Json)];
    if (understood.sibling) changes.push(set([...path.slice(0, -1), understood.sibling.key], understood.sibling.value as Json));
    return { label: 'Ghi lại theo cách viết chuẩn', changes };
  }
  const rule = ruleOf(d);
  const fixer = rule ? RULE_FIXES[rule] : undefined;
  const fix = fixer?.(data, path, d);
  return fix?.changes.some((c) => c.remove || !deepEqual(getAt(data, c.path), c.value)) ? fix : undefined;
}

/**
 * What the editor checks beyond the rules: several nơi nhận typed on one line ("Bộ Y tế; UBND
 * tỉnh"), which prints as one line with a stray ";".
 */
export function editFindings(data: Json): (Diagnostic & { fix?: FixView })[] {
  const out: (Diagnostic & { fix?: FixView })[] = [];
  const list = isObject(data) ? data.recipients : undefined;
  if (!Array.isArray(list)) return out;
  list.forEach((r, i) => {
    const name = typeof r === 'string' ? r : isObject(r) && typeof r.name === 'string' ? r.name : undefined;
    if (!name || !/;\s*\S/.test(name.replace(/;\s*$/, ''))) return;
    const parts = name
      .split(';')
      .map((s) => s.trim().replace(/^[-–•+]\s*/, ''))
      .filter(Boolean);
    const replaced = parts.map((p, k) => (k === parts.length - 1 && isObject(r) ? { ...r, name: p } : p)) as Json[];
    out.push({
      severity: 'warning',
      code: 'edit.recipients-split',
      path: `recipients[${i}]`,
      message: `một dòng ghi ${parts.length} nơi nhận: "${name}".`,
      hint: 'Mỗi nơi nhận một dòng; chương trình tự thêm dấu ";" cuối dòng.',
      fix: { label: `Tách thành ${parts.length} nơi nhận`, changes: [set(['recipients'], [...list.slice(0, i), ...replaced, ...list.slice(i + 1)])] },
    });
  });
  return out;
}
