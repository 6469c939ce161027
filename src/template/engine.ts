// Loads a template folder (document.hbs + partials/**.hbs), with fallback to the
// built-in templates for any partial a custom folder does not override.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type FullHandlebars from 'handlebars';
import type { HelperDelegate, RuntimeOptions, TemplateDelegate } from 'handlebars';
import { unclosedBlock } from './blocks.js';
import { BUNDLED_SPECS } from './bundled-specs.js';
import { HelperError, TemplateError } from './errors.js';
import { readTemplate, scanTemplateFolder, type TemplateFile } from './folder.js';
import { helpers } from './helpers.js';
import { Handlebars, type HandlebarsRuntime } from './runtime.js';
import { tableHelpers } from './table-helpers.js';
import { traceSource } from './trace.js';
import { packagePath } from '../util/package-root.js';

export { TemplateError } from './errors.js';

export const BUILTIN_TEMPLATES = packagePath('templates');

/**
 * The built-in templates compiled at build time (scripts/precompile-templates.mjs), keyed by the
 * hash of their source: a template whose text has a precompiled form skips Handlebars' parser and
 * code generator (most of a cold run's template time), and any other text — a custom folder, a
 * built-in template edited since the build — is compiled as it is read, so the store is never stale.
 */
export const PRECOMPILED = packagePath('dist', 'templates.precompiled.json');
const COMPILE_OPTIONS = { strict: true, noEscape: false } as const;

/** The full Handlebars (parser and compiler), loaded only for a template without a precompiled form. */
const fullHandlebars = (): typeof FullHandlebars => createRequire(import.meta.url)('handlebars');

interface PrecompiledStore {
  handlebars: string;
  /** Source hash → template spec (JavaScript source of Handlebars.precompile). */
  templates: Record<string, string>;
}

let store: PrecompiledStore | null | undefined;

/** Source hash → spec: as code when bundled (bundled-specs.ts), else as JavaScript source from the store. */
function precompiledSpecs(): Record<string, string | object> {
  if (BUNDLED_SPECS?.handlebars === Handlebars.VERSION) return BUNDLED_SPECS.templates;
  if (store === undefined) {
    try {
      store = JSON.parse(readFileSync(PRECOMPILED, 'utf8')) as PrecompiledStore;
    } catch {
      store = null;
    }
  }
  return store && store.handlebars === Handlebars.VERSION ? store.templates : {};
}

/** A template's text as compiled: NFC, and a file's final newline is not content (it would leak into attributes). */
const asCompiled = (text: string) => text.normalize('NFC').replace(/\r?\n$/, '');

const sourceKey = (src: string) => createHash('sha256').update(src).digest('hex').slice(0, 32);

/** Every built-in template precompiled, for the build to store at PRECOMPILED. */
export function precompileBuiltins(): PrecompiledStore {
  const hb = fullHandlebars();
  const templates: Record<string, string> = {};
  for (const type of readdirSync(BUILTIN_TEMPLATES).sort())
    for (const f of scanTemplateFolder(join(BUILTIN_TEMPLATES, type)).files) {
      const src = asCompiled(readTemplate(f));
      // Typed as a spec object; precompile returns its JavaScript source.
      templates[sourceKey(src)] = String(hb.precompile(src, COMPILE_OPTIONS));
    }
  return { handlebars: hb.VERSION, templates };
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
  extraHelpers: Record<string, HelperDelegate> = {},
  opts: { trace?: boolean } = {},
): TemplateSet {
  const builtin = join(BUILTIN_TEMPLATES, folder);
  const dirs = customDir ? [resolve(customDir), builtin] : [builtin];
  // Every folder is checked before any template is compiled: a refused file fails the load
  // even when a partial of the same name elsewhere would have been used.
  const scans = dirs.map((d) => scanTemplateFolder(d).files);
  const chosen: [name: string | undefined, f: TemplateFile][] = [];
  const seen = new Set<string>();
  for (const f of scans.flat()) {
    if (!f.rel.startsWith('partials/')) continue;
    const name = f.rel.slice('partials/'.length).replace(/\.hbs$/, '');
    if (seen.has(name)) continue;
    seen.add(name);
    chosen.push([name, f]);
  }
  const mainFile = scans.flat().find((f) => f.rel === 'document.hbs');
  if (!mainFile) throw new TemplateError('thiếu tệp document.hbs', dirs[0]);
  chosen.unshift([undefined, mainFile]);
  // Traced templates mark the tags they write with their file and line (trace.ts): compiled as read.
  const sources = new Map(chosen.map(([, f]) => [f, asCompiled(readTemplate(f))]));
  const compiled = (f: TemplateFile) => (opts.trace ? traceSource(sources.get(f)!, f.path) : sources.get(f)!);
  const specs = precompiledSpecs();
  // The runtime alone when every template is precompiled; the full Handlebars otherwise.
  const hb: Env = chosen.every(([, f]) => specs[sourceKey(compiled(f))]) ? Handlebars.create() : fullHandlebars().create();
  hb.registerHelper({ ...helpers, ...tableHelpers, ...extraHelpers });
  let main: TemplateDelegate | undefined;
  for (const [name, f] of chosen) {
    const fn = compile(hb, f.path, sources.get(f)!, compiled(f), specs);
    if (name === undefined) main = fn;
    else hb.registerPartial(name, fn);
  }
  const files = chosen.map(([, f]) => f.path);
  return {
    dir: dirs[0],
    files,
    render: (context) => main!(context),
  };
}

type Env = HandlebarsRuntime | typeof FullHandlebars;

/** A template as a function: `src` is the file's text (for messages), `code` what is compiled (traced or not). */
function compile(hb: Env, file: string, src: string, code: string, specs: Record<string, string | object>): TemplateDelegate {
  const spec = specs[sourceKey(code)];
  let fn: TemplateDelegate;
  if (spec) {
    // The spec is the JavaScript Handlebars.compile would have generated from this very text.
    fn = hb.template(typeof spec === 'string' ? new Function(`return ${spec}`)() : spec);
  } else {
    const full = hb as typeof FullHandlebars;
    try {
      fn = full.compile(code, COMPILE_OPTIONS);
      // Force parsing now so syntax errors name this file.
      full.parse(src);
    } catch (e) {
      throw explain(e as Error, file, src);
    }
  }
  return (ctx: unknown, opts?: RuntimeOptions) => {
    try {
      return fn(ctx, opts);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof HelperError) throw new TemplateError(e.message, file, e.line, e.column, src);
      throw explain(e as Error, file, src);
    }
  };
}
