// The ways clerks type a plan that are clear but not the canonical form: "05/02/2026" for a date,
// "27/KH-UBND" as the number, nơi nhận as one ";"-separated line, a note already in parentheses.
// Each is understood, reported (so the clerk learns the form) and written back by validate --fix.
import type { Path } from '../rules/rule.js';

export interface InputChange {
  path: Path;
  /** What was typed and what it is read as, for the message. */
  from: string;
  to: string;
  /** The value that replaces the one at `path`. */
  value: unknown;
  /** A sibling field set at the same time (the symbol split off the number). */
  sibling?: { key: string; value: unknown };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const show = (x: unknown) => (typeof x === 'string' ? `"${x}"` : JSON.stringify(x));

/** "5/2/2026", "05-02-2026", "05.02.2026" → "2026-02-05"; "02/2026" → "2026-02" (a draft's month). */
export function isoFromVietnamese(s: string): string | undefined {
  const t = s.trim();
  const full = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (full) return `${full[3]}-${full[2].padStart(2, '0')}-${full[1].padStart(2, '0')}`;
  const month = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (month) return `${month[2]}-${month[1].padStart(2, '0')}`;
  return undefined;
}

const DATE_KEYS = new Set(['date', 'from', 'to']);

function dates(node: unknown, path: Path, out: InputChange[]): void {
  if (Array.isArray(node)) {
    for (let k = 0; k < node.length; k++) dates(node[k], [...path, k], out);
  } else if (isObj(node))
    for (const [k, v] of Object.entries(node)) {
      const iso = DATE_KEYS.has(k) && typeof v === 'string' ? isoFromVietnamese(v) : undefined;
      if (iso) {
        out.push({ path: [...path, k], from: v as string, to: iso, value: iso });
      } else dates(v, [...path, k], out);
    }
}

/** "27/KH-UBND" typed as the number: the number and the symbol. */
function numberWithSymbol(plan: Obj, out: InputChange[]): void {
  const m = typeof plan.number === 'string' ? /^\s*(\d{1,5})\s*\/\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)\s*$/u.exec(plan.number) : null;
  if (!m || (plan.symbol !== undefined && plan.symbol !== m[2])) return;
  const sibling = plan.symbol === undefined ? { key: 'symbol', value: m[2] } : undefined;
  out.push({ path: ['number'], from: plan.number as string, to: `số ${m[1]}, ký hiệu ${m[2]}`, value: m[1], sibling });
}

/** Nơi nhận as one line "A; B (báo cáo); C" or with the clerk's own dashes; notes in parentheses. */
function recipients(plan: Obj, out: InputChange[]): void {
  const r = plan.recipients;
  // The list as it stands once the line is split: its items are looked at as items.
  let items = r;
  if (typeof r === 'string') {
    const list = r
      .split(/[;\n]/)
      .map((x) =>
        x
          .trim()
          .replace(/^[-–•+]\s*/, '')
          .trim(),
      )
      .filter(Boolean);
    out.push({ path: ['recipients'], from: r, to: `danh sách ${list.length} nơi nhận`, value: list });
    items = list;
  }
  if (!Array.isArray(items)) return;
  items.forEach((x, k) => {
    if (typeof x === 'string' && /^\s*[-–•]\s/.test(x)) {
      const v = x.replace(/^\s*[-–•]\s*/, '');
      out.push({ path: ['recipients', k], from: x, to: v, value: v });
      // The list split from one line is ours, not the input: it carries the fix as well, so
      // that the line's change alone gives the clean list (validate --fix writes only that one
      // into the file, which holds a string there).
      if (items !== r) (items as unknown[])[k] = v;
    } else if (isObj(x) && typeof x.note === 'string' && /^\s*\(.*\)\s*$/.test(x.note)) {
      const v = x.note.trim().slice(1, -1).trim();
      out.push({ path: ['recipients', k, 'note'], from: x.note, to: v, value: v });
    }
  });
}

/** "Lưu: VT, TCHC." or "VT, TCHC" typed as one string. */
function archive(plan: Obj, out: InputChange[]): void {
  const a = plan.archive;
  const units = (s: string) =>
    s
      .replace(/^\s*-?\s*Lưu\s*:?\s*/iu, '')
      .replace(/\.\s*$/, '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
  if (typeof a === 'string') {
    const value = { units: units(a) };
    out.push({ path: ['archive'], from: a, to: show(value.units), value });
  } else if (isObj(a) && typeof a.units === 'string') {
    const value = units(a.units);
    out.push({ path: ['archive', 'units'], from: a.units, to: show(value), value });
  }
}

/**
 * Lists the clerk forms it understands, without changing `data`: applied in order (each value at
 * its path, and its sibling beside it), the changes give the canonical form.
 */
export function normalizePlanInput(data: unknown): InputChange[] {
  const out: InputChange[] = [];
  if (!isObj(data)) return out;
  dates(data, [], out);
  numberWithSymbol(data, out);
  recipients(data, out);
  archive(data, out);
  return out;
}

/** Vietnamese (and other likely) field names a clerk may type, and the field they mean. */
export const FIELD_ALIASES: Record<string, string> = {
  coquan: 'issuer',
  coquanbanhanh: 'issuer',
  coquanchuquan: 'parent',
  so: 'number',
  sovanban: 'number',
  kyhieu: 'symbol',
  diadanh: 'place',
  noi: 'place',
  ngay: 'date',
  ngaybanhanh: 'date',
  dokhan: 'urgency',
  domat: 'confidentiality',
  trichyeu: 'title',
  tieude: 'title',
  ten: 'title',
  cancu: 'basis',
  loidan: 'intro',
  mucdich: 'purposes',
  yeucau: 'requirements',
  noidung: 'content',
  tiendo: 'phases',
  dot: 'phases',
  chitieu: 'targets',
  khenthuong: 'awards',
  kinhphi: 'budget',
  tochucthuchien: 'implementation',
  muc: 'sections',
  cacmuc: 'sections',
  ketluan: 'closing',
  cauket: 'closing',
  noinhan: 'recipients',
  luu: 'archive',
  nguoiky: 'signer',
  ky: 'signer',
  chucvu: 'position',
  hoten: 'name',
  phuluc: 'appendices',
};

/** The field a Vietnamese name stands for ("nguoiKy", "người_ký", "Ngày" …), if any. */
export function aliasOf(key: string): string | undefined {
  const plain = key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
  return FIELD_ALIASES[plain];
}
