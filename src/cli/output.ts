// Console output for clerks: Vietnamese, no stack traces for expected problems.
import { InputError, formatDiagnostic, type Diagnostic } from '../reader/diagnostic.js';
import { TemplateError } from '../template/engine.js';
import { MarkupError } from '../model/markup.js';

/** Exit codes (documented in README): */
export const EXIT = { ok: 0, inputError: 1, usage: 2, internal: 3 } as const;

export function printDiagnostics(diags: Diagnostic[]): void {
  for (const d of diags) console.error(formatDiagnostic(d));
}

/** Prints an error the clerk can act on; returns the exit code. */
export function reportError(e: unknown, file?: string): number {
  if (e instanceof InputError) {
    printDiagnostics(e.diagnostics);
    return EXIT.inputError;
  }
  if (e instanceof TemplateError) {
    console.error(`Lỗi mẫu (${e.message})`);
    return EXIT.inputError;
  }
  if (e instanceof MarkupError) {
    console.error(`Lỗi mẫu${file ? ` khi xử lý ${file}` : ''}: ${e.message}${e.excerpt ? `\n    ${e.excerpt.trim().slice(0, 160)}` : ''}`);
    return EXIT.inputError;
  }
  const err = e as NodeJS.ErrnoException;
  const FS_REASONS: Record<string, string> = {
    EACCES: 'không có quyền ghi',
    EPERM: 'không có quyền ghi',
    EROFS: 'ổ đĩa chỉ cho phép đọc',
    ENOSPC: 'ổ đĩa đã đầy',
    ENOENT: 'không tạo được thư mục hoặc tệp ở đó',
    ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục',
    EISDIR: 'đường dẫn là một thư mục',
    EEXIST: 'đã có tệp trùng tên',
  };
  if (err?.code && FS_REASONS[err.code] && (!err.syscall || ['mkdir', 'open', 'rename', 'write'].includes(err.syscall))) {
    const where = err.path ? ` ${err.path}` : '';
    console.error(`Lỗi: không ghi được kết quả${where} (${FS_REASONS[err.code]}).${file ? ` Tệp ${file} chưa được ghi ra.` : ''}`);
    console.error('    → Kiểm tra thư mục kết quả (-o): đường dẫn, quyền ghi và dung lượng đĩa.');
    return EXIT.inputError;
  }
  console.error(`Lỗi nội bộ${file ? ` khi xử lý ${file}` : ''}: ${err?.message ?? String(e)}`);
  if (process.env.KEHOACH_DEBUG) console.error(err?.stack);
  else console.error('    → Hãy báo lỗi này cho nhóm phát triển (chạy lại với KEHOACH_DEBUG=1 để xem chi tiết).');
  return EXIT.internal;
}
