// The commands' names, arguments and options. Each command's work lives in commands/<name>.ts and
// is imported when the command runs: `kehoach --version` or `kehoach init` does not load the
// writers, zod, Handlebars, pdf-lib or the docx library, and `kehoach render` loads only what it
// needs (issue 16: module loading was most of a cold run).
import type { Command } from 'commander';
import { ALL_FORMATS, defaultFormats } from '../writers/formats.js';
import type { CheckOptions } from './commands/check.js';
import type { EditOptions } from './commands/edit.js';
import type { ImportOptions } from './commands/import.js';
import type { PreviewOptions } from './commands/preview.js';
import type { RenderOptions } from './commands/render.js';
import type { ValidateOptions } from './commands/validate.js';
import type { Cli } from './io.js';

/** NĐ 30 → port 8030; taken ports fall back to any free one unless the clerk chose it. */
export const DEFAULT_PORT = 8030;

/** The commands defined here, in the order `kehoach --help` lists them (batch follows). */
/** The editor's port, next to the preview's. */
export const EDIT_PORT = 8031;

export const COMMANDS = ['render', 'validate', 'check', 'import', 'edit', 'schema', 'init', 'preview', 'templates'] as const;

export function registerRender(program: Command, cli: Cli): void {
  program
    .command('render')
    .description('Tạo tệp DOCX (và PDF) từ tệp kế hoạch JSON/YAML')
    .argument('<tệp...>', 'tệp kế hoạch (.json, .yaml)')
    .option('-o, --output <thư-mục>', 'thư mục ghi kết quả', 'output')
    .option('-f, --format <danh-sách>', `định dạng, phân cách bằng dấu phẩy: ${ALL_FORMATS.join(', ')}`, defaultFormats())
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng (ghi đè mẫu có sẵn)')
    .option(
      '--fonts <thư-mục>',
      'thư mục có 4 tệp phông .ttf (thường, đậm, nghiêng, đậm nghiêng), ví dụ Times New Roman thật; mặc định: Tinos (cùng số đo với Times New Roman)',
    )
    .option('-q, --quiet', 'không in thông báo khi thành công')
    .action(async (files: string[], opts: RenderOptions) => {
      const { render } = await import('./commands/render.js');
      cli.exitCode = await render(cli, files, opts);
    });
}

export function registerValidate(program: Command, cli: Cli): void {
  program
    .command('validate')
    .description('Kiểm tra tệp kế hoạch theo Nghị định 30: liệt kê mọi lỗi, cảnh báo cùng vị trí và cách sửa')
    .argument('<tệp...>', 'tệp kế hoạch (.json, .yaml)')
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng (như khi tạo tệp), để kiểm tra cả bố cục theo mẫu đó')
    .option('--fix', 'tự sửa các lỗi sửa được (mã Unicode, dấu cách thừa) và ghi lại vào tệp')
    .option('-q, --quiet', 'chỉ in lỗi và cảnh báo')
    .action(async (files: string[], opts: ValidateOptions) => {
      const { validate } = await import('./commands/validate.js');
      cli.exitCode = validate(cli, files, opts);
    });
}

export function registerCheck(program: Command, cli: Cli): void {
  program
    .command('check')
    .description('Kiểm tra tệp DOCX bất kỳ (kể cả soạn bằng Word) theo thể thức Nghị định 30')
    .argument('<tệp-hoặc-thư-mục...>', 'tệp .docx, hoặc thư mục (tìm mọi tệp .docx bên trong)')
    .option('--json', 'in kết quả dạng JSON')
    .option('--report <tệp.html>', 'ghi báo cáo HTML mở bằng trình duyệt, có ảnh trang 1 đánh dấu chỗ sai (khi có LibreOffice)')
    .action(async (files: string[], opts: CheckOptions) => {
      const { check } = await import('./commands/check.js');
      cli.exitCode = await check(cli, files, opts);
    });
}

export function registerImport(program: Command, cli: Cli): void {
  program
    .command('import')
    .description('Nhập một Kế hoạch có sẵn (Word .docx/.doc, hoặc chữ chép từ PDF, trang web .txt/.md) thành tệp kế hoạch YAML')
    .argument('<tệp-hoặc-thư-mục...>', 'tệp .docx, .doc, .txt, .md, hoặc thư mục (nhập mọi tệp .docx, .doc, .txt bên trong)')
    .option('-o, --output <tệp-hoặc-thư-mục>', 'tệp kết quả (một tệp vào) hoặc thư mục (kết thúc bằng "/"); mặc định: cạnh tệp gốc')
    .option('--json', 'ghi tệp JSON thay cho YAML (không có ghi chú)')
    .action(async (files: string[], opts: ImportOptions) => {
      const { importCommand } = await import('./commands/import.js');
      cli.exitCode = importCommand(cli, files, opts);
    });
}

export function registerEdit(program: Command, cli: Cli): void {
  program
    .command('edit')
    .description('Soạn kế hoạch trong trình duyệt: điền biểu mẫu, xem trang in, kiểm tra theo Nghị định 30, tự động lưu')
    .argument('[tệp]', 'tệp kế hoạch (.yaml, .json) để sửa, hoặc tên tệp mới; bỏ trống: ke-hoach.yaml (mới, hoặc mở lại nếu đã có)')
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng (ghi đè mẫu có sẵn)')
    .option('-p, --port <số>', `cổng trên 127.0.0.1 (mặc định ${EDIT_PORT}; 0 = tự chọn cổng trống)`)
    .option('--no-open', 'không tự mở trình duyệt, chỉ in địa chỉ')
    .action(async (file: string | undefined, opts: EditOptions) => {
      const { edit } = await import('./commands/edit.js');
      cli.exitCode = await edit(cli, file, opts);
    });
}

export function registerSchema(program: Command, cli: Cli): void {
  program
    .command('schema')
    .description('In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý và kiểm tra)')
    .option('-o, --output <tệp>', 'ghi ra tệp thay vì in ra màn hình')
    .action(async (opts: { output?: string }) => {
      const { schema } = await import('./commands/schema.js');
      schema(cli, opts);
    });
}

export function registerInit(program: Command, cli: Cli): void {
  program
    .command('init')
    .description('Tạo tệp kế hoạch mẫu để bắt đầu')
    .argument('[tệp]', 'tên tệp mới', 'ke-hoach.json')
    .option('--force', 'ghi đè nếu tệp đã có')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { init } = await import('./commands/init.js');
      cli.exitCode = init(cli, file, opts);
    });
}

export function registerPreview(program: Command, cli: Cli): void {
  program
    .command('preview')
    .description('Xem trước kế hoạch trong trình duyệt, tự cập nhật khi sửa tệp kế hoạch hoặc mẫu')
    .argument('<tệp>', 'tệp kế hoạch (.json, .yaml)')
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng (ghi đè mẫu có sẵn)')
    .option('-p, --port <số>', `cổng trên 127.0.0.1 (mặc định ${DEFAULT_PORT}; 0 = tự chọn cổng trống)`)
    .option('--no-open', 'không tự mở trình duyệt, chỉ in địa chỉ')
    .action(async (file: string, opts: PreviewOptions) => {
      const { preview } = await import('./commands/preview.js');
      cli.exitCode = await preview(cli, file, opts);
    });
}

export function registerTemplates(program: Command, cli: Cli): void {
  const templates = program.command('templates').description('Quản lý mẫu (Handlebars) của văn bản');
  templates
    .command('eject')
    .description('Chép các mẫu có sẵn ra một thư mục để sửa (dùng với --template)')
    .argument('<thư-mục>', 'thư mục nhận các mẫu')
    .option('--force', 'ghi đè các tệp mẫu đã có trong thư mục')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const { eject } = await import('./commands/templates.js');
      cli.exitCode = eject(cli, dir, opts);
    });
  templates
    .command('list')
    .description('Liệt kê mẫu chính và các mẫu con; với --template, chỉ rõ mẫu nào được ghi đè')
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng')
    .action(async (opts: { template?: string }) => {
      const { list } = await import('./commands/templates.js');
      cli.exitCode = list(cli, opts);
    });
  // main.ts sets these on top-level commands only: usage errors must reach its handler (exit 2).
  for (const c of templates.commands) c.helpOption('-h, --help', 'xem hướng dẫn').exitOverride();
}
