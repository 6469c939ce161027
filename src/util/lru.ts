// A map that forgets its least recently used entries beyond a fixed count: the memos of texts and
// lines that make a batch row or a preview keystroke cheap. Entries every row uses stay; those of
// one row age out, so the memory held stops growing after the first few hundred rows.
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Most recently used last: the first entry is the one to forget.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): V {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
