// `kehoach validate`: every problem in every file (schema, then NĐ 30 and common-sense
// rules), with JSON path, line and a hint; `--fix` writes back the automatic fixes.
import { keHoach } from '../../doctypes/ke-hoach.js';
import { checkSource, layoutWarnings, templatesFor } from '../../pipeline.js';
import type { TemplateSet } from '../../template/engine.js';
import { InputError } from '../../reader/diagnostic.js';
import { decodeUtf8, parseSource, readBytes, readSource } from '../../reader/source.js';
import { applyFixes } from '../../rules/fix.js';
import { ChangedMeanwhileError, writeInPlace } from '../../util/atomic-write.js';
import { fsReason } from '../../errors.js';
import type { Cli } from '../io.js';
import { EXIT, printDiagnostics, reportError } from '../output.js';

export interface ValidateOptions {
  quiet?: boolean;
  fix?: boolean;
  template?: string;
}

/** Why the fixed text could not be written; the file keeps its old content (or says where it is). */
function fixNotWritten(file: string, e: unknown): InputError {
  const err = e as NodeJS.ErrnoException & { backup?: string };
  const message =
    e instanceof ChangedMeanwhileError
      ? 'tệp vừa bị thay đổi trong lúc sửa; chưa ghi gì vào tệp.'
      : `không ghi được bản đã sửa vào tệp (${fsReason(err.code) ?? err.message}); ${err.backup ? `nội dung cũ được giữ trong ${err.backup}.` : 'tệp vẫn giữ nguyên nội dung cũ.'}`;
  const hint = e instanceof ChangedMeanwhileError ? 'Chạy lại "kehoach validate --fix".' : 'Kiểm tra quyền ghi tệp và dung lượng đĩa, rồi chạy lại.';
  return new InputError([{ severity: 'error', code: 'fix.write', file, message, hint }]);
}

/**
 * Writes the automatic fixes into the file itself (its inode): a symlinked plan gets the real
 * file fixed, hard links see the fix, mode (0600 for a plan marked MẬT) and owner stay.
 */
function fixFile(cli: Cli, file: string): void {
  const bytes = readBytes(file);
  const source = parseSource(decodeUtf8(bytes, file), file);
  const fixed = applyFixes(source, /\.ya?ml$/i.test(file), keHoach.normalize);
  if (!fixed) return;
  // decodeUtf8 dropped a byte order mark; the file keeps it.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
  try {
    writeInPlace(file, bom + fixed.text, bytes);
  } catch (e) {
    if (e instanceof ChangedMeanwhileError || (e as NodeJS.ErrnoException).code) throw fixNotWritten(file, e);
    throw e;
  }
  cli.out(`${file}: đã sửa tự động ${fixed.fixes.length} chỗ:`);
  for (const f of fixed.fixes) cli.out(`  - ${f.path}: ${f.what}`);
}

export function validate(cli: Cli, files: string[], opts: ValidateOptions): number {
  let bad = 0;
  let code: number = EXIT.ok;
  let templates: TemplateSet;
  try {
    templates = templatesFor(keHoach, opts.template);
  } catch (e) {
    return reportError(cli, e);
  }
  for (const file of files) {
    try {
      if (opts.fix) fixFile(cli, file);
      const checked = checkSource(keHoach, readSource(file));
      // What the layout would have to compromise on (a table too narrow for its words) is a warning too.
      const warnings = [...checked.warnings, ...layoutWarnings(keHoach, checked.data, templates, file)];
      printDiagnostics(cli, warnings);
      if (!opts.quiet) cli.out(`${file}: hợp lệ${warnings.length ? ` (${warnings.length} cảnh báo)` : ''}.`);
    } catch (e) {
      bad++;
      if (e instanceof InputError) {
        const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = e.diagnostics.length - errors;
        cli.err(`${file}: ${errors} lỗi${warnings ? `, ${warnings} cảnh báo` : ''}`);
        printDiagnostics(cli, e.diagnostics);
        code = Math.max(code, EXIT.inputError);
      } else code = Math.max(code, reportError(cli, e, file));
    }
  }
  return bad ? Math.max(code, EXIT.inputError) : EXIT.ok;
}
