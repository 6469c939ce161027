// `kehoach render`: plan files → DOCX (and PDF) in the output folder.
import { basename, extname, join } from 'node:path';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { modelFromFile, noticeDiagnostics, templatesFor } from '../../pipeline.js';
import type { TemplateSet } from '../../template/engine.js';
import { atomicWriteAll } from '../../util/atomic-write.js';
import { fontFilesFromDir, loadFontSet, type FontSet } from '../../fonts/metrics.js';
import { defaultFormats, parseFormats } from '../../writers/formats.js';
import { renderFormats, WRITERS, type Format } from '../../writers/index.js';
import type { Cli } from '../io.js';
import { EXIT, printDiagnostics, reportError } from '../output.js';

// `kehoach batch` takes its formats as render does.
export { defaultFormats, parseFormats };

export interface RenderOptions {
  output: string;
  format: string;
  template?: string;
  fonts?: string;
  quiet?: boolean;
}

export async function render(cli: Cli, files: string[], opts: RenderOptions): Promise<number> {
  let formats: Format[];
  try {
    formats = parseFormats(opts.format);
  } catch (e) {
    cli.err(`Lỗi: ${(e as Error).message}.`);
    return EXIT.usage;
  }
  const missing = formats.filter((f) => !WRITERS[f]);
  if (missing.length) {
    cli.err(`Lỗi: định dạng ${missing.map((f) => f.toUpperCase()).join(', ')} chưa có trong phiên bản này. Dùng --format ${defaultFormats()}.`);
    return EXIT.usage;
  }
  let templates: TemplateSet;
  let fonts: FontSet | undefined;
  try {
    templates = templatesFor(keHoach, opts.template);
    if (opts.fonts) fonts = loadFontSet(fontFilesFromDir(opts.fonts));
  } catch (e) {
    return reportError(cli, e);
  }
  let failed = 0;
  let code: number = EXIT.ok;
  // Two inputs named alike (a/ke-hoach.json, b/ke-hoach.json) must not overwrite each other.
  const stemOwner = new Map<string, string>();
  for (const file of files) {
    const started = performance.now();
    const stem = basename(file, extname(file));
    const owner = stemOwner.get(stem);
    if (owner !== undefined && owner !== file) {
      failed++;
      code = Math.max(code, EXIT.inputError);
      cli.err(
        `Lỗi: ${file} trùng tên kết quả với ${owner} (${stem}.*); không ghi để khỏi đè lên.\n    → Đổi tên một trong hai tệp, hoặc chạy riêng với -o khác nhau.`,
      );
      continue;
    }
    stemOwner.set(stem, file);
    try {
      const { model, warnings } = modelFromFile(keHoach, file, templates);
      // Every format is rendered in memory, then all are written together (atomicWriteAll).
      const rendered = await renderFormats(model, formats, fonts);
      if (!opts.quiet) printDiagnostics(cli, [...warnings, ...noticeDiagnostics(rendered.notices, file)]);
      const outputs = formats.map((f): [string, Uint8Array] => [join(opts.output, stem + WRITERS[f]!.extension), rendered.files.get(f)!]);
      atomicWriteAll(outputs);
      if (!opts.quiet) {
        const ms = Math.round(performance.now() - started);
        for (const [path, bytes] of outputs) cli.out(`Đã ghi ${path} (${Math.max(1, Math.round(bytes.length / 1024))} KB, ${ms} ms)`);
      }
    } catch (e) {
      failed++;
      code = Math.max(code, reportError(cli, e, file));
    }
  }
  if (failed && files.length > 1) cli.err(`${failed}/${files.length} tệp bị lỗi, không ghi ra.`);
  return code;
}
