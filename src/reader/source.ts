// Reads an input file (JSON or YAML) into plain data, with positions for error messages.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError, type Diagnostic } from './diagnostic.js';

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

function jsonSyntaxError(text: string, file: string, err: Error): Diagnostic {
  const m = /position (\d+)/.exec(err.message);
  const pos = m ? Number(m[1]) : text.length;
  const { line, column } = lineCol(text, pos);
  const near = text.slice(pos, pos + 20).split('\n')[0];
  let hint = 'Kiểm tra dấu phẩy giữa các phần tử, dấu ngoặc kép quanh tên trường và chuỗi, và các dấu ngoặc { } [ ] đóng mở đủ cặp.';
  if (/Unexpected token '?[}\]]/.test(err.message) || /Expected double-quoted property name/.test(err.message))
    hint = 'Có thể thừa dấu phẩy trước dấu đóng ngoặc, hoặc thiếu dấu ngoặc kép quanh tên trường.';
  if (/Expected ',' or '[}\]]'/.test(err.message)) hint = 'Thiếu dấu phẩy "," giữa hai phần tử (thường ở cuối dòng phía trên).';
  if (/Unexpected end/.test(err.message)) hint = 'Tệp kết thúc giữa chừng: thiếu dấu đóng ngoặc } hoặc ].';
  return {
    severity: 'error',
    code: 'json.syntax',
    file,
    line,
    column,
    message: `lỗi cú pháp JSON${near ? ` gần "${near}"` : ''}.`,
    hint,
  };
}

function locator(text: string) {
  let doc: ReturnType<typeof parseDocument> | undefined;
  const lc = new LineCounter();
  return (path: (string | number)[]) => {
    doc ??= parseDocument(text, { lineCounter: lc, keepSourceTokens: false });
    let node: Node | null | undefined = doc.contents as Node;
    let lastRange = node?.range;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p: any) => (p.key?.value ?? p.key) === seg);
        if (!pair) break;
        node = pair.value as Node;
        lastRange = ((pair.key as Node)?.range ?? node?.range) as typeof lastRange;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg] as Node;
        lastRange = node?.range ?? lastRange;
      } else break;
    }
    if (!lastRange) return undefined;
    const p = lc.linePos(lastRange[0]);
    return { line: p.line, column: p.col };
  };
}

/** Parses text as JSON (or YAML for .yaml/.yml) and returns the data with a locator. */
export function parseSource(text: string, file: string): Source {
  const isYaml = /\.ya?ml$/i.test(extname(file));
  let data: unknown;
  if (isYaml) {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
    if (doc.errors.length) {
      throw new InputError(
        doc.errors.map((e) => {
          const p = lc.linePos(e.pos[0]);
          return {
            severity: 'error' as const,
            code: 'yaml.syntax',
            file,
            line: p.line,
            column: p.col,
            message: `lỗi cú pháp YAML: ${e.message.split('\n')[0]}`,
            hint: 'Kiểm tra thụt lề (dùng dấu cách, không dùng tab) và dấu ":" sau tên trường.',
          };
        }),
      );
    }
    data = doc.toJS();
  } else {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError([jsonSyntaxError(text, file, e as Error)]);
    }
  }
  return { file, text, data, locate: locator(text) };
}

export function readSource(file: string): Source {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError([
      {
        severity: 'error',
        code: 'file.read',
        file,
        message: code === 'ENOENT' ? 'không tìm thấy tệp.' : code === 'EISDIR' ? 'đây là thư mục, không phải tệp.' : `không đọc được tệp (${code}).`,
        hint: code === 'ENOENT' ? 'Kiểm tra đường dẫn và tên tệp.' : undefined,
      },
    ]);
  }
  return parseSource(decodeUtf8(bytes, file), file);
}
