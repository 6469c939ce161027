// A new plan from the guided start: who issues it, who signs, the title and the date. Everything
// else a plan needs is filled with the wording most plans use, for the clerk to change.
import { z } from 'zod';
import type { Json } from './plan-text.js';

export const StartAnswers = z.object({
  parent: z.string().optional(),
  name: z.string().trim().min(1),
  abbreviation: z.string().trim().min(1),
  place: z.string().trim().min(1),
  date: z.string().trim().min(4),
  title: z.string().trim().min(1),
  /** The signer as the start page offers it for this issuer (see client/signer.ts). */
  authority: z.enum(['', 'KT.', 'TM.', 'TL.', 'TUQ.', 'Q.']),
  onBehalfOf: z.string().optional(),
  position: z.string().trim().min(1),
  title2: z.string().optional(),
  signerName: z.string().optional(),
  skeleton: z.boolean().optional(),
});
export type StartAnswers = z.infer<typeof StartAnswers>;

/** "Tổ chức Tháng hành động" → "tổ chức Tháng hành động" (the title inside a sentence). */
const inSentence = (s: string) => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);

const clean = (s: string | undefined) => s?.trim() || undefined;

export function starterPlan(a: StartAnswers): Json {
  const who = a.name.trim();
  const title = a.title.trim().replace(/\s+/g, ' ');
  const signer: Record<string, Json> = {};
  if (a.authority) signer.authority = a.authority;
  if (a.authority === 'TM.') signer.onBehalfOf = clean(a.onBehalfOf) ?? 'ỦY BAN NHÂN DÂN';
  signer.position = a.position.trim();
  if (clean(a.title2)) signer.title = a.title2!.trim();
  signer.name = clean(a.signerName) ?? '';
  const plan: Record<string, Json> = {
    issuer: { ...(clean(a.parent) ? { parent: a.parent!.trim() } : {}), name: who, abbreviation: a.abbreviation.trim() },
    place: a.place.trim(),
    date: a.date.trim(),
    title,
    intro: `${who} xây dựng Kế hoạch ${inSentence(title)} như sau:`,
  };
  if (a.skeleton !== false) plan.sections = [{ title: 'Mục đích, yêu cầu' }, { title: 'Nội dung' }, { title: 'Tổ chức thực hiện' }] as Json;
  plan.closing = { text: `Trên đây là Kế hoạch ${inSentence(title)} của ${who}, đề nghị các đơn vị, cá nhân có liên quan triển khai thực hiện` };
  plan.archive = { units: ['VT'] };
  plan.signer = signer;
  return plan;
}
