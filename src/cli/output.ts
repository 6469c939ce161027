// Console output for clerks: Vietnamese, no stack traces for expected problems.
import { formatDiagnostic, type Diagnostic } from '../reader/diagnostic.js';
import { describeError } from '../errors.js';

/** Exit codes (documented in README): */
export const EXIT = { ok: 0, inputError: 1, usage: 2, internal: 3 } as const;

export function printDiagnostics(diags: Diagnostic[]): void {
  for (const d of diags) console.error(formatDiagnostic(d));
}

/** Prints an error the clerk can act on; returns the exit code. */
export function reportError(e: unknown, file?: string): number {
  const d = describeError(e, file);
  printDiagnostics(d.diagnostics);
  if (d.stack && process.env.KEHOACH_DEBUG) console.error(d.stack);
  return d.kind === 'internal' ? EXIT.internal : EXIT.inputError;
}
