// `kehoach init`: a starter plan to edit.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../util/package-root.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

export function init(cli: Cli, file: string, opts: { force?: boolean }): number {
  if (existsSync(file) && !opts.force) {
    cli.err(`Lỗi: ${file} đã tồn tại. Chọn tên khác hoặc thêm --force để ghi đè.`);
    return EXIT.usage;
  }
  const starter = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'examples', 'minimal.json'), 'utf8'));
  // Point "$schema" at the packaged schema, relative to where the new file lives.
  starter.$schema = relative(dirname(resolve(file)), join(PACKAGE_ROOT, 'schemas', 'plan.schema.json'))
    .split('\\')
    .join('/');
  atomicWrite(file, JSON.stringify(starter, null, 2) + '\n');
  cli.out(`Đã tạo ${file}. Sửa nội dung rồi chạy: kehoach render ${file}`);
  return EXIT.ok;
}
