// Finds the NĐ 30 parts of any DOCX, ours or typed by hand in Word, from their text: the header
// band (in a table, or laid out with tabs and line breaks), the tên loại and trích yếu or a công
// văn's V/v line, Kính gửi, the body, nơi nhận and the signature. Every search runs on NFC text
// (paragraph.ts normalises it) split into the pieces a reader sees (segments.ts).
import type { DocxFile } from './docx-file.js';
import type { Para, Tbl } from './model.js';
import { type Segment, segmentsOf } from './segments.js';
import { squash } from './text.js';

export const RE = {
  national: /^C[ỘO]NG\s*H[ÒOÓ][AÀ]\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM$/iu,
  motto: /^Độc\s*lập\s*[-–—]+\s*Tự\s*do\s*[-–—]+\s*Hạnh\s*phúc\.?$/iu,
  number: /^Số\s*[:.]?/u,
  placeDate: /^(.+?),\s*ngày\s*(\S*)\s*tháng\s*(\S*)\s*năm\s*(\S*)\s*$/u,
  kind: /^(?:KẾ HOẠCH|BÁO CÁO|THÔNG BÁO|QUYẾT ĐỊNH|TỜ TRÌNH|CHỈ THỊ|HƯỚNG DẪN|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|BIÊN BẢN|CÔNG ĐIỆN|GIẤY MỜI|GIẤY GIỚI THIỆU|GIẤY NGHỈ PHÉP|THÔNG CÁO|DỰ ÁN|HỢP ĐỒNG|BẢN GHI NHỚ|BẢN THỎA THUẬN|PHIẾU GỬI|PHIẾU CHUYỂN|PHIẾU BÁO|THƯ CÔNG)(?: [\p{Lu}Đ]+){0,3}$/u,
  vv: /^V\/v\b/iu,
  kinhGui: /^Kính\s*gửi\b/iu,
  recipientsLabel: /^Nơi\s*nhận\s*:?$/iu,
  archive: /^[-+]?\s*Lưu\b/u,
  authority: /^(TM\.|KT\.|TL\.|TUQ\.|Q\.)/u,
};

/** The document types the rules know (NĐ 30 Phụ lục III); công văn is the type without a tên loại. */
export type DocType = { name: string; congVan: boolean };

export interface Located {
  paras: Para[];
  type: DocType;
  headerTable?: Tbl;
  national?: Segment;
  motto?: Segment;
  number?: Segment;
  placeDate?: Segment;
  /** Cơ quan chủ quản lines (not bold) and cơ quan ban hành lines (bold). */
  parent: Segment[];
  agency: Segment[];
  kind?: Segment;
  /** Trích yếu paragraphs under the tên loại. */
  summary: Para[];
  /** A công văn's "V/v …" lines. */
  vv: Segment[];
  /** Kính gửi lines (not body). */
  kinhGui: Para[];
  /**
   * "(Kèm theo Quyết định số …)" right under the trích yếu: the document was issued with another
   * (a KẾ HOẠCH attached to a Quyết định) and, when it starts with its tên loại, has no header band.
   */
  attachedCaption?: Para;
  /** Body paragraphs (not in tables, not headings, captions, Kính gửi), the attached document's included. */
  body: Para[];
  /** The main body alone (before the closing): where the "./." goes. */
  mainBody: Para[];
  recipientsLabel?: Segment;
  recipients: Segment[];
  /** Signature lines, top to bottom: authority, titles, name last. */
  signature: Segment[];
}

const isEmpty = (p: Para) => !squash(p.text.replace(/\f/g, ''));

/** The header area: paragraphs before the tên loại (or the first long body paragraph). */
function headerSegments(paras: Para[]): Segment[] {
  const out: Segment[] = [];
  for (const p of paras.slice(0, 60)) out.push(...segmentsOf(p));
  return out;
}

/** "Số:" and what follows it on its line, up to the place/date when both share a line (tab layouts). */
function findNumber(segs: Segment[]): Segment | undefined {
  const k = segs.findIndex((s) => RE.number.test(s.text) && !/^Số\s*(lượng|liệu|tiền|người)/iu.test(s.text));
  if (k < 0) return undefined;
  const s = segs[k];
  const next = segs[k + 1];
  // "Số:" <tab> "/UBND-NC": the symbol was pushed right with a tab.
  if (next && next.para === s.para && next.line === s.line && /^[\d\s]*\//.test(next.text))
    return { ...s, text: `${s.text} ${next.text}`, runs: [...s.runs, ...next.runs] };
  return s;
}

/** Agency lines: the pieces above "Số" in its column (a header table) or at the left of the header lines. */
function findAgency(paras: Para[], segs: Segment[], number: Segment | undefined, national: Segment | undefined) {
  const n = number?.para;
  let lines: Segment[];
  if (n?.cell) {
    const { table, col } = n.cell;
    lines = paras
      .filter(
        (p) => p.cell?.table === table && p.cell.col === col && (p.cell.row < n.cell!.row || (p.cell.el === n.cell!.el && paras.indexOf(p) < paras.indexOf(n))),
      )
      .flatMap(segmentsOf);
  } else {
    const end = n ? segs.findIndex((s) => s.para === n) : segs.indexOf(national ?? segs[0]);
    // Left pieces only: the first piece of each line.
    lines = segs.slice(0, Math.max(0, end)).filter((s, i, all) => i === 0 || all[i - 1].para !== s.para || all[i - 1].line !== s.line);
  }
  lines = lines.filter((s) => !RE.national.test(s.text) && !RE.motto.test(s.text) && !RE.number.test(s.text) && !/^_+$/.test(s.text));
  const bold = (s: Segment) => s.runs.some((r) => r.props.bold && r.text.trim());
  const firstBold = lines.findIndex(bold);
  return {
    parent: firstBold < 0 ? lines : lines.slice(0, firstBold),
    agency: firstBold < 0 ? [] : lines.slice(firstBold).filter(bold),
  };
}

/** Trích yếu: centred paragraphs right under the tên loại, up to an empty or ruled one or an authority line in capitals. */
function findSummary(paras: Para[], kind: Segment | undefined): Para[] {
  if (!kind) return [];
  const out: Para[] = [];
  for (let i = paras.indexOf(kind.para) + 1; i < paras.length && out.length < 4; i++) {
    const p = paras[i];
    if (isEmpty(p)) break;
    const t = squash(p.text);
    if (RE.kinhGui.test(t) || p.cell) break;
    const letters = t.replace(/[^\p{L}]/gu, '');
    if (out.length && letters.length > 3 && letters === letters.toLocaleUpperCase('vi-VN')) break;
    // Further lines of the trích yếu look like its first: same alignment, same weight.
    const bold = (q: Para) => q.runs.some((r) => r.props.bold && r.text.trim());
    if (out.length && (p.props.align !== out[0].props.align || bold(p) !== bold(out[0]))) break;
    if (!out.length && t.length > 300) break;
    out.push(p);
    if (p.props.borderBottom && p.props.borderBottom.val !== 'none' && p.props.borderBottom.val !== 'nil') break;
  }
  return out;
}

/**
 * Closing block: "Nơi nhận:" (maybe sharing a line with the signer's authority after a tab, or
 * with its items after line breaks) and the items under it, in the same column of the closing
 * table (any row) or in the paragraphs after it. Pieces right of a tab on those lines are the
 * signature's (tab layouts).
 */
function findRecipients(paras: Para[]) {
  const none = { label: undefined, items: [] as Segment[], beside: [] as Segment[] };
  for (let i = paras.length - 1; i >= 0; i--) {
    const segs = segmentsOf(paras[i]);
    const label = segs.find((s) => /^Nơi\s*nhận\b/iu.test(s.text));
    if (!label) continue;
    const items: Segment[] = [];
    // "Nơi nhận: <spaces> - Như trên;": an item typed on the label's own line.
    const onLabelLine = segs.filter((s) => s.line === label.line && s !== label);
    const beside: Segment[] = onLabelLine.filter((s) => !/^[-+]/.test(s.text));
    items.push(...onLabelLine.filter((s) => /^[-+]/.test(s.text)));
    const take = (list: Segment[]) => {
      list.forEach((s, k) => {
        const lineStart = k === 0 || list[k - 1].line !== s.line;
        const prev = items[items.length - 1];
        // A recipient wrapped by hand onto a new line goes on the previous item.
        if (lineStart && prev && !/^[-+]|^Lưu\b/u.test(s.text) && !/[;.]$/.test(prev.text) && !RE.authority.test(s.text))
          items[items.length - 1] = { ...prev, text: `${prev.text} ${s.text}`, runs: [...prev.runs, ...s.runs] };
        else if (lineStart && !RE.authority.test(s.text)) items.push(s);
        else beside.push(s);
      });
    };
    take(segs.filter((s) => s.line > label.line));
    const home = label.para.cell;
    for (let j = i + 1; j < paras.length; j++) {
      const p = paras[j];
      if (home && p.cell?.table !== home.table) break;
      if (home && p.cell!.el !== home.el && p.cell!.col !== home.col) continue;
      if (!home && !/^\s*[-–+]/.test(p.text) && !RE.archive.test(squash(p.text))) break;
      take(segmentsOf(p));
    }
    return { label, items, beside };
  }
  return none;
}

/** Signature lines: beside the nơi nhận (the other column of its table), else the centred lines after the body. */
function findSignature(paras: Para[], label: Segment | undefined, beside: Segment[]): Segment[] {
  const home = label?.para.cell;
  let lines: Segment[];
  if (home) lines = paras.filter((p) => p.cell?.table === home.table && p.cell.col !== home.col).flatMap(segmentsOf);
  else {
    const from = label ? paras.indexOf(label.para) + 1 : paras.length;
    const after = paras.slice(from).filter((p) => p.props.align === 'center' && !p.cell);
    lines = [...beside, ...after.flatMap(segmentsOf)];
  }
  return lines.filter((s) => !/^[(_]/.test(s.text));
}

/** The document's type: its tên loại, or công văn when it has a V/v line and no tên loại. */
function docType(kind: Segment | undefined, vv: Segment[]): DocType {
  if (kind) return { name: kind.text, congVan: false };
  return { name: vv.length ? 'CÔNG VĂN' : 'không rõ', congVan: vv.length > 0 };
}

/** Body paragraphs: after the title block, before the closing; not in tables; not Kính gửi, headings or captions. */
function bodyParagraphs(paras: Para[], from: number, to: number, kinhGui: Set<Para>): Para[] {
  return paras.slice(from, to).filter((p) => {
    if (p.cell || isEmpty(p) || kinhGui.has(p)) return false;
    // Centred titles ("QUYẾT ĐỊNH:", "Điều 1", "Chương I"), trích yếu lines and captions are not body text.
    return p.props.align !== 'center';
  });
}

export function locate(doc: DocxFile): Located {
  const paras = doc.allParagraphs();
  const segs = headerSegments(paras);
  const national = segs.find((s) => RE.national.test(s.text));
  const motto = segs.find((s) => RE.motto.test(s.text));
  const number = findNumber(segs);
  const placeDate = segs.find((s) => RE.placeDate.test(s.text));
  const { parent, agency } = findAgency(paras, segs, number, national);
  const kind = segs.find((s) => RE.kind.test(s.text) && !s.para.cell);
  const vv = kind ? [] : findVv(paras).concat(findVv(doc.textBoxParagraphs())).slice(0, 8);
  const summary = findSummary(paras, kind);
  const headerTable = (national ?? number)?.para.cell?.table;
  const kinhGuiParas = findKinhGui(paras);
  const { label, items, beside } = findRecipients(paras);
  const signature = findSignature(paras, label, beside);
  const attachedCaption = findAttachedCaption(paras, summary);
  const titleEnd = attachedCaption
    ? paras.indexOf(attachedCaption) + 1
    : summary.length
      ? paras.indexOf(summary[summary.length - 1]) + 1
      : Math.max(...[number, placeDate, ...vv].map((s) => (s ? paras.indexOf(s.para) + 1 : 0)));
  const closingStart = label ? paras.findIndex((p) => p === label.para || (label.para.cell && p.cell?.table === label.para.cell.table)) : paras.length;
  // A document issued with this one (the Điều lệ after a Quyết định's signature) is body text too.
  let closingEnd = paras.length;
  if (label?.para.cell)
    for (let k = paras.length - 1; k >= 0; k--)
      if (paras[k].cell?.table === label.para.cell.table) {
        closingEnd = k + 1;
        break;
      }
  const signatureParas = new Set(signature.map((s) => s.para));
  // It starts with its own title: a centred line in bold capitals ("ĐIỀU LỆ", "QUY CHẾ").
  let attachedStart = paras.length;
  for (let k = closingEnd; k < paras.length; k++) {
    const t = squash(paras[k].text);
    const letters = t.replace(/[^\p{L}]/gu, '');
    const title = letters.length >= 4 && letters === letters.toLocaleUpperCase('vi-VN') && paras[k].props.align === 'center';
    if (title && paras[k].runs.some((r) => r.props.bold && r.text.trim()) && !paras[k].cell) {
      attachedStart = k + 1;
      break;
    }
  }
  const attached = bodyParagraphs(paras, attachedStart, paras.length, new Set(kinhGuiParas)).filter((p) => !signatureParas.has(p));
  const mainBody = bodyParagraphs(paras, titleEnd, closingStart, new Set(kinhGuiParas));
  const body = [...mainBody, ...attached];
  return {
    paras,
    type: docType(kind, vv),
    headerTable,
    national,
    motto,
    number,
    placeDate,
    parent,
    agency,
    kind,
    summary,
    vv,
    kinhGui: kinhGuiParas,
    attachedCaption,
    body,
    mainBody,
    recipientsLabel: label,
    recipients: items,
    signature,
  };
}

/** "V/v …": in the Số cell (and the lines after it there), or right under the Số line. */
function findVv(paras: Para[]): Segment[] {
  const start = paras.findIndex((p) => segmentsOf(p).some((s) => RE.vv.test(s.text)));
  if (start < 0 || start > 80) return [];
  const first = paras[start];
  const out: Segment[] = segmentsOf(first).filter((_s, i, all) => i >= all.findIndex((x) => RE.vv.test(x.text)));
  for (let i = start + 1; i < paras.length && out.length < 6; i++) {
    const p = paras[i];
    if (isEmpty(p) || (first.cell ? p.cell?.el !== first.cell.el : p.props.align !== first.props.align)) break;
    out.push(...segmentsOf(p));
  }
  return out;
}

/** "(Kèm theo …)" / "(Ban hành kèm theo …)" within two paragraphs under the trích yếu. */
function findAttachedCaption(paras: Para[], summary: Para[]): Para | undefined {
  if (!summary.length) return undefined;
  const from = paras.indexOf(summary[summary.length - 1]) + 1;
  return paras.slice(from, from + 3).find((p) => /^\(?\s*(Ban hành\s+)?kèm theo\b/iu.test(squash(p.text)));
}

/** "Kính gửi: …" and the recipients listed under it ("- Sở …;"). */
function findKinhGui(paras: Para[]): Para[] {
  const out: Para[] = [];
  const i = paras.findIndex((p) => RE.kinhGui.test(squash(p.text)));
  if (i < 0) return out;
  out.push(paras[i]);
  for (let j = i + 1; j < paras.length && /^\s*[-–+]/.test(paras[j].text) && squash(paras[j].text).length < 150; j++) out.push(paras[j]);
  return out;
}

/** Short excerpt of a text for messages. */
export function excerpt(text: string): string {
  const t = squash(text);
  return t.length > 48 ? `${t.slice(0, 48)}…` : t;
}
