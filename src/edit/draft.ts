// The draft journal beside a plan: every edit the browser sends is written here at once, and the
// file is removed when the edit has been saved into the plan. A draft left behind (the editor
// killed, the machine down before the autosave) is offered back the next time the plan is opened.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { atomicWrite } from '../util/atomic-write.js';
import type { Json } from './plan-text.js';

export interface Draft {
  /** Always 1: the layout of this file. */
  draft: 1;
  /** The plan file it belongs to (its name; the draft sits beside it). */
  plan: string;
  /** SHA-256 of the plan file's text the edits started from. */
  baseHash: string;
  /** The plan's data as that text read, and with the edits. */
  base: Json;
  data: Json;
  /** When the last edit arrived (ISO). */
  savedAt: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `ke-hoach.yaml` → `.ke-hoach.yaml.nhap.json` in the same folder (nháp: draft). */
export function draftPath(planFile: string): string {
  return join(dirname(planFile), `.${basename(planFile)}.nhap.json`);
}

export function writeDraft(planFile: string, d: Omit<Draft, 'draft' | 'plan'>): void {
  atomicWrite(draftPath(planFile), JSON.stringify({ draft: 1, plan: basename(planFile), ...d }));
}

export function readDraft(planFile: string): Draft | undefined {
  try {
    const d = JSON.parse(readFileSync(draftPath(planFile), 'utf8')) as Draft;
    return d && d.draft === 1 && d.plan === basename(planFile) && d.data !== undefined ? d : undefined;
  } catch {
    return undefined;
  }
}

export function removeDraft(planFile: string): void {
  rmSync(draftPath(planFile), { force: true });
}
