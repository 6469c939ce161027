// Reads an input file (JSON or YAML) into plain data, with positions for error messages.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CST, LineCounter, Parser, parseDocument, visit } from 'yaml';
import { type DepthProblem, MAX_DEPTH, MAX_NODES, type Path, jsonTooDeep, shortPath, tooDeep, yamlTooDeep } from './depth.js';
import type { z } from 'zod';
import { tooDeepList } from '../schema/limits.js';
import { InputError, thousands, type Diagnostic } from './diagnostic.js';
import { issuesToDiagnostics } from './messages.js';
import { findJsonProblem } from './json-errors.js';

/** Largest input file read (a real plan is 2–100 KB); bigger ones are refused before reading. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export interface Source {
  file: string;
  text: string;
  data: unknown;
  /** Line/column (1-based) of the value at a JSON path, if it can be found. */
  locate(path: (string | number)[]): { line: number; column: number } | undefined;
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    throw new InputError([
      {
        severity: 'error',
        code: 'file.encoding',
        file,
        line,
        column,
        message: 'tệp không phải mã UTF-8.',
        hint: 'Mở tệp và lưu lại với mã hóa UTF-8 (Unicode). Văn bản gõ bằng TCVN3/VNI cần chuyển sang Unicode (ví dụ bằng Unikey).',
      },
    ]);
  }
}

/** Line and byte column of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(b: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    let ok = n >= 0 && i + n < b.length;
    for (let k = 1; ok && k <= n; k++) ok = (b[i + k] & 0xc0) === 0x80;
    if (!ok) return { line, column: i - lineStart + 1 };
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += n + 1;
  }
  return { line, column: 1 };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function jsonSyntaxError(text: string, file: string): Diagnostic {
  const p = findJsonProblem(text);
  return { severity: 'error', code: 'json.syntax', file, ...lineCol(text, p.offset), message: `lỗi cú pháp JSON: ${p.message}`, hint: p.hint };
}

/** Vietnamese wording for the yaml library's error codes. */
function yamlMessage(code: string): { message: string; hint: string } {
  const indent = 'Kiểm tra thụt lề (chỉ dùng dấu cách, không dùng tab) và dấu ":" sau tên trường.';
  const m: Record<string, [string, string]> = {
    DUPLICATE_KEY: ['một trường được khai báo hai lần.', 'Xóa hoặc gộp hai dòng trùng tên trường.'],
    TAB_AS_INDENT: ['thụt lề bằng phím tab.', 'YAML chỉ cho phép thụt lề bằng dấu cách.'],
    BAD_INDENT: ['thụt lề không đúng.', indent],
    MISSING_CHAR: ['thiếu ký tự đóng (dấu ngoặc kép, ngoặc vuông hoặc ngoặc nhọn).', 'Kiểm tra các dấu " " [ ] { } đóng mở đủ cặp.'],
    MULTILINE_IMPLICIT_KEY: ['tên trường bị xuống dòng hoặc thiếu dấu ":".', indent],
    BLOCK_AS_IMPLICIT_KEY: ['nội dung đặt sai chỗ tên trường.', indent],
    UNEXPECTED_TOKEN: ['gặp ký tự không đúng chỗ.', 'Chuỗi có dấu ":" hoặc "#" cần đặt trong dấu ngoặc kép.'],
    BAD_SCALAR_START: ['giá trị bắt đầu bằng ký tự đặc biệt.', 'Đặt giá trị trong dấu ngoặc kép, ví dụ "- Bộ Y tế".'],
    BAD_ALIAS: ['bí danh (*alias) không hợp lệ.', 'Viết thẳng nội dung thay cho bí danh.'],
    RESOURCE_EXHAUSTION: ['nội dung lồng nhau quá sâu.', 'Một kế hoạch chỉ lồng vài cấp; kiểm tra các dấu ngoặc và thụt lề quanh chỗ này.'],
  };
  const [message, hint] = m[code] ?? ['lỗi cú pháp YAML.', indent];
  return { message: `lỗi cú pháp YAML: ${message}`, hint };
}

type CstToken = CST.Token | null | undefined;

/** A key as written (plain, 'single' or "double" quoted); undefined for anything else. */
function cstKey(token: CstToken): string | undefined {
  if (token?.type !== 'scalar' && token?.type !== 'single-quoted-scalar' && token?.type !== 'double-quoted-scalar') return undefined;
  const value = CST.resolveAsScalar(token)?.value;
  return value === undefined ? undefined : String(value);
}

/**
 * Line/column of the value at a path, read from the yaml library's concrete syntax tree: it
 * leaves values unresolved, so a 10 MB string costs nothing (composing it took seconds).
 * Map entries point at their key, list items at the item.
 */
function locator(text: string) {
  let root: CstToken;
  let lc: LineCounter | undefined;
  return (path: (string | number)[]) => {
    if (!lc) {
      lc = new LineCounter();
      for (const token of new Parser(lc.addNewLine).parse(text))
        if (token.type === 'document') {
          root = token.value;
          break;
        }
    }
    let node = root;
    let at = node?.offset;
    for (const seg of path) {
      if (node?.type !== 'block-map' && node?.type !== 'block-seq' && node?.type !== 'flow-collection') break;
      const isSeq = node.type === 'block-seq' || (node.type === 'flow-collection' && node.start.source === '[');
      if (isSeq) {
        if (typeof seg !== 'number') break;
        node = node.items[seg]?.value;
        at = node?.offset ?? at;
      } else {
        const item = (node.items as CST.CollectionItem[]).find((it) => cstKey(it.key) === String(seg));
        if (!item) break;
        node = item.value;
        at = item.key?.offset ?? node?.offset ?? at;
      }
    }
    if (at === undefined) return undefined;
    const p = lc.linePos(at);
    return { line: p.line, column: p.col };
  };
}

/** An input holding more values than any plan: where the count passed the limit. */
function nodesError(file: string, at: { line: number; column: number } | undefined, path: Path | undefined): InputError {
  return new InputError([
    {
      severity: 'error',
      code: 'input.size',
      file,
      ...at,
      path: path?.length ? shortPath(path) : undefined,
      message: `tệp có quá ${thousands(MAX_NODES)} giá trị (phần tử danh sách, trường); từ chỗ này trở đi vượt giới hạn.`,
      hint: 'Một kế hoạch chỉ có vài nghìn giá trị: kiểm tra tệp có đúng là kế hoạch không; số liệu lớn nên để ở tệp riêng (ví dụ Excel) gửi kèm.',
    },
  ]);
}

/**
 * The text scan's problem as an InputError. Brackets nested too deep through lists in lists are
 * reported as the schema's nesting limit, at the list that passes it (what the clerk can fix).
 */
function shapeError(file: string, text: string, p: DepthProblem): InputError {
  if (p.nodes) return nodesError(file, lineCol(text, p.offset), p.path);
  const list = p.path && tooDeepList(p.path);
  if (list && p.opened) {
    const [d] = issuesToDiagnostics([{ code: 'custom', message: 'too_deep', path: list, input: undefined } as z.core.$ZodIssue]);
    return new InputError([{ ...d, path: shortPath(list), file, ...lineCol(text, p.opened[list.length]) }]);
  }
  return depthError(file, lineCol(text, p.offset), p.path, p.indent);
}

/** An input nested deeper than any plan: where, and which field when it is known. */
function depthError(file: string, at: { line: number; column: number } | undefined, path: Path | undefined, indent = false): InputError {
  return new InputError([
    {
      severity: 'error',
      code: 'input.depth',
      file,
      ...at,
      path: path && shortPath(path),
      message: indent
        ? `thụt lề quá sâu (nội dung bắt đầu sau cột ${MAX_DEPTH}).`
        : `nội dung lồng nhau quá ${MAX_DEPTH} cấp (các dấu ngoặc { } [ ] hoặc các cấp thụt lề).`,
      hint: 'Một kế hoạch chỉ lồng vài cấp (mục I., 1., 1.1., a), gạch đầu dòng -, +). Kiểm tra các dấu ngoặc đóng mở và thụt lề quanh chỗ này, hoặc tệp có đúng là kế hoạch không.',
    },
  ]);
}

/** The clerk's YAML as plain data; numbers YAML would rewrite stay as typed. */
function parseYaml(text: string, file: string): unknown {
  const shape = yamlTooDeep(text);
  if (shape) throw shapeError(file, text, shape);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    throw new InputError(doc.errors.map((e) => ({ severity: 'error' as const, code: 'yaml.syntax', file, ...at(e.pos[0]), ...yamlMessage(e.code) })));
  }
  // A value never changes on its way to the page: a number YAML would rewrite ("580.000" → 580,
  // "1.250" → 1.25, "0124" → 124) stays the text the clerk typed; the schema then takes it as
  // text where text is expected, and says so where a number is.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && String(node.value) !== node.source) node.value = node.source;
    },
  });
  try {
    // maxAliasCount: an alias expanding to more than 100 nodes is refused ("billion laughs").
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = (e as Error).message;
    throw new InputError([
      {
        severity: 'error',
        code: 'yaml.alias',
        file,
        message:
          /alias/i.test(msg) && /count|excessive/i.test(msg)
            ? 'tệp YAML dùng quá nhiều bí danh (*alias) lồng nhau.'
            : 'tệp YAML dùng bí danh (*alias) chưa được khai báo (&anchor) phía trước.',
        hint: 'Viết thẳng nội dung thay cho bí danh.',
      },
    ]);
  }
}

function parseJson(text: string, file: string): unknown {
  const shape = jsonTooDeep(text);
  if (shape) throw shapeError(file, text, shape);
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError([jsonSyntaxError(text, file)]);
  }
}

/** Parses text as JSON (or YAML for .yaml/.yml) and returns the data with a locator. */
export function parseSource(text: string, file: string): Source {
  const isYaml = /\.ya?ml$/i.test(extname(file));
  if (!text.replace(/^\s*(#.*)?$/gm, '').trim())
    throw new InputError([
      {
        severity: 'error',
        code: 'file.empty',
        file,
        line: 1,
        column: 1,
        message: 'tệp trống.',
        hint: 'Bắt đầu từ tệp mẫu: chạy "kehoach init" hoặc sao chép một tệp trong thư mục examples/.',
      },
    ]);
  let data: unknown;
  try {
    data = isYaml ? parseYaml(text, file) : parseJson(text, file);
  } catch (e) {
    // The text checks above bound the nesting; this is the last guard.
    if (e instanceof RangeError) throw depthError(file, undefined, undefined);
    throw e;
  }
  const locate = locator(text);
  // YAML anchors and flow collections can still nest deeper than the text suggests.
  const deep = tooDeep(data);
  if (deep) throw depthError(file, locate(deep), deep);
  return { file, text, data, locate };
}

function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'thư mục';
  if (st.isFIFO()) return 'đường ống (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'thiết bị';
  if (st.isSocket()) return 'ổ cắm (socket)';
  return 'tệp đặc biệt';
}

const mb = (bytes: number) => {
  const v = bytes / 1024 / 1024;
  return `${Number.isInteger(v) ? v : v.toFixed(1).replace('.', ',')} MB`;
};

function readError(file: string, code: string, message: string, hint?: string): InputError {
  return new InputError([{ severity: 'error', code, file, message, hint }]);
}

/** Not a regular file (a folder, /dev/zero, a FIFO), or one over the limit: refused unread. */
function checkReadable(file: string, st: Stats, limit: number): void {
  if (st.isDirectory()) throw readError(file, 'file.read', 'đây là thư mục, không phải tệp.', 'Kiểm tra đường dẫn và tên tệp.');
  if (!st.isFile())
    throw readError(file, 'file.kind', `không phải tệp thông thường mà là ${fileKind(st)}.`, 'Chỉ đường dẫn tới một tệp lưu trên đĩa (.json, .yaml).');
  if (st.size > limit) throw tooBig(file, st.size, limit);
}

function tooBig(file: string, size: number, limit: number): InputError {
  return readError(
    file,
    'file.size',
    `tệp quá lớn (${mb(size)}); giới hạn là ${mb(limit)}.`,
    'Một kế hoạch thường chỉ vài chục đến vài trăm KB: kiểm tra đúng tệp chưa; số liệu rất lớn nên để ở tệp riêng (ví dụ Excel) và dẫn chiếu tới.',
  );
}

/** Reads at most `limit` bytes; a file that grew past it since fstat is refused too. */
function readCapped(fd: number, file: string, size: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(size - total, 64 * 1024), limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) throw tooBig(file, total, limit);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/**
 * Reads a file's bytes: only a regular file of at most `limit` bytes (20 MB), checked before
 * reading. A missing file, a folder, a device or no permission becomes a clear InputError.
 */
export function readBytes(file: string, limit = MAX_INPUT_BYTES): Buffer {
  let fd: number | undefined;
  try {
    // stat before open: opening a FIFO waits for a writer; O_NONBLOCK covers a swap in between.
    checkReadable(file, statSync(file), limit);
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    checkReadable(file, st, limit);
    return readCapped(fd, file, st.size, limit);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'không tìm thấy tệp.'
        : code === 'EISDIR'
          ? 'đây là thư mục, không phải tệp.'
          : code === 'EACCES' || code === 'EPERM'
            ? 'không có quyền đọc tệp.'
            : `không đọc được tệp (${code}).`;
    const hint = code === 'ENOENT' || code === 'EISDIR' ? 'Kiểm tra đường dẫn và tên tệp.' : undefined;
    throw readError(file, 'file.read', message, hint);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readSource(file: string): Source {
  return parseSource(decodeUtf8(readBytes(file), file), file);
}
