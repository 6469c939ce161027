// `kehoach check`: reports what in any DOCX (ours or typed in Word) breaks NĐ 30.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkDocx, type Finding } from '../../check/rules.js';
import { openDocx } from '../../check/wordml.js';
import { EXIT } from '../output.js';

export interface CheckReport {
  file: string;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Set when the file could not be read as a DOCX. */
  failure?: string;
}

export function checkFile(file: string): CheckReport {
  let doc;
  try {
    doc = openDocx(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const failure = code === 'ENOENT' ? 'không tìm thấy tệp.' : `không đọc được tệp DOCX (${(e as Error).message}). Tệp .doc cũ cần mở bằng Word và lưu lại dạng .docx.`;
    return { file, errors: 1, warnings: 0, findings: [], failure };
  }
  const findings = checkDocx(doc);
  return {
    file,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
  };
}

function print(r: CheckReport): void {
  if (r.failure) {
    console.error(`${r.file}: lỗi: ${r.failure}`);
    return;
  }
  const head = r.findings.length ? `${r.errors} lỗi, ${r.warnings} cảnh báo` : 'đúng thể thức Nghị định 30 ở mọi điểm đã kiểm tra';
  console.log(`${r.file}: ${head}`);
  for (const f of r.findings)
    console.log(`  ${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} [${f.rule}]${f.where ? ` ${f.where}` : ''}: ${f.message} (${f.source})`);
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Kiểm tra tệp DOCX bất kỳ (kể cả soạn bằng Word) theo thể thức Nghị định 30')
    .argument('<files...>', 'tệp .docx')
    .option('--json', 'in kết quả dạng JSON')
    .action((files: string[], opts: { json?: boolean }) => {
      const reports = files.map(checkFile);
      if (opts.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
      else reports.forEach(print);
      process.exitCode = reports.some((r) => r.errors > 0) ? EXIT.inputError : EXIT.ok;
    });
}
