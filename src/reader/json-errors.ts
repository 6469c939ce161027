// Where and why a JSON text is broken, said the way a clerk can fix it. JSON.parse's own messages
// point at the token after the mistake (a trailing comma is reported at the closing brace, on the
// next line) and give no position at all for some; this scanner finds the mistake itself.

export interface JsonProblem {
  /** Offset in the text of the character to look at. */
  offset: number;
  message: string;
  hint: string;
}

const CURLY = /[“”‘’„‟«»]/u;

/** Deeper nesting than any plan needs is refused before the call stack runs out. */
export const MAX_JSON_DEPTH = 200;

class Scanner {
  i = 0;
  depth = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  fail(offset: number, message: string, hint: string): never {
    throw { offset, message, hint } satisfies JsonProblem;
  }
  unexpected(what: string): never {
    const c = this.s[this.i];
    if (c === undefined) this.fail(this.i, `tệp kết thúc trong khi còn chờ ${what}.`, 'Kiểm tra các dấu ngoặc { } [ ] và dấu ngoặc kép đã đóng đủ chưa.');
    if (CURLY.test(c))
      this.fail(
        this.i,
        `dấu ngoặc kép cong "${c}" không dùng được trong JSON.`,
        'Dùng dấu ngoặc kép thẳng " (tắt chế độ tự đổi dấu ngoặc của trình soạn thảo, hoặc gõ lại dấu này).',
      );
    if (c === "'") this.fail(this.i, 'chuỗi trong JSON phải đặt trong dấu ngoặc kép ", không dùng dấu nháy đơn \'.', 'Thay \' bằng ".');
    this.fail(this.i, `gặp "${c}" ở chỗ cần ${what}.`, 'Kiểm tra dấu phẩy, dấu hai chấm và dấu ngoặc quanh chỗ này.');
  }

  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else this.scalar();
  }

  scalar(): void {
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 40));
    if (m) {
      this.i += m[0].length;
      return;
    }
    this.unexpected('một giá trị (chuỗi trong dấu ngoặc kép, số, true/false, { } hoặc [ ])');
  }

  string(): void {
    const start = this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') this.i += 2;
      else if (c === '\n')
        this.fail(start, 'chuỗi chưa đóng dấu ngoặc kép trước khi xuống dòng.', 'Thêm dấu " ở cuối chuỗi; để xuống dòng trong chuỗi, viết \\n.');
      else this.i++;
    }
    this.fail(start, 'chuỗi chưa đóng dấu ngoặc kép.', 'Thêm dấu " ở cuối chuỗi.');
  }

  /** A list of members between `open` and `close`; `member` reads one. */
  list(open: number, close: string, member: () => void, what: string): void {
    if (++this.depth > MAX_JSON_DEPTH)
      this.fail(open, `các dấu ngoặc lồng nhau quá ${MAX_JSON_DEPTH} cấp.`, 'Một kế hoạch không cần lồng sâu như vậy; kiểm tra tệp có đúng là kế hoạch không.');
    this.i++;
    this.ws();
    if (this.s[this.i] === close) {
      this.i++;
      this.depth--;
      return;
    }
    for (;;) {
      member();
      const end = this.i;
      this.ws();
      const c = this.s[this.i];
      if (c === close) {
        this.i++;
        this.depth--;
        return;
      }
      if (c === ',') {
        const comma = this.i++;
        this.ws();
        if (this.s[this.i] === close) this.fail(comma, 'thừa dấu phẩy trước dấu đóng ngoặc.', `Xóa dấu phẩy sau ${what} cuối cùng.`);
        continue;
      }
      if (c === '}' || c === ']')
        this.fail(
          this.i,
          `dấu đóng ngoặc "${c}" không khớp với dấu mở "${this.s[open]}" (cần "${close}").`,
          `Sửa thành "${close}", hoặc kiểm tra các dấu ngoặc phía trên.`,
        );
      if (c === undefined)
        this.fail(open, `dấu mở ngoặc "${this.s[open]}" ở đây chưa được đóng.`, `Thêm "${close}" ở cuối ${close === '}' ? 'đối tượng' : 'danh sách'}.`);
      this.fail(end, `thiếu dấu phẩy "," sau ${what} này.`, 'Thêm dấu phẩy giữa hai phần tử (thường ở cuối dòng).');
    }
  }

  object(): void {
    const open = this.i;
    this.list(
      open,
      '}',
      () => {
        this.ws();
        if (this.s[this.i] !== '"') this.unexpected('tên trường trong dấu ngoặc kép');
        this.string();
        this.ws();
        if (this.s[this.i] !== ':') this.unexpected('dấu hai chấm ":" sau tên trường');
        this.i++;
        this.value();
      },
      'trường',
    );
  }

  array(): void {
    this.list(this.i, ']', () => this.value(), 'phần tử');
  }
}

/** The first problem of a JSON text that JSON.parse refused. */
export function findJsonProblem(text: string): JsonProblem {
  if (!text.trim()) return { offset: 0, message: 'tệp trống.', hint: 'Bắt đầu từ tệp mẫu: chạy "kehoach init" hoặc sao chép một tệp trong thư mục examples/.' };
  const sc = new Scanner(text);
  try {
    sc.value();
    sc.ws();
    if (sc.i < text.length)
      sc.fail(sc.i, `thừa nội dung sau dấu đóng ngoặc cuối cùng: "${text.slice(sc.i, sc.i + 20)}".`, 'Xóa phần thừa, hoặc đưa nó vào trong đối tượng chính.');
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as JsonProblem;
    throw e;
  }
  return { offset: 0, message: 'lỗi cú pháp JSON.', hint: 'Kiểm tra dấu phẩy, dấu ngoặc kép và các dấu ngoặc { } [ ].' };
}
