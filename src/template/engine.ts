// Loads a template folder (document.hbs + partials/**.hbs), with fallback to the
// built-in templates for any partial a custom folder does not override.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import Handlebars from 'handlebars';
import { unclosedBlock } from './blocks.js';
import { helpers } from './helpers.js';
import { tableHelpers } from './table-helpers.js';
import { packagePath } from '../util/package-root.js';

export const BUILTIN_TEMPLATES = packagePath('templates');

/** A template problem with the file, line and column where it is. */
export class TemplateError extends Error {
  constructor(
    message: string,
    public readonly file: string,
    public readonly line?: number,
    public readonly column?: number,
  ) {
    super(`${file}${line ? `, dòng ${line}` : ''}${column ? `, cột ${column}` : ''}: ${message}`);
    this.name = 'TemplateError';
  }
}

/** Folders of partials inside partials/ (a symlink to a parent folder would loop forever). */
const MAX_PARTIAL_FOLDERS = 8;

/** Largest template file read (the built-in ones: 12 KB at most). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

function listHbs(dir: string, depth = 0): string[] {
  if (!existsSync(dir)) return [];
  if (depth > MAX_PARTIAL_FOLDERS) throw new TemplateError(`thư mục mẫu con lồng quá ${MAX_PARTIAL_FOLDERS} cấp (có liên kết trỏ ngược lên thư mục cha?)`, dir);
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listHbs(p, depth + 1));
    else if (name.endsWith('.hbs')) out.push(p);
  }
  return out;
}

/** A template's text: only a regular file of at most MAX_TEMPLATE_BYTES (not a FIFO or a device). */
function readTemplate(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) throw new TemplateError('không phải tệp thông thường', file);
  if (st.size > MAX_TEMPLATE_BYTES)
    throw new TemplateError(`tệp mẫu quá lớn (${Math.ceil(st.size / 1024)} KB; giới hạn ${MAX_TEMPLATE_BYTES / 1024} KB)`, file);
  return readFileSync(file, 'utf8');
}

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
function explain(e: Error & { lineNumber?: number; column?: number }, file: string, src = ''): TemplateError {
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
  return new TemplateError(vi ?? msg, file, line, column);
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
 * falling back to the built-in folder for the main template and any missing partial.
 */
export function loadTemplates(folder = 'ke-hoach', customDir?: string, extraHelpers: Record<string, Handlebars.HelperDelegate> = {}): TemplateSet {
  const builtin = join(BUILTIN_TEMPLATES, folder);
  const dirs = customDir ? [resolve(customDir), builtin] : [builtin];
  if (customDir && !existsSync(customDir)) throw new TemplateError('không tìm thấy thư mục mẫu', customDir);
  if (customDir && !statSync(customDir).isDirectory()) throw new TemplateError('--template phải là một thư mục mẫu, không phải tệp', customDir);
  const hb = Handlebars.create();
  hb.registerHelper({ ...helpers, ...tableHelpers, ...extraHelpers });
  const files: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of listHbs(join(dir, 'partials'))) {
      const name = relative(join(dir, 'partials'), file)
        .replace(/\.hbs$/, '')
        .split(sep)
        .join('/');
      if (seen.has(name)) continue;
      seen.add(name);
      files.push(file);
      hb.registerPartial(name, compile(hb, file));
    }
  }
  const mainFile = dirs.map((d) => join(d, 'document.hbs')).find(existsSync);
  if (!mainFile) throw new TemplateError('thiếu tệp document.hbs', dirs[0]);
  files.unshift(mainFile);
  const main = compile(hb, mainFile);
  return {
    dir: dirs[0],
    files,
    render: (context) => main(context),
  };
}

function compile(hb: typeof Handlebars, file: string): Handlebars.TemplateDelegate {
  // A file's final newline is not content (it would leak into attributes).
  const src = readTemplate(file)
    .normalize('NFC')
    .replace(/\r?\n$/, '');
  let fn: Handlebars.TemplateDelegate;
  try {
    fn = hb.compile(src, { strict: true, noEscape: false });
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
      throw explain(e as Error, file);
    }
  };
}
