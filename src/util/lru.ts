// A map that forgets entries not used for a while, holding at most `limit`: the memos of texts and
// lines that make a batch row or a preview keystroke cheap. Entries every row uses stay; those of
// one row age out, so the memory held stops growing after the first few hundred rows.
// Two generations rather than a strict LRU order: a hit in the recent one is a single lookup
// (moving every hit to the end of one Map cost three full compares of a paragraph-long key, ~0.4 ms
// a batch row); an entry found in the older one moves up, and the older one is dropped whole when
// the recent one fills.
export class Lru<K, V> {
  private recent = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.add(key, old);
    }
    return old;
  }

  /** The value of `key`, made by `make` (and kept) when there is none: the memos' one call. */
  remember(key: K, make: () => V): V {
    const value = this.get(key);
    return value !== undefined ? value : this.set(key, make());
  }

  set(key: K, value: V): V {
    this.older.delete(key);
    this.add(key, value);
    return value;
  }

  private add(key: K, value: V): void {
    this.recent.set(key, value);
    if (this.recent.size >= Math.max(1, this.limit >> 1)) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
  }
}
