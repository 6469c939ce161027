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

/** The fields --provinces sets on a plan, before any row of a rows file. */
export function provinceFields(p: Province): RowField[] {
  const at = () => ({ file: PROVINCES_SOURCE });
  return [
    { key: 'issuer.parent', path: ['issuer', 'parent'], value: ubndName(p), at },
    { key: 'place', path: ['place'], value: placeName(p), at },
  ];
}

export function provinceRow(p: Province, index: number): Row {
  return { index, file: PROVINCES_SOURCE, fields: provinceFields(p), slug: p.slug, problems: [] };
}
