import type { PhaseInput } from '../schema/content.js';
import type { Plan } from '../schema/plan.js';
import type { Finding, Rule } from './rule.js';

const short = (iso: string) => iso.split('-').reverse().join('/');
type Path = (string | number)[];

interface PhaseList {
  path: Path;
  items: PhaseInput[];
  period?: { from: string; to: string };
}

/** Every list of phases in the plan: the phases section, phases sections, phases blocks anywhere. */
export function phaseLists(plan: Plan): PhaseList[] {
  // Several rules ask for the same plan's lists (the walk was ~0.1 ms of a batch row's checks).
  let out = listed.get(plan);
  if (out) return out;
  out = findPhaseLists(plan);
  listed.set(plan, out);
  return out;
}

const listed = new WeakMap<Plan, PhaseList[]>();

function findPhaseLists(plan: Plan): PhaseList[] {
  const out: PhaseList[] = [];
  if (plan.phases) out.push({ path: ['phases', 'items'], items: plan.phases.items, period: plan.phases.period });
  // One path, extended and shortened on the way: copied only for a list found.
  const path: Path = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (let k = 0; k < node.length; k++) {
        path.push(k);
        walk(node[k]);
        path.pop();
      }
    } else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.kind === 'phases' && Array.isArray(o.items))
        out.push({ path: [...path, 'items'], items: o.items as PhaseInput[], period: o.period as PhaseList['period'] });
      else if (Array.isArray(o.phases) && path.length) out.push({ path: [...path, 'phases'], items: o.phases as PhaseInput[] });
      const top = !path.length;
      for (const k in o) {
        if (k === 'phases' && !top) continue;
        path.push(k);
        walk(o[k]);
        path.pop();
      }
    }
  };
  walk({ sections: plan.sections, ...Object.fromEntries(Object.entries(plan).filter(([k]) => k !== 'phases' && k !== 'sections')) });
  return out;
}

const full = (d: string | undefined): d is string => !!d && d.length === 10;
const label = (p: PhaseInput) => (typeof p.name === 'string' ? p.name : p.name.map((r) => r.text).join(''));

export const dateRules: Rule[] = [
  {
    id: 'phase-range',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      return phaseLists(plan).flatMap(({ path, items }) =>
        items.flatMap((p, i): Finding[] =>
          full(p.from) && full(p.to) && p.from > p.to
            ? [
                {
                  path: [...path, i, 'to'],
                  message: `đợt "${label(p)}" kết thúc (${short(p.to)}) trước khi bắt đầu (${short(p.from)}).`,
                  hint: 'Kiểm tra lại "from" và "to" của đợt này.',
                },
              ]
            : [],
        ),
      );
    },
  },
  {
    id: 'phase-order',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      return phaseLists(plan).flatMap(({ path, items }) =>
        items.slice(1).flatMap((p, k): Finding[] => {
          const prev = items[k];
          const a = prev.from ?? prev.to;
          const b = p.from ?? p.to;
          return full(a) && full(b) && b < a
            ? [
                {
                  path: [...path, k + 1, p.from ? 'from' : 'to'],
                  message: `đợt "${label(p)}" bắt đầu trước đợt liền trước ("${label(prev)}").`,
                  hint: 'Sắp xếp các đợt theo thứ tự thời gian.',
                },
              ]
            : [];
        }),
      );
    },
  },
  {
    id: 'phase-overlap',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      const out: Finding[] = [];
      for (const { path, items } of phaseLists(plan))
        for (let i = 0; i < items.length; i++)
          for (let j = i + 1; j < items.length; j++) {
            const a = items[i];
            const b = items[j];
            if (!full(a.from) || !full(a.to) || !full(b.from) || !full(b.to)) continue;
            if (a.from <= b.to && b.from <= a.to && !a.overlaps && !b.overlaps)
              out.push({
                path: [...path, j, 'from'],
                message: `đợt "${label(b)}" trùng thời gian với đợt "${label(a)}".`,
                hint: 'Sửa ngày, hoặc thêm "overlaps": true vào đợt nếu việc trùng là cố ý.',
              });
          }
      return out;
    },
  },
  {
    id: 'phase-period',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      const out: Finding[] = [];
      for (const { path, items, period } of phaseLists(plan)) {
        if (!period) continue;
        const at = path.slice(0, -1);
        if (period.from > period.to) out.push({ path: [...at, 'period', 'to'], message: 'thời gian thực hiện kết thúc trước khi bắt đầu.' });
        items.forEach((p, i) => {
          if ((full(p.from) && p.from < period.from) || (full(p.to) && p.to > period.to))
            out.push({
              path: [...path, i],
              message: `đợt "${label(p)}" (${p.from ? short(p.from) : '…'} - ${p.to ? short(p.to) : '…'}) nằm ngoài thời gian thực hiện kế hoạch (${short(period.from)} - ${short(period.to)}).`,
            });
        });
      }
      return out;
    },
  },
  {
    id: 'date-after-start',
    severity: 'warning',
    source: 'thực tiễn',
    check(plan) {
      const first = phaseLists(plan)[0]?.items[0];
      if (!first || !full(first.from) || plan.date.length !== 10 || plan.date <= first.from) return [];
      return [
        {
          path: ['date'],
          message: `ngày ban hành (${short(plan.date)}) sau ngày bắt đầu đợt đầu tiên (${short(first.from)}).`,
          hint: 'Kế hoạch thường ban hành trước khi triển khai; kiểm tra lại ngày.',
        },
      ];
    },
  },
];
