// Dates as the clerk types them (dd/mm/yyyy; a draft's mm/yyyy or yyyy) and as the plan keeps
// them (2026-02-05, 2026-02, 2026). Pure data.

const pad = (n: number | string) => String(n).padStart(2, '0');

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const plausible = (y: number) => y >= 1945 && y <= 2100;

/** "5/2/2026" → "2026-02-05"; "02/2026" → "2026-02"; "2026" → "2026"; undefined when not a date. */
export function isoOf(typed: string): string | undefined {
  const t = typed.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return plausible(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return plausible(Number(m[2])) && Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${pad(m[1])}` : undefined;
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (!m) return undefined;
  if (m[2]) return isoOf([m[3], m[2], m[1]].filter(Boolean).join('/'));
  return plausible(Number(m[1])) ? m[1] : undefined;
}

/** "2026-02-05" → "05/02/2026" (as typed back into the field). */
export function typedOf(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return [d, m, y].filter(Boolean).join('/');
}

export const MONTHS = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`);
export const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

/** The weeks of a month for a calendar, Monday first: day numbers, 0 for the blanks. */
export function monthGrid(year: number, month: number): number[][] {
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells = [...Array(first).fill(0), ...Array.from({ length: daysIn(year, month) }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(0);
  const weeks: number[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
