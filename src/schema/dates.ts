import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { z } from 'zod';

dayjs.extend(customParseFormat);

/** Years a Vietnamese administrative document can carry (the state since 1945; a typo beyond 2100). */
export const MIN_YEAR = 1945;
export const MAX_YEAR = 2100;
const plausible = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};

/** True when s is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && plausible(s) && dayjs(s, 'YYYY-MM-DD', true).isValid();
}

/** A full date "2024-02-05". */
export const FullDate = z
  .string()
  .refine(isCalendarDate, { message: 'bad_date' })
  .describe('Ngày theo dạng năm-tháng-ngày, ví dụ "2024-02-05" (gõ "05/02/2024" cũng được hiểu)');

/**
 * The document date: full, or partial for a draft ("2024-01" or "2024") that
 * renders with blanks to fill in by hand.
 */
export const DocDate = z
  .string()
  .refine((s) => isCalendarDate(s) || (/^\d{4}-\d{2}$/.test(s) && plausible(s) && dayjs(s, 'YYYY-MM', true).isValid()) || (/^\d{4}$/.test(s) && plausible(s)), {
    message: 'bad_doc_date',
  })
  .describe('Ngày ban hành: "2024-02-05"; bản dự thảo: "2024-02" (để trống ngày) hoặc "2024" (để trống ngày, tháng)');

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/** The parts of a document date as the schema accepts it ("2024-02-05", "2024-02", "2024"). */
export function dateParts(s: string): DateParts {
  const [y, m, d] = s.split('-').map(Number);
  return { year: y, month: m || undefined, day: d || undefined };
}

/** Like `dateParts`, for a string that may not be a document date at all (file metadata). */
export function parseDocDate(s: string): DateParts | undefined {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) ? dateParts(s) : undefined;
}
