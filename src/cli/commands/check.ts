// `kehoach check`: reports what in any DOCX (ours or typed in Word) breaks NĐ 30.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument, type Finding } from '../../check/rules.js';
import { openDocx } from '../../check/wordml.js';
import { ZipError } from '../../check/zip.js';
import { checkReportHtml } from '../../check/report.js';
import { InputError } from '../../reader/diagnostic.js';
import { readBytes } from '../../reader/source.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

export interface CheckReport {
  file: string;
  /** The document type recognised ("QUYẾT ĐỊNH", "CÔNG VĂN", …). */
  type?: string;
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
  let result: ReturnType<typeof checkDocument>;
  try {
    result = checkDocument(doc);
  } catch (e) {
    if (e instanceof RangeError) return { file, errors: 1, warnings: 0, findings: [], failure: 'tệp .docx có cấu trúc lồng nhau quá sâu, không đọc được.' };
    throw e;
  }
  const { findings } = result;
  return {
    file,
    type: result.type.name,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
  };
}

/** Why a file could not be read as a DOCX, in Vietnamese. */
function unreadable(e: unknown, file: string): string {
  if (e instanceof ZipError) return e.message;
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
  cli.out(`${r.file} (${r.type === 'không rõ' ? 'không nhận ra loại văn bản' : r.type}): ${head}`);
  for (const f of r.findings) {
    cli.out(`  ${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} [${f.rule}]${f.where ? ` ${f.where}` : ''}: ${f.message} (${f.source})`);
    if (f.fix) cli.out(`      → ${f.fix}`);
  }
}

/** The .docx files named (or those `accept` takes), folders searched recursively (Word's "~$" lock files and hidden files skipped). */
export function expandInputs(args: string[], accept: RegExp = /\.docx$/i): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && accept.test(e.name)) files.push(p);
    }
  };
  for (const a of args) {
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(a);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const before = files.length;
      walk(a);
      if (files.length === before) missing.push(a);
    } else files.push(a);
  }
  return { files, missing };
}

export interface CheckOptions {
  json?: boolean;
  report?: string;
}

export async function check(cli: Cli, args: string[], opts: CheckOptions): Promise<number> {
  const { files, missing } = expandInputs(args);
  for (const m of missing) cli.err(`${m}: thư mục không có tệp .docx nào.`);
  const reports = files.map(checkFile);
  if (opts.json) cli.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const r of reports) print(cli, r);
  if (files.length > 1 && !opts.json) {
    const bad = reports.filter((r) => r.errors > 0).length;
    cli.out(`Đã kiểm tra ${files.length} tệp: ${bad} tệp có lỗi, ${files.length - bad} tệp không có lỗi.`);
  }
  if (opts.report) {
    const html = await checkReportHtml(reports, { thumbnails: true });
    atomicWrite(opts.report, html);
    if (!opts.json)
      cli.out(`Đã ghi báo cáo ${opts.report}${html.includes('data-thumbnail') ? '' : ' (không có ảnh trang: cần LibreOffice và poppler-utils)'}.`);
  }
  return reports.some((r) => r.errors > 0) || missing.length ? EXIT.inputError : EXIT.ok;
}
