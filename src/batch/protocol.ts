// Messages between the batch coordinator and its worker threads.
import type { Diagnostic } from '../reader/diagnostic.js';
import type { Format } from '../writers/index.js';

export interface WorkerInit {
  template?: string;
  /** Folder of four TrueType faces to use instead of Tinos (render --fonts). */
  fontDir?: string;
  /** The CommonJS bundle of the worker to run through its code cache (see pool.ts). */
  bundle?: string;
  /** Answer { makeCache: true } with { cache } (the build makes the code cache so). */
  makeCache?: boolean;
}

export interface WorkerTask {
  id: number;
  /** The merged plan, not yet validated. */
  plan: unknown;
  /** Extra template context (province). */
  extra: Record<string, unknown>;
  /** Absolute output paths, one per format. */
  outputs: { format: Format; path: string }[];
}

/**
 * May the worker write this task's files? Sent once the row's journal record is on the disk
 * (ok) or when the row must not be written after all (the run stopped, the journal failed).
 * The worker renders meanwhile and waits for it only before writing.
 */
export interface WriteGate {
  go: number;
  ok: boolean;
}

export interface WrittenFile {
  format: Format;
  path: string;
  sha256: string;
  bytes: number;
}

export type TaskResult =
  | { id: number; ok: true; files: WrittenFile[]; warnings: Diagnostic[] }
  | {
      id: number;
      ok: false;
      kind: 'input' | 'template' | 'output' | 'internal' | 'cancelled';
      diagnostics: Diagnostic[];
      stack?: string;
      /** The file-system error code of an output failure (ENOSPC stops the run). */
      errno?: string;
    };
