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
  if (err?.code === 'EACCES' || err?.code === 'EROFS' || err?.code === 'ENOSPC') {
    console.error(`Lỗi: không ghi được tệp${err.path ? ` ${err.path}` : ''} (${err.code}). Kiểm tra quyền ghi và dung lượng đĩa.`);
    return EXIT.inputError;
  }
  console.error(`Lỗi nội bộ${file ? ` khi xử lý ${file}` : ''}: ${err?.message ?? String(e)}`);
  if (process.env.KEHOACH_DEBUG) console.error(err?.stack);
  else console.error('    → Hãy báo lỗi này cho nhóm phát triển (chạy lại với KEHOACH_DEBUG=1 để xem chi tiết).');
  return EXIT.internal;
}
