// The header band: cơ quan chủ quản and cơ quan ban hành (left), quốc hiệu and tiêu ngữ (right),
// số and ký hiệu, địa danh and date, độ khẩn / độ mật. Read from a table (Word, our DOCX, a
// flattened web table) or from lines one under the other, piece by piece.
import { RE } from '../../check/locate.js';
import { allBold, type Loc, type SBlock, type SRun, squash } from '../source.js';
import type { Noted } from './tree.js';

interface Piece {
  text: string;
  runs: SRun[];
  /** Column in the band: 0 left, 1 right; undefined for lines outside a table. */
  col?: number;
  loc: Loc;
}

export interface HeaderOut {
  parent?: string;
  name?: string;
  /** Number as written: digits ("0204" keeps its zero), absent for a draft's blank. */
  number?: string;
  /** "KH-UBND", "QĐ-TTg". */
  symbol?: string;
  place?: string;
  date?: string;
  urgency?: string;
  confidentiality?: string;
  loc?: Loc;
}

const URGENCY = /^(KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC)$/u;
const SECRET = /^(MẬT|TỐI MẬT|TUYỆT MẬT)$/u;
const RULE = /^[-_=.…\s]{3,}$/;

/** The pieces of the band: each line of each paragraph, with its column when in a table. */
function pieces(blocks: SBlock[]): Piece[] {
  const out: Piece[] = [];
  const lines = (runs: SRun[], col: number | undefined, loc: Loc) => {
    let cur: SRun[] = [];
    const flush = () => {
      const text = squash(cur.map((r) => r.text).join(''));
      if (text && !RULE.test(text)) out.push({ text, runs: cur, col, loc });
      cur = [];
    };
    for (const r of runs)
      r.text.split('\n').forEach((t, k) => {
        if (k) flush();
        if (t) cur.push({ ...r, text: t });
      });
    flush();
  };
  for (const b of blocks) {
    if (b.kind === 'p') lines(b.runs, undefined, b.loc);
    else if (b.kind === 'table')
      for (const r of b.rows) {
        const filled = r.cells.filter((c) => c.blocks.some((x) => x.kind === 'p' && squash(x.runs.map((y) => y.text).join(''))));
        for (const c of r.cells) {
          const col = filled.length > 1 && c === filled[filled.length - 1] ? 1 : filled.length > 1 ? 0 : undefined;
          for (const p of c.blocks) if (p.kind === 'p') lines(p.runs, col, p.loc);
        }
      }
  }
  return out;
}

export function recogniseHeader(blocks: SBlock[], notes: Noted[]): HeaderOut {
  const ps = pieces(blocks);
  const out: HeaderOut = {};
  const used = new Set<Piece>();
  const take = (re: RegExp) => {
    const p = ps.find((x) => !used.has(x) && re.test(x.text));
    if (p) used.add(p);
    return p;
  };
  const national = take(RE.national);
  take(RE.motto);
  const number = take(/^Số\s*[:.]?\s*[\d\s]*\/|^Số\s*[:.]\s*\S/u);
  const placeDate = take(/,\s*ngày\b|,\s*\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}/u);
  const urgency = take(URGENCY);
  const secret = take(SECRET);
  if (urgency) out.urgency = urgency.text.replace('HOẢ', 'HỎA');
  if (secret) out.confidentiality = secret.text;
  if (number) readNumber(number, out, notes);
  if (placeDate) readPlaceDate(placeDate, out, notes);
  out.loc = (national ?? number ?? ps[0])?.loc;
  // Agency lines: the left column, or the lines above the quốc hiệu / the number.
  const stop = ps.indexOf(national ?? number ?? placeDate ?? ps[ps.length - 1]);
  const agency = ps.filter((p, k) => !used.has(p) && (p.col === 0 || (p.col === undefined && k < stop)));
  splitAgency(agency, out);
  for (const p of ps)
    if (!used.has(p) && !agency.includes(p)) notes.push({ message: `phần đầu văn bản có dòng không xếp được vào ô nào, đã bỏ qua: "${p.text}".`, loc: p.loc });
  return out;
}

/** "Số: 235/KH-UBND", "Số: /KH-SYT" (a draft), "Số: 0204/KH-UBND". */
function readNumber(p: Piece, out: HeaderOut, notes: Noted[]): void {
  const m = /^Số\s*[:.]?\s*(\d*)\s*\/\s*([\p{L}\d]+(?:\s*-\s*[\p{L}\d&]+)*)\s*$/u.exec(p.text);
  if (!m) {
    notes.push({ message: `không đọc được số, ký hiệu "${p.text}"; hãy điền "number" và "symbol".`, loc: p.loc });
    return;
  }
  if (m[1]) out.number = m[1];
  out.symbol = m[2].replace(/\s+/g, '');
}

const num = (s: string) => (/^\d{1,2}$/.test(s) ? Number(s) : undefined);

/** "Thanh Hóa, ngày 18 tháng 11 năm 2025", "Lào Cai, ngày   tháng 4 năm 2026", "Hà Nội, 05/02/2026". */
function readPlaceDate(p: Piece, out: HeaderOut, notes: Noted[]): void {
  const long = /^(.+?),\s*ngày\s*(\S*?)\s*tháng\s*(\S*?)\s*năm\s*(\d{4})\s*$/u.exec(p.text);
  const short = /^(.+?),\s*(?:ngày\s*)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/u.exec(p.text);
  const m = long ?? short;
  if (!m) {
    const place = /^(.+?),/.exec(p.text)?.[1];
    if (place) out.place = place.trim();
    const year = /\b(19|20)\d{2}\b/.exec(p.text)?.[0];
    if (year) out.date = year;
    notes.push({
      message: `không đọc được ngày tháng "${p.text}"; đã đoán ${year ? `năm ${year} (để trống ngày, tháng)` : 'không được'}, hãy sửa "date".`,
      loc: p.loc,
      path: ['date'],
    });
    return;
  }
  out.place = m[1].replace(/^\*+|\*+$/g, '').trim();
  const [d, mo, y] = [num(m[2]), num(m[3]), Number(m[4])];
  const pad = (n: number) => String(n).padStart(2, '0');
  if (mo === undefined && m[3]) notes.push({ message: `tháng "${m[3]}" không đọc được; để trống.`, loc: p.loc, path: ['date'] });
  if (d === undefined && m[2] && mo !== undefined) notes.push({ message: `ngày "${m[2]}" không đọc được; để trống.`, loc: p.loc, path: ['date'] });
  out.date = mo === undefined ? String(y) : d === undefined ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`;
}

/** Cơ quan chủ quản (not bold) above cơ quan ban hành (bold); without bold, by the names. */
function splitAgency(lines: Piece[], out: HeaderOut): void {
  if (!lines.length) return;
  const firstBold = lines.findIndex((p) => allBold(p.runs));
  let parent: Piece[] = [];
  let agency = lines;
  if (firstBold > 0) {
    parent = lines.slice(0, firstBold);
    agency = lines.slice(firstBold);
  } else if (
    firstBold < 0 &&
    lines.length > 1 &&
    /^(UBND|ỦY BAN NHÂN DÂN|BỘ|TỔNG CỤC)\s+\S/u.test(lines[0].text) &&
    !/^(TỈNH|THÀNH PHỐ|HUYỆN|XÃ|PHƯỜNG)\b/u.test(lines[1].text)
  ) {
    parent = lines.slice(0, 1);
    agency = lines.slice(1);
  }
  if (parent.length) out.parent = parent.map((p) => p.text).join('\n');
  out.name = agency.map((p) => p.text).join('\n');
}
