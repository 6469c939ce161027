// One place that turns any error into what a clerk reads: Vietnamese diagnostics with the
// file, line and field, no stack trace for expected problems. Used by the CLI and batch workers.
import { InputError, type Diagnostic } from './reader/diagnostic.js';
import { TemplateError } from './template/engine.js';
import { MarkupError } from './model/markup.js';
import { FontFolderError } from './fonts/metrics.js';

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

/** Why a file-system call failed, in a clerk's words (undefined for codes a clerk cannot act on). */
export function fsReason(code: string | undefined): string | undefined {
  return code ? FS_REASONS[code] : undefined;
}

const error = (code: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({ severity: 'error', code, message, ...extra });

export function describeError(e: unknown, file?: string): DescribedError {
  if (e instanceof InputError) return { kind: 'input', diagnostics: e.diagnostics };
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
