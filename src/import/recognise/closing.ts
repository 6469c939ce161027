// The closing block: "Nơi nhận:" with its lines (and the "Lưu:" line) beside the signature stack
// (TM./KT./TL./TUQ./Q., chức vụ, họ tên). Side by side in a table, or one under the other.
import { allParas, type Loc, paraText, type SBlock, type SPara, squash } from '../source.js';
import type { Noted, Obj } from './tree.js';

interface Line {
  text: string;
  loc: Loc;
}

export interface ClosingOut {
  recipients?: (string | Obj)[];
  recipientsAsTyped?: boolean;
  archive?: Obj;
  signer?: Obj;
  /** Lines of the closing block that are neither (kept for a warning). */
  loc?: Loc;
}

const lines = (ps: SPara[]): Line[] =>
  ps.flatMap((p) =>
    p.runs
      .map((r) => r.text)
      .join('')
      .split('\n')
      .map((t) => ({ text: squash(t), loc: p.loc }))
      .filter((l) => l.text),
  );

const LABEL = /^Nơi\s*nhận\s*:?\s*/iu;
const ITEM = /^[-–+•]\s*/u;
const ARCHIVE = /^[-–+]?\s*Lưu\s*:?\s*/u;

export function recogniseClosing(blocks: SBlock[], notes: Noted[]): ClosingOut {
  const out: ClosingOut = {};
  const table = blocks.find((b) => b.kind === 'table' && allParas([b]).some((p) => LABEL.test(paraText(p))));
  let recip: Line[] = [];
  let sign: Line[] = [];
  if (table && table.kind === 'table') {
    // The nơi nhận column holds the label and, in later rows, the list continued beside nothing.
    const cols = table.rows.map((r) => {
      let col = 0;
      return r.cells.map((c) => {
        const at = col;
        col += c.colSpan;
        return at;
      });
    });
    let home = -1;
    for (const [k, r] of table.rows.entries())
      for (const [j, c] of r.cells.entries()) if (home < 0 && lines(allParas(c.blocks)).some((l) => LABEL.test(l.text))) home = cols[k][j];
    for (const [k, r] of table.rows.entries())
      for (const [j, c] of r.cells.entries()) {
        const ls = lines(allParas(c.blocks));
        if (cols[k][j] === home) recip.push(...ls);
        else sign.push(...ls);
      }

    sign.push(...lines(blocks.filter((b): b is SPara => b.kind === 'p')));
  } else {
    const all = lines(blocks.filter((b): b is SPara => b.kind === 'p'));
    const k = all.findIndex((l) => LABEL.test(l.text));
    if (k >= 0) {
      let j = k + 1;
      while (
        j < all.length &&
        (ITEM.test(all[j].text) || ARCHIVE.test(all[j].text) || (!isSignatureLine(all[j].text) && j > k + 1 && !/[.;:]$/.test(all[j - 1].text)))
      )
        j++;
      recip = all.slice(k, j);
      sign = [...all.slice(0, k), ...all.slice(j)];
    } else sign = all;
  }
  if (recip.length) readRecipients(recip, out, notes);
  if (sign.length) out.signer = readSigner(sign, notes);
  out.loc = (recip[0] ?? sign[0])?.loc;
  return out;
}

const isSignatureLine = (t: string) => /^(TM\.|KT\.|TL\.|TUQ\.|Q\.)/u.test(t) || t === t.toLocaleUpperCase('vi-VN');

/** Items with their wrapped lines joined; "+" lines under the "-" line before them. */
function readRecipients(ls: Line[], out: ClosingOut, notes: Noted[]): void {
  const items: { text: string; sub: boolean; loc: Loc }[] = [];
  for (const l of ls) {
    let t = l.text;
    if (LABEL.test(t)) {
      t = t.replace(LABEL, '');
      if (!t) continue;
    }
    const prev = items[items.length - 1];
    if (prev && !ITEM.test(t) && !ARCHIVE.test(t) && !/[;.:]$/.test(prev.text)) prev.text += ` ${t}`;
    else items.push({ text: t, sub: /^\+/.test(t), loc: l.loc });
  }
  const archiveAt = items.findIndex((i) => ARCHIVE.test(i.text));
  const archive = archiveAt >= 0 ? items.splice(archiveAt, 1)[0] : undefined;
  const typed = items.map((i) => i.text);
  const recipients: (string | Obj)[] = [];
  for (const i of items) {
    const t = i.text.replace(ITEM, '');
    const last = recipients[recipients.length - 1];
    if (i.sub && last) {
      const parent = typeof last === 'string' ? { name: last } : last;
      parent.items = [...((parent.items as string[] | undefined) ?? []), t];
      recipients[recipients.length - 1] = parent;
    } else recipients.push(t);
  }
  const standard = recipients.map(standardRecipient);
  const rendered = standard.flatMap(renderRecipient);
  if (rendered.length === typed.length && rendered.every((r, k) => r === typed[k])) out.recipients = standard;
  else {
    out.recipientsAsTyped = true;
    out.recipients = recipients.map((r) => (typeof r === 'string' ? r : { name: r.name as string, items: r.items }));
  }
  if (!out.recipients.length) delete out.recipients;
  if (archive) out.archive = readArchive(archive.text, archive.loc, !!out.recipientsAsTyped, archive.sub, notes);
}

/** "Bộ Y tế (báo cáo);" → { name, note }; "VP UBND tỉnh:" with "+" lines → { name, items }. */
function standardRecipient(r: string | Obj): string | Obj {
  const name = typeof r === 'string' ? r : (r.name as string);
  const bare = name.replace(/[;.,:]+$/, '').trim();
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(bare);
  const base: Obj = m ? { name: m[1], note: m[2] } : { name: bare };
  if (typeof r !== 'string' && r.items) base.items = (r.items as string[]).map((x) => x.replace(/[;.,]+$/, '').trim());
  return Object.keys(base).length === 1 ? (base.name as string) : base;
}

/** The line the template prints for a recipient (templates/ke-hoach/partials/recipient.hbs). */
function renderRecipient(r: string | Obj): string[] {
  const trim = (s: string, chars: string) => s.replace(new RegExp(`[\\s${chars}]+$`), '');
  if (typeof r === 'string') return [`- ${trim(r, ';.,')};`];
  const note = r.note ? ` (${r.note})` : '';
  if (!r.items) return [`- ${trim(r.name as string, ';.,')}${note};`];
  return [`- ${trim(r.name as string, ';.,:')}${note}:`, ...(r.items as string[]).map((x) => `+ ${trim(x, ';.,')};`)];
}

const UNIT = /^(\([^;()]+\)|[^,;()\s][^,;()]*(\([^;()]+\)[^,;()]*)?)$/u;

/** "Lưu: VT, NNMT." → { units, copies? }; units the format cannot hold are mended and said. */
function readArchive(text: string, loc: Loc, typed: boolean, nested: boolean, notes: Noted[]): Obj {
  let body = text.replace(ARCHIVE, '').trim();
  if (!typed) body = body.replace(/\.$/, '');
  const units: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      units.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  units.push(cur.trim());
  const out: Obj = {};
  const copies = /^(\d{1,2})\s*b$/u.exec(units[units.length - 1] ?? '');
  if (copies && !typed) {
    units.pop();
    out.copies = Number(copies[1]);
  }
  const fixed = units.filter(Boolean).map((u) => {
    if (UNIT.test(u)) return u;
    const mended = u.replace(/[()]/g, (c) => (c === '(' ? ' (' : ')')).replace(/\s+/g, ' ');
    const ok = UNIT.test(mended) ? mended : u.replace(/[();]/g, ' ').replace(/\s+/g, ' ').trim();
    notes.push({ message: `dòng Lưu có "${u}" định dạng chưa đọc được (ví dụ thiếu dấu ngoặc); đã ghi thành "${ok}".`, loc, path: ['archive', 'units'] });
    return ok;
  });
  out.units = fixed.length ? fixed : ['VT'];
  if (nested) out.nested = true;
  return out;
}

const AUTH = /^(TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*(.*)$/u;

/** The signature stack: [TM. tập thể] [KT./TL./TUQ./Q. chức vụ] [chức vụ người ký] họ tên. */
function readSigner(ls: Line[], notes: Noted[]): Obj | undefined {
  const kept = ls.filter((l) => {
    if (/^\(?\s*(đã ký|ký tên|ký, ghi rõ|chữ ký|dấu)/iu.test(l.text) || /^\(.*\)$/.test(l.text)) {
      notes.push({ message: `dòng "${l.text}" trong phần ký không in lại (chữ ký, dấu do người ký thêm).`, loc: l.loc, path: ['signer'] });
      return false;
    }
    return true;
  });
  if (kept.length < 2) {
    if (kept.length) notes.push({ message: `phần ký chỉ có "${kept[0].text}"; không đủ chức vụ và họ tên.`, loc: kept[0].loc });
    return undefined;
  }
  const name = kept[kept.length - 1].text;
  const stack = kept.slice(0, -1).map((l) => l.text);
  const signer: Obj = {};
  let k = 0;
  const tm = AUTH.exec(stack[0]);
  if (tm?.[1] === 'TM.') {
    signer.authority = 'TM.';
    signer.onBehalfOf = tm[2];
    k = 1;
  }
  const auth = AUTH.exec(stack[k] ?? '');
  if (auth && auth[1] !== 'TM.') {
    if (signer.authority === 'TM.' && auth[1] !== 'KT.')
      notes.push({ message: `"TM." rồi "${auth[1]}" không có trong mẫu; đã đọc như "KT.".`, loc: kept[k].loc, path: ['signer'] });
    if (!signer.authority) signer.authority = auth[1];
    signer.position = auth[2];
    k++;
  } else if (stack[k] !== undefined) signer.position = stack[k++];
  if (stack[k] !== undefined) signer.title = stack.slice(k).join(' ');
  signer.name = name;
  if (signer.title && !signer.authority) {
    notes.push({
      message: `phần ký có hai dòng chức vụ mà không có "KT."/"TL."…; dòng "${signer.title}" được in nối vào chức vụ.`,
      loc: kept[k]?.loc,
      path: ['signer'],
    });
    signer.position = `${signer.position} ${signer.title}`;
    delete signer.title;
  }
  if (!signer.position) return undefined;
  return signer;
}
