// Turns a failed build into what the preview's error overlay shows: where (file, line,
// column, JSON path), what (Vietnamese message and hint) and the lines around it.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { MarkupError } from '../model/markup.js';
import { InputError, type Diagnostic } from '../reader/diagnostic.js';
import { TemplateError } from '../template/engine.js';
import { unclosedBlock } from '../template/blocks.js';

export interface Excerpt {
  /** Line number of the first line shown. */
  first: number;
  lines: string[];
  /** The line the problem is on, and its column. */
  line: number;
  column?: number;
}

export interface ProblemView {
  file?: string;
  line?: number;
  column?: number;
  /** JSON path in the plan ("signer.name"). */
  path?: string;
  message: string;
  hint?: string;
  excerpt?: Excerpt;
}

export interface ErrorView {
  kind: 'input' | 'template' | 'markup' | 'internal';
  /** Heading of the overlay, in Vietnamese. */
  title: string;
  problems: ProblemView[];
}

/** A path as the clerk typed it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function excerptOf(text: string, line: number | undefined, column?: number, around = 2): Excerpt | undefined {
  if (!line) return undefined;
  const all = text.split(/\r?\n/);
  if (line > all.length) return undefined;
  const first = Math.max(1, line - around);
  const last = Math.min(all.length, line + around);
  return { first, lines: all.slice(first - 1, last).map((l) => (l.length > 200 ? l.slice(0, 200) + '…' : l)), line, column };
}

function fileExcerpt(file: string | undefined, line?: number, column?: number): Excerpt | undefined {
  if (!file || !line) return undefined;
  try {
    return excerptOf(readFileSync(file, 'utf8'), line, column);
  } catch {
    return undefined;
  }
}

function fromDiagnostic(d: Diagnostic, sourceText?: string): ProblemView {
  return {
    file: d.file ? displayPath(d.file) : undefined,
    line: d.line,
    column: d.column,
    path: d.path,
    message: d.message,
    hint: d.hint,
    excerpt: sourceText !== undefined ? excerptOf(sourceText, d.line, d.column) : fileExcerpt(d.file, d.line, d.column),
  };
}

/** A template error, made more precise where Handlebars' own report is vague. */
function templateProblem(e: TemplateError): ProblemView {
  // The message starts with the place (see TemplateError); the overlay shows it apart.
  const place = `${e.file}${e.line ? `, dòng ${e.line}` : ''}${e.column ? `, cột ${e.column}` : ''}: `;
  let message = e.message.startsWith(place) ? e.message.slice(place.length) : e.message;
  let { line, column } = e;
  let hint: string | undefined;
  if (/got 'EOF'|chưa được đóng|mẫu kết thúc khi/.test(message)) {
    // Handlebars points at the end of the file; the clerk needs the block left open.
    const open = unclosedBlock(e.source ?? '');
    if (open) {
      ({ line, column } = open);
      message = `khối {{#${open.name}}} chưa được đóng: thiếu {{/${open.name}}}`;
      hint = open.laterLines.length
        ? `Thẻ đóng được ghép với khối gần nhất, nên khối thiếu {{/${open.name}}} có thể là khối ở dòng ${[open.line, ...open.laterLines].join(', ')}: kiểm tra từng khối, thêm {{/${open.name}}} nơi khối kết thúc hoặc xóa {{#${open.name}}} thừa.`
        : `Thêm {{/${open.name}}} ở nơi khối kết thúc, hoặc xóa {{#${open.name}}} nếu không cần.`;
    } else {
      message = 'mẫu kết thúc khi một khối {{#…}} còn mở';
      hint = 'Mỗi {{#if}}, {{#each}}, {{#with}}, {{#unless}} cần một thẻ đóng {{/…}} tương ứng.';
    }
  } else if (/got 'INVALID'/.test(message)) {
    hint = 'Một thẻ {{…}} viết sai hoặc thiếu "}}" để đóng.';
  } else if (/không có trong dữ liệu/.test(message)) {
    hint = 'Xem danh sách biến trong docs/TEMPLATES.md và schemas/plan.schema.json.';
  }
  // Lines are quoted from the template as it was read, never by reading the file again: the
  // file named may be a refused link to something that is not a template.
  const excerpt = e.source === undefined ? undefined : excerptOf(e.source, line, column);
  return { file: displayPath(e.file), line, column, message, hint, excerpt };
}

/** Everything a build can throw, as an overlay. `planText` is the plan as read for this build. */
export function describeError(e: unknown, planText?: string): ErrorView {
  if (e instanceof InputError) {
    return {
      kind: 'input',
      title: 'Tệp kế hoạch có lỗi',
      problems: e.diagnostics.filter((d) => d.severity === 'error').map((d) => fromDiagnostic(d, planText)),
    };
  }
  if (e instanceof TemplateError) return { kind: 'template', title: 'Mẫu có lỗi', problems: [templateProblem(e)] };
  if (e instanceof MarkupError) {
    return {
      kind: 'markup',
      title: 'Kết quả của mẫu không đúng cú pháp đánh dấu',
      problems: [
        {
          line: e.line,
          column: e.column,
          message: e.message,
          hint: 'Vị trí tính trong văn bản mẫu sinh ra (sau khi ghép các mẫu con). Kiểm tra thẻ vừa sửa: thẻ đóng/mở đủ cặp, tên thẻ đúng (xem docs/TEMPLATES.md).',
          excerpt: e.excerpt ? { first: e.line, lines: [e.excerpt.slice(0, 200)], line: e.line, column: e.column } : undefined,
        },
      ],
    };
  }
  const err = e as Error;
  return {
    kind: 'internal',
    title: 'Lỗi nội bộ',
    problems: [{ message: err?.message ?? String(e), hint: 'Hãy báo lỗi này cho nhóm phát triển.' }],
  };
}

/** One line per problem, for the terminal. */
export function errorLines(v: ErrorView): string[] {
  return v.problems.map((p) => {
    const where = [p.file, p.line !== undefined ? `dòng ${p.line}` : undefined, p.column !== undefined ? `cột ${p.column}` : undefined]
      .filter(Boolean)
      .join(', ');
    return `${v.title}${where ? ` (${where})` : ''}${p.path ? ` tại "${p.path}"` : ''}: ${p.message}`;
  });
}
