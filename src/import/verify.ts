// The safety net: every word of the source must come back when the plan is rendered. The plan's
// document model is built as `render` would build it and its words are matched, in order, with
// the source's; what is missing is reported with its place in the source, so no passage is ever
// dropped without a word.
import { keHoach } from '../doctypes/ke-hoach.js';
import type { Block, DocumentModel, Paragraph, Run } from '../model/document.js';
import { buildModel, templatesFor } from '../pipeline.js';
import { normalizeStrings } from '../reader/load.js';
import { Plan } from '../schema/plan.js';
import type { TemplateSet } from '../template/engine.js';
import { type ImportWarning, type SBlock, type SRun, allParas } from './source.js';

let templates: TemplateSet | undefined;

/** Words compared case-insensitively, without the punctuation around them ("(báo" = "báo"). */
const TOKEN = /[\p{L}\p{N}](?:[^\s\u00a0]*[\p{L}\p{N}])?/gu;
const words = (text: string): string[] => text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];

const runsWords = (runs: SRun[] | Run[]): string => runs.map((r) => r.text + (r.footnote ? ` ${runsWords(r.footnote)} ` : '')).join('');

/** Words of the model in reading order (header, title, body, closing, appendices). */
export function modelWords(m: DocumentModel): string[] {
  const out: string[] = [];
  const put = (s: string | undefined) => {
    if (s) for (const w of words(s)) out.push(w);
  };
  const para = (p: Paragraph) => put(`${p.marker ?? ''} ${runsWords(p.runs)}`);
  const blocks = (bs: Block[]) => {
    for (const b of bs)
      if (b.kind === 'paragraph') para(b);
      else if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) c.blocks.forEach(para);
  };
  const h = m.header;
  if (h) for (const s of [h.parent, h.agency, h.number, h.nationalTitle, h.motto, h.placeDate, h.urgency, h.confidentiality]) put(s);
  put(m.title.kind);
  for (const l of m.title.summary) put(runsWords(l));
  put(m.title.note);
  blocks(m.body);
  put(m.closing.recipients?.label);
  for (const s of [...(m.closing.recipients?.items ?? []), ...(m.closing.signature?.lines ?? [])]) put(s);
  put(m.closing.signature?.name);
  for (const a of m.appendices) {
    put(a.label);
    for (const l of a.title) put(runsWords(l));
    put(a.note);
    blocks(a.blocks);
  }
  return out;
}

/** Positions of each word in the rendering, for "the next occurrence at or after k". */
class Index {
  private readonly at = new Map<string, number[]>();
  constructor(words: string[]) {
    words.forEach((w, k) => {
      const list = this.at.get(w);
      if (list) list.push(k);
      else this.at.set(w, [k]);
    });
  }
  next(w: string, k: number): number {
    const list = this.at.get(w);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo] : -1;
  }
  all(w: string): number[] {
    return this.at.get(w) ?? [];
  }
}

/** Greedy in-order match of a paragraph's words from `from`, each within a short window. */
function matchFrom(ws: string[], have: Index, from: number): { hit: boolean[]; end: number; n: number } {
  const hit: boolean[] = [];
  let k = from;
  let n = 0;
  for (const w of ws) {
    const at = have.next(w, k);
    const ok = at >= 0 && at - k <= 60;
    hit.push(ok);
    if (ok) {
      k = at + 1;
      n++;
    }
  }
  return { hit, end: k, n };
}

/**
 * Source words the rendered plan lacks, as warnings. Each source paragraph is matched in order
 * where the last one ended, or, when that fails, wherever its first word occurs (the header
 * band's cells are read in another order than the model lists them).
 */
export function missingPassages(source: SBlock[], plan: object): ImportWarning[] {
  const parsed = Plan.safeParse(normalizeStrings(plan));
  if (!parsed.success) return [];
  templates ??= templatesFor(keHoach);
  const have = new Index(modelWords(buildModel(keHoach, parsed.data, templates)));
  const out: ImportWarning[] = [];
  let j = 0;
  for (const p of allParas(source)) {
    const ws = words(runsWords(p.runs));
    if (!ws.length) continue;
    let best = matchFrom(ws, have, j);
    for (const at of best.n < ws.length ? have.all(ws[0]).slice(0, 400) : []) {
      const m = matchFrom(ws, have, at);
      if (m.n > best.n) best = m;
      if (best.n === ws.length) break;
    }
    j = best.end;
    const missing = ws.filter((_, k) => !best.hit[k]);
    if (missing.length)
      out.push({
        message: `${missing.length} chữ của bản gốc không có trong kế hoạch khi in ra: "${missing.slice(0, 12).join(' ')}${missing.length > 12 ? ' …' : ''}".`,
        loc: p.loc,
      });
  }
  return out;
}
