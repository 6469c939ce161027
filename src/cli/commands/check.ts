// `kehoach check`: reports what in any DOCX (ours or typed in Word) breaks NĐ 30.
import type { Command } from 'commander';
import { checkDocx, type Finding } from '../../check/rules.js';
import { openDocx } from '../../check/wordml.js';
import { InputError } from '../../reader/diagnostic.js';
import { readBytes } from '../../reader/source.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

export interface CheckReport {
  file: string;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Set when the file could not be read as a DOCX. */
  failure?: string;
}

/** Largest DOCX checked: Word documents with photos or scanned pages run to tens of MB. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

export function checkFile(file: string): CheckReport {
  let doc: ReturnType<typeof openDocx>;
  try {
    doc = openDocx(readBytes(file, MAX_DOCX_BYTES));
  } catch (e) {
    return { file, errors: 1, warnings: 0, findings: [], failure: unreadable(e, file) };
  }
  const findings = checkDocx(doc);
  return {
    file,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
  };
}

/** Why a file could not be read as a DOCX, in Vietnamese. */
function unreadable(e: unknown, file: string): string {
  // Not a regular file (/dev/zero, a FIFO, a folder) or too big: refused by readBytes unread.
  if (e instanceof InputError) return e.diagnostics.map((d) => d.message).join(' ');
  const code = (e as NodeJS.ErrnoException).code;
  const msg = (e as Error).message ?? '';
  if (code === 'ENOENT') return 'không tìm thấy tệp.';
  if (code === 'EISDIR') return 'đây là thư mục, không phải tệp .docx.';
  if (code === 'EACCES' || code === 'EPERM') return 'không có quyền đọc tệp.';
  if (/\.doc$/i.test(file)) return 'tệp .doc (Word 97-2003) chưa đọc được: mở bằng Word và lưu lại dạng .docx.';
  const missing = /^(\S+) is missing from the package/.exec(msg);
  if (missing) return `tệp không phải văn bản Word hợp lệ: thiếu phần ${missing[1]}.`;
  if (/zip/i.test(msg)) return 'tệp không phải văn bản Word (.docx): không giải nén được.';
  if (/XML/i.test(msg)) return 'tệp .docx bị hỏng: nội dung XML không đọc được.';
  return `không đọc được tệp .docx (${code ?? 'lỗi định dạng'}).`;
}

function print(cli: Cli, r: CheckReport): void {
  if (r.failure) {
    cli.err(`${r.file}: lỗi: ${r.failure}`);
    return;
  }
  const head = r.findings.length ? `${r.errors} lỗi, ${r.warnings} cảnh báo` : 'đúng thể thức Nghị định 30 ở mọi điểm đã kiểm tra';
  cli.out(`${r.file}: ${head}`);
  for (const f of r.findings)
    cli.out(`  ${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} [${f.rule}]${f.where ? ` ${f.where}` : ''}: ${f.message} (${f.source})`);
}

export function registerCheck(program: Command, cli: Cli): void {
  program
    .command('check')
    .description('Kiểm tra tệp DOCX bất kỳ (kể cả soạn bằng Word) theo thể thức Nghị định 30')
    .argument('<tệp...>', 'tệp .docx')
    .option('--json', 'in kết quả dạng JSON')
    .action((files: string[], opts: { json?: boolean }) => {
      const reports = files.map(checkFile);
      if (opts.json) cli.stdout.write(JSON.stringify(reports, null, 2) + '\n');
      else for (const r of reports) print(cli, r);
      cli.exitCode = reports.some((r) => r.errors > 0) ? EXIT.inputError : EXIT.ok;
    });
}
