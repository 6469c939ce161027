// `kehoach preview`: a local web page showing the plan as printed pages beside the real PDF,
// rebuilt whenever the plan or a template is saved.
import { existsSync, statSync } from 'node:fs';
import { openBrowser, startPreviewServer, type PreviewServer } from '../../preview/index.js';
import { DEFAULT_PORT } from '../commands.js';
import type { Cli } from '../io.js';
import { EXIT } from '../output.js';

export { DEFAULT_PORT };

export interface PreviewOptions {
  template?: string;
  port?: string;
  open: boolean;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : NaN;
}

async function listen(cli: Cli, file: string, opts: PreviewOptions, port: number | undefined): Promise<PreviewServer> {
  const base = { planFile: file, templateDir: opts.template, log: (l: string) => cli.out(l) };
  try {
    return await startPreviewServer({ ...base, port: port ?? DEFAULT_PORT });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port !== undefined) throw e;
    return startPreviewServer({ ...base, port: 0 });
  }
}

export async function preview(cli: Cli, file: string, opts: PreviewOptions): Promise<number> {
  const port = parsePort(opts.port);
  if (Number.isNaN(port)) {
    cli.err(`Lỗi: cổng "${opts.port}" không hợp lệ (một số từ 0 đến 65535; 0 = tự chọn cổng trống).`);
    return EXIT.usage;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    cli.err(`Lỗi: không tìm thấy tệp kế hoạch ${file}.`);
    return EXIT.inputError;
  }
  if (opts.template && (!existsSync(opts.template) || !statSync(opts.template).isDirectory())) {
    cli.err(`Lỗi: không tìm thấy thư mục mẫu ${opts.template}. Tạo thư mục mẫu bằng: kehoach templates eject ${opts.template}`);
    return EXIT.inputError;
  }
  let server: PreviewServer;
  try {
    server = await listen(cli, file, opts, port);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      cli.err(`Lỗi: cổng ${port} đang được chương trình khác dùng. Chọn cổng khác với --port, hoặc --port 0 để tự chọn.`);
      return EXIT.usage;
    }
    throw e;
  }
  cli.out(`Xem trước ${file} tại ${server.url}`);
  cli.out('Trang tự cập nhật mỗi khi bạn lưu tệp kế hoạch hoặc tệp mẫu. Nhấn Ctrl+C để dừng.');
  if (opts.open && !(await openBrowser(server.url, cli.env))) cli.out('Không mở được trình duyệt: hãy mở địa chỉ trên bằng trình duyệt của bạn.');
  else if (!opts.open) cli.out('Mở địa chỉ trên bằng trình duyệt của bạn.');

  // Each signal is heard once (a second Ctrl-C while closing ends the process the usual way).
  let onInt = () => {};
  let onTerm = () => {};
  await new Promise<void>((stop) => {
    onInt = () => {
      cli.signals.off('SIGINT', onInt);
      stop();
    };
    onTerm = () => {
      cli.signals.off('SIGTERM', onTerm);
      stop();
    };
    cli.signals.on('SIGINT', onInt);
    cli.signals.on('SIGTERM', onTerm);
  });
  await server.close();
  cli.signals.off('SIGINT', onInt);
  cli.signals.off('SIGTERM', onTerm);
  cli.out('Đã dừng xem trước.');
  return EXIT.ok;
}
