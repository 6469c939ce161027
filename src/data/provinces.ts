// The 34 provincial-level units in force since 2025-07-01 (Nghị quyết 202/2025/QH15),
// read once from data/provinces-2025.tsv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../util/package-root.js';

export interface Province {
  /** ASCII slug for file names, e.g. "ha-noi". */
  slug: string;
  kind: 'tỉnh' | 'thành phố';
  /** Name as written in the địa danh, e.g. "Hà Nội". */
  name: string;
  /** Units merged into it on 2025-07-01 (empty if unchanged). */
  mergedFrom: string[];
  seatFrom?: string;
}

let cache: Province[] | undefined;

export function provinces(): Province[] {
  if (cache) return cache;
  const text = readFileSync(join(PACKAGE_ROOT, 'data', 'provinces-2025.tsv'), 'utf8');
  const rows = text.split('\n').filter((l) => l && !l.startsWith('#'));
  cache = rows.slice(1).map((l) => {
    const [slug, kind, name, merged, seat] = l.split('\t');
    return {
      slug,
      kind: kind as Province['kind'],
      name: name.normalize('NFC'),
      mergedFrom: merged ? merged.split(';').map((s) => s.normalize('NFC')) : [],
      seatFrom: seat ? seat.normalize('NFC') : undefined,
    };
  });
  return cache;
}

/** Địa danh of a provincial unit: the name, except units named after a person, written in full. */
export function placeName(p: Province): string {
  return p.name === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : p.name;
}

/** The cơ quan chủ quản line of a provincial UBND, e.g. "UBND TỈNH LÀO CAI". */
export function ubndName(p: Province): string {
  return `UBND ${p.kind === 'tỉnh' ? 'TỈNH' : 'THÀNH PHỐ'} ${p.name.toLocaleUpperCase('vi-VN')}`;
}
