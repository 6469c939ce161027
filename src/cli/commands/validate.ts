// `kehoach validate`: every problem in every file (schema, then NĐ 30 and common-sense
// rules), with JSON path, line and a hint; `--fix` writes back the automatic fixes.
import { keHoach } from '../../doctypes/ke-hoach.js';
import { checkSource, layoutWarnings, templatesFor } from '../../pipeline.js';
import type { TemplateSet } from '../../template/engine.js';
import { InputError } from '../../reader/diagnostic.js';
import { readSource } from '../../reader/source.js';
import { applyFixes } from '../../rules/fix.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT, printDiagnostics, reportError } from '../output.js';

export interface ValidateOptions {
  quiet?: boolean;
  fix?: boolean;
  template?: string;
}

function fixFile(cli: Cli, file: string): void {
  const source = readSource(file);
  const fixed = applyFixes(source, /\.ya?ml$/i.test(file), keHoach.normalize);
  if (!fixed) return;
  atomicWrite(file, fixed.text);
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
