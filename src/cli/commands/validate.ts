// `kehoach validate`: every problem in every file, with JSON path, line and a hint.
import type { Command } from 'commander';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { loadFile } from '../../reader/load.js';
import { InputError } from '../../reader/diagnostic.js';
import { EXIT, printDiagnostics, reportError } from '../output.js';

export function validate(files: string[], opts: { quiet?: boolean }): number {
  let bad = 0;
  for (const file of files) {
    try {
      loadFile(keHoach.schema, file);
      if (!opts.quiet) console.log(`${file}: hợp lệ.`);
    } catch (e) {
      bad++;
      if (e instanceof InputError) {
        const n = e.diagnostics.filter((d) => d.severity === 'error').length;
        console.error(`${file}: ${n} lỗi`);
        printDiagnostics(e.diagnostics);
      } else reportError(e, file);
    }
  }
  return bad ? EXIT.inputError : EXIT.ok;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Kiểm tra tệp kế hoạch, liệt kê mọi lỗi cùng vị trí và cách sửa')
    .argument('<files...>', 'tệp kế hoạch (.json, .yaml)')
    .option('-q, --quiet', 'chỉ in lỗi')
    .action((files: string[], opts: { quiet?: boolean }) => {
      process.exitCode = validate(files, opts);
    });
}
