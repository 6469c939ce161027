// Runs the built `kehoach` bin as a clerk would (tests of the CLI and the preview command).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve('bin/kehoach.js');
export const MINIMAL = resolve('examples/minimal.json');

export function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
