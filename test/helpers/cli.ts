// Runs `kehoach` as a clerk would, for the CLI, batch and preview tests.
//
// `run` calls the CLI in this process (runCli from src/cli/main.ts): same arguments, same
// output, same exit code as the bin, without paying ~0.6 s of module loading per call.
// `runSpawned` starts the real bin (bin/kehoach.js → dist/, built by `npm test`'s pretest)
// for what only a process shows: the bin's exit codes, signals, closed pipes.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { afterAll } from 'vitest';
import { keepWorkerPool } from '../../src/batch/run.js';
import { runCli } from '../../src/cli/main.js';

// Batch runs in this process share their worker threads while the templates and fonts they
// loaded are unchanged, instead of loading them anew (~1 s per thread) for every run.
await keepWorkerPool(true);
afterAll(() => keepWorkerPool(false));

export const BIN = resolve('bin/kehoach.js');
export const MINIMAL = resolve('examples/minimal.json');

export interface RunResult {
  /** Exit code (null: the spawned process was killed by a signal). */
  code: number | null;
  out: string;
  err: string;
}

/** Collects what a run writes; not a terminal, as with a spawned bin's pipes. */
class Capture {
  text = '';
  readonly isTTY = false;
  constructor(private readonly onWrite?: (text: string) => void) {}
  write(chunk: string): boolean {
    this.text += chunk;
    this.onWrite?.(this.text);
    return true;
  }
}

/** Process-wide state an in-process run could leave behind. */
const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning'] as const;

interface ProcessState {
  cwd: string;
  exitCode: typeof process.exitCode;
  env: NodeJS.ProcessEnv;
  listeners: Map<string, unknown[]>;
  streamListeners: unknown[][];
}

function snapshot(): ProcessState {
  return {
    cwd: process.cwd(),
    exitCode: process.exitCode,
    env: { ...process.env },
    listeners: new Map(PROCESS_EVENTS.map((e) => [e, process.listeners(e as 'exit')])),
    streamListeners: [process.stdout.listeners('error'), process.stderr.listeners('error')],
  };
}

/** Puts the process back as it was; returns what had changed (empty: nothing). */
function restore(before: ProcessState): string[] {
  const changed: string[] = [];
  if (process.cwd() !== before.cwd) {
    changed.push(`cwd ${process.cwd()}`);
    process.chdir(before.cwd);
  }
  if (process.exitCode !== before.exitCode) {
    changed.push(`process.exitCode ${process.exitCode}`);
    process.exitCode = before.exitCode;
  }
  for (const key of new Set([...Object.keys(process.env), ...Object.keys(before.env)])) {
    if (process.env[key] === before.env[key]) continue;
    changed.push(`env ${key}`);
    if (before.env[key] === undefined) delete process.env[key];
    else process.env[key] = before.env[key];
  }
  const drop = (emitter: NodeJS.EventEmitter, event: string, had: unknown[]) => {
    for (const l of emitter.listeners(event)) {
      if (had.includes(l)) continue;
      // A kept worker thread's stdout/stderr piped into the process's (Readable#pipe's handler).
      if (emitter !== process && l.name === 'onerror') continue;
      changed.push(`a '${event}' listener`);
      emitter.off(event, l as (...args: unknown[]) => void);
    }
  };
  for (const [event, had] of before.listeners) drop(process, event, had);
  drop(process.stdout, 'error', before.streamListeners[0]);
  drop(process.stderr, 'error', before.streamListeners[1]);
  return changed;
}

export interface RunOptions {
  /** Emit 'SIGINT' / 'SIGTERM' on it to stop a batch or a preview (default: a fresh one). */
  signals?: EventEmitter;
  /** Extra environment variables for this run. */
  env?: Record<string, string | undefined>;
  /** Called after each write to stdout with everything written so far. */
  onStdout?: (text: string) => void;
}

/**
 * `kehoach <args>` in this process, with `cwd` as its working directory. Output is captured;
 * the process's working directory, exit code, environment and listeners are as before
 * afterwards, and a run that changed them fails (so no test can depend on what another left).
 */
export async function run(args: string[], cwd = process.cwd(), opts: RunOptions = {}): Promise<RunResult> {
  const before = snapshot();
  const stdout = new Capture(opts.onStdout);
  const stderr = new Capture();
  let leftBehind: string[] = [];
  let code: number;
  try {
    code = await runCli(args, { stdout, stderr, cwd, env: { ...process.env, ...opts.env }, signals: opts.signals ?? new EventEmitter() });
  } finally {
    leftBehind = restore(before);
  }
  if (leftBehind.length) throw new Error(`kehoach ${args.join(' ')} left process state behind: ${leftBehind.join(', ')}`);
  return { code, out: stdout.text, err: stderr.text };
}

/** `node bin/kehoach.js <args>` in a process of its own (several can run at once). */
export function runSpawned(args: string[], cwd = process.cwd(), opts: { timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: opts.env ?? process.env,
      timeout: opts.timeout ?? 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}
