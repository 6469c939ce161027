// --provinces: one row per provincial unit in force since 2025-07-01 (data/provinces-2025.tsv).
// Each row sets the cơ quan chủ quản ("UBND TỈNH …" / "UBND THÀNH PHỐ …") and the địa danh
// (NĐ 30 §4: the province name; "Thành phố Hồ Chí Minh" in full), and gives templates a
// `province` object.
import { placeName, provinces, ubndName, type Province } from '../data/provinces.js';
import { asciiSlug } from './names.js';
import type { Row, RowField } from './rows.js';

/** What templates see as `province` (null outside --provinces). */
export interface ProvinceContext {
  slug: string;
  kind: Province['kind'];
  name: string;
  /** "tỉnh Lào Cai", "thành phố Hà Nội". */
  fullName: string;
  /** Địa danh as written in the header. */
  place: string;
  /** "UBND TỈNH LÀO CAI". */
  agency: string;
  mergedFrom: string[];
  seatFrom: string | null;
}

export const PROVINCES_SOURCE = '--provinces';

export function provinceContext(p: Province): ProvinceContext {
  return {
    slug: p.slug,
    kind: p.kind,
    name: p.name,
    fullName: `${p.kind} ${p.name}`,
    place: placeName(p),
    agency: ubndName(p),
    mergedFrom: p.mergedFrom,
    seatFrom: p.seatFrom ?? null,
  };
}

/** A province by slug ("lao-cai") or name ("Lào Cai", "lào cai"). */
export function findProvince(key: string): Province | undefined {
  const k = asciiSlug(key);
  return provinces().find((p) => p.slug === k || asciiSlug(p.name) === k);
}

/** True when the base plan is issued by a UBND itself (then the UBND is the cơ quan ban hành). */
export function issuedByUbnd(base: unknown): boolean {
  const issuer = (base as { issuer?: { name?: unknown; parent?: unknown } })?.issuer;
  return typeof issuer?.name === 'string' && !issuer.parent && /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)(\s|$)/iu.test(issuer.name.trim());
}

/** "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI": the cơ quan ban hành is written in full (NĐ 30 Phụ lục I). */
export function ubndIssuerName(p: Province): string {
  return `ỦY BAN NHÂN DÂN\n${p.kind === 'tỉnh' ? 'TỈNH' : 'THÀNH PHỐ'} ${p.name.toLocaleUpperCase('vi-VN')}`;
}

/**
 * The fields --provinces sets on a plan, before any row of a rows file: the UBND of the province
 * as cơ quan chủ quản, or as the issuer itself when the base plan is a UBND's own plan.
 */
export function provinceFields(p: Province, base?: unknown): RowField[] {
  const at = () => ({ file: PROVINCES_SOURCE });
  const agency: RowField = issuedByUbnd(base)
    ? { key: 'issuer.name', path: ['issuer', 'name'], value: ubndIssuerName(p), at }
    : { key: 'issuer.parent', path: ['issuer', 'parent'], value: ubndName(p), at };
  return [agency, { key: 'place', path: ['place'], value: placeName(p), at }];
}

export function provinceRow(p: Province, index: number, base?: unknown): Row {
  return { index, file: PROVINCES_SOURCE, fields: provinceFields(p, base), slug: p.slug, problems: [] };
}
