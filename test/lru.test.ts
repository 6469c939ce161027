// The memos' eviction (src/util/lru.ts): what is used again stays, what is not goes, and the
// memo never holds more than its limit.
import { describe, expect, it } from 'vitest';
import { Lru } from '../src/util/lru.js';

describe('Lru', () => {
  it('keeps entries used on every round however many others pass through (a batch row by row)', () => {
    const m = new Lru<string, number>(100);
    let most = 0;
    for (let row = 0; row < 1000; row++) {
      for (let k = 0; k < 40; k++) if (m.get(`shared ${k}`) === undefined) m.set(`shared ${k}`, k);
      m.set(`row ${row}`, row);
      most = Math.max(most, m.size);
    }
    expect(most).toBeLessThanOrEqual(100);
    for (let k = 0; k < 40; k++) expect(m.get(`shared ${k}`)).toBe(k);
    // One row's own entry is gone once `limit` others came after it.
    expect(m.get('row 0')).toBeUndefined();
    expect(m.get('row 999')).toBe(999);
  });

  it('forgets an entry unused while `limit` others are written, keeps one used meanwhile', () => {
    const m = new Lru<string, number>(10);
    m.set('kept', 1);
    m.set('dropped', 2);
    for (let k = 0; k < 10; k++) {
      m.set(`x${k}`, k);
      expect(m.get('kept')).toBe(1);
    }
    expect(m.get('dropped')).toBeUndefined();
    expect(m.size).toBeLessThanOrEqual(10);
  });

  it('replaces a value written again, without keeping the old one', () => {
    const m = new Lru<string, number>(10);
    m.set('a', 1);
    for (let k = 0; k < 4; k++) m.set(`x${k}`, k); // 'a' now in the older generation
    m.set('a', 2);
    expect(m.get('a')).toBe(2);
    for (let k = 0; k < 4; k++) m.set(`y${k}`, k);
    expect(m.get('a')).toBe(2);
  });

  it('remembers: makes a value once while it is kept', () => {
    const m = new Lru<string, number>(10);
    let made = 0;
    const make = () => ++made;
    expect([m.remember('a', make), m.remember('a', make)]).toEqual([1, 1]);
    expect(made).toBe(1);
  });
});
