// `kehoach import`: an existing KẾ HOẠCH (Word .docx/.doc, or text copied from a PDF or a web
// page) → a plan file (YAML with comments, or JSON) that renders back to the same document. Each
// file gets a summary line; every warning names its place in the source; the written plan is run
// through the validator and its diagnostics are printed.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ZipError } from '../../check/zip.js';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { type Imported, importFile } from '../../import/index.js';
import { NeedsLibreOffice } from '../../import/readers/doc.js';
import { locText } from '../../import/source.js';
import { planYaml } from '../../import/write-yaml.js';
import { checkSource } from '../../pipeline.js';
import { type Diagnostic, InputError } from '../../reader/diagnostic.js';
import { parseSource } from '../../reader/source.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT, printDiagnostics } from '../output.js';
import { expandInputs } from './check.js';

export interface ImportOptions {
  output?: string;
  json?: boolean;
}

/** In a folder: Word files and text files; a .md file (often a folder's README) only when named. */
const ACCEPT = /\.(docx|doc|txt)$/i;

/** Where each input's plan goes: next to it, into the folder given, or the one file given. */
function outputPath(file: string, opts: ImportOptions, many: boolean): string {
  const name = `${basename(file, extname(file))}.${opts.json ? 'json' : 'yaml'}`;
  const o = opts.output;
  if (!o) return join(dirname(file), name);
  const folder = many || /[/\\]$/.test(o) || (existsSync(o) && statSync(o).isDirectory());
  return folder ? join(o, name) : o;
}

/** Why a file could not be read, in Vietnamese. */
function unreadable(e: unknown, file: string): string {
  if (e instanceof NeedsLibreOffice)
    return 'tệp .doc (Word 97-2003) cần LibreOffice để đọc, nhưng máy chưa cài (không tìm thấy lệnh "soffice"). Hãy cài LibreOffice, hoặc mở tệp bằng Word và lưu lại dạng .docx.';
  if (e instanceof ZipError) return e.message;
  if (e instanceof InputError) return e.diagnostics.map((d) => d.message).join(' ');
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'không tìm thấy tệp.';
  if (code === 'EISDIR') return 'đây là thư mục.';
  if (code === 'EACCES' || code === 'EPERM') return 'không có quyền đọc tệp.';
  if (e instanceof RangeError) return 'tệp có cấu trúc lồng nhau quá sâu, không đọc được.';
  if (/\.docx?$/i.test(file)) return 'tệp Word bị hỏng hoặc không phải văn bản Word, không đọc được.';
  throw e;
}

function summary(r: Imported): string {
  const plan = r.plan as Record<string, unknown>;
  const sections = (plan.sections as unknown[] | undefined)?.length ?? 0;
  const tables = JSON.stringify(plan).split('"table":').length - 1;
  const apps = (plan.appendices as unknown[] | undefined)?.length ?? 0;
  const num = plan.number ? `số ${plan.number}` : 'chưa có số';
  return `KẾ HOẠCH ${num}, ${sections} mục, ${tables} bảng, ${apps} phụ lục`;
}

/** Imports one file; returns whether it went well (a plan written and valid). */
function importOne(cli: Cli, file: string, opts: ImportOptions, many: boolean): boolean {
  let r: Imported;
  try {
    r = importFile(file, cli.env);
  } catch (e) {
    cli.err(`${file}: lỗi: ${unreadable(e, file)}`);
    return false;
  }
  if (r.notPlan) {
    cli.err(
      `${file}: ${r.type ? `không phải KẾ HOẠCH (đây là ${r.type})` : 'không nhận ra loại văn bản (không thấy chữ KẾ HOẠCH dưới phần đầu)'}; không nhập.`,
    );
    return false;
  }
  const out = outputPath(file, opts, many);
  const text = opts.json ? `${JSON.stringify(r.plan, null, 2)}\n` : planYaml(r.plan!, r.warnings, basename(file));
  atomicWrite(out, text);
  let diags: Diagnostic[] = [];
  let valid = true;
  try {
    diags = checkSource(keHoach, parseSource(text, out)).warnings;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    diags = e.diagnostics;
    valid = !diags.some((d) => d.severity === 'error');
  }
  const errors = diags.filter((d) => d.severity === 'error').length;
  const state = valid ? 'hợp lệ' : `chưa hợp lệ (${errors} lỗi, xem bên dưới; sửa rồi chạy "kehoach validate ${out}")`;
  cli.out(`${file} → ${out}: ${summary(r)}; ${r.warnings.length} cảnh báo khi nhập; ${state}.`);
  for (const w of r.warnings) cli.out(`  Cảnh báo${w.loc ? ` (${locText(w.loc)})` : ''}: ${w.message}`);
  printDiagnostics(cli, diags);
  return valid;
}

export function importCommand(cli: Cli, args: string[], opts: ImportOptions): number {
  const { files, missing } = expandInputs(args, ACCEPT);
  for (const m of missing) cli.err(`${m}: thư mục không có tệp .docx, .doc hay .txt nào.`);
  const many = files.length > 1;
  if (many && opts.output && !/[/\\]$/.test(opts.output) && existsSync(opts.output) && !statSync(opts.output).isDirectory()) {
    cli.err(`Lỗi: nhập nhiều tệp thì -o phải là thư mục (ví dụ "-o ke-hoach/"), không phải tệp "${opts.output}".`);
    return EXIT.usage;
  }
  let bad = missing.length;
  for (const f of files) if (!importOne(cli, f, opts, many)) bad++;
  if (many) cli.out(`Đã nhập ${files.length} tệp: ${files.length - bad + missing.length} tệp thành công, ${bad} tệp có lỗi.`);
  return bad ? EXIT.inputError : EXIT.ok;
}
