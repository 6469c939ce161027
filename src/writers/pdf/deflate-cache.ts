// Deflated page contents kept by their digest. In a batch most pages come back unchanged from row
// to row (a row changes the first and the last page), and so do most pages of a live preview
// between two keystrokes; deflate is the largest cost of writing a PDF (~2.5 ms of ~6 ms for the
// 6-page example), and equal bytes deflate to equal bytes, so the output does not change.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** Compressed bytes held at most; pages are 2–8 KB deflated, so a few hundred pages. */
const LIMIT_BYTES = 4 * 1024 * 1024;

const cache = new Map<string, Uint8Array>();
let held = 0;

export function deflateCached(bytes: Uint8Array): Uint8Array {
  const key = createHash('sha1').update(bytes).digest('base64') + bytes.length;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest entry is dropped first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // A copy: zlib's result may be a view of a larger buffer, which the cache would keep alive.
  const out = new Uint8Array(deflateSync(bytes));
  cache.set(key, out);
  held += out.length;
  for (const [k, v] of cache) {
    if (held <= LIMIT_BYTES) break;
    cache.delete(k);
    held -= v.length;
  }
  return out;
}

/** Empties the cache (benchmarks measure a plan's first writing with it). */
export function clearDeflateCache(): void {
  cache.clear();
  held = 0;
}
