// Mistakes clerks make that a schema cannot see: text typed without diacritics, a year copied from
// last year's plan, a căn cứ dated after the plan, a district issuer after the 2025 reform, an
// academic title before the signer's name, a Lưu line without the văn thư.
import type { Finding, Path, Rule } from './rule.js';
import { norm, strings } from './rule.js';

/** Common Vietnamese words as typed without their marks; English or codes rarely hit several. */
const BARE = new Set(
  'ke hoach thuc hien cac cua nam ngay thang va de trong nguoi don vi so te tinh uy ban nhan dan xa phuong to chuc cong tac phong chong cho voi theo nhu sau duoc khong co mot nhung tai ve tren bao cao ket qua can cu quyet dinh giao chu tri phoi hop trien khai noi dung muc dich yeu cau kinh phi'.split(
    ' ',
  ),
);
const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/** A text of several words, none marked, most of them Vietnamese words stripped of their marks. */
export function lacksDiacritics(s: string): boolean {
  if (MARKED.test(s)) return false;
  const words = s.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return false;
  return words.filter((w) => BARE.has(w)).length >= Math.max(3, words.length * 0.4);
}

/** A single year named in the text ("năm 2025"), not a range ("2021 - 2025", "giai đoạn …"). */
function singleYears(s: string): number[] {
  return [...s.matchAll(/năm (\d{4})(?!\s*[-–]\s*\d{4})/giu)].map((m) => Number(m[1]));
}

const text = (x: unknown) => (typeof x === 'string' ? x : Array.isArray(x) ? x.map((r) => (r as { text: string }).text).join('') : '');

export const clerkRules: Rule[] = [
  {
    id: 'no-diacritics',
    severity: 'warning',
    source: 'NĐ 30, Điều 5 (chữ tiếng Việt có dấu, Unicode TCVN 6909)',
    check(_plan, raw) {
      const out: Finding[] = [];
      for (const [s, path] of strings(raw))
        if (lacksDiacritics(s))
          out.push({
            path,
            message: `chữ viết không dấu: "${s.length > 50 ? s.slice(0, 50) + '…' : s}".`,
            hint: 'Gõ lại có dấu (bật Unikey, kiểu gõ Telex hoặc VNI).',
          });
      return out;
    },
  },
  {
    id: 'year-mismatch',
    severity: 'warning',
    source: 'thực tiễn',
    check(plan) {
      const year = Number(plan.date.slice(0, 4));
      const out: Finding[] = [];
      const look = (s: string, path: Path, what: string) => {
        for (const y of singleYears(s))
          if (y < year - 1 || y > year + 1)
            out.push({
              path,
              message: `${what} ghi "năm ${y}" nhưng kế hoạch ban hành năm ${year}.`,
              hint: 'Kiểm tra năm (kế hoạch chép từ năm trước hay sót số?).',
            });
      };
      look(plan.title, ['title'], 'trích yếu');
      if (plan.closing?.text) look(text(plan.closing.text), ['closing', 'text'], 'câu kết');
      return out;
    },
  },
  {
    id: 'basis-after-plan',
    severity: 'warning',
    source: 'thực tiễn',
    check(plan) {
      if (plan.date.length !== 10) return [];
      return (plan.basis?.items ?? []).flatMap((b, i): Finding[] =>
        typeof b !== 'string' && b.date && b.date > plan.date
          ? [
              {
                path: ['basis', 'items', i, 'date'],
                message: `văn bản làm căn cứ ban hành ngày ${b.date.split('-').reverse().join('/')}, sau ngày của kế hoạch.`,
                hint: 'Căn cứ phải là văn bản đã ban hành: kiểm tra hai ngày.',
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'district-issuer',
    severity: 'warning',
    source: 'Luật Tổ chức chính quyền địa phương 2025 (không còn cấp huyện từ 01/7/2025)',
    check(plan) {
      if (plan.date < '2025-07') return [];
      const who = [plan.issuer.parent, plan.issuer.name].map(norm).join(' / ');
      return /(^|\/ )(UBND|ỦY BAN NHÂN DÂN|HĐND|HỘI ĐỒNG NHÂN DÂN) (HUYỆN|QUẬN|THỊ XÃ) /u.test(who + ' ')
        ? [
            {
              path: ['issuer'],
              message: `"${who}" là cơ quan cấp huyện, không còn từ ngày 01/7/2025.`,
              hint: 'Kiểm tra cơ quan ban hành (UBND tỉnh, thành phố hoặc UBND xã, phường, đặc khu).',
            },
          ]
        : [];
    },
  },
  {
    id: 'signer-degree',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I (trước họ tên người ký không ghi học hàm, học vị)',
    check(plan) {
      const name = plan.signer?.name ?? '';
      return /^(GS|PGS|TS|ThS|Th\.S|BS|CKI{1,2}|BSCKI{1,2}|DS|KS|CN|NCS|TSKH|Ths)\.?(\s|\.)/u.test(name.trim())
        ? [{ path: ['signer', 'name'], message: `họ tên người ký có học hàm, học vị: "${name}".`, hint: 'Chỉ ghi họ và tên, ví dụ "Nguyễn Văn An".' }]
        : [];
    },
  },
  {
    id: 'archive-vt',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I (Lưu: VT, …)',
    check(plan) {
      const units = plan.archive?.units;
      return units && !units.some((u) => /^VT\b/u.test(u.trim()))
        ? [{ path: ['archive', 'units'], message: 'dòng Lưu không có "VT" (văn thư cơ quan).', hint: 'Thêm "VT" vào đầu danh sách, ví dụ ["VT", "TCHC"].' }]
        : [];
    },
  },
];
