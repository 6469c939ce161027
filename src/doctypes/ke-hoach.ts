// The KẾ HOẠCH document type: its schema, its templates and its context.
// A new type (BÁO CÁO, THÔNG BÁO) adds a file like this one, a schema and templates.
import type { HelperDelegate } from 'handlebars';
import { Plan } from '../schema/plan.js';
import type { DocType } from './doctype.js';
import { checkPlan } from '../rules/index.js';

const ORDER = ['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation'] as const;

/** Sections in print order; extra sections go after the one they name, else before implementation. */
export function sectionOrder(plan: Plan): { partial: string; data: unknown }[] {
  const extras = plan.sections ?? [];
  const out: { partial: string; data: unknown }[] = [];
  const extrasAfter = (key: string | undefined) => {
    for (const e of extras) if (e.after === key) out.push({ partial: 'extra', data: e });
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
  check: (plan, source) => checkPlan(plan, source),
  helpers: { sectionOrder: ((plan: Plan) => sectionOrder(plan)) as HelperDelegate },
  fileStem: (plan) => {
    const n = plan.number ? String(plan.number) : 'du-thao';
    return `ke-hoach-${n}-${plan.issuer.abbreviation.toLowerCase()}`;
  },
};
