// `kehoach check` on 30 documents typed in Word by clerks (test/fixtures/real-docx/), against what
// is really wrong with each (expected/NN.json, judged from their renderings, never from the
// checker's output; docs/CHECK.md). Scored over (document, rule) pairs: a reported pair not
// expected is a false alarm, an expected pair not reported a miss; undecided pairs count neither.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with scripts/check-score.mjs
import { score } from '../scripts/check-score.mjs';

interface Scored {
  docs: { file: string; failure?: string; expected: Map<string, unknown>; found: Map<string, { severity: string }> }[];
  perRule: Map<string, { tp: number; fp: number; fn: number }>;
  falseAlarms: { file: string; rule: string; message: string }[];
  misses: { file: string; rule: string; evidence: string }[];
  precision: number;
  recall: number;
}

const s = (await score()) as Scored;
const list = (xs: { file: string; rule: string; message?: string; evidence?: string }[]) =>
  xs.map((x) => `${x.file} [${x.rule}] ${x.message ?? x.evidence ?? ''}`).join('\n');

describe('kehoach check on real Word documents', () => {
  it('has the 30 documents, each with its expected findings', () => {
    expect(s.docs).toHaveLength(30);
    expect(s.docs.reduce((n, d) => n + d.expected.size, 0)).toBeGreaterThan(60);
  });

  it('reads every one without a crash or an unreadable-file report', () => {
    expect(s.docs.filter((d) => d.failure).map((d) => `${d.file}: ${d.failure}`)).toEqual([]);
  });

  it('precision ≥ 95 % (false alarms listed on failure)', () => {
    expect(s.precision, list(s.falseAlarms)).toBeGreaterThanOrEqual(0.95);
  });

  it('recall ≥ 90 % (misses listed on failure)', () => {
    expect(s.recall, list(s.misses)).toBeGreaterThanOrEqual(0.9);
  });

  it('reports each expected finding with the severity the judge gave it', () => {
    const wrong: string[] = [];
    for (const d of s.docs)
      for (const [rule, e] of d.expected) {
        const f = d.found.get(rule);
        const want = (e as { severity: string }).severity;
        if (f && f.severity !== want) wrong.push(`${d.file} [${rule}] ${f.severity} ≠ ${want}`);
      }
    // Grouped rules may mix severities (an error and a warning under one rule); allow a few.
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(3);
  });
});
