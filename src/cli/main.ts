// The `kehoach` command line: one file per command under commands/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Help, type Option } from 'commander';
import { PACKAGE_ROOT } from '../util/package-root.js';
import { registerBatch } from './commands/batch.js';
import { registerCheck } from './commands/check.js';
import { registerInit } from './commands/init.js';
import { registerPreview } from './commands/preview.js';
import { registerRender } from './commands/render.js';
import { registerSchema } from './commands/schema.js';
import { registerTemplates } from './commands/templates.js';
import { registerValidate } from './commands/validate.js';
import { EXIT, reportError } from './output.js';

export function buildProgram(): Command {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const program = new Command('kehoach')
    .description('Tạo Kế hoạch (DOCX, PDF) đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp JSON/YAML')
    .version(version, '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .helpCommand('help [command]', 'xem hướng dẫn của một lệnh')
    .showHelpAfterError('(chạy "kehoach --help" để xem hướng dẫn)')
    .configureHelp(VI_HELP)
    .configureOutput({
      outputError: (str, write) => write(translateCommanderError(str)),
    })
    .addHelpText(
      'after',
      `
Mã thoát: 0 thành công; 1 tệp đầu vào có lỗi (không tệp nào được ghi); 2 dùng lệnh sai; 3 lỗi nội bộ;
130 lệnh batch bị dừng bằng Ctrl-C.

Ví dụ:
  kehoach init ke-hoach.json
  kehoach validate ke-hoach.json
  kehoach render ke-hoach.json -o output/`,
    );
  registerRender(program);
  registerValidate(program);
  registerCheck(program);
  registerSchema(program);
  registerInit(program);
  registerPreview(program);
  registerTemplates(program);
  registerBatch(program);
  program.exitOverride();
  for (const c of program.commands) c.helpOption('-h, --help', 'xem hướng dẫn').configureHelp(VI_HELP).exitOverride();
  return program;
}

/** Commander's help in Vietnamese; terms are translated before commander pads the columns. */
const viTerm = (s: string) => s.replace(/\[options\]/g, '[tùy chọn]').replace(/\[command\]/g, '[lệnh]');
const VI_HELP = {
  subcommandTerm(cmd: Command): string {
    return viTerm(Help.prototype.subcommandTerm.call(this, cmd));
  },
  commandUsage(cmd: Command): string {
    return viTerm(Help.prototype.commandUsage.call(this, cmd));
  },
  optionDescription(option: Option): string {
    const base = option.description;
    return option.defaultValue !== undefined && !option.negate ? `${base} (mặc định: ${JSON.stringify(option.defaultValue)})` : base;
  },
  formatHelp(cmd: Command, helper: Help): string {
    return Help.prototype.formatHelp
      .call(helper, cmd, helper)
      .replace(/^Usage:/m, 'Cách dùng:')
      .replace(/^Options:/m, 'Tùy chọn:')
      .replace(/^Commands:/m, 'Lệnh:')
      .replace(/^Arguments:/m, 'Tham số:');
  },
};

/** Commander's own messages, in Vietnamese. */
function translateCommanderError(s: string): string {
  return s
    .replace(/^error: missing required argument '(.+)'/m, "Lỗi: thiếu tham số '$1'")
    .replace(/^error: unknown option '(.+)'/m, "Lỗi: không có tùy chọn '$1'")
    .replace(/^error: unknown command '(.+)'/m, "Lỗi: không có lệnh '$1'")
    .replace(/^error: option '(.+)' argument missing/m, "Lỗi: tùy chọn '$1' cần giá trị")
    .replace(/^error: too many arguments.*/m, 'Lỗi: thừa tham số')
    .replace(/\(Did you mean (.+)\?\)/, '(Có phải ý bạn là "$1"?)')
    .replace(/^error: /m, 'Lỗi: ');
}

export async function main(argv = process.argv): Promise<void> {
  // `kehoach --help | head`: a closed pipe is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    process.exitCode = reportError(e);
  }
}
