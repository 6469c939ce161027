// The KẾ HOẠCH document type: its schema, its templates and its context.
// A new type (BÁO CÁO, THÔNG BÁO) adds a file like this one, a schema and templates.
import type { HelperDelegate } from 'handlebars';
import { planLimits } from '../schema/limits.js';
import { type AnySection, Plan } from '../schema/plan.js';
import type { DocType } from './doctype.js';
import { checkPlan } from '../rules/index.js';
import { aliasOf, normalizePlanInput } from './ke-hoach-input.js';

const ORDER = ['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation'] as const;

const partialOf = (s: AnySection) => ('kind' in s && s.kind ? s.kind : 'extra');

/**
 * Sections in print order. A plan written with `sections` only is printed in that order, named
 * kinds and free sections alike. With the named keys (purposes, content, …) at the top level,
 * those come in their usual order and each of `sections` goes after the key it names in
 * `after`, else before implementation.
 */
export function sectionOrder(plan: Plan): { partial: string; data: unknown }[] {
  const extras = plan.sections ?? [];
  if (!ORDER.some((key) => plan[key])) return extras.map((e) => ({ partial: partialOf(e), data: e }));
  const out: { partial: string; data: unknown }[] = [];
  const extrasAfter = (key: string | undefined) => {
    for (const e of extras) if (('after' in e ? e.after : undefined) === key) out.push({ partial: partialOf(e), data: e });
  };
  for (const key of ORDER) {
    if (key === 'implementation') extrasAfter(undefined);
    if (plan[key]) out.push({ partial: key, data: plan[key] });
    extrasAfter(key);
  }
  return out;
}

export const keHoach: DocType<Plan> = {
  id: 'ke-hoach',
  name: 'Kế hoạch',
  schema: Plan,
  templates: 'ke-hoach',
  layout: (plan) => plan.layout,
  context: (plan, extra) => ({ plan, ...extra }),
  limits: planLimits,
  check: (plan, source) => checkPlan(plan, source),
  normalize: normalizePlanInput,
  aliasOf,
  helpers: {
    sectionOrder: ((plan: Plan) => sectionOrder(plan)) as HelperDelegate,
    /** The intro sentence is printed in one paragraph with the last căn cứ. */
    introJoined: ((plan: Plan) => !!(plan.basis?.joinIntro && plan.basis.items.length && plan.intro)) as HelperDelegate,
  },
  fileStem: (plan) => {
    const n = plan.number ? String(plan.number) : 'du-thao';
    return `ke-hoach-${n}-${plan.issuer.abbreviation.toLowerCase()}`;
  },
};
