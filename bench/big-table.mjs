#!/usr/bin/env node
// Memory and time of big tables (issue 12): peak RSS and wall time of the built CLI, each run in
// a process of its own, as a clerk runs it. Not a test: numbers to read (docs/LIMITS.md).
//   npx tsc -p . && node bench/big-table.mjs
//
// Before the limits a 3,000 × 12 table took 849 MB to render and a batch worker (256 MB heap)
// ran out of memory on it. It is now over the schema's limits (1,000 rows, 3,000 cells a table)
// and must be refused quickly; the largest tables allowed must render, and in batch too.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'kehoach.js');
const MARK = '@@bench-max-rss-kb ';

/** The minimal example with one table: a header row and `rows` rows of `cols` cells of about `chars` characters. */
function tablePlan(rows, cols, chars) {
  const plan = JSON.parse(readFileSync(join(root, 'examples', 'minimal.json'), 'utf8'));
  delete plan.$schema;
  const words = 'nội dung của ô bảng '.repeat(Math.ceil(chars / 20));
  const cell = (r, c) => `Ô ${r + 1}.${c + 1} ${words}`.slice(0, chars).trim();
  plan.content = {
    blocks: [
      {
        table: {
          header: Array.from({ length: cols }, (_, c) => `Cột ${c + 1}`),
          rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c))),
        },
      },
    ],
  };
  return plan;
}

/** `kehoach <args>` in a child process: exit code, wall time, peak RSS, what it said. */
function kehoach(args) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const rss = Number(new RegExp(`${MARK}(\\d+)`).exec(err)?.[1] ?? Number.NaN);
      done({ code, seconds: (performance.now() - started) / 1000, rssMb: rss / 1024, out, err: err.replace(new RegExp(`\\n?${MARK}\\d+\\n`), '') });
    });
  });
}

const firstError = (text) => (/^Lỗi.*$/m.exec(text)?.[0] ?? '').slice(0, 160);

function outputs(dir) {
  if (!existsSync(dir)) return 'nothing written';
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.(docx|pdf)$/.test(f));
  return files.map((f) => `${f} ${Math.round(statSync(join(dir, f)).size / 1024)} KB`).join(', ') || 'nothing written';
}

async function main() {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    console.error('Build first: npx tsc -p .');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-big-table-'));
  const scenarios = [
    // The finding: 3,000 rows of 12 short cells (849 MB to render; batch ran out of memory).
    { name: '3,000 × 12 (over the limits)', rows: 3000, cols: 12, chars: 9, command: 'render' },
    // The largest allowed: 3,000 cells (header row included), text up to the 300,000 characters.
    { name: '999 × 3 (most rows at the cell limit)', rows: 999, cols: 3, chars: 95, command: 'render' },
    { name: '99 × 30 (most columns, text to the limit)', rows: 99, cols: 30, chars: 95, command: 'render' },
    { name: '99 × 30, batch of 2 (one 256 MB worker)', rows: 99, cols: 30, chars: 95, command: 'batch' },
  ];
  console.log(`node ${process.version}, ${process.platform}; each run in its own process (peak RSS of that process)`);
  console.log(`${'table (rows × columns, plus a header row)'.padEnd(44)} ${'exit'.padStart(4)} ${'wall'.padStart(8)} ${'peak RSS'.padStart(9)}  result`);
  try {
    for (const [k, s] of scenarios.entries()) {
      const plan = join(dir, `table-${k}.json`);
      writeFileSync(plan, JSON.stringify(tablePlan(s.rows, s.cols, s.chars)));
      const out = join(dir, `out-${k}`);
      let args = ['render', plan, '-o', out, '-q'];
      if (s.command === 'batch') {
        const rows = join(dir, 'don-vi.csv');
        writeFileSync(rows, 'slug,place\na,Lào Cai\nb,Lào Cai\n');
        args = ['batch', plan, '--rows', rows, '-o', out, '-j', '1', '-q'];
      }
      const r = await kehoach(args);
      const result = r.code === 0 ? outputs(out) : firstError(r.err) || r.err.trim().split('\n').pop();
      console.log(`${s.name.padEnd(44)} ${String(r.code).padStart(4)} ${r.seconds.toFixed(2).padStart(6)} s ${r.rssMb.toFixed(0).padStart(6)} MB  ${result}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Child: run the bin in this process and report its peak RSS on exit.
if (process.argv[2] === '--child') {
  process.on('exit', () => process.stderr.write(`\n${MARK}${process.resourceUsage().maxRSS}\n`));
  process.argv = [process.argv[0], bin, ...process.argv.slice(3)];
  await import(bin);
} else await main();
