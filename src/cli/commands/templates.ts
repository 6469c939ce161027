// `kehoach templates`: copy the built-in templates out for editing (eject), and show which
// template files a folder overrides (list).
import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { BUILTIN_TEMPLATES } from '../../template/engine.js';
import { readTemplate, scanTemplateFolder, type TemplateFile } from '../../template/folder.js';
import { atomicWriteAll } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT, reportError } from '../output.js';

const builtinDir = () => join(BUILTIN_TEMPLATES, keHoach.templates);

const byName = (a: string, b: string) => (a === 'document.hbs' ? -1 : b === 'document.hbs' ? 1 : a.localeCompare(b));

/** Template files of a folder, as the renderer would use them, sorted ("document.hbs" first). */
function scanned(dir: string): TemplateFile[] {
  return scanTemplateFolder(dir).files.sort((a, b) => byName(a.rel, b.rel));
}

/** Template files of a folder, relative to it, with "/" separators, sorted. */
export function templateFiles(dir: string): string[] {
  return scanned(dir).map((f) => f.rel);
}

/** What is at `p`, without following a link. */
function kind(p: string): 'none' | 'dir' | 'file' | 'link' | 'other' {
  const st = lstatSync(p, { throwIfNoEntry: false });
  if (!st) return 'none';
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'dir';
  return st.isFile() ? 'file' : 'other';
}

interface Plan {
  /** Template files already there (a link counts: with --force it is replaced, never followed). */
  clashes: string[];
  links: string[];
  /** Paths eject cannot write without following a link or removing a folder. */
  blocked: string[];
}

/** Looks at every path eject would write inside `dir`, following no link below it. */
function planEject(dir: string, files: string[]): Plan {
  const plan: Plan = { clashes: [], links: [], blocked: [] };
  const folders = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let k = 1; k < parts.length; k++) folders.add(parts.slice(0, k).join('/'));
  }
  for (const d of [...folders].sort()) {
    const k = kind(join(dir, d));
    if (k !== 'none' && k !== 'dir') plan.blocked.push(`${d}/`);
  }
  for (const f of files) {
    if (plan.blocked.some((b) => f.startsWith(b))) continue;
    const k = kind(join(dir, f));
    if (k === 'dir' || k === 'other') plan.blocked.push(f);
    else if (k !== 'none') plan.clashes.push(f);
    if (k === 'link') plan.links.push(f);
  }
  return plan;
}

const few = (xs: string[]) => `${xs.slice(0, 3).join(', ')}${xs.length > 3 ? ', …' : ''}`;

/** The target folder itself: missing (created), a folder, or a link to one (the folder named). */
function targetProblem(dir: string): string | undefined {
  if (kind(dir) === 'none') return undefined;
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) return `Lỗi: ${dir} là một liên kết hỏng (không trỏ tới thư mục nào). Xóa liên kết hoặc chọn thư mục khác.`;
  return st.isDirectory() ? undefined : `Lỗi: ${dir} là một tệp, không phải thư mục.`;
}

export function eject(cli: Cli, dir: string, opts: { force?: boolean }): number {
  const problem = targetProblem(dir);
  if (problem) {
    cli.err(problem);
    return EXIT.usage;
  }
  let files: TemplateFile[];
  try {
    files = scanned(builtinDir());
  } catch (e) {
    return reportError(cli, e);
  }
  const plan = planEject(
    dir,
    files.map((f) => f.rel),
  );
  if (plan.blocked.length) {
    cli.err(
      `Lỗi: trong ${dir}, ${few(plan.blocked)} là liên kết (symlink) hoặc không phải tệp/thư mục thường; lệnh eject không ghi qua liên kết và không xóa thư mục. Xóa ${plan.blocked.length > 1 ? 'chúng' : 'nó'} hoặc chọn thư mục khác.`,
    );
    return EXIT.usage;
  }
  if (plan.clashes.length && !opts.force) {
    cli.err(`Lỗi: ${dir} đã có ${plan.clashes.length} tệp mẫu (${few(plan.clashes)}). Thêm --force để ghi đè, hoặc chọn thư mục khác.`);
    return EXIT.usage;
  }
  try {
    // Temp file + rename: a link at a template's place is replaced, its target left as it was.
    atomicWriteAll(files.map((f) => [join(dir, f.rel), readTemplate(f)]));
  } catch (e) {
    return reportError(cli, e);
  }
  cli.out(`Đã chép ${files.length} tệp mẫu vào ${dir}.`);
  if (plan.links.length) cli.out(`${plan.links.length} liên kết (${few(plan.links)}) đã được thay bằng tệp mẫu; các tệp mà chúng trỏ tới không bị thay đổi.`);
  cli.out(`Sửa các tệp rồi xem trước: kehoach preview <kế-hoạch.json> --template ${dir}`);
  cli.out('Tệp nào không cần sửa có thể xóa: khi đó mẫu có sẵn được dùng thay (xem docs/TEMPLATES.md).');
  return EXIT.ok;
}

export function list(cli: Cli, opts: { template?: string }): number {
  if (opts.template && kind(opts.template) === 'none') {
    cli.err(`Lỗi: không tìm thấy thư mục mẫu ${opts.template}.`);
    return EXIT.inputError;
  }
  let own: Set<string>;
  let all: string[];
  try {
    own = new Set(opts.template ? templateFiles(opts.template) : []);
    all = [...new Set([...templateFiles(builtinDir()), ...own])].sort(byName);
  } catch (e) {
    return reportError(cli, e);
  }
  const width = Math.max(...all.map((f) => f.length));
  for (const f of all) {
    const name = f === 'document.hbs' ? f : f.replace(/^partials\//, '').replace(/\.hbs$/, '');
    const from = own.has(f) ? `riêng (${join(opts.template!, f)})` : 'có sẵn';
    cli.out(`${name.padEnd(width)}  ${from}`);
  }
  return EXIT.ok;
}
