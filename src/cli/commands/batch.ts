// `kehoach batch`: one base plan and many variations (a rows file, or the 34 provinces)
// → one DOCX/PDF set per row, with a manifest. See docs/BATCH.md.
import type { Command } from 'commander';
import { formatDiagnostic } from '../../reader/diagnostic.js';
import { createProgress, type ProgressSink } from '../../batch/progress.js';
import { DEFAULT_PATTERN, runBatch, type BatchOptions } from '../../batch/run.js';
import { PatternError } from '../../batch/names.js';
import type { ManifestEntry } from '../../batch/manifest.js';
import { ALL_FORMATS, WRITERS, type Format } from '../../writers/index.js';
import type { Cli } from '../io.js';
import { EXIT, reportError } from '../output.js';
import { defaultFormats, parseFormats } from './render.js';

/** Exit code after Ctrl-C (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130;

interface CliOptions {
  rows?: string;
  provinces?: boolean;
  output: string;
  name: string;
  format: string;
  template?: string;
  fonts?: string;
  force?: boolean;
  jobs?: string;
  merge?: boolean;
  quiet?: boolean;
}

/**
 * Lines for one finished row. A problem in the base plan or a template fails every row the
 * same way: it is shown in full once, then only named.
 */
function rowText(entry: ManifestEntry, label: string, shown: Set<string>): { text?: string; isError: boolean } {
  switch (entry.status) {
    case 'created':
      return { text: `${label}: đã ghi ${entry.outputs.map((o) => o.path).join(', ')}`, isError: false };
    case 'unchanged':
      return { text: `${label}: không thay đổi, giữ nguyên ${entry.outputs.map((o) => o.path).join(', ')}`, isError: false };
    case 'failed': {
      const diags = entry.diagnostics ?? [];
      const details = diags.map((d) => {
        const full = formatDiagnostic(d);
        if (d.file === entry.source) return '  ' + full.replace(/\n/g, '\n  ');
        if (shown.has(full)) return `  Lỗi như trên${d.file ? ` (${d.file}${d.path ? `, "${d.path}"` : ''})` : ''}.`;
        shown.add(full);
        return '  ' + full.replace(/\n/g, '\n  ');
      });
      return { text: [`${label}: không tạo được (${details.length || 1} lỗi)`, ...details].join('\n'), isError: true };
    }
    default:
      return { isError: false };
  }
}

/** The run's options from the command line, or the usage error that prevents it (exit 2). */
function batchOptions(base: string, opts: CliOptions): BatchOptions | string {
  if (!opts.rows && !opts.provinces) return 'cần --rows <tệp> (các dòng thay đổi) hoặc --provinces (34 tỉnh, thành phố).';
  let formats: Format[];
  try {
    formats = parseFormats(opts.format);
  } catch (e) {
    return `${(e as Error).message}.`;
  }
  if (!formats.length) return 'cần ít nhất một định dạng trong --format.';
  const missing = formats.filter((f) => !WRITERS[f]);
  if (missing.length) return `định dạng ${missing.map((f) => f.toUpperCase()).join(', ')} chưa có trong phiên bản này. Dùng --format ${defaultFormats()}.`;
  if (opts.merge && !formats.includes('pdf')) return '--merge gộp các tệp PDF, cần có "pdf" trong --format.';
  let jobs: number | undefined;
  if (opts.jobs !== undefined) {
    jobs = Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return `--jobs cần một số nguyên dương, không phải "${opts.jobs}".`;
  }
  return {
    base,
    rows: opts.rows,
    provinces: opts.provinces,
    output: opts.output,
    name: opts.name,
    formats,
    template: opts.template,
    fonts: opts.fonts,
    force: opts.force,
    jobs,
    merge: opts.merge,
  };
}

/** The closing lines of a finished (or stopped) run, and its exit code. */
function summarize(cli: Cli, result: Awaited<ReturnType<typeof runBatch>>): number {
  const s = result.manifest.summary;
  for (const w of result.warnings) cli.err(`${w.text}${w.count > 1 ? `\n    (ở ${w.count} kế hoạch)` : ''}`);
  const ok = s.created + s.unchanged;
  const detail = s.unchanged ? ` (${s.created} tạo mới, ${s.unchanged} không thay đổi)` : '';
  const merged = result.manifest.merged ? `\nĐã gộp các tệp PDF vào ${result.manifest.merged.path} (${result.manifest.merged.pages} trang).` : '';
  if (result.interrupted) {
    cli.err(`Đã dừng: ${ok} thành công, ${s.failed} lỗi, ${s.cancelled} chưa xử lý. Bảng kê: ${result.manifestPath}`);
    return EXIT_INTERRUPTED;
  }
  const line = `${ok} thành công, ${s.failed} lỗi${detail}. Bảng kê: ${result.manifestPath}${merged}`;
  if (s.failed) cli.err(line);
  else cli.out(line);
  return s.failed ? EXIT.inputError : EXIT.ok;
}

export async function batch(cli: Cli, base: string, opts: CliOptions): Promise<number> {
  const usage = (message: string): number => {
    cli.err(`Lỗi: ${message}`);
    return EXIT.usage;
  };
  const batchOpts = batchOptions(base, opts);
  if (typeof batchOpts === 'string') return usage(batchOpts);
  const stop = new AbortController();
  const abort = new AbortController();
  let progress: ProgressSink | undefined;
  const shown = new Set<string>();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      const msg = 'Đang dừng: chờ các kế hoạch đang tạo xong rồi ghi bảng kê… (nhấn Ctrl-C lần nữa để dừng ngay)';
      if (progress) progress.notice(msg);
      else cli.err(msg);
    } else abort.abort();
  };
  cli.signals.on('SIGINT', onSignal);
  cli.signals.on('SIGTERM', onSignal);
  try {
    const result = await runBatch(
      batchOpts,
      {
        start: (total) => {
          progress = createProgress(total, { tty: !!cli.stderr.isTTY && !opts.quiet, quiet: opts.quiet, out: cli.stdout, err: cli.stderr });
        },
        row: (entry, label) => {
          const { text, isError } = rowText(entry, label, shown);
          progress!.row(text, isError);
        },
        debug: (text) => {
          if (cli.env.KEHOACH_DEBUG) cli.err(text);
        },
      },
      { stop: stop.signal, abort: abort.signal },
    );
    progress?.done();
    return summarize(cli, result);
  } catch (e) {
    progress?.done();
    if (e instanceof PatternError) return usage(`${e.message} (--name "${opts.name}").`);
    return reportError(cli, e);
  } finally {
    cli.signals.off('SIGINT', onSignal);
    cli.signals.off('SIGTERM', onSignal);
  }
}

export function registerBatch(program: Command, cli: Cli): void {
  program
    .command('batch')
    .description('Tạo hàng loạt: một kế hoạch gốc cho nhiều tỉnh, thành phố hoặc đơn vị')
    .argument('<kế-hoạch-gốc>', 'kế hoạch gốc (.json, .yaml)')
    .option('-r, --rows <tệp>', 'tệp các dòng thay đổi (.csv, .json, .jsonl, .yaml); mỗi dòng một kế hoạch')
    .option('-p, --provinces', 'một kế hoạch cho mỗi tỉnh, thành phố (34 đơn vị từ 01/7/2025)')
    .option('-o, --output <thư-mục>', 'thư mục ghi kết quả', 'output')
    .option('-n, --name <mẫu-tên>', 'mẫu tên tệp, ví dụ "{{slug}}/ke-hoach-{{number}}"', DEFAULT_PATTERN)
    .option('-f, --format <danh-sách>', `định dạng, phân cách bằng dấu phẩy: ${ALL_FORMATS.join(', ')}`, defaultFormats())
    .option('-t, --template <thư-mục>', 'thư mục mẫu riêng (ghi đè mẫu có sẵn)')
    .option('--fonts <thư-mục>', 'thư mục có 4 tệp phông .ttf cho bản PDF (như lệnh render)')
    .option('--force', 'tạo lại tất cả, kể cả kế hoạch không thay đổi')
    .option('-j, --jobs <số>', 'số luồng xử lý song song (mặc định: số nhân CPU)')
    .option('--merge', 'gộp tất cả tệp PDF thành một tệp tong-hop.pdf để in')
    .option('-q, --quiet', 'chỉ in lỗi và dòng tổng kết')
    .addHelpText(
      'after',
      `
Ví dụ:
  kehoach batch ke-hoach.json --provinces -o ket-qua/
  kehoach batch ke-hoach.json --rows don-vi.csv --name "{{slug}}/ke-hoach-{{number}}"

Mã thoát: 0 tất cả thành công; 1 có dòng bị lỗi (các dòng khác vẫn được tạo); 2 dùng lệnh sai;
3 lỗi nội bộ; 130 dừng bằng Ctrl-C (bảng kê ghi những gì đã xong). Xem docs/BATCH.md.`,
    )
    .action(async (base: string, opts: CliOptions) => {
      cli.exitCode = await batch(cli, base, opts);
    });
}
