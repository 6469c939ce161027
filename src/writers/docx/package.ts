// Deterministic packaging. The docx library stamps docProps/core.xml (created, modified) and every
// zip entry with the clock; we repack with the plan's own date so identical input gives
// byte-identical files (as the PDF does), whenever and wherever it is rendered.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The plan's date (YYYY, YYYY-MM or YYYY-MM-DD; a draft may give only the year or month) as its parts. */
function dateParts(iso?: string): [number, number, number] | undefined {
  const m = iso?.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/);
  return m ? [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)] : undefined;
}

/** Midnight of the plan's date in Vietnam (UTC+7) as W3CDTF in UTC, e.g. 2026-02-04T17:00:00Z. */
export function coreTimestamp(iso?: string): string | undefined {
  const d = dateParts(iso);
  return d ? new Date(Date.UTC(d[0], d[1] - 1, d[2]) - 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

const TIMESTAMP = /<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g;

/**
 * The package with created/modified set to the plan's date (left out when the plan has none) and
 * every zip entry dated the same day (zip dates are local wall-clock fields, so the same in any
 * time zone); otherwise the bytes the docx library wrote, in the same order.
 */
export function stampPackage(zip: Uint8Array, isoDate?: string): Buffer {
  const files = unzipSync(zip);
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = coreTimestamp(isoDate);
    const xml = strFromU8(core).replace(TIMESTAMP, (_m, kind: string) => (stamp ? `<dcterms:${kind} xsi:type="dcterms:W3CDTF">${stamp}</dcterms:${kind}>` : ''));
    files['docProps/core.xml'] = strToU8(xml);
  }
  const [y, m, d] = dateParts(isoDate) ?? [1980, 1, 1]; // 1980-01-01: the earliest zip date
  const mtime = new Date(y, m - 1, d);
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]]))));
}
