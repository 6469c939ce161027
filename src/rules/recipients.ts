import type { Rule, Finding } from './rule.js';
import { norm } from './rule.js';

const nameOf = (r: string | { name: string }) => (typeof r === 'string' ? r : r.name);

export const recipientRules: Rule[] = [
  {
    id: 'recipients-duplicate',
    severity: 'error',
    source: 'thực tiễn',
    check(plan) {
      const seen = new Map<string, number>();
      const out: Finding[] = [];
      (plan.recipients ?? []).forEach((r, i) => {
        const key = norm(nameOf(r)).replace(/[;.,]+$/, '');
        if (seen.has(key))
          out.push({ path: ['recipients', i], message: `nơi nhận "${nameOf(r)}" bị lặp (trùng dòng ${seen.get(key)! + 1}).`, hint: 'Xóa dòng trùng.' });
        else seen.set(key, i);
      });
      return out;
    },
  },
  {
    id: 'recipients-archive',
    severity: 'error',
    source: 'NĐ 30, Phụ lục I',
    check(plan) {
      return (plan.recipients ?? []).flatMap((r, i): Finding[] =>
        /^\s*-?\s*Lưu\b/iu.test(nameOf(r))
          ? [
              {
                path: ['recipients', i],
                message: 'dòng "Lưu" không ghi trong danh sách nơi nhận.',
                hint: 'Xóa dòng này và khai báo ở "archive": { "units": ["VT", …] }; dòng Lưu luôn được in cuối cùng.',
              },
            ]
          : [],
      );
    },
  },
];
