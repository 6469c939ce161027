// Runs the domain rules of a plan and turns findings into diagnostics with positions.
import type { Diagnostic } from '../reader/diagnostic.js';
import { formatPath } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { dateRules } from './dates.js';
import { headerRules } from './header.js';
import { recipientRules } from './recipients.js';
import type { Rule } from './rule.js';
import { textRules } from './text.js';

export const PLAN_RULES: Rule[] = [...dateRules, ...headerRules, ...recipientRules, ...textRules];

export function checkPlan(plan: Plan, source: Source, rules: Rule[] = PLAN_RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    for (const f of rule.check(plan, source.data)) {
      out.push({
        severity: rule.severity,
        code: `rule.${rule.id}`,
        file: source.file,
        path: formatPath(f.path),
        ...source.locate(f.path),
        message: `${f.message} [${rule.id}; ${rule.source}]`,
        hint: f.hint,
      });
    }
  }
  return out;
}
