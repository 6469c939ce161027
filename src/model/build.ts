// Builds the document model from parsed template markup, computing all numbering
// (I., 1., 1.1., a), -, +) so that omitted sections or items never leave gaps.
import type {
  Appendix,
  Block,
  Closing,
  DocumentMeta,
  DocumentModel,
  Header,
  PageSetup,
  Paragraph,
  ParagraphStyle,
  Run,
  Table,
  TableCell,
  TableRow,
  TitleBlock,
} from './document.js';
import { MarkupError, parseMarkup, type Element, type Node } from './markup.js';
import { alphaMarker, romanNumeral } from './numbering.js';

type Fmt = { bold?: boolean; italic?: boolean; underline?: boolean };

function err(el: Element, msg: string): never {
  throw new MarkupError(msg, el.line, el.column, `<${el.name}>`);
}

const elements = (el: Element) => el.children.filter((c): c is Element => typeof c !== 'string');

function child(el: Element, name: string): Element | undefined {
  return elements(el).find((c) => c.name === name);
}

/** Inline content → runs; ASCII whitespace collapses (as in HTML), NBSP is kept for blanks. */
export function inlineRuns(el: Element, fmt: Fmt = {}): Run[] {
  const runs: Run[] = [];
  const walk = (node: Node, f: Fmt) => {
    if (typeof node === 'string') {
      const text = node.replace(/[ \t\r\n]+/g, ' ');
      if (text) runs.push({ text, ...f });
      return;
    }
    switch (node.name) {
      case 'b':
        for (const c of node.children) walk(c, { ...f, bold: true });
        break;
      case 'i':
        for (const c of node.children) walk(c, { ...f, italic: true });
        break;
      case 'u':
        for (const c of node.children) walk(c, { ...f, underline: true });
        break;
      case 'br':
        runs.push({ text: '\n', ...f });
        break;
      case 'fn':
        runs.push({ text: '', footnote: inlineRuns(node) });
        break;
      default:
        err(node, `thẻ <${node.name}> không dùng được trong đoạn chữ (chỉ <b>, <i>, <u>, <br/>, <fn>)`);
    }
  };
  for (const c of el.children) walk(c, fmt);
  return tidyRuns(runs);
}

/** Trims paragraph ends and around line breaks, merges runs of equal format, drops empties. */
function tidyRuns(input: Run[]): Run[] {
  const runs = input.map((r) => ({ ...r }));
  let prevEnd = '\n'; // a paragraph start behaves like a line start
  for (const r of runs) {
    if (r.text.startsWith(' ') && (prevEnd === ' ' || prevEnd === '\n')) r.text = r.text.slice(1);
    r.text = r.text.replace(/ \n/g, '\n').replace(/\n /g, '\n');
    if (r.text) prevEnd = r.text[r.text.length - 1];
  }
  let nextStart = '\n';
  for (let k = runs.length - 1; k >= 0; k--) {
    const r = runs[k];
    if (r.text.endsWith(' ') && nextStart === '\n') r.text = r.text.slice(0, -1);
    if (r.text) nextStart = r.text[0];
  }
  const out: Run[] = [];
  for (const r of runs) {
    if (r.footnote) {
      out.push(r);
      continue;
    }
    if (!r.text) continue;
    const last = out[out.length - 1];
    if (last && !last.footnote && !!last.bold === !!r.bold && !!last.italic === !!r.italic && !!last.underline === !!r.underline) last.text += r.text;
    else out.push(r);
  }
  return out;
}

/** Splits runs at explicit line breaks into lines. */
function splitLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const r of runs) {
    const parts = r.text.split('\n');
    parts.forEach((p, k) => {
      if (k > 0) lines.push([]);
      if (p) lines[lines.length - 1].push({ ...r, text: p });
    });
  }
  return lines.map(tidyRuns);
}

function plainText(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const lines = splitLines(inlineRuns(el)).map((l) => l.map((r) => r.text).join(''));
  const text = lines.join('\n').trim();
  return text || undefined;
}

const STYLES = new Set<ParagraphStyle>(['body', 'basis', 'closing', 'center', 'right']);

interface Ctx {
  /** Chain of numbered ancestors within the current section: their style and printed number. */
  numbers: { style: string; label: string }[];
  bulletDepth: number;
  roman: { n: number };
}

function paragraph(el: Element): Paragraph {
  let style = (el.attrs.style ?? 'body') as ParagraphStyle;
  if (!STYLES.has(style)) err(el, `style="${el.attrs.style}" không hợp lệ (body, basis, closing, center, right)`);
  if (el.attrs.align === 'center') style = 'center';
  else if (el.attrs.align === 'right') style = 'right';
  const runs = inlineRuns(el, { ...(el.attrs.italic === 'true' ? { italic: true } : {}), ...(el.attrs.bold === 'true' ? { bold: true } : {}) });
  return { kind: 'paragraph', style, runs };
}

function headingStyle(level: number): ParagraphStyle {
  return (['heading1', 'heading2', 'heading3', 'heading4'] as const)[Math.min(level, 4) - 1];
}

/** List styles: how the n-th item is marked, given the numbered items it sits in. */
const LIST_STYLES: Record<string, (n: number, ctx: Ctx) => string> = {
  // 1., then 1.1., 1.1.1. under decimal items
  decimal: (n, ctx) => {
    // The parent's printed number already holds its own chain ("2.1").
    const parent = ctx.numbers.at(-1);
    return (parent?.style === 'decimal' ? `${parent.label}.` : '') + `${n}.`;
  },
  '1.': (n) => `${n}.`,
  '1)': (n) => `${n})`,
  alpha: (n) => alphaMarker(n),
  'a)': (n) => alphaMarker(n),
  'a.': (n) => alphaMarker(n).replace(/\)$/, '.'),
  'I.': (n) => `${romanNumeral(n)}.`,
  none: () => '',
};

/** The number an item passes to its children's chain ("2.1." → "2.1"). */
const chainLabel = (marker: string) => marker.replace(/[.)]$/, '');

function positiveInt(el: Element, name: string): number | undefined {
  const v = el.attrs[name];
  if (v === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(v)) err(el, `${name}="${v}" phải là số nguyên dương`);
  return Number(v);
}

function list(el: Element, ctx: Ctx): Block[] {
  const style = el.attrs.style ?? 'decimal';
  const dash = style === 'dash';
  if (!dash && !LIST_STYLES[style]) err(el, `<list style="${style}"> không hợp lệ (${['dash', ...Object.keys(LIST_STYLES)].join(', ')})`);
  const out: Block[] = [];
  let n = (positiveInt(el, 'start') ?? 1) - 1;
  for (const item of elements(el)) {
    if (item.name !== 'item') err(item, `trong <list> chỉ có <item>, gặp <${item.name}>`);
    // A given number restarts the count; a given marker is printed as is and does not count.
    const given = item.attrs.marker;
    const restart = positiveInt(item, 'number');
    if (restart !== undefined) n = restart - 1;
    if (given === undefined) n++;
    let marker: string;
    let childCtx: Ctx;
    const level = ctx.numbers.length + 2;
    let itemStyle: ParagraphStyle;
    if (dash) {
      marker = given ?? el.attrs.marker ?? (ctx.bulletDepth === 0 ? '-' : '+');
      childCtx = { ...ctx, bulletDepth: ctx.bulletDepth + 1 };
      itemStyle = ctx.bulletDepth === 0 ? 'bullet' : 'bullet2';
    } else {
      marker = given ?? LIST_STYLES[style](n, ctx);
      childCtx = { ...ctx, numbers: [...ctx.numbers, { style, label: chainLabel(marker) }] };
      itemStyle = 'item';
    }
    out.push(...listItem(item, marker, level, itemStyle, childCtx));
  }
  return out;
}

/**
 * An item's title line: a bold heading by default; title-style="plain" or "italic" sets it like a
 * text item (kept with what follows), "bold-italic" as an italic heading.
 */
function itemTitle(item: Element, h: Element, marker: string | undefined, level: number): Paragraph {
  const style = item.attrs['title-style'] ?? 'bold';
  if (!['bold', 'plain', 'italic', 'bold-italic'].includes(style)) err(item, `title-style="${style}" không hợp lệ (bold, plain, italic, bold-italic)`);
  const bold = style === 'bold' || style === 'bold-italic';
  const italic = style === 'italic' || style === 'bold-italic';
  return {
    kind: 'paragraph',
    style: bold ? headingStyle(level) : 'item',
    marker,
    markerBold: bold,
    markerItalic: italic || undefined,
    runs: inlineRuns(h, { ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) }),
    keepNext: true,
  };
}

/** One item: a heading line (<h>), a text paragraph (<t>) or its first block carries the marker. */
function listItem(item: Element, marker: string, level: number, itemStyle: ParagraphStyle, childCtx: Ctx): Block[] {
  const out: Block[] = [];
  const h = child(item, 'h');
  const t = child(item, 't');
  const rest = elements(item).filter((c) => c !== h && c !== t);
  const m = marker || undefined;
  if (h) out.push(itemTitle(item, h, m, level));
  if (t) {
    const runs = inlineRuns(t);
    out.push({
      kind: 'paragraph',
      style: itemStyle,
      marker: h ? undefined : m,
      markerBold: !h && (!!runs[0]?.bold || item.attrs['bold-number'] === 'true'),
      runs,
    });
  }
  const children = blocks(rest, childCtx);
  if (!h && !t) {
    const first = children.find((b): b is Paragraph => b.kind === 'paragraph');
    if (!first) err(item, '<item> cần <h>, <t> hoặc một đoạn');
    first!.marker = m;
  }
  // An item's lead line ("c) Hoạt động 3", "1.5. Mục tiêu 5") stays with what it introduces.
  const lead = out.at(-1);
  if (lead?.kind === 'paragraph' && children.length) lead.keepNext = true;
  out.push(...children);
  return out;
}

/** A paragraph that ends with ":" introduces the next block and stays on its page. */
function keepIntroductions(list: Block[]): Block[] {
  list.forEach((b, k) => {
    if (b.kind !== 'paragraph' || k === list.length - 1) return;
    const last = [...b.runs].reverse().find((r) => r.text.trim());
    if (last?.text.trimEnd().endsWith(':')) b.keepNext = true;
  });
  return list;
}

function cell(el: Element, tableBold: boolean): TableCell {
  const paras = elements(el).filter((c) => c.name === 'p');
  const align = el.attrs.align as TableCell['align'];
  const bold = el.attrs.bold === 'true' || tableBold;
  const ps: Paragraph[] = paras.length
    ? paras.map((p) => ({ kind: 'paragraph', style: 'body', runs: inlineRuns(p, bold ? { bold } : {}) }))
    : [{ kind: 'paragraph', style: 'body', runs: inlineRuns(el, bold ? { bold } : {}) }];
  return {
    blocks: ps,
    colSpan: el.attrs.colspan ? Number(el.attrs.colspan) : undefined,
    rowSpan: el.attrs.rowspan ? Number(el.attrs.rowspan) : undefined,
    align,
    bold: bold || undefined,
  };
}

function table(el: Element): Table {
  const rows: TableRow[] = elements(el).map((tr) => {
    if (tr.name !== 'tr') err(tr, `trong <table> chỉ có <tr>, gặp <${tr.name}>`);
    const header = tr.attrs.header === 'true';
    return {
      header: header || undefined,
      keepNext: tr.attrs['keep-next'] === 'true' || undefined,
      cells: elements(tr).map((td) => {
        if (td.name !== 'td') err(td, `trong <tr> chỉ có <td>, gặp <${td.name}>`);
        return cell(td, header);
      }),
    };
  });
  const width = Math.max(...rows.map((r) => r.cells.reduce((s, c) => s + (c.colSpan ?? 1), 0)));
  let columns = el.attrs.columns ? el.attrs.columns.split(',').map(Number) : [];
  if (columns.some((c) => !(c > 0))) err(el, `columns="${el.attrs.columns}" không hợp lệ`);
  if (columns.length === 0) columns = Array(width).fill(1);
  if (columns.length !== width) err(el, `bảng có ${width} cột nhưng columns có ${columns.length} giá trị`);
  return {
    kind: 'table',
    columns,
    rows,
    fontSize: el.attrs.size ? Number(el.attrs.size) : undefined,
    autoWidth: el.attrs['auto-width'] === 'true' || undefined,
  };
}

function blocks(els: Element[], ctx: Ctx): Block[] {
  const out: Block[] = [];
  for (const el of els) {
    switch (el.name) {
      case 'p':
        out.push(paragraph(el));
        break;
      case 'section': {
        const h = child(el, 'h');
        if (!h) err(el, '<section> cần tiêu đề <h>');
        // number="5" restarts the count at V; marker="III." is printed as is and does not count.
        const restart = positiveInt(el, 'number');
        if (restart !== undefined) ctx.roman.n = restart - 1;
        const given = el.attrs.marker;
        if (given === undefined) ctx.roman.n++;
        out.push({
          kind: 'paragraph',
          style: 'heading1',
          marker: given ?? romanNumeral(ctx.roman.n) + '.',
          markerBold: true,
          runs: inlineRuns(h!, { bold: true }),
          keepNext: true,
        });
        out.push(
          ...blocks(
            elements(el).filter((c) => c !== h),
            { ...ctx, numbers: [], bulletDepth: 0 },
          ),
        );
        break;
      }
      case 'list':
        out.push(...list(el, ctx));
        break;
      case 'table':
        out.push(table(el));
        break;
      case 'pagebreak':
        out.push({ kind: 'pageBreak' });
        break;
      default:
        err(el, `thẻ <${el.name}> không dùng được ở đây`);
    }
  }
  return out;
}

function header(el: Element): Header {
  const need = (name: string) => {
    const v = plainText(child(el, name));
    if (v === undefined) err(el, `<header> thiếu <${name}>`);
    return v!;
  };
  return {
    parent: plainText(child(el, 'parent')),
    agency: need('agency'),
    number: need('number'),
    nationalTitle: need('national'),
    motto: need('motto'),
    placeDate: need('placedate'),
    urgency: plainText(child(el, 'urgency')),
    confidentiality: plainText(child(el, 'confidentiality')),
  };
}

function titleBlock(el: Element): TitleBlock {
  const kind = plainText(child(el, 'kind'));
  if (!kind) err(el, '<title> thiếu <kind>');
  const s = child(el, 'summary');
  return { kind: kind!, summary: s ? splitLines(inlineRuns(s, { bold: true })).filter((l) => l.length) : [], note: plainText(child(el, 'note')) };
}

/**
 * The end mark ("./.") after the last text of the body, whatever paragraph it is (a closing
 * sentence, the last numbered item), unless it is already there. A body that ends with a table
 * gets none: the mark does not go into a cell.
 */
function endMark(body: Block[], mark: string): void {
  for (let k = body.length - 1; k >= 0; k--) {
    const p = body[k];
    if (p.kind === 'table') return;
    if (p.kind !== 'paragraph') continue;
    const last = [...p.runs].reverse().find((r) => r.text);
    if (!last) {
      p.runs.push({ text: mark });
      return;
    }
    if (last.text.trimEnd().endsWith(mark)) return;
    // Trailing punctuation gives way to the mark ("thực hiện." → "thực hiện./.").
    last.text = last.text.replace(/[\s.;:,]+$/u, '') + mark;
    return;
  }
}

function closing(el: Element | undefined): Closing {
  if (!el) return {};
  const r = child(el, 'recipients');
  const s = child(el, 'signature');
  return {
    recipients: r
      ? {
          label: r.attrs.label ?? 'Nơi nhận:',
          items: elements(r)
            .map((x) => plainText(x) ?? '')
            .filter(Boolean),
        }
      : undefined,
    signature: s
      ? {
          lines: elements(s)
            .filter((x) => x.name === 'line')
            .map((x) => plainText(x) ?? '')
            .filter(Boolean),
          name: plainText(child(s, 'name')) ?? '',
          gapLines: s.attrs.gap ? Number(s.attrs.gap) : undefined,
        }
      : undefined,
  };
}

function appendix(el: Element): Appendix {
  const t = child(el, 'atitle');
  return {
    label: el.attrs.label ?? '',
    title: t ? splitLines(inlineRuns(t, { bold: true })).filter((l) => l.length) : [],
    note: el.attrs.note,
    landscape: el.attrs.landscape === 'true' || undefined,
    blocks: keepIntroductions(
      blocks(
        elements(el).filter((c) => c !== t),
        { numbers: [], bulletDepth: 0, roman: { n: 0 } },
      ),
    ),
  };
}

function bodyOf(b: Element): Block[] {
  const out = keepIntroductions(blocks(elements(b), { numbers: [], bulletDepth: 0, roman: { n: 0 } }));
  if (b.attrs.end) endMark(out, b.attrs.end);
  return out;
}

/** Parses template output into the document model; page setup is supplied by the caller. */
export function buildDocument(markup: string, page: PageSetup): DocumentModel {
  const root = parseMarkup(markup);
  const docs = elements(root);
  if (docs.length !== 1 || docs[0].name !== 'document')
    throw new MarkupError('kết quả mẫu phải có đúng một thẻ <document> ngoài cùng', 1, 1, markup.slice(0, 80));
  const doc = docs[0];
  const h = child(doc, 'header');
  const t = child(doc, 'title');
  const b = child(doc, 'body');
  if (!t) err(doc, '<document> thiếu <title>');
  const meta: DocumentMeta = {
    title: doc.attrs.title ?? '',
    author: doc.attrs.author ?? '',
    subject: doc.attrs.subject,
    keywords: doc.attrs.keywords
      ? doc.attrs.keywords
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    language: doc.attrs.lang ?? 'vi-VN',
    date: doc.attrs.date,
  };
  return {
    meta,
    page,
    header: h ? header(h) : undefined,
    title: titleBlock(t!),
    body: b ? bodyOf(b) : [],
    closing: closing(child(doc, 'closing')),
    appendices: elements(doc)
      .filter((c) => c.name === 'appendix')
      .map(appendix),
  };
}
