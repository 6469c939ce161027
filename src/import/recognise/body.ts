// The body: căn cứ / thực hiện lead-ins and the sentence that introduces the plan, then the
// sections (I., II. …) with their content, then the closing sentence ("Trên đây là …") and the
// end mark "./." the format puts back after the last text.
import { romanNumeral } from '../../model/numbering.js';
import { headingCase } from '../../template/helpers.js';
import { allBold, allItalic, paraText, type SBlock, type SPara, type SRun } from '../source.js';
import { type InlineOut, inlineText, toInline } from './inline.js';
import { splitLabel, trimEnd } from './labels.js';
import { type BlockOut, type Noted, type Obj, simplify, TreeBuilder } from './tree.js';

export interface BodyOut {
  basis?: Obj;
  intro?: InlineOut;
  sections: Obj[];
  closing?: Obj;
  endMark?: false;
}

const VERB = /^(Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Theo)(?![\p{L}\p{N}])/u;
/** How the closing sentence after the last section opens (when the source does not mark it). */
const CLOSING =
  /^(Trên đây|Yêu cầu các|Đề nghị các|Trong quá trình (triển khai|thực hiện|tổ chức)|(Ủy ban nhân dân|UBND) (tỉnh|thành phố|Thành phố|huyện|xã|phường) (yêu cầu|giao|đề nghị)|Các cơ quan, đơn vị)(?![\p{L}\p{N}])/u;
const KINDS: [RegExp, string][] = [
  [/^MỤC ĐÍCH,?\s*(VÀ\s*)?YÊU CẦU(?![\p{L}\p{N}])/u, 'purposes'],
  [/^NỘI DUNG(?![\p{L}\p{N}])/u, 'content'],
  [/^(KINH PHÍ|DỰ TOÁN KINH PHÍ|NGUỒN KINH PHÍ)(?![\p{L}\p{N}])/u, 'budget'],
  [/^TỔ CHỨC THỰC HIỆN(?![\p{L}\p{N}])/u, 'implementation'],
  [/^KHEN THƯỞNG(?![\p{L}\p{N}])/u, 'awards'],
];

/** A section heading: "I. TÊN MỤC" in bold or in capitals, not inside a table. */
function heading(b: SBlock): { roman: string; value: number; rest: SRun[] } | undefined {
  if (b.kind !== 'p') return undefined;
  const { label, rest } = splitLabel(b.runs);
  if (label?.kind !== 'roman') return undefined;
  const t = rest.map((r) => r.text).join('');
  const caps = t.replace(/\(.*?\)/g, '') === t.replace(/\(.*?\)/g, '').toLocaleUpperCase('vi-VN');
  return allBold(rest) || caps || /heading/i.test(b.style ?? '') ? { roman: label.text, value: label.value, rest: trimEnd(rest) } : undefined;
}

/** Takes the end mark off the last text of the body: the format puts it back (or endMark: false). */
function endMark(blocks: SBlock[]): boolean {
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k];
    if (b.kind === 'table') return true;
    if (b.kind !== 'p' || !paraText(b)) continue;
    const runs = trimEnd(b.runs);
    const last = runs[runs.length - 1];
    if (!last || last.footnote || !/\.\s*\/\s*\.$/.test(last.text)) return false;
    last.text = last.text.replace(/\s*\.\s*\/\s*\.$/, '');
    b.runs = runs.filter((r) => r.text || r.footnote);
    return true;
  }
  return true;
}

export function recogniseBody(blocks: SBlock[], notes: Noted[]): BodyOut {
  const out: BodyOut = { sections: [] };
  const marked = endMark(blocks);
  if (!marked) out.endMark = false;
  const content = blocks.filter((b) => b.kind !== 'p' || paraText(b) || b.runs.some((r) => r.footnote));
  // The closing sentence: the last paragraph, when it reads like one or has our closing style.
  const last = content[content.length - 1];
  let closingText: InlineOut | undefined;
  // Our own style says it; otherwise its wording, when it carried the end mark and is not indented under a list item.
  const styled = /Câu kết/u.test(last?.kind === 'p' ? (last.style ?? '') : '');
  if (
    last?.kind === 'p' &&
    (styled || (!/^(VB |heading \d)/iu.test(last.style ?? '') && CLOSING.test(paraText(last)) && (marked || /^Trên đây/u.test(paraText(last))))) &&
    !splitLabel(last.runs).label
  ) {
    closingText = toInline(trimEnd(last.runs));
    content.pop();
  }
  const first = content.findIndex((b) => heading(b));
  const preamble = content.slice(0, first < 0 ? content.length : first);
  readPreamble(
    preamble.filter((b): b is SPara => b.kind === 'p'),
    out,
    notes,
  );
  for (const b of preamble)
    if (b.kind === 'table') notes.push({ message: 'có bảng trước mục I; định dạng kế hoạch không có chỗ cho bảng ở đó, bảng được bỏ qua.', loc: b.loc });
  if (first < 0) {
    // No sections at all: the content goes before the closing sentence.
    if (closingText !== undefined) out.closing = { text: closingText };
    return out;
  }
  readSections(content.slice(first), out, notes);
  if (closingText !== undefined) out.closing = { text: closingText };
  return out;
}

/** Căn cứ lines (each a basis item), then the lead-in sentence (intro). */
function readPreamble(ps: SPara[], out: BodyOut, notes: Noted[]): void {
  let k = 0;
  while (k < ps.length && VERB.test(paraText(ps[k])) && !/:$/.test(paraText(ps[k])) && /[;.,]$/.test(paraText(ps[k]))) k++;
  // All but the last căn cứ end with ";" in the format; one that ends otherwise stops the list.
  let n = 0;
  while (n < k && (n === k - 1 || /;$/.test(paraText(ps[n])))) n++;
  const basis = ps.slice(0, n);
  const rest = ps.slice(n);
  if (basis.length) {
    const italic = basis.every((p) => allItalic(p.runs));
    const items = basis.map((p) => toInline(trimEnd(p.runs), { dropItalic: italic, string: true }) as string);
    const b: Obj = { items: items.map((i) => i.replace(/[;.]$/, '')) };
    if (!italic) b.italic = false;
    if (/;$/.test(paraText(basis[basis.length - 1]))) b.end = ';';
    out.basis = b;
  }
  if (!rest.length) return;
  const intro = rest[rest.length - 1];
  if (rest.length > 1) {
    notes.push({
      message: `${rest.length} đoạn mở đầu trước mục I; định dạng chỉ có một câu dẫn, các đoạn được ghép thành một (xuống dòng giữa các đoạn).`,
      loc: rest[0].loc,
      path: ['intro'],
    });
    const joined = rest.flatMap((p, i) => [...(i ? [{ text: '\n' }] : []), ...trimEnd(p.runs)]);
    out.intro = toInline(joined);
    return;
  }
  out.intro = toInline(trimEnd(intro.runs));
}

/** Sections: a heading each, its numbering written out where the source's differs. */
function readSections(blocks: SBlock[], out: BodyOut, notes: Noted[]): void {
  let count = 0;
  const used = new Set<string>();
  let tree: TreeBuilder | undefined;
  let section: Obj | undefined;
  const close = () => {
    if (!section || !tree) return;
    const bs = simplify(tree.root);
    if (bs.length) section.blocks = bs;
    else if (section.kind === 'budget' || section.kind === 'content') delete section.kind;
  };
  for (const b of blocks) {
    const h = heading(b);
    if (!h) {
      tree!.add(b);
      continue;
    }
    close();
    section = undefined;
    const title = toInline(h.rest, { dropBold: true, string: true }) as string;
    section = {};
    if (headingCase(title) !== title)
      notes.push({
        message: `tên mục "${h.roman} ${short(title)}" không viết hoa; khi in, tên mục được viết hoa theo thể thức.`,
        loc: (b as SPara).loc,
        node: section,
      });
    const plain = inlineText(title).toLocaleUpperCase('vi-VN');
    const kind = KINDS.find(([re, k]) => re.test(plain) && !used.has(k))?.[1];
    if (kind) {
      section.kind = kind;
      used.add(kind);
    }
    section.title = title;
    if (h.roman === `${romanNumeral(count + 1)}.`) count++;
    else if (h.value > count + 1 && `${romanNumeral(h.value)}.` === h.roman) {
      section.number = h.value;
      count = h.value;
    } else section.marker = h.roman;
    tree = new TreeBuilder(notes, false);
    out.sections.push(section);
  }
  close();
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export type { BlockOut };
