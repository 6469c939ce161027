// One place that turns any error into what a clerk reads: Vietnamese diagnostics with the
// file, line and field, no stack trace for expected problems. Used by the CLI and batch workers.
import { isAbsolute, relative } from 'node:path';
import { InputError, type Diagnostic } from './reader/diagnostic.js';
import { BUILTIN_TEMPLATES, TemplateError } from './template/engine.js';
import { MarkupError } from './model/markup.js';
import { FontFileError, FontFolderError } from './fonts/metrics.js';

export type ErrorKind = 'input' | 'template' | 'output' | 'internal';

export interface DescribedError {
  kind: ErrorKind;
  diagnostics: Diagnostic[];
  stack?: string;
}

const FS_REASONS: Record<string, string> = {
  EDQUOT: 'đã hết hạn mức dung lượng',
  EACCES: 'không có quyền ghi',
  EPERM: 'không có quyền ghi',
  EROFS: 'ổ đĩa chỉ cho phép đọc',
  ENOSPC: 'ổ đĩa đã đầy',
  ENOENT: 'không tạo được thư mục hoặc tệp ở đó',
  ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục',
  EISDIR: 'đã có một thư mục trùng tên',
  EEXIST: 'đã có tệp trùng tên',
};

/** The Vietnamese reason for a file-system error code, if it is one a clerk can act on. */
export const fsReason = (code: string | undefined): string | undefined => (code ? FS_REASONS[code] : undefined);

const error = (code: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({ severity: 'error', code, message, ...extra });

const isBuiltinTemplate = (file: string) => !relative(BUILTIN_TEMPLATES, file).startsWith('..') && !isAbsolute(relative(BUILTIN_TEMPLATES, file));

/** V8's message when the call stack runs out (RangeError, or wrapped by Handlebars). */
const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/**
 * The input limits keep every recursive step shallow; should one still run out of stack, it is
 * the input's nesting, reported as such (exit 1), never as an internal error.
 */
function stackOverflow(e: unknown, file?: string): DescribedError | undefined {
  if (!(e instanceof RangeError || e instanceof TemplateError) || !STACK_OVERFLOW.test((e as Error).message)) return undefined;
  // A custom template may recurse by itself; a built-in one only as deep as the input nests.
  const template = e instanceof TemplateError && !isBuiltinTemplate(e.file) ? e.file : undefined;
  return {
    kind: 'input',
    diagnostics: [
      error('input.depth', `nội dung lồng nhau quá sâu, không xử lý được${template ? ` (khi dựng văn bản bằng mẫu ${template})` : ''}.`, {
        file,
        hint: 'Giảm số cấp mục lồng trong mục, ý lồng trong ý (kế hoạch thật chỉ khoảng 7 cấp). Nếu dùng mẫu riêng (--template), kiểm tra không có partial tự gọi lại chính nó.',
      }),
    ],
    stack: (e as Error).stack,
  };
}

export function describeError(e: unknown, file?: string): DescribedError {
  if (e instanceof InputError) return { kind: 'input', diagnostics: e.diagnostics };
  const overflow = stackOverflow(e, file);
  if (overflow) return overflow;
  if (e instanceof FontFileError)
    return {
      kind: 'input',
      diagnostics: [
        error('fonts.file', `tệp phông hỏng hoặc không dùng được: ${e.reason}.`, {
          file: e.file,
          hint: 'Chép lại tệp phông gốc (ví dụ từ C:\\Windows\\Fonts), hoặc bỏ --fonts để dùng Tinos có sẵn.',
        }),
      ],
    };
  if (e instanceof FontFolderError)
    return {
      kind: 'input',
      diagnostics: [error('fonts', e.message, { hint: 'Chép đủ 4 tệp .ttf của một họ phông vào thư mục này, hoặc bỏ --fonts để dùng Tinos.' })],
    };
  if (e instanceof TemplateError) {
    const message = `lỗi mẫu: ${e.message.slice(e.message.indexOf(': ') + 2)}`;
    return { kind: 'template', diagnostics: [error('template', message, { file: e.file, line: e.line, column: e.column })] };
  }
  if (e instanceof MarkupError) {
    const message = `kết quả của mẫu không đúng cú pháp: ${e.message}${e.excerpt ? ` — "${e.excerpt.trim().slice(0, 120)}"` : ''}`;
    return { kind: 'template', diagnostics: [error('template.markup', message, { file })] };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code && FS_REASONS[err.code] && (!err.syscall || ['mkdir', 'open', 'rename', 'write', 'fsync', 'close', 'copyfile'].includes(err.syscall))) {
    const target = (err as { target?: string }).target ?? err.path;
    return {
      kind: 'output',
      diagnostics: [
        error('output', `không ghi được kết quả${target ? ` ${target}` : ''} (${FS_REASONS[err.code]}).${file ? ` Tệp ${file} chưa được ghi ra.` : ''}`, {
          hint: 'Kiểm tra thư mục kết quả (-o): đường dẫn, quyền ghi và dung lượng đĩa.',
        }),
      ],
    };
  }
  return {
    kind: 'internal',
    diagnostics: [
      error('internal', `lỗi nội bộ${file ? ` khi xử lý ${file}` : ''}: ${err?.message ?? String(e)}`, {
        hint: 'Hãy báo lỗi này cho nhóm phát triển (chạy lại với KEHOACH_DEBUG=1 để xem chi tiết).',
      }),
    ],
    stack: err?.stack,
  };
}
