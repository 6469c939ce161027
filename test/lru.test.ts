// The memos' eviction (src/util/lru.ts): what is used again stays, what is not goes first.
import { describe, expect, it } from 'vitest';
import { Lru } from '../src/util/lru.js';

describe('Lru', () => {
  it('forgets the least recently used entry, not the oldest one written', () => {
    const m = new Lru<string, number>(3);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('d', 4);
    expect(m.size).toBe(3);
    expect(m.get('b')).toBeUndefined();
    expect([m.get('a'), m.get('c'), m.get('d')]).toEqual([1, 3, 4]);
  });

  it('keeps entries used on every round however many others pass through (a batch row by row)', () => {
    const m = new Lru<string, number>(50);
    for (let row = 0; row < 1000; row++) {
      for (let k = 0; k < 40; k++) if (m.get(`shared ${k}`) === undefined) m.set(`shared ${k}`, k);
      m.set(`row ${row}`, row);
    }
    expect(m.size).toBe(50);
    for (let k = 0; k < 40; k++) expect(m.get(`shared ${k}`)).toBe(k);
    expect(m.get('row 0')).toBeUndefined();
  });
});
