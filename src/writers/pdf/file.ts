// The PDF file itself: numbered objects, a cross-reference table and a trailer, written byte for
// byte as pdf-lib 1.17 wrote them (the writer used it until issue 16; the recorded hashes of every
// example and extra case hold us to its bytes). A warm profile of a 6-page plan had pdf-lib's
// object model and serializer (names decoded per use, numbers as objects, dictionaries as maps)
// at ~1.9 ms of ~9 ms, more than the layout; the PDF needs only dictionaries, arrays, names,
// numbers, strings and compressed streams, so they are written here directly.

/** A name, e.g. /FlateDecode, encoded as pdf-lib encodes it (#XX for delimiters, whitespace, # and non-ASCII). */
export class Name {
  readonly text: string;
  constructor(name: string) {
    let s = '/';
    for (let k = 0; k < name.length; k++) {
      const c = name.charCodeAt(k);
      s += c >= 0x21 && c <= 0x7e && !IRREGULAR.has(c) ? name[k] : `#${hex(c, 2)}`;
    }
    this.text = s;
  }
}

// PDF whitespace, delimiters and the number sign.
const IRREGULAR = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25, 0x23]);

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').toUpperCase();

/** An indirect reference. */
export class Ref {
  constructor(readonly n: number) {}
}

/** Already written PDF syntax: a string literal or a hex string. */
export class Raw {
  constructor(readonly text: string) {}
}

/** A literal string, written as given (pdf-lib's PDFString.of). */
export const literal = (s: string) => new Raw(`(${s})`);
/** Text as a UTF-16BE hex string with its byte-order mark (pdf-lib's PDFHexString.fromText). */
export function textString(s: string): Raw {
  let out = '<FEFF';
  for (let k = 0; k < s.length; k++) out += hex(s.charCodeAt(k), 4);
  return new Raw(`${out}>`);
}
/** A hex string of the given digits. */
export const hexString = (digits: string) => new Raw(`<${digits}>`);

export type Value = number | boolean | Name | Ref | Raw | Value[] | Dict;

/** A dictionary; entries keep the order they were first set in. */
export class Dict {
  readonly entries = new Map<string, Value>();
  constructor(init: Record<string, Value | undefined> = {}) {
    for (const [k, v] of Object.entries(init)) if (v !== undefined) this.entries.set(k, v);
  }
  set(key: string, value: Value): this {
    this.entries.set(key, value);
    return this;
  }
}

/** A stream with its data already compressed; /Length is added last when written. */
export interface Stream {
  dict: Dict;
  data: Uint8Array;
}

/** Numbers as pdf-lib's numberToString writes them (no exponent). */
export function num(n: number): string {
  const s = String(n);
  if (!s.includes('e')) return s;
  if (Math.abs(n) < 1) {
    const e = Number.parseInt(s.split('e-')[1], 10);
    const m = Math.abs(n) * 10 ** (e - 1);
    return `${n < 0 ? '-' : ''}0.${'0'.repeat(e - 1)}${m.toString().substring(2)}`;
  }
  const e = Number.parseInt(s.split('+')[1], 10);
  return e > 20 ? (n / 10 ** (e - 20)).toString() + '0'.repeat(e - 20) : s;
}

function write(v: Value): string {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Name) return v.text;
  if (v instanceof Ref) return `${v.n} 0 R`;
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) {
    let s = '[ ';
    for (const x of v) s += `${write(x)} `;
    return `${s}]`;
  }
  let s = '<<\n';
  for (const [k, x] of v.entries) s += `/${k} ${write(x)}\n`;
  return `${s}>>`;
}

/** Names used often, made once. */
export const N = {
  FlateDecode: new Name('FlateDecode'),
  Page: new Name('Page'),
  Font: new Name('Font'),
};

export class PdfFile {
  private readonly objects: (Value | Stream | undefined)[] = [];

  /** A number for an object given later (set), or now. */
  register(obj?: Value | Stream): Ref {
    this.objects.push(obj);
    return new Ref(this.objects.length);
  }

  set(ref: Ref, obj: Value | Stream): void {
    this.objects[ref.n - 1] = obj;
  }

  /** The file: header, objects in number order, cross-reference table, trailer (Root, Info, ID). */
  bytes(trailer: { root: Ref; info: Ref; id: string }): Uint8Array {
    const chunks: (string | Uint8Array)[] = ['%PDF-1.7\n%\x81\x81\x81\x81\n\n'];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    const add = (c: string | Uint8Array) => {
      chunks.push(c);
      offset += c.length;
    };
    this.objects.forEach((obj, k) => {
      offsets.push(offset);
      let head = `${k + 1} 0 obj\n`;
      if (obj && typeof obj === 'object' && 'data' in obj) {
        const dict = new Dict();
        for (const [key, v] of obj.dict.entries) dict.set(key, v);
        dict.entries.delete('Length');
        dict.set('Length', obj.data.length);
        head += `${write(dict)}\nstream\n`;
        add(head);
        add(obj.data);
        add('\nendstream\nendobj\n\n');
      } else add(`${head}${write(obj as Value)}\nendobj\n\n`);
    });
    const xref = offset;
    let table = `xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) table += `${String(o).padStart(10, '0')} 00000 n \n`;
    const id = hexString(trailer.id);
    const dict = new Dict({ Size: this.objects.length + 1, Root: trailer.root, Info: trailer.info, ID: [id, id] });
    add(`${table}\ntrailer\n${write(dict)}\n\nstartxref\n${xref}\n%%EOF`);
    const out = Buffer.allocUnsafe(offset);
    let at = 0;
    for (const c of chunks) {
      if (typeof c === 'string') at += out.write(c, at, 'latin1');
      else {
        out.set(c, at);
        at += c.length;
      }
    }
    return out;
  }
}
