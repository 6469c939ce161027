// Page-break defects a clerk would not sign, found in any PDF of a plan (ours, or LibreOffice's
// rendering of our DOCX) from outside: poppler's `pdftotext -bbox` gives the words and their
// boxes; the document model (the input, not the layout under test) says what each text is.
// Shared by test/page-breaks.test.ts and scripts/page-defects.mjs.
//
// A defect is:
// - "heading": a page whose last body line is (part of) a heading, the tên loại or trích yếu, or
//   an appendix's label or title;
// - "colon": a page whose last body line ends a paragraph with ":";
// - "lead": a page whose last body line ends a numbered or lettered paragraph that introduces
//   what follows (the next paragraph is deeper: "a) Lĩnh vực lao động" then "- …");
// - "group": a page whose last body line belongs to a table group row (one that spans the table,
//   or is all bold above plain rows);
// - "split": a word of the source that appears in pieces (broken inside a table cell);
// - "code": a code ("COVID-19", "196-TB/TW") broken after its hyphen;
// - "underfull": a page less than two thirds full, unless it ends the body or an appendix or
//   comes before an explicit page break.
import { execFileSync } from 'node:child_process';

const PT_PER_MM = 72 / 25.4;
/** Words whose bottoms are this close (pt) are on one visual line. */
const ROW_TOLERANCE = 2.5;
/** A gap wider than this (pt) between words of a line separates two columns or cells. */
const COLUMN_GAP = 9;

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) => s.replace(/&(#\d+|\w+);/g, (m, e) => (e[0] === '#' ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m)));

/** Text as the two PDFs may carry it, made comparable: NFC, non-breaking hyphen and space as plain ones. */
export const norm = (s) =>
  s
    .normalize('NFC')
    .replace(/\u2011/g, '-')
    .replace(/\u00a0/g, ' ');
/** Without spaces (line breaks and justification put them anywhere), for substring matching. */
const squash = (s) => norm(s).replace(/\s+/g, '');

/** Pages of a PDF with their words (pdftotext -bbox, top-left origin, pt). */
export function pdfPages(pdfPath) {
  const xml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x1: +w[1],
      y1: +w[2],
      x2: +w[3],
      y2: +w[4],
      text: norm(decode(w[5])),
    }));
    pages.push({ width: +m[1], height: +m[2], rows: visualRows(words), words });
  }
  return pages;
}

/** Words grouped into lines by their bottoms, top to bottom; each line split into segments at wide gaps. */
function visualRows(words) {
  const sorted = [...words].sort((a, b) => a.y2 - b.y2 || a.x1 - b.x1);
  const rows = [];
  for (const w of sorted) {
    const last = rows[rows.length - 1];
    if (last && w.y2 - last.y2 <= ROW_TOLERANCE) last.words.push(w);
    else rows.push({ y2: w.y2, words: [w] });
  }
  for (const r of rows) {
    r.words.sort((a, b) => a.x1 - b.x1);
    r.segments = [];
    let cur;
    for (const w of r.words) {
      if (cur && w.x1 - cur.x2 <= COLUMN_GAP) {
        cur.text += ` ${w.text}`;
        cur.x2 = w.x2;
      } else {
        cur = { x1: w.x1, x2: w.x2, text: w.text };
        r.segments.push(cur);
      }
    }
    r.text = r.segments.map((s) => s.text).join(' ');
    r.y2 = Math.max(...r.words.map((w) => w.y2));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// What each text of the document is, from the model.

const SENTENCE_END = /[.;!?…]["”')]?$/;
const runsText = (runs) => runs.map((r) => r.text).join('');
const paraText = (p) => (p.marker ? `${p.marker} ` : '') + runsText(p.runs);
const cellText = (c) => c.blocks.map(paraText).join(' ');

/** Depth of a paragraph by its label: I. → 1, 1. → 2, 1.1. → 3, 1.1.1. → 4, a) → 5, - → 6, + → 7, none → 8. */
function level(text, style) {
  const t = norm(text).trimStart();
  if (/^[IVXLC]+\.\s/.test(t)) return 1;
  if (/^\d+\.\d+\.\d+\.?\s/.test(t)) return 4;
  if (/^\d+\.\d+\.?\s/.test(t)) return 3;
  if (/^\d+[.)]\s/.test(t)) return 2;
  if (/^[a-zđ][).]\s/.test(t)) return 5;
  if (/^[-–]\s/.test(t)) return 6;
  if (/^\+\s/.test(t)) return 7;
  const h = /^heading(\d)$/.exec(style ?? '');
  return h ? Number(h[1]) : 8;
}

/** A table row that heads a group: spans the table, or all bold above a plain row. */
function isGroupRow(table, k) {
  const row = table.rows[k];
  const next = table.rows[k + 1];
  if (row.header || !next || next.header) return false;
  const n = table.columns.length;
  if (n >= 3 && row.cells.some((c) => (c.colSpan ?? 1) >= n - 1)) return true;
  const bold = (c) => c.bold || c.blocks.every((b) => b.runs.every((r) => !r.text.trim() || r.bold));
  const filled = (r) => r.cells.filter((c) => cellText(c).trim());
  return filled(row).length > 0 && filled(row).every(bold) && !filled(next).every(bold);
}

/**
 * The document's texts in reading order: { sq (squashed text), kind, level, cells? } where kind is
 * 'heading', 'colon', 'lead', 'group' (the keep kinds) or 'text'; plus the footnotes' texts and the
 * texts that start a page on purpose (appendix labels, what follows a page break).
 */
export function documentUnits(model) {
  const units = [];
  const footnotes = [];
  const starts = [];
  const addRuns = (runs) => {
    for (const r of runs) if (r.footnote) footnotes.push(r.footnote);
  };
  const para = (text, kind, style) => units.push({ sq: squash(text), kind, level: level(text, style), text: norm(text) });
  const blocks = (list) => {
    let afterBreak = false;
    for (const b of list) {
      if (b.kind === 'pageBreak') {
        afterBreak = true;
        continue;
      }
      if (b.kind === 'paragraph') {
        addRuns(b.runs);
        const text = paraText(b);
        if (afterBreak) starts.push(squash(text).slice(0, 20));
        para(text, /^heading\d$/.test(b.style) ? 'heading' : 'text', b.style);
      } else {
        b.rows.forEach((row, k) => {
          for (const c of row.cells) for (const p of c.blocks) addRuns(p.runs);
          const cells = row.cells.map((c) => squash(cellText(c))).filter(Boolean);
          if (afterBreak && k === 0) starts.push(cells.join('').slice(0, 20));
          units.push({ sq: cells.join(''), cells, kind: isGroupRow(b, k) ? 'group' : 'text', level: 9, text: cells.join(' | ') });
        });
      }
      afterBreak = false;
    }
  };
  para(model.title.kind, 'heading');
  for (const line of model.title.summary) para(runsText(line), 'heading');
  if (model.title.note) para(model.title.note, 'text');
  blocks(model.body);
  const c = model.closing;
  const closing = (text) => {
    para(text, 'text');
    units[units.length - 1].closing = true;
  };
  if (c?.recipients) {
    para(c.recipients.label, 'text');
    for (const item of c.recipients.items) closing(item);
  }
  if (c?.signature) {
    for (const line of c.signature.lines) closing(line);
    closing(c.signature.name);
  }
  for (const a of model.appendices) {
    starts.push(squash(a.label).slice(0, 20));
    para(a.label, 'heading');
    for (const line of a.title) para(runsText(line), 'heading');
    if (a.note) para(a.note, 'text');
    blocks(a.blocks);
  }
  // Keep kinds that follow from the text: a paragraph ending with ":"; a labelled title (no
  // sentence end: "c) Hoạt động 3") before something deeper. The closing block leads nothing.
  units.forEach((u, k) => {
    if (u.kind !== 'text' || u.cells || u.closing) return;
    const t = u.text.trimEnd();
    if (t.endsWith(':')) u.kind = 'colon';
    else if (u.level < 8 && !SENTENCE_END.test(t) && k + 1 < units.length && units[k + 1].level > u.level) u.kind = 'lead';
  });
  const notes = footnotes.map((runs, k) => squash(`${k + 1}${runsText(runs)}`));
  return { units, notes, starts };
}

/** Every word the document holds, lower case (what the PDFs may show), with the numbers pages get. */
function vocabulary(model) {
  const words = new Set();
  const walk = (x) => {
    // A paragraph's runs make its words together ("(**2035**)." is one word).
    if (Array.isArray(x) && x.length && x.every((r) => r && typeof r.text === 'string')) {
      // A footnote's number is set between the words around it: the PDF shows them apart.
      walk(x.map((r) => (r.footnote ? ` ${r.text} ` : r.text)).join(''));
      for (const r of x) if (r.footnote) walk(r.footnote);
      return;
    }
    if (typeof x === 'string') {
      for (const w of norm(x).toLowerCase().split(/\s+/)) if (w) words.add(w);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(model);
  for (let n = 1; n < 1000; n++) words.add(String(n));
  return words;
}

/** Pieces a word may show in when a line breaks after one of its hyphens, by whether it is a code. */
function hyphenPieces(words) {
  const plain = new Set();
  const code = new Set();
  for (const w of words) {
    const parts = w.split(/(?<=\S-)(?=[^\s-])/u);
    if (parts.length < 2) continue;
    const into = /[\d/]/.test(w) ? code : plain;
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j <= parts.length; j++) if (j - i < parts.length) into.add(parts.slice(i, j).join(''));
  }
  return { plain, code };
}

// ---------------------------------------------------------------------------------------------
// The checks.

/** What the last line of a page is: the keep kind that makes it a defect, or null. */
function judgeSegment(sq, units) {
  const keep = new Set();
  let plain = false;
  let found = false;
  for (const u of units) {
    const texts = u.cells ?? [u.sq];
    if (!texts.some((t) => t.includes(sq))) continue;
    found = true;
    const atEnd = texts.some((t) => t.endsWith(sq));
    if (u.kind === 'heading' || u.kind === 'group') keep.add(u.kind);
    else if ((u.kind === 'colon' || u.kind === 'lead') && atEnd) keep.add(u.kind);
    else plain = true;
  }
  if (!found) return { verdict: 'unknown' };
  if (keep.size && !plain) return { verdict: 'defect', kind: [...keep][0] };
  return { verdict: keep.size ? 'ambiguous' : 'ok' };
}

/**
 * Defects of one PDF of `model`. Returns { defects: [{ page, kind, text }], stats } where stats
 * counts the page ends judged, so that a check that judges nothing is seen.
 */
export function pageDefects(model, pdfPath) {
  const pages = pdfPages(pdfPath);
  const { units, notes, starts } = documentUnits(model);
  const top = model.page.margins.top * PT_PER_MM;
  const bottom = model.page.margins.bottom * PT_PER_MM;
  const defects = [];
  const stats = { pages: pages.length, judged: 0, ambiguous: 0, unknown: 0 };
  const bodyRows = pages.map((p) => {
    // Running header (page number) above the top margin; footnotes at the foot.
    const rows = p.rows.filter((r) => r.y2 > top - 2);
    let end = rows.length;
    while (end > 0 && notes.some((n) => n.includes(squash(rows[end - 1].text)))) end--;
    return { all: rows, body: rows.slice(0, end) };
  });
  const startsPage = (k) => {
    const first =
      bodyRows[k]?.body
        .slice(0, 2)
        .map((r) => squash(r.text))
        .join('') ?? '';
    return starts.some((s) => s && first.startsWith(s.slice(0, Math.min(s.length, first.length))) && first.length > 0);
  };
  pages.forEach((p, k) => {
    if (k === pages.length - 1) return;
    const { all, body } = bodyRows[k];
    const last = body[body.length - 1];
    if (last) {
      let judged = false;
      for (const seg of last.segments) {
        const j = judgeSegment(squash(seg.text), units);
        if (j.verdict === 'defect') defects.push({ page: k + 1, kind: j.kind, text: seg.text });
        if (j.verdict === 'ambiguous') stats.ambiguous++;
        else if (j.verdict === 'unknown') stats.unknown++;
        else judged = true;
      }
      if (judged) stats.judged++;
    }
    // Fullness: the lowest text (footnotes included) against the body's height.
    const low = Math.max(0, ...all.map((r) => r.y2));
    const fill = (low - top) / (p.height - top - bottom);
    if (fill < 2 / 3 && !startsPage(k + 1)) defects.push({ page: k + 1, kind: 'underfull', text: `${Math.round(fill * 100)} % full` });
  });
  defects.push(...brokenWords(model, pages));
  return { defects, stats };
}

/** Words of the PDF that are not words of the document: pieces of a word broken across lines. */
function brokenWords(model, pages) {
  const words = vocabulary(model);
  const pieces = hyphenPieces(words);
  const out = [];
  pages.forEach((p, k) => {
    for (const w of p.words) {
      const t = w.text.toLowerCase();
      // A footnote reference sets its number right after the word.
      if (words.has(t) || words.has(t.replace(/\d+$/, '')) || pieces.plain.has(t) || !/[\p{L}\p{N}]/u.test(t)) continue;
      out.push({ page: k + 1, kind: pieces.code.has(t) ? 'code' : 'split', text: w.text });
    }
  });
  return out;
}
