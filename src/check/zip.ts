// Reads a zip package (a DOCX) the careful way: the central directory first, then only the parts
// asked for, each inflated with a cap on its size and on the total. A DOCX from a stranger may be a
// zip bomb (small on disk, gigabytes inflated) or hold parts nobody reads; neither may cost more
// than the caps, whatever sizes its headers claim.
import { inflateRawSync } from 'node:zlib';

/** Caps for what one check may inflate, bytes (documented in docs/LIMITS.md). */
export const ZIP_LIMITS = {
  /** One part inflated: the body of a 300-page document is ~10 MB. */
  part: 32 << 20,
  /** Everything one file may inflate. */
  total: 96 << 20,
  /** Entries in the central directory: a DOCX has 10–40. */
  entries: 5000,
};

/** A package that is not a zip we can read, or that goes over the caps; the message is for the clerk. */
export class ZipError extends Error {}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

export class ZipPackage {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(private readonly buf: Uint8Array) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const eocd = findEocd(view);
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    if (count === 0xffff || at === 0xffffffff) throw new ZipError('gói zip64 (trên 4 GB hoặc 65.535 phần) không phải văn bản Word thông thường.');
    if (count > ZIP_LIMITS.entries) throw new ZipError(`gói có ${count} phần, quá giới hạn ${ZIP_LIMITS.entries}.`);
    const decoder = new TextDecoder();
    for (let k = 0; k < count; k++) {
      if (at + 46 > buf.length || view.getUint32(at, true) !== CDH) throw new ZipError('mục lục của gói zip bị hỏng.');
      const nameLen = view.getUint16(at + 28, true);
      const extraLen = view.getUint16(at + 30, true);
      const commentLen = view.getUint16(at + 32, true);
      const entry: Entry = {
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localOffset: view.getUint32(at + 42, true),
        name: decoder.decode(buf.subarray(at + 46, at + 46 + nameLen)),
      };
      this.entries.set(entry.name, entry);
      at += 46 + nameLen + extraLen + commentLen;
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of one part, within the caps (whatever its header claims). */
  read(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) throw new Error(`${name} is missing from the package`);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    if (e.localOffset + 30 > this.buf.length || view.getUint32(e.localOffset, true) !== LFH) throw new ZipError(`phần ${name} của gói zip bị hỏng.`);
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const data = this.buf.subarray(start, start + e.compressedSize);
    const room = Math.min(ZIP_LIMITS.part, ZIP_LIMITS.total - this.inflated);
    let out: Uint8Array;
    if (e.method === 0) {
      if (data.length > room) throw this.tooBig(name);
      out = data;
    } else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: room });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw this.tooBig(name);
        throw new ZipError(`phần ${name} không giải nén được.`);
      }
    } else throw new ZipError(`phần ${name} nén theo cách không hỗ trợ (${e.method}).`);
    this.inflated += out.length;
    return out;
  }

  private tooBig(name: string): ZipError {
    const mb = (n: number) => Math.round(n / (1 << 20));
    return new ZipError(
      `phần ${name} quá lớn khi giải nén (giới hạn ${mb(ZIP_LIMITS.part)} MB mỗi phần, ${mb(ZIP_LIMITS.total)} MB cả tệp): tệp có thể bị hỏng hoặc cố ý làm đầy bộ nhớ.`,
    );
  }
}

/** The end-of-central-directory record: in the last 64 KiB + 22 bytes (after an optional comment). */
function findEocd(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new ZipError('tệp không phải văn bản Word (.docx): không giải nén được.');
}
