// `kehoach templates`: copy the built-in templates out for editing (eject), and show which
// template files a folder overrides (list).
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { BUILTIN_TEMPLATES } from '../../template/engine.js';
import { ensureDir } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

const builtinDir = () => join(BUILTIN_TEMPLATES, keHoach.templates);

/** Template files of a folder, relative to it, with "/" separators, sorted. */
export function templateFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.hbs')) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort((a, b) => (a === 'document.hbs' ? -1 : b === 'document.hbs' ? 1 : a.localeCompare(b)));
}

export function eject(cli: Cli, dir: string, opts: { force?: boolean }): number {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    cli.err(`Lỗi: ${dir} là một tệp, không phải thư mục.`);
    return EXIT.usage;
  }
  const files = templateFiles(builtinDir());
  const clashes = files.filter((f) => existsSync(join(dir, f)));
  if (clashes.length && !opts.force) {
    cli.err(
      `Lỗi: ${dir} đã có ${clashes.length} tệp mẫu (${clashes.slice(0, 3).join(', ')}${clashes.length > 3 ? ', …' : ''}). Thêm --force để ghi đè, hoặc chọn thư mục khác.`,
    );
    return EXIT.usage;
  }
  for (const f of files) {
    const to = join(dir, f);
    ensureDir(dirname(to));
    copyFileSync(join(builtinDir(), f), to);
  }
  cli.out(`Đã chép ${files.length} tệp mẫu vào ${dir}.`);
  cli.out(`Sửa các tệp rồi xem trước: kehoach preview <kế-hoạch.json> --template ${dir}`);
  cli.out('Tệp nào không cần sửa có thể xóa: khi đó mẫu có sẵn được dùng thay (xem docs/TEMPLATES.md).');
  return EXIT.ok;
}

export function list(cli: Cli, opts: { template?: string }): number {
  if (opts.template && !existsSync(opts.template)) {
    cli.err(`Lỗi: không tìm thấy thư mục mẫu ${opts.template}.`);
    return EXIT.inputError;
  }
  const own = new Set(opts.template ? templateFiles(opts.template) : []);
  const all = [...new Set([...templateFiles(builtinDir()), ...own])];
  const width = Math.max(...all.map((f) => f.length));
  for (const f of all) {
    const name = f === 'document.hbs' ? f : f.replace(/^partials\//, '').replace(/\.hbs$/, '');
    const from = own.has(f) ? `riêng (${join(opts.template!, f)})` : 'có sẵn';
    cli.out(`${name.padEnd(width)}  ${from}`);
  }
  return EXIT.ok;
}
