import type { Rule, Finding } from './rule.js';

const short = (iso: string) => iso.split('-').reverse().join('/');

export const dateRules: Rule[] = [
  {
    id: 'phase-range',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      return (plan.phases?.items ?? []).flatMap((p, i): Finding[] =>
        p.from > p.to
          ? [
              {
                path: ['phases', 'items', i, 'to'],
                message: `đợt "${p.name}" kết thúc (${short(p.to)}) trước khi bắt đầu (${short(p.from)}).`,
                hint: 'Kiểm tra lại "from" và "to" của đợt này.',
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'phase-order',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      const items = plan.phases?.items ?? [];
      return items.slice(1).flatMap((p, k): Finding[] =>
        p.from < items[k].from
          ? [
              {
                path: ['phases', 'items', k + 1, 'from'],
                message: `đợt "${p.name}" bắt đầu trước đợt liền trước ("${items[k].name}").`,
                hint: 'Sắp xếp các đợt theo thứ tự thời gian.',
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'phase-overlap',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      const items = plan.phases?.items ?? [];
      const out: Finding[] = [];
      for (let i = 0; i < items.length; i++)
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i];
          const b = items[j];
          if (a.from <= b.to && b.from <= a.to && !a.overlaps && !b.overlaps)
            out.push({
              path: ['phases', 'items', j, 'from'],
              message: `đợt "${b.name}" trùng thời gian với đợt "${a.name}".`,
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
      const period = plan.phases?.period;
      if (!period) return [];
      const out: Finding[] = [];
      if (period.from > period.to) out.push({ path: ['phases', 'period', 'to'], message: 'thời gian thực hiện kết thúc trước khi bắt đầu.' });
      plan.phases!.items.forEach((p, i) => {
        if (p.from < period.from || p.to > period.to)
          out.push({
            path: ['phases', 'items', i],
            message: `đợt "${p.name}" (${short(p.from)} - ${short(p.to)}) nằm ngoài thời gian thực hiện kế hoạch (${short(period.from)} - ${short(period.to)}).`,
          });
      });
      return out;
    },
  },
  {
    id: 'date-after-start',
    severity: 'warning',
    source: 'thực tiễn',
    check(plan) {
      const first = plan.phases?.items[0];
      if (!first || plan.date.length !== 10 || plan.date <= first.from) return [];
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
