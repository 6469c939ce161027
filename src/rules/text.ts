import type { z } from 'zod';
import type { GenericSection as GenericSectionSchema } from '../schema/plan.js';
import { provinces } from '../data/provinces.js';
import { type FaceMetrics, loadFontSet } from '../fonts/metrics.js';
import type { Finding, Rule } from './rule.js';
import { norm, strings } from './rule.js';
import { Lru } from '../util/lru.js';

/** Characters that TCVN3 (ABC) or VNI text shows as when read as Unicode; none occurs in Vietnamese Unicode text. */
const LEGACY = /[¸µ¶·¹¨©ª«¬®§¦¥¤¢¡£¼½¾ÆÇøïñÑÿ]/gu;

const where = (s: string) => (s.length > 50 ? s.slice(0, 50) + '…' : s);

export const textRules: Rule[] = [
  {
    id: 'legacy-encoding',
    severity: 'error',
    source: 'NĐ 30, Phụ lục I (phông chữ Unicode TCVN 6909:2001)',
    check(_plan, raw) {
      const out: Finding[] = [];
      for (const [s, path] of strings(raw)) {
        const hits = s.match(LEGACY);
        if (hits && hits.length >= 2)
          out.push({
            path,
            message: `chữ có vẻ được gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode: "${where(s)}".`,
            hint: 'Dùng Unikey (Công cụ chuyển mã) chuyển đoạn này từ TCVN3 hoặc VNI sang Unicode rồi dán lại.',
          });
      }
      return out;
    },
  },
  {
    id: 'nfc',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I',
    check(_plan, raw) {
      const out: Finding[] = [];
      for (const [s, path] of strings(raw))
        if (s !== s.normalize('NFC'))
          out.push({
            path,
            message: `chữ có dấu ở dạng tổ hợp (NFD), dấu có thể bị tách rời: "${where(s.normalize('NFC'))}".`,
            hint: 'Tự động sửa khi tạo văn bản; chạy "kehoach validate --fix" để sửa trong tệp.',
          });
      return out;
    },
  },
  {
    id: 'double-space',
    severity: 'warning',
    source: 'thực tiễn',
    check(_plan, raw) {
      const out: Finding[] = [];
      for (const [s, path] of strings(raw))
        if (/\S {2,}\S/.test(s) || /^ | $/.test(s))
          out.push({ path, message: `thừa dấu cách: "${where(s)}".`, hint: 'Chạy "kehoach validate --fix" để sửa tự động.' });
      return out;
    },
  },
  {
    id: 'quotes',
    severity: 'warning',
    source: 'thực tiễn',
    check(_plan, raw) {
      let straight: [string, (string | number)[]] | undefined;
      let curly = false;
      for (const [s, path] of strings(raw)) {
        if (/[“”]/.test(s)) curly = true;
        if (!straight && /"/.test(s)) straight = [s, path];
      }
      return curly && straight
        ? [
            {
              path: straight[1],
              message: `dùng lẫn ngoặc kép thẳng (") và ngoặc kép cong (“ ”): "${where(straight[0])}".`,
              hint: 'Dùng thống nhất một kiểu, thường là “ ”.',
            },
          ]
        : [];
    },
  },
  {
    id: 'title-vv',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I (V/v chỉ dùng cho công văn)',
    check(plan) {
      return /^\s*V\/v\b/iu.test(plan.title)
        ? [
            {
              path: ['title'],
              message: '"V/v" chỉ dùng trong trích yếu của công văn, không dùng dưới tên loại "KẾ HOẠCH".',
              hint: 'Xóa "V/v" và viết trích yếu bắt đầu bằng chữ hoa, ví dụ "Tổ chức …".',
            },
          ]
        : [];
    },
  },
  {
    id: 'title-case',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I',
    check(plan) {
      const letters = plan.title.replace(/[^\p{L}]/gu, '');
      return letters.length > 8 && letters === letters.toLocaleUpperCase('vi-VN')
        ? [
            {
              path: ['title'],
              message: 'trích yếu viết toàn chữ in hoa; Nghị định 30 quy định chữ thường, viết hoa chữ đầu câu.',
              hint: 'Ví dụ "Phát động phong trào thi đua năm 2026".',
            },
          ]
        : [];
    },
  },
  {
    id: 'closing-punctuation',
    severity: 'warning',
    source: 'thực tiễn',
    check(plan) {
      return (plan.closing?.blocks ?? []).flatMap((b, i): Finding[] =>
        typeof b === 'string' && !/[.;:!?…)”"]$/u.test(b.trim())
          ? [{ path: ['closing', 'blocks', i], message: `câu không có dấu kết thúc: "…${b.trim().slice(-40)}".`, hint: 'Thêm dấu chấm cuối câu.' }]
          : [],
      );
    },
  },
  {
    id: 'place-full-name',
    severity: 'error',
    source: 'NĐ 30, Phụ lục I (địa danh mang tên người viết đầy đủ)',
    check(plan) {
      return /^(TP\.?\s*(HCM|Hồ Chí Minh)|HCM|Tp\.?\s*Hồ Chí Minh|TPHCM|Sài Gòn)$/iu.test(plan.place.trim())
        ? [{ path: ['place'], message: `địa danh "${plan.place}" phải viết đầy đủ.`, hint: 'Viết "Thành phố Hồ Chí Minh".' }]
        : [];
    },
  },
  {
    id: 'place-province',
    severity: 'warning',
    source: 'NĐ 30, Phụ lục I (địa danh của cơ quan cấp tỉnh là tên tỉnh)',
    check(plan) {
      const parent = norm(plan.issuer.parent);
      const self = norm(plan.issuer.name);
      const m =
        /^(?:UBND|ỦY BAN NHÂN DÂN) (?:TỈNH|THÀNH PHỐ|TP\.?) (.+)$/u.exec(parent) ?? /^(?:UBND|ỦY BAN NHÂN DÂN) (?:TỈNH|THÀNH PHỐ|TP\.?) (.+)$/u.exec(self);
      if (!m) return [];
      const province = provinces().find((p) => norm(p.name) === m[1]);
      if (!province) return [];
      const expected = province.name === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : province.name;
      return norm(plan.place) === norm(expected)
        ? []
        : [
            {
              path: ['place'],
              message: `cơ quan cấp tỉnh của ${province.kind} ${province.name} ghi địa danh là tên tỉnh, thành phố: "${expected}", không phải "${plan.place}".`,
              hint: `Sửa "place": "${expected}".`,
            },
          ];
    },
  },
  {
    id: 'province-exists',
    severity: 'warning',
    source: 'Nghị quyết 202/2025/QH15',
    check(plan) {
      if (plan.date.slice(0, 10) < '2025-07-01') return [];
      const parent = norm(plan.issuer.parent);
      const m = /^(?:UBND|ỦY BAN NHÂN DÂN) (?:TỈNH|THÀNH PHỐ|TP\.?) (.+)$/u.exec(parent);
      if (!m || provinces().some((p) => norm(p.name) === m[1])) return [];
      const merged = provinces().find((p) => p.mergedFrom.some((f) => norm(f) === m[1]));
      return [
        {
          path: ['issuer', 'parent'],
          message: `từ ngày 01/7/2025 không còn đơn vị hành chính "${m[1]}".`,
          hint: merged ? `${m[1]} đã hợp nhất vào ${merged.kind} ${merged.name}.` : 'Kiểm tra tên tỉnh, thành phố (34 đơn vị từ 01/7/2025).',
        },
      ];
    },
  },
];

/**
 * Texts known to have every glyph, per face: a batch checks the same texts row after row, and a
 * live preview keystroke after keystroke (this was the costliest text rule, ~0.2 ms a plan).
 */
const covered = new WeakMap<FaceMetrics, Lru<string, true>>();

/** The characters of `s` (but white space) that `face` lacks, each once. */
function missingGlyphs(s: string, face: FaceMetrics): string[] {
  let known = covered.get(face);
  if (!known) {
    known = new Lru(2000);
    covered.set(face, known);
  }
  if (known.get(s)) return [];
  const missing = glyphsLacking(s, face);
  if (!missing.length) known.set(s, true);
  return missing;
}

function glyphsLacking(s: string, face: FaceMetrics): string[] {
  const out = new Set<string>();
  for (let k = 0; k < s.length; k++) {
    const cp = s.codePointAt(k)!;
    if (cp > 0xffff) k++;
    if (face.glyphId(cp) !== 0) continue;
    const ch = String.fromCodePoint(cp);
    if (ch.trim()) out.add(ch);
  }
  return [...out];
}

/** Characters the PDF font (Tinos) has no glyph for: they would print as empty boxes. */
export const glyphRule: Rule = {
  id: 'missing-glyph',
  severity: 'warning',
  source: 'NĐ 30, Phụ lục I (phông chữ tiếng Việt Unicode)',
  check(_plan, raw) {
    const face = loadFontSet().faces.regular;
    const out: Finding[] = [];
    for (const [s, path] of strings(raw)) {
      const missing = missingGlyphs(s, face);
      if (missing.length)
        out.push({
          path,
          message: `có ký tự mà phông Times New Roman không có (${missing.slice(0, 8).join(' ')}); bản PDF sẽ in thành ô trống.`,
          hint: 'Thay bằng chữ hoặc ký hiệu thông thường, ví dụ "✓" → "x", "★" → "*" (dấu "•", "–", "…", "→" in được).',
        });
    }
    return out;
  },
};

type GenericSection = z.infer<typeof GenericSectionSchema>;

const BLOCK_KEYS = ['purposes', 'content', 'phases', 'targets', 'awards', 'budget', 'implementation'] as const;

/** A section that would print only its numbered title. */
export const emptySectionRule: Rule = {
  id: 'empty-section',
  severity: 'warning',
  source: 'thực tiễn',
  check(plan) {
    const out: Finding[] = [];
    const hasContent = (v: unknown): boolean =>
      Array.isArray(v) ? v.length > 0 : v && typeof v === 'object' ? Object.entries(v).some(([k, x]) => k !== 'title' && hasContent(x)) : !!v;
    for (const key of BLOCK_KEYS) {
      const section = plan[key];
      if (section && !hasContent(section))
        out.push({ path: [key], message: 'mục không có nội dung; văn bản sẽ chỉ in tên mục.', hint: `Thêm nội dung hoặc xóa "${key}".` });
    }
    (plan.sections ?? []).forEach((s, i) => {
      // A section that only points to an appendix ("… (chi tiết tại Phụ lục)") has no body of its own.
      if ('kind' in s) {
        if (!hasContent(s))
          out.push({ path: ['sections', i], message: 'mục không có nội dung; văn bản sẽ chỉ in tên mục.', hint: 'Thêm nội dung hoặc xóa mục này.' });
      } else if (!(s as GenericSection).blocks?.length && !/phụ lục/iu.test((s as GenericSection).title))
        out.push({
          path: ['sections', i],
          message: `mục "${(s as GenericSection).title}" không có nội dung.`,
          hint: 'Thêm "blocks", hoặc ghi trong tên mục phụ lục nào chứa nội dung, hoặc xóa mục này.',
        });
    });
    return out;
  },
};
