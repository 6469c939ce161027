// Finds the NĐ 30 parts (quốc hiệu, tiêu ngữ, số, ngày, tên loại, body, nơi nhận) in any
// DOCX, ours or typed by hand in Word, from their text.
import type { DocxFile } from './docx-file.js';
import type { Para } from './model.js';
import { squash } from './text.js';
import { all, kid, type XEl } from './xml.js';

export const RE = {
  national: /^C[ỘO]NG H[ÒOÓ][AÀ] X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM$/iu,
  motto: /^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc$/iu,
  number: /^Số\s*:/u,
  placeDate: /^(.+?),\s*ngày\s+(\S*)\s*tháng\s+(\S*)\s*năm\s+(\d{4})\s*$/u,
  kind: /^(KẾ HOẠCH|BÁO CÁO|THÔNG BÁO|QUYẾT ĐỊNH|TỜ TRÌNH|CHỈ THỊ|HƯỚNG DẪN|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|BIÊN BẢN|CÔNG ĐIỆN|GIẤY MỜI)$/u,
  recipientsLabel: /^Nơi nhận\s*:?$/iu,
  archive: /^-?\s*Lưu\b/u,
};

export interface Located {
  paras: Para[];
  national?: Para;
  motto?: Para;
  number?: Para;
  placeDate?: Para;
  kind?: Para;
  /** Index (in `paras`) of the first body paragraph and of the Nơi nhận label. */
  bodyStart: number;
  bodyEnd: number;
  recipientsLabel?: Para;
  recipients: Para[];
  /** Agency lines: the paragraphs before "Số:" in the same cell (or above it). */
  agency: Para[];
}

export function locate(doc: DocxFile): Located {
  const paras = doc.allParagraphs();
  const find = (re: RegExp, from = 0) => paras.slice(from).find((p) => re.test(squash(p.text)));
  const national = find(RE.national);
  const motto = find(RE.motto);
  const number = find(RE.number);
  const placeDate = find(RE.placeDate);
  const kind = find(RE.kind);
  const kindIdx = kind ? paras.indexOf(kind) : -1;
  const labelIdx = paras.findIndex((p) => RE.recipientsLabel.test(squash(p.text)));
  const recipientsLabel = labelIdx >= 0 ? paras[labelIdx] : undefined;
  // Body: after the trích yếu (the paragraphs right after the type name, up to the first empty or ruled one).
  let bodyStart = kindIdx >= 0 ? kindIdx + 1 : 0;
  while (bodyStart < paras.length && (paras[bodyStart].props.align === 'center' || !squash(paras[bodyStart].text))) bodyStart++;
  let bodyEnd = labelIdx >= 0 ? labelIdx : paras.length;
  // The body ends where the closing table begins.
  if (recipientsLabel?.cell) {
    const first = paras.findIndex((p) => p.cell?.table === recipientsLabel.cell!.table);
    if (first >= 0) bodyEnd = Math.min(bodyEnd, first);
  }
  const recipients: Para[] = [];
  if (recipientsLabel) {
    for (let i = labelIdx + 1; i < paras.length; i++) {
      const p = paras[i];
      // A long nơi nhận may go on in the same column of the next row (the signature beside the first).
      const home = recipientsLabel.cell;
      if (home && p.cell?.table !== home.table) break;
      if (home && p.cell!.el !== home.el && p.cell!.col !== home.col) continue;
      if (!recipientsLabel.cell && !/^\s*-/.test(p.text)) break;
      if (squash(p.text)) recipients.push(p);
    }
  }
  const agency: Para[] = [];
  if (number) {
    const cellParas = number.cell
      ? paras.filter(
          (p) =>
            p.cell?.el === number.cell!.el ||
            (p.cell && p.cell.table === number.cell!.table && p.cell.col === number.cell!.col && p.cell.row < number.cell!.row),
        )
      : paras.slice(0, paras.indexOf(number));
    for (const p of cellParas) if (p !== number && paras.indexOf(p) < paras.indexOf(number) && squash(p.text)) agency.push(p);
  }
  return { paras, national, motto, number, placeDate, kind, bodyStart, bodyEnd, recipientsLabel, recipients, agency };
}

/**
 * A rule under a paragraph: its own bottom border, an empty next paragraph's border, or a
 * drawn line (Word users often draw it, anchored anywhere in the same cell).
 */
export interface RuleFound {
  kind: 'border' | 'shape' | 'typed';
  lengthMm?: number;
  /** For a rule typed as underscores: the paragraph holding them. */
  para?: Para;
}

export function ruleUnder(loc: Located, p: Para): RuleFound | undefined {
  const i = loc.paras.indexOf(p);
  const next = loc.paras[i + 1];
  if (next && /^_{4,}$/.test(squash(next.text))) return { kind: 'typed', para: next };
  for (const q of [p, next]) {
    if (!q || (q === next && squash(q.text))) continue;
    const b = q.props.borderBottom;
    if (b && b.val !== 'none' && b.val !== 'nil') {
      let lengthMm: number | undefined;
      if (q.cell) {
        const w = q.cell.width - q.cell.marginLeft - q.cell.marginRight - (q.props.indLeft ?? 0) - (q.props.indRight ?? 0);
        lengthMm = w / 56.6929;
      }
      return { kind: 'border', lengthMm };
    }
  }
  const near = p.cell ? loc.paras.filter((q) => q.cell?.el === p.cell!.el) : [p, next].filter(Boolean);
  for (const q of near) {
    const shape = lineShape(q.el);
    if (shape) return shape;
  }
  return undefined;
}

const PT_MM = 25.4 / 72;

function cssLength(style: string | undefined, prop: string): number | undefined {
  const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([\\d.]+)(pt|in|mm|cm|px)?`).exec(style ?? '');
  if (!m) return undefined;
  const v = parseFloat(m[1]);
  const unit = { pt: PT_MM, in: 25.4, mm: 1, cm: 10, px: 25.4 / 96 }[m[2] ?? 'pt'] ?? PT_MM;
  return v * unit;
}

function lineShape(el: XEl): RuleFound | undefined {
  for (const line of all(el, 'v:line')) {
    const from = (line.attrs.from ?? '0,0').split(',').map(parseFloat);
    const to = (line.attrs.to ?? '0,0').split(',').map(parseFloat);
    return { kind: 'shape', lengthMm: Math.abs(to[0] - from[0]) * PT_MM };
  }
  // VML connectors/auto-shapes of the straight-line kinds (o:spt 20 = line, 32 = straight connector).
  for (const shape of all(el, 'v:shape')) {
    const type = shape.attrs.type ?? '';
    if (/_x0000_t(20|32)\b/.test(type) || /^m,?l/.test(shape.attrs.path ?? '')) {
      const w = cssLength(shape.attrs.style, 'width');
      return { kind: 'shape', lengthMm: w && w > 0 ? w : undefined };
    }
  }
  for (const d of [...all(el, 'wp:anchor'), ...all(el, 'wp:inline')]) {
    const geom = all(d, 'a:prstGeom')[0]?.attrs.prst ?? '';
    if (/line|Connector/i.test(geom)) {
      const ext = kid(d, 'wp:extent');
      return { kind: 'shape', lengthMm: ext ? Number(ext.attrs.cx) / 36000 : undefined };
    }
  }
  return undefined;
}

/** Short excerpt of a paragraph for messages. */
export function excerpt(p: Para): string {
  const t = squash(p.text);
  return t.length > 48 ? t.slice(0, 48) + '…' : t;
}
