// Console output for clerks: Vietnamese, no stack traces for expected problems.
import { formatDiagnostic, type Diagnostic } from '../reader/diagnostic.js';
import { describeError } from '../errors.js';
import type { Cli } from './io.js';

import { EXIT } from './exit.js';

export { EXIT };

export function printDiagnostics(cli: Cli, diags: Diagnostic[]): void {
  for (const d of diags) cli.err(formatDiagnostic(d));
}

/** Prints an error the clerk can act on; returns the exit code. */
export function reportError(cli: Cli, e: unknown, file?: string): number {
  const d = describeError(e, file);
  printDiagnostics(cli, d.diagnostics);
  if (d.stack && cli.env.KEHOACH_DEBUG) cli.err(d.stack);
  return d.kind === 'internal' ? EXIT.internal : EXIT.inputError;
}
