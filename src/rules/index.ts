// Runs the domain rules of a plan and turns findings into diagnostics with positions.
import type { Diagnostic } from '../reader/diagnostic.js';
import { formatPath } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { clerkRules } from './clerk.js';
import { dateRules } from './dates.js';
import { headerRules } from './header.js';
import { recipientRules } from './recipients.js';
import { type Rule, withStringsOf } from './rule.js';
import { emptySectionRule, glyphRule, textRules } from './text.js';

export const PLAN_RULES: Rule[] = [...dateRules, ...headerRules, ...recipientRules, ...textRules, ...clerkRules, glyphRule, emptySectionRule];

/** A rule that fires more often than this is summarised after its first findings. */
const MAX_PER_RULE = 5;

export function checkPlan(plan: Plan, source: Source, rules: Rule[] = PLAN_RULES): Diagnostic[] {
  return withStringsOf(source.data, () => runRules(plan, source, rules));
}

function runRules(plan: Plan, source: Source, rules: Rule[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const found = rule.check(plan, source.data);
    const shown = found.length > MAX_PER_RULE ? found.slice(0, MAX_PER_RULE - 1) : found;
    for (const f of shown) {
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
    if (shown.length < found.length) {
      out.push({
        severity: rule.severity,
        code: `rule.${rule.id}`,
        file: source.file,
        message: `… và ${found.length - shown.length} chỗ khác cùng loại [${rule.id}].`,
      });
    }
  }
  return out;
}
