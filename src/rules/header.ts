import type { Rule } from './rule.js';
import { norm } from './rule.js';

/** Positions of the head of common issuing bodies, by the first words of the body's name. */
const HEADS: [RegExp, string[]][] = [
  [/^(UBND|ỦY BAN NHÂN DÂN)(?=\s|$)/u, ['CHỦ TỊCH']],
  [/^SỞ(?=\s|$)/u, ['GIÁM ĐỐC']],
  [/^BỘ(?=\s|$)/u, ['BỘ TRƯỞNG']],
  [/^CỤC(?=\s|$)/u, ['CỤC TRƯỞNG']],
  [/^CHI CỤC(?=\s|$)/u, ['CHI CỤC TRƯỞNG']],
  [/^VỤ(?=\s|$)/u, ['VỤ TRƯỞNG']],
  [/^TỔNG CỤC(?=\s|$)/u, ['TỔNG CỤC TRƯỞNG']],
  [/^(TRUNG TÂM|BỆNH VIỆN|VIỆN|HỌC VIỆN|ĐÀI|BẢO TÀNG|THƯ VIỆN|NHÀ HÁT)(?=\s|$)/u, ['GIÁM ĐỐC', 'VIỆN TRƯỞNG']],
  [/^PHÒNG(?=\s|$)/u, ['TRƯỞNG PHÒNG']],
  [/^BAN(?=\s|$)/u, ['TRƯỞNG BAN']],
  [/^(TRƯỜNG)(?=\s|$)/u, ['HIỆU TRƯỞNG']],
  [/^THANH TRA(?=\s|$)/u, ['CHÁNH THANH TRA']],
  [/^VĂN PHÒNG(?=\s|$)/u, ['CHÁNH VĂN PHÒNG']],
];

const COLLECTIVE = /^(ỦY BAN|UBND|HỘI ĐỒNG|BAN|ĐẢNG ỦY|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|TẬP THỂ|THƯỜNG TRỰC)/u;

export const headerRules: Rule[] = [
  {
    id: 'symbol-type',
    severity: 'error',
    source: 'NĐ 30, Phụ lục III',
    check(plan) {
      // A plan issued with a Quyết định carries the Quyết định's number and symbol.
      if (!plan.symbol || plan.attachedTo) return [];
      const type = plan.symbol.split('-')[0];
      return type === 'KH'
        ? []
        : [
            {
              path: ['symbol'],
              message: `ký hiệu của Kế hoạch phải bắt đầu bằng "KH", không phải "${type}".`,
              hint: `Ví dụ "KH-${plan.issuer.abbreviation}"; hoặc xóa "symbol" để dùng mặc định.`,
            },
          ];
    },
  },
  {
    id: 'symbol-agency',
    severity: 'error',
    source: 'NĐ 30, Phụ lục I',
    check(plan) {
      if (!plan.symbol) return [];
      const agency = plan.symbol.split('-').slice(1).join('-');
      return agency === plan.issuer.abbreviation || agency.startsWith(plan.issuer.abbreviation + '-')
        ? []
        : [
            {
              path: ['symbol'],
              message: `phần tên cơ quan trong ký hiệu ("${agency}") không khớp chữ viết tắt của cơ quan ban hành ("${plan.issuer.abbreviation}").`,
              hint: 'Sửa "symbol" hoặc "issuer.abbreviation" cho thống nhất.',
            },
          ];
    },
  },
  {
    id: 'signer-kt',
    severity: 'error',
    source: 'NĐ 30, Điều 13',
    check(plan) {
      const s = plan.signer;
      if (!s) return [];
      const title = norm(s.title);
      const position = norm(s.position);
      // The clerk put the signer's own title ("Phó Chủ tịch") where the head's goes.
      if (s.authority === 'KT.' && !s.title && position.startsWith('PHÓ '))
        return [
          {
            path: ['signer', 'position'],
            message: `với "KT.", "position" là chức vụ của người đứng đầu mà cấp phó ký thay, không phải chức vụ của người ký ("${s.position}").`,
            hint: `Ghi "position": "${position.slice(4)}" và "title": "${position}".`,
          },
        ];
      if (s.authority === 'KT.' && !title.startsWith('PHÓ'))
        return [
          {
            path: ['signer', 'title'],
            message: 'ký thay (KT.) là cấp phó ký thay người đứng đầu: chức vụ người ký phải là "PHÓ …".',
            hint: `Ví dụ "title": "PHÓ ${norm(s.position)}".`,
          },
        ];
      if (title.startsWith('PHÓ') && s.authority !== 'KT.' && s.authority !== 'TM.' && s.authority !== 'TL.' && s.authority !== 'TUQ.')
        return [
          { path: ['signer', 'authority'], message: `cấp phó ("${s.title}") ký văn bản của người đứng đầu phải ghi "KT.".`, hint: 'Thêm "authority": "KT.".' },
        ];
      return [];
    },
  },
  {
    id: 'signer-tm',
    severity: 'error',
    source: 'NĐ 30, Điều 13',
    check(plan) {
      const s = plan.signer;
      if (!s) return [];
      if (s.authority !== 'TM.') {
        return s.onBehalfOf ? [{ path: ['signer', 'onBehalfOf'], message: '"onBehalfOf" chỉ dùng với thẩm quyền "TM." (thay mặt tập thể).' }] : [];
      }
      if (!s.onBehalfOf)
        return [{ path: ['signer', 'onBehalfOf'], message: 'thay mặt (TM.) cần tên tập thể.', hint: 'Ví dụ "onBehalfOf": "ỦY BAN NHÂN DÂN".' }];
      if (!COLLECTIVE.test(norm(s.onBehalfOf)))
        return [
          {
            path: ['signer', 'onBehalfOf'],
            message: `"TM." chỉ dùng khi thay mặt tập thể (Ủy ban nhân dân, Hội đồng, Ban …), không dùng cho "${s.onBehalfOf}".`,
            hint: 'Người đứng đầu cơ quan làm việc theo chế độ thủ trưởng ký trực tiếp hoặc cấp phó ký "KT.".',
          },
        ];
      const title = norm(s.title);
      if (s.title && !title.startsWith('PHÓ'))
        return [{ path: ['signer', 'title'], message: 'với "TM.", "title" chỉ dùng khi cấp phó ký thay (KT.) người đứng đầu tập thể: phải là "PHÓ …".' }];
      return [];
    },
  },
  {
    id: 'signer-tl',
    severity: 'error',
    source: 'NĐ 30, Điều 13',
    check(plan) {
      const s = plan.signer;
      if (!s || (s.authority !== 'TL.' && s.authority !== 'TUQ.')) return [];
      if (!s.title)
        return [
          {
            path: ['signer', 'title'],
            message: `"${s.authority}" cần chức vụ của người đứng đầu đơn vị được giao ký (ví dụ "CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG …").`,
          },
        ];
      return [];
    },
  },
  {
    id: 'signer-acting',
    severity: 'warning',
    source: 'NĐ 30, Điều 13',
    check(plan) {
      const s = plan.signer;
      return s?.authority === 'Q.' && s.title
        ? [
            {
              path: ['signer', 'title'],
              message: 'quyền (Q.) người đứng đầu ký với chức vụ "Q. …" trên một dòng; "title" sẽ in thêm một dòng.',
              hint: 'Xóa "title".',
            },
          ]
        : [];
    },
  },
  {
    id: 'signer-position',
    severity: 'warning',
    source: 'NĐ 30, Điều 13',
    check(plan) {
      const s = plan.signer;
      if (!s) return [];
      const body = norm(plan.issuer.name);
      const head = HEADS.find(([re]) => re.test(body));
      if (!head) return [];
      // The chairman may also sign in his own authority (KT. CHỦ TỊCH, or CHỦ TỊCH alone).
      const chairman = norm(s.position) === 'CHỦ TỊCH' && (s.authority === 'KT.' || !s.authority);
      if (/^(UBND|ỦY BAN NHÂN DÂN)/u.test(body) && s.authority !== 'TM.' && !chairman)
        return [
          {
            path: ['signer', 'authority'],
            message: 'văn bản của Ủy ban nhân dân ký thay mặt (TM.) tập thể "ỦY BAN NHÂN DÂN": Chủ tịch ký, hoặc Phó Chủ tịch ký thay (KT.) Chủ tịch.',
            hint: 'Dùng "authority": "TM.", "onBehalfOf": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH".',
          },
        ];
      const pos = norm(s.position);
      return head[1].some((h) => pos === h || pos.startsWith(h + ' '))
        ? []
        : [
            {
              path: ['signer', 'position'],
              message: `chức vụ người đứng đầu "${s.position}" không khớp cơ quan ban hành "${plan.issuer.name}" (thường là "${head[1][0]}").`,
            },
          ];
    },
  },
];
