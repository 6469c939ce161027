// `kehoach edit [plan]`: the clerk's desk — a local web page to write, check and print a plan
// without seeing JSON or YAML (src/edit/). Served like `preview`: 127.0.0.1 only.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORTABLE } from '../../edit/import.js';
import type { EditServer } from '../../edit/server.js';
import { openBrowser } from '../../preview/open-browser.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

/** NĐ 30 → 8030 is the preview's; the editor's is the next one. */
import { EDIT_PORT } from '../commands.js';

export interface EditOptions {
  template?: string;
  port?: string;
  open: boolean;
}

/** Without a file: `ke-hoach.yaml` in the working folder, new or (the next day) to go on with. */
const DEFAULT_FILE = 'ke-hoach.yaml';

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : NaN;
}

/** The plan file to edit, or the exit code of why not. */
function planFile(cli: Cli, file: string | undefined): string | number {
  if (file === undefined) return DEFAULT_FILE;
  if (IMPORTABLE.test(file)) {
    cli.err(
      `Lỗi: ${basename(file)} là tệp cần nhập: chạy "kehoach import ${file}" để có tệp kế hoạch .yaml rồi mở tệp đó, hoặc kéo thả tệp vào trang soạn thảo.`,
    );
    return EXIT.inputError;
  }
  if (!/\.(json|ya?ml)$/i.test(file)) {
    cli.err(`Lỗi: ${file} không phải tệp kế hoạch (.yaml, .yml, .json) hay tệp Word (.docx).`);
    return EXIT.usage;
  }
  if (existsSync(file) && !statSync(file).isFile()) {
    cli.err(`Lỗi: ${file} không phải là tệp.`);
    return EXIT.inputError;
  }
  return file;
}

async function listen(cli: Cli, file: string, opts: EditOptions, port: number | undefined): Promise<EditServer> {
  // The editor is loaded when it is run, not with every command.
  const { startEditServer } = await import('../../edit/server.js');
  const env = Number(cli.env.KEHOACH_EDIT_AUTOSAVE_MS);
  const base = { planFile: file, templateDir: opts.template, log: (l: string) => cli.out(l), autosaveMs: env > 0 ? env : undefined };
  try {
    return await startEditServer({ ...base, port: port ?? EDIT_PORT });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port !== undefined) throw e;
    return startEditServer({ ...base, port: 0 });
  }
}

function untilStopped(cli: Cli): Promise<void> {
  return new Promise<void>((stop) => {
    const onSignal = () => {
      cli.signals.off('SIGINT', onSignal);
      cli.signals.off('SIGTERM', onSignal);
      stop();
    };
    cli.signals.on('SIGINT', onSignal);
    cli.signals.on('SIGTERM', onSignal);
  });
}

export async function edit(cli: Cli, fileArg: string | undefined, opts: EditOptions): Promise<number> {
  const port = parsePort(opts.port);
  if (Number.isNaN(port)) {
    cli.err(`Lỗi: cổng "${opts.port}" không hợp lệ (một số từ 0 đến 65535; 0 = tự chọn cổng trống).`);
    return EXIT.usage;
  }
  const file = planFile(cli, fileArg);
  if (typeof file === 'number') return file;
  if (opts.template && (!existsSync(opts.template) || !statSync(opts.template).isDirectory())) {
    cli.err(`Lỗi: không tìm thấy thư mục mẫu ${opts.template}.`);
    return EXIT.inputError;
  }
  let server: EditServer;
  try {
    server = await listen(cli, file, opts, port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      cli.err(`Lỗi: cổng ${port} đang được chương trình khác dùng. Chọn cổng khác với --port, hoặc --port 0 để tự chọn.`);
      return EXIT.usage;
    }
    throw e;
  }
  cli.out(`Soạn ${file}${existsSync(file) ? '' : ' (kế hoạch mới)'} tại ${server.url}`);
  cli.out('Mọi thay đổi được tự động lưu vào tệp. Nhấn Ctrl+C để dừng.');
  if (opts.open && !(await openBrowser(server.url, cli.env))) cli.out('Không mở được trình duyệt: hãy mở địa chỉ trên bằng trình duyệt của bạn.');
  await untilStopped(cli);
  await server.close();
  cli.out('Đã lưu và dừng soạn thảo.');
  return EXIT.ok;
}
