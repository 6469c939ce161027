// The document cut into the parts a clerk sees, in order: header band, tên loại, trích yếu (and
// the "(Kèm theo …)" caption of a plan issued with a Quyết định), body, closing (nơi nhận beside
// the signature), appendices. Found from the text of top-level paragraphs and tables.
import { RE } from '../../check/locate.js';
import { allParas, paraText, type SBlock, type SPara, type STable } from '../source.js';

export interface Zones {
  /** The document type's tên loại as found ("KẾ HOẠCH", "QUYẾT ĐỊNH"), or undefined. */
  type?: string;
  /** A KẾ HOẠCH attached to a Quyết định (the wrapper's blocks are in `wrapper`). */
  attached: boolean;
  wrapper: SBlock[];
  header: SBlock[];
  kind?: SPara;
  title: SPara[];
  caption?: SPara;
  body: SBlock[];
  closing: SBlock[];
  appendices: AppendixZone[];
}

export interface AppendixZone {
  blocks: SBlock[];
  /** The section it starts is landscape. */
  landscape: boolean;
}

const text = (b: SBlock) => (b.kind === 'p' ? paraText(b) : '');
const isKind = (b: SBlock) => b.kind === 'p' && RE.kind.test(text(b).replace(/^V\/v\s.*/u, ''));
const CAPTION = /^\(?\s*(?:Ban hành\s+)?kèm theo\b/iu;
const BODY_START = /^(Căn cứ|Thực hiện|Theo|Xét|Trên cơ sở|Kính gửi|[IVX]+\.\s|\d+\.\s)/u;
const APPENDIX = /^(PHỤ LỤC|Phụ lục|MẪU BIỂU|Mẫu biểu)(\s|$)/u;
const AUTHORITY = /^(TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\p{Lu}/u;

/** Whether a block (paragraph or table) holds the "Nơi nhận" label. */
const hasRecipients = (b: SBlock) => (b.kind === 'p' ? [b] : b.kind === 'table' ? allParas([b]) : []).some((p) => /^Nơi\s*nhận\b/iu.test(paraText(p)));
const hasAuthority = (b: SBlock) => (b.kind === 'p' ? [b] : b.kind === 'table' ? allParas([b]) : []).some((p) => AUTHORITY.test(paraText(p)));

export function zones(blocks: SBlock[], boxes: SPara[] = []): Zones {
  const z: Zones = { attached: false, wrapper: [], header: [], title: [], body: [], closing: [], appendices: [] };
  let k = blocks.slice(0, 80).findIndex(isKind);
  if (k < 0) {
    // A công văn has no tên loại: its "V/v …" line (in the header band or under it) names it.
    if ([...allParas(blocks.slice(0, 40)), ...boxes].some((p) => RE.vv.test(paraText(p)))) z.type = 'CÔNG VĂN';
    return z;
  }
  z.type = text(blocks[k]);
  if (!/^KẾ HOẠCH/u.test(z.type)) {
    // A Quyết định that issues a KẾ HOẠCH: the plan starts at its own tên loại and caption.
    const plan = blocks.findIndex(
      (b, j) => j > k && b.kind === 'p' && /^KẾ HOẠCH$/u.test(text(b)) && blocks.slice(j + 1, j + 6).some((c) => CAPTION.test(text(c))),
    );
    if (plan < 0) return z;
    z.attached = true;
    z.header = blocks.slice(0, k);
    z.wrapper = blocks.slice(k, plan);
    k = plan;
  } else z.header = blocks.slice(0, k);
  z.kind = blocks[k] as SPara;
  let i = k + 1;
  for (; i < blocks.length && z.title.length < 4; i++) {
    const b = blocks[i];
    if (b.kind !== 'p') break;
    const t = text(b);
    if (!t) continue;
    if (CAPTION.test(t) || BODY_START.test(t) || t.length > 400) break;
    // Further lines of the trích yếu look like the first: centred in a DOCX, capitals or bold in text.
    if (z.title.length && !sameTitleLine(z.title[0], b)) break;
    z.title.push(b);
  }
  if (i < blocks.length && CAPTION.test(text(blocks[i]))) z.caption = blocks[i++] as SPara;
  // A plan that starts with its tên loại and "(Kèm theo Quyết định …)" was issued with one (our own DOCX of such a plan).
  if (z.caption && /Quyết định/iu.test(text(z.caption))) z.attached = true;
  const rest = blocks.slice(i);
  const end = closingStart(rest);
  z.body = rest.slice(0, end);
  const after = rest.slice(end);
  const app = after.findIndex((_b, j) => j > 0 && isAppendixStart(after, j));
  z.closing = app < 0 ? after : after.slice(0, app);
  if (app >= 0) z.appendices = splitAppendices(after, app);
  return z;
}

function sameTitleLine(first: SPara, p: SPara): boolean {
  if (first.align || p.align) return first.align === p.align;
  const caps = (s: string) => s === s.toLocaleUpperCase('vi-VN');
  return caps(paraText(first)) === caps(paraText(p)) && !p.runs.some((r) => r.italic);
}

/** The nơi nhận block, or else the first signature authority line after the body. */
function closingStart(rest: SBlock[]): number {
  const r = rest.findIndex(hasRecipients);
  if (r >= 0) return r;
  const a = rest.findIndex((b) => hasAuthority(b) && (b.kind === 'table' || (b.kind === 'p' && paraText(b).length < 60)));
  if (a >= 0) return a;
  const app = rest.findIndex((_, j) => isAppendixStart(rest, j));
  return app >= 0 ? app : rest.length;
}

/**
 * An appendix starts at its label ("PHỤ LỤC I", "Mẫu biểu số 01"), or at a title in capitals right
 * above a "(Kèm theo Kế hoạch …)" line, or after a section break.
 */
function isAppendixStart(list: SBlock[], j: number): boolean {
  const b = list[j];
  if (b.kind === 'break') return false;
  const t = text(b);
  if (APPENDIX.test(t) && t.length < 200) return true;
  const prev = list[j - 1];
  if (prev?.kind === 'break' && prev.section) return true;
  const caps = t.length > 10 && t === t.toLocaleUpperCase('vi-VN');
  return caps && list.slice(j + 1, j + 4).some((c) => /^\(?\s*kèm theo\b/iu.test(text(c))) && !(prev && prev.kind === 'p' && APPENDIX.test(text(prev)));
}

function splitAppendices(list: SBlock[], from: number): AppendixZone[] {
  const out: AppendixZone[] = [];
  for (let j = from; j < list.length; j++) {
    const b = list[j];
    if (j === from || (isAppendixStart(list, j) && out[out.length - 1].blocks.some((x) => x.kind !== 'break' && text(x)))) {
      // The section break before an appendix says how its pages stand.
      let k = j - 1;
      while (k >= 0 && list[k].kind === 'p' && !text(list[k])) k--;
      const br = list[k];
      out.push({ blocks: [], landscape: br?.kind === 'break' && !!br.section && !!br.landscape });
    }
    if (b.kind !== 'break' || !b.section) out[out.length - 1].blocks.push(b);
  }
  return out;
}

export type { STable };
