// `kehoach import`: an existing KẾ HOẠCH (Word or text) → a plan file that renders back to it.
//   readers/{docx,doc,text}.ts → source.ts (neutral intermediate) → recognise/*.ts → plan object
//   → verify.ts (every source word rendered?) → write-yaml.ts (or JSON)
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { decodeUtf8 } from '../reader/source.js';
import { fitTables } from './fit.js';
import { docToDocx } from './readers/doc.js';
import { readDocx } from './readers/docx.js';
import { readText } from './readers/text.js';
import { recognise } from './recognise/index.js';
import type { Noted, Obj } from './recognise/tree.js';
import type { ImportWarning, SourceDoc } from './source.js';
import { missingPassages } from './verify.js';

/** A warning with the plan path its comment goes to (when it concerns one field). */
export type Placed = ImportWarning;

export interface Imported {
  file: string;
  /** The tên loại found; undefined when none was. */
  type?: string;
  /** Not a KẾ HOẠCH: nothing to write. */
  notPlan?: boolean;
  plan?: Obj;
  warnings: Placed[];
}

export const IMPORT_EXTENSIONS = ['.docx', '.doc', '.txt', '.md'];

/** Reads any supported file into the neutral intermediate. */
export function readSourceDoc(file: string, env?: Record<string, string | undefined>): SourceDoc {
  const ext = extname(file).toLowerCase();
  if (ext === '.docx') return readDocx(readFileSync(file), file);
  if (ext === '.doc') return readDocx(docToDocx(file, env), file);
  return readText(decodeUtf8(readFileSync(file), file), file);
}

export function importDoc(doc: SourceDoc): Imported {
  const r = recognise(doc);
  if (r.notPlan || !r.plan) return { file: doc.file, type: r.type, notPlan: true, warnings: r.notes };
  // Only tables without widths from the source: a DOCX's grid is what its author printed.
  if (doc.format === 'text') fitTables(r.plan, r.notes);
  const warnings = r.notes.map((n) => place(n, r.plan!));
  const skipped = new Set(r.skipped);
  warnings.push(
    ...missingPassages(
      doc.blocks.filter((b) => !skipped.has(b)),
      r.plan,
    ),
  );
  return { file: doc.file, type: r.type, plan: r.plan, warnings };
}

export function importFile(file: string, env?: Record<string, string | undefined>): Imported {
  return importDoc(readSourceDoc(file, env));
}

/** A warning tied to a plan object gets that object's path (for its YAML comment). */
function place(n: Noted, plan: Obj): Placed {
  const { node, ...w } = n;
  if (!node || w.path) return w;
  const path = find(plan, node, []);
  return path ? { ...w, path } : w;
}

function find(at: unknown, node: object, path: (string | number)[]): (string | number)[] | undefined {
  if (at === node) return path;
  if (!at || typeof at !== 'object') return undefined;
  for (const [k, v] of Object.entries(at)) {
    const p = find(v, node, [...path, Array.isArray(at) ? Number(k) : k]);
    if (p) return p;
  }
  return undefined;
}
