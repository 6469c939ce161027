// What a CLI run reads from and writes to. The bin passes the process's own streams, working
// directory, environment and signals; tests (and any program embedding kehoach) pass their
// own, so a run can happen in-process without touching the process's state.

/** Where output goes: process.stdout / process.stderr, or anything with `write`. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  hasColors?(): boolean;
}

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Where Ctrl-C comes from: `process`, or an EventEmitter a caller can emit 'SIGINT' on. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  /** Relative paths in arguments are relative to this folder. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** SIGINT/SIGTERM/SIGHUP stop `batch` (cleanly, then at once); SIGINT/SIGTERM stop `preview`. */
  signals: SignalSource;
}

/** A run's context, handed to every command. */
export interface Cli extends CliIO {
  /** A line on stdout (as console.log). */
  out(line: string): void;
  /** A line on stderr (as console.error). */
  err(line: string): void;
  /** The exit code the run ends with. */
  exitCode: number;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, signals: process };
}

export function cliContext(io: Partial<CliIO> = {}): Cli {
  const full = { ...processIO(), ...io };
  return {
    ...full,
    out: (line) => void full.stdout.write(`${line}\n`),
    err: (line) => void full.stderr.write(`${line}\n`),
    exitCode: 0,
  };
}
