// Benchmark of `kehoach batch` (npm run bench:batch): the 34-province run, and 100- and
// 1,000-row runs, each in DOCX only and in every available format. It runs the real CLI
// (bin/kehoach.js, compiled dist/) as a clerk would, and samples the peak RSS of the whole
// process tree from /proc (worker threads share their process's RSS).
//
// Target (issue 5): 1,000 plans, DOCX + PDF, 3 pages each, in ≤ 15 s on 2 cores, peak RSS ≤ 400 MB.
// Target (issue 16): 34 provinces DOCX + PDF ≤ 1.2 s; 1,000 rows DOCX + PDF ≤ 6 s, peak RSS
// ≤ 300 MB and flat in the row count (compare --rows 100,1000,3000). On a shared machine,
// compare two builds by running them alternately, not against numbers taken at another time.
//
// Reported per case: the best wall time, plans per second, the least CPU (every thread; less
// sensitive than wall time to what else the machine runs) and the peak RSS.
// Options: --repeat N (default 3; the best wall time is reported), --rows 100,1000,
//          --formats docx|all|both (default both), --json (machine-readable output),
//          --floor: after each run of N rows in every format, the same rows through
//          bench/batch-floor.mjs (the pipeline and its durable writes on as many threads, with
//          none of the batch's bookkeeping), so each pair shares the machine's speed of the moment.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Compiled to .scratch-bench/batch.js: the repository is one folder up, as from bench/.
const REPO = resolve(import.meta.dirname, '..');
const BIN = join(REPO, 'bin', 'kehoach.js');
/** A 3-page provincial plan (Sở Y tế Lào Cai, 2017). */
const BASE = join(REPO, 'examples', 'lao-cai-2017-truyen-thong-thi-dua.json');

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] ? process.argv[k + 1] : fallback;
}
const REPEAT = Number(arg('repeat', '3'));
const ROW_COUNTS = arg('rows', '100,1000').split(',').map(Number);
const FORMATS = arg('formats', 'both');
const JSON_OUT = process.argv.includes('--json');
const FLOOR = process.argv.includes('--floor');
const FLOOR_SCRIPT = join(REPO, 'bench', 'batch-floor.mjs');

/** Resident set of a process tree in kB: the process and its descendants (VmHWM = peak). */
function treeKb(root: number, field: 'VmHWM' | 'VmRSS'): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(name));
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * CPU seconds (user + system) of this process's children that have ended: fields 16 and 17 of
 * /proc/self/stat, in clock ticks (100 a second on Linux). Less sensitive than wall time to a
 * shared machine's load, though contention still inflates it.
 */
function childrenCpuS(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

interface RunResult {
  wallMs: number;
  /** CPU of the whole run, every thread. */
  cpuS: number;
  peakMb: number;
  code: number | null;
  summary: string;
}

function runCli(args: string[], script = BIN): Promise<RunResult> {
  return new Promise((done) => {
    const started = performance.now();
    const cpuBefore = childrenCpuS();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let peakKb = 0;
    const sample = () => {
      // VmHWM is the process's own high-water mark, so sparse sampling still sees the peak. Every
      // 100 ms: walking /proc every 25 ms took a share of the CPU the run was measured on.
      peakKb = Math.max(peakKb, treeKb(child.pid!, 'VmHWM'));
    };
    const timer = setInterval(sample, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      // The child is reaped before 'exit' is emitted, so its CPU is in this process's cutime now.
      const cpuS = childrenCpuS() - cpuBefore;
      done({ wallMs: performance.now() - started, cpuS, peakMb: peakKb / 1024, code, summary: out.trim().split('\n').pop() ?? '' });
    });
  });
}

interface Case {
  label: string;
  plans: number;
  args: (out: string) => string[];
  /** The floor's arguments for the same rows (--floor). */
  floor?: (out: string) => string[];
}

const work = mkdtempSync(join(tmpdir(), 'kehoach-bench-batch-'));

function rowsFile(n: number): string {
  const file = join(work, `rows-${n}.jsonl`);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    lines.push(JSON.stringify({ slug: `don-vi-${i}`, number: i, 'issuer.name': `Trung tâm Y tế số ${i}`, 'signer.name': `Nguyễn Văn ${i}` }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const formatSets: { name: string; flag: string[] }[] = [];
if (FORMATS === 'docx' || FORMATS === 'both') formatSets.push({ name: 'DOCX', flag: ['--format', 'docx'] });
if (FORMATS === 'all' || FORMATS === 'both') formatSets.push({ name: 'tất cả định dạng (mặc định)', flag: [] });

const cases: Case[] = [];
for (const f of formatSets) {
  cases.push({ label: `34 tỉnh, ${f.name}`, plans: 34, args: (o) => ['batch', BASE, '--provinces', '-o', o, '--force', '-q', ...f.flag] });
  for (const n of ROW_COUNTS) {
    const rows = rowsFile(n);
    const floor = FLOOR && !f.flag.length ? (o: string) => [BASE, rows, o] : undefined;
    cases.push({ label: `${n} dòng, ${f.name}`, plans: n, args: (o) => ['batch', BASE, '--rows', rows, '-o', o, '--force', '-q', ...f.flag], floor });
  }
}

const results: { label: string; plans: number; bestWallS: number; plansPerS: number; cpuS: number; peakRssMb: number; runs: RunResult[] }[] = [];
if (!JSON_OUT)
  console.log(`kehoach batch — ${availableParallelism()} nhân CPU, tốt nhất trong ${REPEAT} lần chạy; kế hoạch gốc ${BASE.slice(REPO.length + 1)}`);
function summarize(label: string, plans: number, runs: RunResult[]) {
  const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const row = {
    label,
    plans,
    bestWallS: best.wallMs / 1000,
    plansPerS: (plans * 1000) / best.wallMs,
    // The least CPU over the runs, as the best wall time.
    cpuS: Math.min(...runs.map((r) => r.cpuS)),
    peakRssMb: Math.max(...runs.map((r) => r.peakMb)),
    runs,
  };
  results.push(row);
  if (!JSON_OUT)
    console.log(
      `${label.padEnd(38)} ${row.bestWallS.toFixed(2).padStart(7)} s  ${row.plansPerS.toFixed(1).padStart(6)} kế hoạch/s  CPU ${row.cpuS.toFixed(2).padStart(6)} s  RSS đỉnh ${row.peakRssMb.toFixed(0).padStart(4)} MB  (các lần: ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} s)`,
    );
}

for (const c of cases) {
  const runs: RunResult[] = [];
  const floorRuns: RunResult[] = [];
  for (let k = 0; k < REPEAT; k++) {
    const out = join(work, 'out');
    rmSync(out, { recursive: true, force: true });
    const r = await runCli(c.args(out));
    if (r.code !== 0) throw new Error(`${c.label}: exit ${r.code}: ${r.summary}`);
    runs.push(r);
    if (!c.floor) continue;
    rmSync(out, { recursive: true, force: true });
    const f = await runCli(c.floor(out), FLOOR_SCRIPT);
    if (f.code !== 0) throw new Error(`${c.label}, floor: exit ${f.code}: ${f.summary}`);
    floorRuns.push(f);
  }
  summarize(c.label, c.plans, runs);
  if (!floorRuns.length) continue;
  summarize(`  sàn, ${c.plans} dòng (không nhật ký, bảng kê)`, c.plans, floorRuns);
  if (!JSON_OUT) {
    const ratios = runs.map((r, k) => r.wallMs / floorRuns[k].wallMs);
    console.log(`  batch / sàn, từng cặp: ${ratios.map((x) => x.toFixed(2)).join(', ')}`);
  }
}
rmSync(work, { recursive: true, force: true });
if (JSON_OUT)
  console.log(
    JSON.stringify(
      results.map(({ runs: _r, ...rest }) => rest),
      null,
      2,
    ),
  );
