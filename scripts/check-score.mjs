#!/usr/bin/env node
// Scores `kehoach check` on the real Word documents (test/fixtures/real-docx/) against their
// expected findings (expected/NN.json, judged from the renderings): precision and recall over
// (document, rule) pairs, per rule and overall. Needs `npm run build`.
//   node scripts/check-score.mjs [-v]     -v lists every false alarm and miss with the messages
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const dir = join(root, 'test/fixtures/real-docx');

/** Per document: expected pairs, undecided rules, and what the checker reported. */
export async function score() {
  const { checkFile } = await import(join(root, 'dist/cli/commands/check.js'));
  const docs = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.docx'))
    .sort()) {
    const exp = join(dir, 'expected', `${f.slice(0, 2)}.json`);
    if (!existsSync(exp)) continue;
    const e = JSON.parse(readFileSync(exp, 'utf8'));
    const t = performance.now();
    const r = checkFile(join(dir, f));
    const ms = performance.now() - t;
    docs.push({
      file: f,
      ms,
      type: r.type,
      expected: new Map(e.findings.map((x) => [x.rule, x])),
      undecided: new Set((e.undecided ?? []).map((x) => x.rule)),
      found: new Map(r.findings.map((x) => [x.rule, x])),
      failure: r.failure,
    });
  }
  const perRule = new Map();
  const bump = (rule, k) => {
    const v = perRule.get(rule) ?? { tp: 0, fp: 0, fn: 0 };
    v[k]++;
    perRule.set(rule, v);
  };
  const falseAlarms = [];
  const misses = [];
  for (const d of docs) {
    for (const [rule, f] of d.found) {
      if (d.expected.has(rule)) bump(rule, 'tp');
      else if (!d.undecided.has(rule)) {
        bump(rule, 'fp');
        falseAlarms.push({ file: d.file, rule, message: f.message, where: f.where });
      }
    }
    for (const [rule, e] of d.expected)
      if (!d.found.has(rule)) {
        bump(rule, 'fn');
        misses.push({ file: d.file, rule, evidence: e.evidence });
      }
  }
  const sum = (k) => [...perRule.values()].reduce((a, v) => a + v[k], 0);
  const tp = sum('tp');
  return { docs, perRule, falseAlarms, misses, precision: tp / (tp + sum('fp') || 1), recall: tp / (tp + sum('fn') || 1) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await score();
  const rows = [...s.perRule].sort().map(([rule, v]) => ({
    rule,
    tp: v.tp,
    'false alarms': v.fp,
    misses: v.fn,
    precision: v.tp + v.fp ? `${Math.round((100 * v.tp) / (v.tp + v.fp))} %` : '—',
    recall: v.tp + v.fn ? `${Math.round((100 * v.tp) / (v.tp + v.fn))} %` : '—',
  }));
  console.table(rows);
  console.log(
    `${s.docs.length} documents; precision ${(s.precision * 100).toFixed(1)} %, recall ${(s.recall * 100).toFixed(1)} %; slowest ${Math.max(...s.docs.map((d) => d.ms)).toFixed(0)} ms`,
  );
  if (process.argv.includes('-v')) {
    for (const f of s.falseAlarms) console.log(`FALSE ALARM ${f.file} [${f.rule}] ${f.where ?? ''}: ${f.message}`);
    for (const m of s.misses) console.log(`MISS ${m.file} [${m.rule}]: ${m.evidence}`);
  }
}
