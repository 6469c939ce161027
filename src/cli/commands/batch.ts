// `kehoach batch`: one base plan and many variations (a rows file, or the 34 provinces)
// → one DOCX/PDF set per row, with a manifest. See docs/BATCH.md.
import { constants as osConstants } from 'node:os';
import type { Command } from 'commander';
import { describeError, fsReason } from '../../errors.js';
import { formatDiagnostic } from '../../reader/diagnostic.js';
import { createProgress, type ProgressSink } from '../../batch/progress.js';
import { DEFAULT_PATTERN, runBatch, type BatchOptions, type BatchResult } from '../../batch/run.js';
import { PatternError } from '../../batch/names.js';
import type { ManifestEntry } from '../../batch/manifest.js';
import { ALL_FORMATS, WRITERS, type Format } from '../../writers/index.js';
import type { Cli, StopSignal } from '../io.js';
import { EXIT, reportError } from '../output.js';
import { defaultFormats, parseFormats } from './render.js';

/** Signals that stop a batch cleanly: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Exit code after a signal, as shells expect: 128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). */
const signalExit = (sig: string) => 128 + (osConstants.signals[sig as StopSignal] ?? 2);

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
    case 'created': {
      const saved = (entry.backups ?? []).map((b) => `\n  đã sửa tay, ghi đè (--force); bản đã sửa được lưu thành ${b.backup}`);
      return { text: `${label}: đã ghi ${entry.outputs.map((o) => o.path).join(', ')}${saved.join('')}`, isError: saved.length > 0 };
    }
    case 'edited':
      return { text: [label + ':', ...(entry.edited ?? []).map((p) => `  đã sửa tay, giữ nguyên: ${p}`)].join('\n'), isError: true };
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

/** Why the run stopped early, for the closing line. */
function stopText(result: BatchResult): string {
  const reason = result.stopped?.reason ?? 'SIGINT';
  if (reason === 'SIGINT') return 'Đã dừng';
  if (reason.startsWith('SIG')) return `Đã dừng (tín hiệu ${reason})`;
  return `Đã dừng vì không ghi được ${result.stopped?.path ?? 'kết quả'} (${fsReason(reason) ?? reason})`;
}

/** The closing lines of a finished (or stopped) run, and its exit code. */
function summarize(cli: Cli, result: BatchResult): number {
  const s = result.manifest.summary;
  for (const w of result.warnings) cli.err(`${w.text}${w.count > 1 ? `\n    (ở ${w.count} kế hoạch)` : ''}`);
  const ok = s.created + s.unchanged;
  const detail = s.unchanged ? ` (${s.created} tạo mới, ${s.unchanged} không thay đổi)` : '';
  const edited = s.edited ? `, ${s.edited} giữ nguyên vì có tệp đã sửa tay (dùng --force để tạo lại, bản đã sửa được lưu kèm)` : '';
  const merged = result.manifest.merged ? `\nĐã gộp các tệp PDF vào ${result.manifest.merged.path} (${result.manifest.merged.pages} trang).` : '';
  let written = `Bảng kê: ${result.manifestPath}`;
  if (result.manifestError) {
    const why = describeError(result.manifestError).diagnostics[0]?.message ?? String(result.manifestError);
    written = `Chưa ghi được bảng kê: ${why} Nhật ký ${result.journal.path} được giữ lại: chạy lại lệnh này sau khi khắc phục, các kế hoạch đã xong sẽ không phải tạo lại.`;
  }
  if (result.interrupted) {
    const disk = result.stopped && !result.stopped.reason.startsWith('SIG');
    const next = disk ? ' Khắc phục (giải phóng dung lượng, quyền ghi) rồi chạy lại lệnh: các kế hoạch đã xong được giữ nguyên.' : '';
    cli.err(`${stopText(result)}: ${ok} thành công, ${s.failed} lỗi, ${s.cancelled} chưa xử lý${edited}. ${written}${next}`);
    return disk ? EXIT.inputError : signalExit(result.stopped?.reason ?? 'SIGINT');
  }
  const line = `${ok} thành công, ${s.failed} lỗi${detail}${edited}. ${written}${merged}`;
  if (s.failed || result.manifestError) cli.err(line);
  else cli.out(line);
  return s.failed || result.manifestError ? EXIT.inputError : EXIT.ok;
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
  const onSignal = (sig: StopSignal) => {
    if (!stop.signal.aborted) {
      stop.abort(sig);
      const again = sig === 'SIGINT' ? 'nhấn Ctrl-C' : `gửi ${sig}`;
      const msg = `Đang dừng${sig === 'SIGINT' ? '' : ` (nhận tín hiệu ${sig})`}: chờ các kế hoạch đang tạo xong rồi ghi bảng kê… (${again} lần nữa để dừng ngay)`;
      if (progress) progress.notice(msg);
      else cli.err(msg);
    } else abort.abort(sig);
  };
  const handlers = STOP_SIGNALS.map((sig) => [sig, () => onSignal(sig)] as const);
  for (const [sig, h] of handlers) cli.signals.on(sig, h);
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
        notice: (text) => {
          if (progress) progress.notice(text);
          else cli.err(text);
        },
        debug: (text) => {
          if (cli.env.KEHOACH_DEBUG) cli.err(text);
        },
      },
      { stop: stop.signal, abort: abort.signal },
    );
    progress?.done();
    if (cli.env.KEHOACH_DEBUG) cli.err(`nhật ký ${result.journal.path}: ${result.journal.syncs} lần fsync, ${result.journal.syncMs.toFixed(0)} ms`);
    return summarize(cli, result);
  } catch (e) {
    progress?.done();
    if (e instanceof PatternError) return usage(`${e.message} (--name "${opts.name}").`);
    return reportError(cli, e);
  } finally {
    for (const [sig, h] of handlers) cli.signals.off(sig, h);
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
    .option('--force', 'tạo lại tất cả, kể cả kế hoạch không thay đổi và tệp đã sửa tay (bản đã sửa được lưu kèm)')
    .option('-j, --jobs <số>', 'số luồng xử lý song song (mặc định: số nhân CPU; tối đa gấp đôi số nhân)')
    .option('--merge', 'gộp tất cả tệp PDF thành một tệp tong-hop.pdf để in')
    .option('-q, --quiet', 'chỉ in lỗi và dòng tổng kết')
    .addHelpText(
      'after',
      `
Ví dụ:
  kehoach batch ke-hoach.json --provinces -o ket-qua/
  kehoach batch ke-hoach.json --rows don-vi.csv --name "{{slug}}/ke-hoach-{{number}}"

Tệp đã sửa tay sau lần chạy trước được giữ nguyên (dùng --force để ghi đè, bản đã sửa được lưu
thành <tên>.sua-tay-<ngày-giờ>.docx). Mỗi thư mục kết quả chỉ một lệnh batch ghi tại một thời điểm.

Mã thoát: 0 tất cả thành công; 1 có dòng bị lỗi (các dòng khác vẫn được tạo), thư mục kết quả
không ghi được, đĩa đầy hoặc đang có lệnh khác ghi vào; 2 dùng lệnh sai; 3 lỗi nội bộ;
130 dừng bằng Ctrl-C, 143 bằng SIGTERM, 129 khi đóng cửa sổ dòng lệnh (bảng kê ghi những gì
đã xong). Xem docs/BATCH.md.`,
    )
    .action(async (base: string, opts: CliOptions) => {
      cli.exitCode = await batch(cli, base, opts);
    });
}
