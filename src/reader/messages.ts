// Turns zod issues into Vietnamese messages that name the field and say what to fix.
import type { z } from 'zod';
import { LIMITS } from '../schema/limits.js';
import { formatPath, thousands, type Diagnostic } from './diagnostic.js';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi chữ trong dấu ngoặc kép "…"',
  number: 'số',
  boolean: 'true hoặc false',
  array: 'danh sách [ … ]',
  object: 'đối tượng { … }',
  null: 'null',
  undefined: 'giá trị',
};

/** Friendly Vietnamese names of the most common fields, shown next to the path. */
const FIELD_NAMES: Record<string, string> = {
  issuer: 'cơ quan ban hành',
  'issuer.name': 'tên cơ quan ban hành',
  'issuer.parent': 'cơ quan chủ quản',
  'issuer.abbreviation': 'chữ viết tắt tên cơ quan',
  number: 'số văn bản',
  symbol: 'ký hiệu',
  place: 'địa danh',
  date: 'ngày ban hành',
  title: 'trích yếu',
  basis: 'căn cứ',
  intro: 'câu dẫn',
  closing: 'phần kết',
  'closing.text': 'câu kết',
  recipients: 'nơi nhận',
  archive: 'dòng Lưu',
  'archive.units': 'đơn vị lưu',
  signer: 'người ký',
  'signer.name': 'họ tên người ký',
  'signer.position': 'chức vụ người đứng đầu',
  'signer.title': 'chức vụ người ký',
  'signer.authority': 'thẩm quyền ký',
  layout: 'tùy chọn trình bày',
};

function fieldName(path: string): string {
  const generic = path.replace(/\[\d+\]/g, '');
  const name = FIELD_NAMES[path] ?? FIELD_NAMES[generic];
  return name ? ` (${name})` : '';
}

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'danh sách';
  if (typeof input === 'string') return `chuỗi "${input.length > 40 ? input.slice(0, 40) + '…' : input}"`;
  if (typeof input === 'number') return `số ${input}`;
  if (typeof input === 'boolean') return String(input);
  if (typeof input === 'object') return 'đối tượng { … }';
  return 'không có giá trị';
}

const SPLIT_TABLE = 'Tách thành nhiều bảng, hoặc đưa số liệu chi tiết ra tệp riêng (ví dụ Excel) gửi kèm.';

const CUSTOM: Record<string, [string, string?]> = {
  too_many_columns: [
    `hàng của bảng rộng quá ${LIMITS.tableColumns} cột (tính cả các ô gộp cột).`,
    'Bớt cột hoặc tách thành nhiều bảng; bảng rộng nên đặt ở phụ lục trang nằm ngang (landscape: true).',
  ],
  too_deep: [
    `danh sách lồng trong danh sách quá ${LIMITS.nesting} cấp (mục trong mục, ý trong ý).`,
    'Kế hoạch thật lồng nhiều nhất khoảng 7 cấp (I., 1., 1.1., 1.1.1., a), -, +); đưa bớt nội dung lên cấp ngoài hoặc sang phụ lục.',
  ],
  too_many_parts: [
    `kế hoạch có quá ${thousands(LIMITS.parts)} phần (đoạn, mục, ô bảng, đoạn chữ **đậm**/*nghiêng*, chỗ xuống dòng, chú thích); từ chỗ này trở đi vượt giới hạn.`,
    'Một kế hoạch thật chỉ có vài trăm đến một nghìn phần; tách thành nhiều văn bản, hoặc đưa số liệu lớn ra tệp riêng (ví dụ Excel) gửi kèm.',
  ],
  too_much_text: [
    `kế hoạch dài quá ${thousands(LIMITS.totalText)} ký tự; từ chỗ này trở đi vượt giới hạn.`,
    'Một kế hoạch thật dài khoảng 50.000 ký tự; tách thành nhiều văn bản hoặc đưa tài liệu dài ra tệp gửi kèm.',
  ],
  empty_text: ['không được để trống.', 'Nhập nội dung hoặc xóa trường này nếu không dùng.'],
  bad_date: [
    'không phải ngày hợp lệ.',
    'Viết theo dạng năm-tháng-ngày, ví dụ "2024-02-05" (hoặc ngày/tháng/năm: "05/02/2024"), và kiểm tra ngày có trong lịch (năm từ 1945 đến 2100).',
  ],
  bad_doc_date: [
    'không phải ngày hợp lệ.',
    'Viết "2024-02-05"; bản dự thảo chưa có ngày viết "2024-02" hoặc "2024". Kiểm tra ngày có trong lịch (ví dụ không có 30/02) và năm từ 1945 đến 2100.',
  ],
  bad_abbreviation: ['chỉ gồm chữ in hoa (kể cả Đ), chữ số và dấu "-", không có khoảng trắng.', 'Ví dụ "SYT", "UBND", "SVHTT".'],
  bad_symbol: ['ký hiệu không hợp lệ.', 'Ký hiệu gồm các nhóm chữ nối bằng dấu "-", không có khoảng trắng, ví dụ "KH-SYT".'],
  bad_number: ['số văn bản chỉ gồm chữ số.', 'Ví dụ 13 hoặc "0124"; bỏ trống khi là bản dự thảo.'],
  bad_archive_unit: ['mỗi phần tử là một đơn vị lưu, không có dấu phẩy.', 'Mỗi đơn vị là một phần tử, ví dụ ["VT", "TCHC"].'],
};

/**
 * Picks, among a union's branches, the one that got furthest: a branch that recognised
 * the object's keys beats one that did not; then deeper and fewer issues win.
 */
function bestBranch(errors: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestScore = -Infinity;
  for (const branch of errors) {
    if (branch.length === 0) continue;
    const depth = Math.max(...branch.map((i) => i.path.length));
    const rootType = branch.every((i) => (i.code === 'invalid_type' || i.code === 'invalid_union') && i.path.length === 0);
    const rootKeys = branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
    const score = (rootType ? -1000 : 0) + (rootKeys ? -500 : 0) + depth * 10 - branch.length;
    if (score > bestScore) {
      bestScore = score;
      best = branch;
    }
  }
  // No branch knew the keys: the unknown key is the one thing to report.
  if (best?.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0))
    return best.filter((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
  return best;
}

export function issuesToDiagnostics(issues: readonly Issue[], base: (string | number)[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const full = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'invalid_union') {
      // A union of literals (13 | 14): one message listing every allowed value.
      const branches = issue.errors as Issue[][];
      if (branches.length && branches.every((b) => b.length === 1 && b[0].code === 'invalid_value' && b[0].path.length === 0)) {
        const values = branches.flatMap((b) => (b[0] as Issue & { values: unknown[] }).values);
        out.push(issueToDiagnostic({ ...(branches[0][0] as Issue), values } as Issue, full));
        continue;
      }
      const branch = bestBranch(issue.errors as Issue[][]);
      if (branch && !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0)) {
        out.push(...issuesToDiagnostics(branch, full));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      // One diagnostic per unknown key, pointing at the key itself.
      for (const key of issue.keys) out.push(issueToDiagnostic({ ...issue, keys: [key] }, [...full, key]));
      continue;
    }
    out.push(issueToDiagnostic(issue, full));
  }
  return out;
}

/** A value over a limit: how big it is, the limit and what to do. */
function tooBig(issue: Issue & { code: 'too_big' }, name: string): { message: string; hint?: string } {
  const max = thousands(Number(issue.maximum));
  const size = typeof issue.input === 'string' || Array.isArray(issue.input) ? thousands(issue.input.length) : undefined;
  if (issue.message === 'text_too_long')
    return {
      message: `chữ dài ${size} ký tự, quá giới hạn ${max} ký tự của một trường${name}.`,
      hint: 'Chia thành nhiều đoạn ngắn hơn (mỗi đoạn một ý) hoặc đưa phần dài sang phụ lục.',
    };
  if (issue.message === 'too_many_rows') return { message: `bảng có ${size} hàng, quá giới hạn ${max} hàng.`, hint: SPLIT_TABLE };
  if (issue.message === 'too_many_columns') return { message: `có ${size} cột, quá giới hạn ${max} cột.`, hint: CUSTOM.too_many_columns[1] };
  return { message: `giá trị lớn nhất cho phép là ${issue.maximum}${name}.` };
}

/** A table whose grid (rows × widest row) is over LIMITS.tableCells. */
function tooManyCells(grid: { rows: number; columns: number; cells: number }): { message: string; hint: string } {
  return {
    message: `bảng có ${thousands(grid.rows)} hàng × ${grid.columns} cột = ${thousands(grid.cells)} ô, quá giới hạn ${thousands(LIMITS.tableCells)} ô của một bảng.`,
    hint: SPLIT_TABLE,
  };
}

function issueToDiagnostic(issue: Issue, fullPath: (string | number)[]): Diagnostic {
  const path = formatPath(fullPath);
  const name = fieldName(path);
  let message: string;
  let hint: string | undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (fullPath.length === 0) {
        message = `nội dung tệp phải là một đối tượng { … } mô tả văn bản, nhưng nhận được ${received(issue.input)}.`;
        hint = 'Bắt đầu từ tệp mẫu: chạy "kehoach init" hoặc sao chép một tệp trong thư mục examples/.';
      } else if (issue.input === undefined) {
        message = `thiếu trường bắt buộc${name}.`;
        hint = `Thêm "${String(fullPath[fullPath.length - 1])}" với giá trị là ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
      } else {
        message = `cần ${TYPE_NAMES[issue.expected] ?? issue.expected}${name}, nhưng nhận được ${received(issue.input)}.`;
      }
      break;
    case 'unrecognized_keys':
      message = `trường "${issue.keys[0]}" không được hỗ trợ.`;
      hint = 'Kiểm tra chính tả tên trường (phân biệt hoa thường) hoặc xóa trường này; xem schemas/plan.schema.json.';
      break;
    case 'invalid_union':
      message = `giá trị không đúng dạng${name}.`;
      hint = 'Xem ví dụ trong thư mục examples/ hoặc gợi ý của trình soạn thảo (schemas/plan.schema.json).';
      break;
    case 'invalid_value':
      message = `giá trị không hợp lệ${name}; chỉ nhận: ${issue.values.map((v: unknown) => JSON.stringify(v)).join(', ')}.`;
      break;
    case 'too_small':
      if (issue.origin === 'array') message = `cần ít nhất ${issue.minimum} phần tử${name}.`;
      else if (issue.origin === 'string') message = `không được để trống${name}.`;
      else message = `giá trị nhỏ nhất cho phép là ${issue.minimum}${name}.`;
      break;
    case 'too_big':
      ({ message, hint } = tooBig(issue, name));
      break;
    case 'invalid_format':
      message = CUSTOM[issue.message]?.[0] ?? `không đúng định dạng${name}.`;
      hint = CUSTOM[issue.message]?.[1];
      break;
    case 'custom': {
      if (issue.message === 'too_many_cells') {
        ({ message, hint } = tooManyCells(issue.params as { rows: number; columns: number; cells: number }));
        break;
      }
      const c = CUSTOM[issue.message];
      message = c ? c[0].replace(/\.$/, '') + name + '.' : issue.message;
      hint = c?.[1];
      break;
    }
    default:
      message = `giá trị không hợp lệ${name}.`;
  }
  return { severity: 'error', code: `schema.${issue.code}`, path, message, hint };
}
