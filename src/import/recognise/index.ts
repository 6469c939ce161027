// Recognition: the neutral intermediate → a plan object in the order a clerk reads the document
// (header, title, căn cứ, sections, closing, nơi nhận, signature, appendices), with a warning for
// every guess and every passage it could not place.
import { docNumber, refDate } from '../../template/helpers.js';
import { allParas, locText, paraText, runsText, type SBlock, type SourceDoc, squash, squashKeepBlanks } from '../source.js';
import { recogniseAppendix } from './appendix.js';
import { recogniseBody } from './body.js';
import { recogniseClosing } from './closing.js';
import { type HeaderOut, recogniseHeader } from './header.js';
import { recogniseLayout } from './layout.js';
import type { Noted, Obj } from './tree.js';
import { zones, type Zones } from './zones.js';

export interface Recognised {
  /** The document type found ("KẾ HOẠCH", "QUYẾT ĐỊNH", …); undefined when none was. */
  type?: string;
  /** Set when the document is not a KẾ HOẠCH (nor a Quyết định issuing one). */
  notPlan?: boolean;
  plan?: Obj;
  notes: Noted[];
  /** Blocks deliberately left out (a Quyết định issuing the plan): not checked word by word. */
  skipped: SBlock[];
}

export function recognise(doc: SourceDoc): Recognised {
  const notes: Noted[] = [...doc.notes];
  const z = zones(doc.blocks, doc.boxes);
  if (!z.type || !z.kind) return { type: z.type, notPlan: true, notes, skipped: [] };
  if (!/^KẾ HOẠCH/u.test(z.type) && !z.attached) return { type: z.type, notPlan: true, notes, skipped: [] };
  const skipped = z.wrapper.length ? [...z.header, ...z.wrapper] : [];
  if (z.attached) {
    const ps = allParas(skipped);
    if (ps.length)
      notes.push({
        message: `${z.type} ban hành kế hoạch (${locText(ps[0].loc)} đến ${locText(ps[ps.length - 1].loc)}) không đưa vào tệp kế hoạch: chỉ nhập Kế hoạch kèm theo; số, ký hiệu, ngày lấy từ ${z.type}.`,
        loc: ps[0].loc,
        path: ['attachedTo'],
      });
  }
  const header = recogniseHeader(z.header, notes);
  // Our own DOCX of a plan issued with a Quyết định has no header band: the caption has its number and date.
  if (z.attached && !header.symbol && z.caption) fromCaption(paraText(z.caption), header);
  const body = recogniseBody(z.body, notes);
  const closing = recogniseClosing(z.closing, notes);
  const plan: Obj = {};
  issuerFields(plan, header, z, body.intro, notes);
  titleFields(plan, z, notes);
  if (body.basis) plan.basis = body.basis;
  if (body.intro !== undefined) plan.intro = body.intro;
  if (body.sections.length) plan.sections = body.sections;
  if (body.closing) plan.closing = body.closing;
  if (body.endMark === false) plan.endMark = false;
  closingFields(plan, closing, z, notes);
  const apps = z.appendices.map((a) => recogniseAppendix(a, notes));
  if (apps.length) plan.appendices = apps.map((a, k) => appendixDefaults(a, k, apps.length, plan));
  const layout = recogniseLayout(doc, z.body);
  if (layout) plan.layout = layout;
  return { type: z.attached ? 'KẾ HOẠCH' : z.type, plan, notes, skipped };
}

/** Issuer, number, symbol, place, date: as found, or guessed and said. */
function issuerFields(plan: Obj, h: HeaderOut, z: Zones, intro: unknown, notes: Noted[]): void {
  const [type, ...rest] = (h.symbol ?? '').split('-');
  let name = h.name;
  if (!name) {
    const m = typeof intro === 'string' ? /^(.{3,60}?)\s+(?:xây dựng|ban hành)\s+(?:Kế hoạch|kế hoạch)/u.exec(intro) : null;
    name = m ? m[1] : 'CƠ QUAN BAN HÀNH';
    notes.push({ message: `không tìm thấy tên cơ quan ban hành ở phần đầu; đã đoán "${name}", hãy kiểm tra.`, path: ['issuer', 'name'], loc: h.loc });
  }
  // "KH-SYT-NVY": the agency is the part after the type; what follows is the unit's (kept in the symbol).
  let abbreviation = rest[0] ?? '';
  if (!/^[A-ZĐ0-9][A-ZĐa-zđ0-9]*(-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*$/u.test(abbreviation)) {
    abbreviation = initials(name);
    notes.push({ message: `không đọc được chữ viết tắt của cơ quan trong ký hiệu; đã đoán "${abbreviation}".`, path: ['issuer', 'abbreviation'], loc: h.loc });
  }
  plan.issuer = { ...(h.parent ? { parent: h.parent } : {}), name, abbreviation };
  // A number the format pads the same way is written as a number (5 → "05"); "0204" keeps its zeros.
  if (h.number) plan.number = docNumber(Number(h.number)) === h.number || !/^0/.test(h.number) ? Number(h.number) : h.number;
  const symbol = h.symbol && rest.length ? h.symbol : undefined;
  const defaultType = z.attached ? 'QĐ' : 'KH';
  if (symbol && symbol !== `${defaultType}-${abbreviation}`) plan.symbol = symbol;
  if (type && type !== defaultType && !z.attached) notes.push({ message: `ký hiệu "${h.symbol}" không bắt đầu bằng "KH".`, path: ['symbol'], loc: h.loc });
  plan.place = h.place ?? guessPlace(h, z.attached, notes);
  plan.date = h.date ?? guessDate(z, notes);
  if (h.urgency) plan.urgency = h.urgency;
  if (h.confidentiality) plan.confidentiality = h.confidentiality;
}

/** "(Kèm theo Quyết định số 1627/QĐ-UBND ngày 21/11/2025 của Chủ tịch …)" → number, symbol, date, issuer. */
function fromCaption(t: string, h: HeaderOut): void {
  const m = /số:?\s*(\d*)\s*\/\s*([\p{L}\d]+(?:-[\p{L}\d]+)+)/u.exec(t);
  if (m) {
    if (m[1]) h.number = m[1];
    h.symbol = m[2];
  }
  const long = /ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u.exec(t);
  const short = /ngày\s*(\d{1,2})?\s*\/\s*(\d{1,2})?\s*\/\s*(\d{4})/u.exec(t);
  const d = long ?? short;
  const pad = (s: string) => s.padStart(2, '0');
  if (d) h.date = d[2] ? (d[1] ? `${d[3]}-${pad(d[2])}-${pad(d[1])}` : `${d[3]}-${pad(d[2])}`) : d[3];
  const by = /của\s+(.+?)\)?\s*$/u.exec(t);
  if (by && !h.name) h.name = by[1];
}

/** "SỞ Y TẾ" → "SYT", "ỦY BAN NHÂN DÂN TỈNH …" → "UBND". */
function initials(name: string): string {
  if (/^(ỦY|UỶ) BAN NHÂN DÂN|^UBND/iu.test(name)) return 'UBND';
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const s = words
    .map((w) => w[0].toLocaleUpperCase('vi-VN'))
    .join('')
    .replace(/[^A-ZĐ]/gu, '');
  return s || 'CQ';
}

function guessPlace(h: HeaderOut, attached: boolean, notes: Noted[]): string {
  const m = /(?:TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec((h.name ?? '').replace(/\n/g, ' ')) ?? /(?:TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(h.parent ?? '');
  const place = m ? m[1].toLocaleLowerCase('vi-VN').replace(/(^|\s)\p{L}/gu, (c) => c.toLocaleUpperCase('vi-VN')) : 'Địa danh';
  notes.push({
    message: attached
      ? `kế hoạch kèm theo Quyết định không in địa danh; đã ghi "${place}" cho đủ trường "place".`
      : `không tìm thấy địa danh, ngày tháng ở phần đầu; đã ghi địa danh "${place}", hãy kiểm tra.`,
    path: ['place'],
    loc: h.loc,
  });
  return place;
}

function guessDate(z: Zones, notes: Noted[]): string {
  const years = [
    ...z.title
      .map(paraText)
      .join(' ')
      .matchAll(/\b(19[4-9]\d|20\d\d)\b/g),
  ].map((m) => Number(m[1]));
  const year = String(years.length ? Math.max(...years) : new Date().getFullYear());
  notes.push({ message: `không tìm thấy ngày ban hành; đã ghi năm ${year} (để trống ngày, tháng), hãy kiểm tra.`, path: ['date'] });
  return year;
}

function titleFields(plan: Obj, z: Zones, notes: Noted[]): void {
  const title = z.title
    .map((p) => runsText(p.runs).split('\n').map(squash).filter(Boolean).join('\n'))
    .join('\n')
    .replace(/^\*+|\*+$/g, '');
  if (title) plan.title = title;
  else {
    plan.title = 'Trích yếu';
    notes.push({ message: 'không tìm thấy trích yếu dưới chữ KẾ HOẠCH; hãy điền "title".', path: ['title'], loc: z.kind?.loc });
  }
  if (z.attached) plan.attachedTo = z.caption ? { text: squashKeepBlanks(runsText(z.caption.runs)) } : {};
}

function closingFields(plan: Obj, c: ReturnType<typeof recogniseClosing>, z: Zones, notes: Noted[]): void {
  if (c.recipientsAsTyped) plan.recipientsAsTyped = true;
  if (c.recipients) plan.recipients = c.recipients;
  if (c.archive) plan.archive = c.archive;
  if (c.signer) plan.signer = c.signer;
  if (z.attached) return;
  const where = c.loc ?? allParas(z.closing)[0]?.loc;
  if (!plan.recipients) {
    plan.recipients = ['Như trên'];
    notes.push({ message: 'không tìm thấy nơi nhận; đã ghi tạm "Như trên", hãy sửa "recipients".', path: ['recipients'], loc: where });
  }
  if (!plan.archive) {
    plan.archive = { units: ['VT'] };
    notes.push({ message: 'không tìm thấy dòng "Lưu:"; đã ghi tạm "Lưu: VT", hãy sửa "archive".', path: ['archive'], loc: where });
  }
  if (!plan.signer || !(plan.signer as Obj).name) {
    const name = (plan.signer as Obj | undefined)?.name;
    plan.signer = { position: 'CHỨC VỤ', name: name ?? 'Họ và tên' };
    notes.push({ message: 'không đọc được đủ phần ký (chức vụ, họ tên); đã ghi tạm, hãy sửa "signer".', path: ['signer'], loc: where });
  }
}

/** Label and note left to the format's defaults when the source has exactly those. */
function appendixDefaults(a: ReturnType<typeof recogniseAppendix>, k: number, n: number, plan: Obj): Obj {
  const out: Obj = {};
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][k] ?? String(k + 1);
  const label = `Phụ lục${n > 1 ? ` ${roman}` : ''}`;
  if (a.label && a.label !== label) out.label = a.label;
  Object.assign(out, a.appendix);
  const issuer = plan.issuer as Obj;
  const sym = (plan.symbol as string | undefined) ?? `${plan.attachedTo ? 'QĐ' : 'KH'}-${issuer.abbreviation}`;
  const base = (style: 'long' | 'short') =>
    `(Kèm theo Kế hoạch số ${docNumber(plan.number as never)}/${sym} ${refDate(String(plan.date), style)} của ${issuer.shortName ?? issuer.name})`;
  const same = (x: string) => squash(x) === squash(a.note ?? '');
  if (a.note === undefined) out.note = false;
  else if (same(base('short'))) out.noteDateStyle = 'short';
  else if (!same(base('long'))) out.note = a.note;
  return reorder(out, ['label', 'title', 'note', 'noteDateStyle', 'landscape', 'blocks']);
}

function reorder(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}
