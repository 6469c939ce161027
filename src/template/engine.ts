// Loads a template folder (document.hbs + partials/**.hbs), with fallback to the
// built-in templates for any partial a custom folder does not override.
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { unclosedBlock } from './blocks.js';
import { HelperError, TemplateError } from './errors.js';
import { readTemplate, scanTemplateFolder, type TemplateFile } from './folder.js';
import { helpers } from './helpers.js';
import { tableHelpers } from './table-helpers.js';
import { traceSource } from './trace.js';
import { packagePath } from '../util/package-root.js';

export { TemplateError } from './errors.js';

export const BUILTIN_TEMPLATES = packagePath('templates');

const TOKENS: Record<string, string> = {
  CLOSE: '"}}"',
  OPEN: '"{{"',
  OPEN_ENDBLOCK: '"{{/"',
  OPEN_BLOCK: '"{{#"',
  INVERSE: '"{{else}}"',
  OPEN_INVERSE_CHAIN: '"{{else …}}"',
  ID: 'một tên',
  STRING: 'một chuỗi',
  INVALID: 'ký tự không hợp lệ',
};

/** Handlebars messages we know, in Vietnamese. */
const KNOWN_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^"(.+)" not defined in/,
    (m) => `biến "${m[1]}" không có trong dữ liệu (kiểm tra tên trường hoặc tên hàm trợ giúp; bọc bằng {{#if}} nếu trường có thể vắng mặt)`,
  ],
  [/^(\S+) doesn't match (\S+)/, (m) => `khối {{#${m[1]}}} được đóng bằng {{/${m[2]}}}`],
  [/^The partial (.+) could not be found/, (m) => `không tìm thấy mẫu con (partial) "${m[1]}"`],
  [/^Missing helper: "(.+)"/, (m) => `không có hàm trợ giúp (helper) "${m[1]}"`],
];

function known(msg: string): string | undefined {
  for (const [re, say] of KNOWN_MESSAGES) {
    const m = re.exec(msg);
    if (m) return say(m);
  }
  return undefined;
}

/** Vietnamese wording for Handlebars' own error messages. */
function explain(e: Error & { lineNumber?: number; column?: number }, file: string, src: string): TemplateError {
  const msg = e.message.split('\n')[0].replace(/ - \d+:\d+$/, '');
  // Handlebars counts columns from 0; editors and clerks count from 1.
  let line = e.lineNumber;
  let column = e.column !== undefined ? e.column + 1 : undefined;
  const pos = / - (\d+):(\d+)$/.exec(e.message.split('\n')[0]);
  if (pos && line === undefined) {
    line = Number(pos[1]);
    column = Number(pos[2]) + 1;
  }
  let vi = known(msg);
  if (vi === undefined && /^Parse error/.test(e.message)) {
    const lines = e.message.split('\n');
    const got = /got '([^']+)'/.exec(lines[lines.length - 1])?.[1];
    const near = (lines[1] ?? '').replace(/^\.\.\./, '').trim();
    const pl = /on line (\d+)/.exec(e.message);
    if (pl) line = Number(pl[1]);
    const open = got === 'EOF' ? unclosedBlock(src) : undefined;
    if (open) {
      // Handlebars points at the end of the file; the author needs the block left open.
      vi = `khối {{#${open.name}}} chưa được đóng: thiếu {{/${open.name}}}`;
      line = open.line;
      column = open.column;
    } else
      vi =
        got === 'EOF'
          ? 'lỗi cú pháp Handlebars: mẫu kết thúc khi một khối {{#…}} chưa được đóng bằng {{/…}}'
          : `lỗi cú pháp Handlebars gần "${near}"${got ? ` (gặp ${TOKENS[got] ?? got} không đúng chỗ)` : ''}`;
  }
  return new TemplateError(vi ?? msg, file, line, column, src);
}

export interface TemplateSet {
  /** Folder the main template came from. */
  dir: string;
  /** Every file the templates were read from (for watching). */
  files: string[];
  render(context: object): string;
}

/**
 * Loads the templates of a document type (folder "ke-hoach") from `customDir` if given,
 * falling back to the built-in folder for the main template and any missing partial. Only
 * files the folder rules accept are read (see folder.ts).
 */
export function loadTemplates(
  folder = 'ke-hoach',
  customDir?: string,
  extraHelpers: Record<string, Handlebars.HelperDelegate> = {},
  opts: { trace?: boolean } = {},
): TemplateSet {
  const builtin = join(BUILTIN_TEMPLATES, folder);
  const dirs = customDir ? [resolve(customDir), builtin] : [builtin];
  // Every folder is checked before any template is compiled: a refused file fails the load
  // even when a partial of the same name elsewhere would have been used.
  const scans = dirs.map((d) => scanTemplateFolder(d).files);
  const hb = Handlebars.create();
  hb.registerHelper({ ...helpers, ...tableHelpers, ...extraHelpers });
  const files: string[] = [];
  const seen = new Set<string>();
  for (const f of scans.flat()) {
    if (!f.rel.startsWith('partials/')) continue;
    const name = f.rel.slice('partials/'.length).replace(/\.hbs$/, '');
    if (seen.has(name)) continue;
    seen.add(name);
    files.push(f.path);
    hb.registerPartial(name, compile(hb, f, opts.trace));
  }
  const mainFile = scans.flat().find((f) => f.rel === 'document.hbs');
  if (!mainFile) throw new TemplateError('thiếu tệp document.hbs', dirs[0]);
  files.unshift(mainFile.path);
  const main = compile(hb, mainFile, opts.trace);
  return {
    dir: dirs[0],
    files,
    render: (context) => main(context),
  };
}

/** A template as a function; `trace` marks the tags it writes with its file and line (trace.ts). */
function compile(hb: typeof Handlebars, f: TemplateFile, trace = false): Handlebars.TemplateDelegate {
  const file = f.path;
  // A file's final newline is not content (it would leak into attributes).
  const src = readTemplate(f)
    .normalize('NFC')
    .replace(/\r?\n$/, '');
  let fn: Handlebars.TemplateDelegate;
  try {
    fn = hb.compile(trace ? traceSource(src, f.path) : src, { strict: true, noEscape: false });
    // Force parsing now so syntax errors name this file.
    hb.parse(src);
  } catch (e) {
    throw explain(e as Error, file, src);
  }
  return (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
    try {
      return fn(ctx, opts);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof HelperError) throw new TemplateError(e.message, file, e.line, e.column, src);
      throw explain(e as Error, file, src);
    }
  };
}
