// The `kehoach` command line: one file per command under commands/.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Help, type Option, type OutputConfiguration } from 'commander';
import { PACKAGE_ROOT } from '../util/package-root.js';
import {
  COMMANDS,
  registerCheck,
  registerEdit,
  registerImport,
  registerInit,
  registerPreview,
  registerRender,
  registerSchema,
  registerTemplates,
  registerValidate,
} from './commands.js';
import { EXIT } from './exit.js';
import { cliContext, processIO, type Cli, type CliIO, type OutStream } from './io.js';

/**
 * Whether a command line needs the batch command defined: when it runs it, asks for help or
 * names no known command (commander lists every command, or suggests one). commands/batch.ts
 * loads the batch machinery as it is imported, so other command lines leave it out.
 */
export function needsBatch(args: string[]): boolean {
  const name = args.find((a) => !a.startsWith('-'));
  if (name === undefined) return !args.some((a) => a === '-V' || a === '--version');
  return !(COMMANDS as readonly string[]).includes(name);
}

/** The command tree of one run; everything it prints goes to `cli`'s streams. */
export async function buildProgram(cli: Cli = cliContext(), args?: string[]): Promise<Command> {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const program = new Command('kehoach')
    .description('Tạo Kế hoạch (DOCX, PDF) đúng thể thức Nghị định 30/2020/NĐ-CP từ tệp JSON/YAML')
    .version(version, '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .helpCommand('help [command]', 'xem hướng dẫn của một lệnh')
    .showHelpAfterError('(chạy "kehoach --help" để xem hướng dẫn)')
    .configureHelp(VI_HELP)
    // Before the commands are added: they inherit it (help and usage errors go to cli's streams).
    .configureOutput(commanderOutput(cli))
    .addHelpText(
      'after',
      `
Mã thoát: 0 thành công; 1 tệp đầu vào có lỗi (không tệp nào được ghi); 2 dùng lệnh sai; 3 lỗi nội bộ;
130 lệnh batch bị dừng bằng Ctrl-C (143 SIGTERM, 129 SIGHUP).

Ví dụ:
  kehoach init ke-hoach.json
  kehoach validate ke-hoach.json
  kehoach render ke-hoach.json -o output/
  kehoach import ke-hoach-cu.docx -o ke-hoach.yaml`,
    );
  registerRender(program, cli);
  registerValidate(program, cli);
  registerCheck(program, cli);
  registerImport(program, cli);
  registerEdit(program, cli);
  registerSchema(program, cli);
  registerInit(program, cli);
  registerPreview(program, cli);
  registerTemplates(program, cli);
  if (!args || needsBatch(args)) {
    const { registerBatch } = await import('./commands/batch.js');
    registerBatch(program, cli);
  }
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

/** Commander's defaults (process.stdout, process.env), with the run's streams and environment. */
function commanderOutput(cli: Cli): OutputConfiguration {
  // Commander falls back to 80 columns when its default (the terminal's width) is undefined.
  const width = (s: OutStream) => (s.isTTY ? s.columns : undefined) ?? 80;
  const colors = (s: OutStream) => useColor(cli.env) ?? !!(s.isTTY && s.hasColors?.());
  return {
    writeOut: (str: string) => void cli.stdout.write(str),
    writeErr: (str: string) => void cli.stderr.write(str),
    outputError: (str: string, write: (str: string) => void) => write(translateCommanderError(str)),
    getOutHelpWidth: () => width(cli.stdout),
    getErrHelpWidth: () => width(cli.stderr),
    getOutHasColors: () => colors(cli.stdout),
    getErrHasColors: () => colors(cli.stderr),
  };
}

/** Commander's reading of NO_COLOR / FORCE_COLOR / CLICOLOR_FORCE, from the run's environment. */
function useColor(env: CliIO['env']): boolean | undefined {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return undefined;
}

/**
 * Runs one command line (the arguments after "kehoach") and returns its exit code. Output goes
 * to `io`'s streams, relative paths are relative to `io.cwd`, Ctrl-C comes from `io.signals`;
 * anything not given is the process's own. Never exits the process.
 *
 * A run with another `cwd` switches the process's working directory for its duration (the
 * files and templates it reads are named relative to it) and switches it back; runs in one
 * process must therefore not overlap.
 */
export async function runCli(args: string[], io: Partial<CliIO> = {}): Promise<number> {
  const cli = cliContext(io);
  const cwd = process.cwd();
  const moved = resolve(cwd, cli.cwd) !== cwd;
  if (moved) process.chdir(cli.cwd);
  try {
    await (await buildProgram(cli, args)).parseAsync(args, { from: 'user' });
    return cli.exitCode;
  } catch (e) {
    // Help and version exit 0; usage errors were already printed.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // output.js knows every error class of the pipeline: loaded only when something failed.
    const { reportError } = await import('./output.js');
    return reportError(cli, e);
  } finally {
    if (moved) process.chdir(cwd);
  }
}

/** The `kehoach` bin: the process's own streams, exit code in process.exitCode. */
export async function main(argv = process.argv): Promise<void> {
  // `kehoach --help | head`: a closed pipe is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // The terminal is gone (SIGHUP): a batch still finishes its rows and writes its manifest.
      if (e.code === 'EIO') return;
      throw e;
    });
  process.exitCode = await runCli(argv.slice(2), processIO());
}
