// Text copied from a PDF or a web page (.txt, .md) → the neutral intermediate. Such text comes
// hard-wrapped (a paragraph over several lines, with or without blank lines between paragraphs)
// or one paragraph per line, with markdown marks, tables flattened either into "| a | b |" rows
// or into one cell per line between lone "|" lines, and footnote texts ("[1] …") at the end.
// Paragraph ends are found from the lines themselves: see breaksBefore().
import type { ImportWarning, SPara, SourceDoc } from '../source.js';
import { parseInline, stripHeading } from './markdown.js';
import { readBarTable, readPipeTable } from './text-tables.js';
import { attachFootnotes, footnoteDefinitions } from './text-footnotes.js';

/** Hard-wrapped with blank lines between paragraphs, without, one paragraph a line, or inside a table cell. */
export type Mode = 'wrapped' | 'unspaced' | 'lines' | 'cell';

export interface Line {
  text: string;
  /** 1-based line number in the file. */
  n: number;
}

const BAR = /^\s*\|\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const RULE = /^\s*(?:[-_=*]\s*){3,}$/;
const LABEL = /^(?:[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[a-zđ][).])(?=\s|$)/u;

export function readText(text: string, file: string): SourceDoc {
  const lines: Line[] = text.split(/\r?\n/).map((t, k) => ({ text: t.replace(/\t/g, ' ').trimEnd(), n: k + 1 }));
  // The reference copies start with "# source:" / "# notes:" lines: not part of the document.
  for (const l of lines.slice(0, 4)) if (/^# (source|notes):/.test(l.text)) l.text = '';
  const notes: ImportWarning[] = [...mendGlitches(lines)];
  const defs = footnoteDefinitions(lines);
  const mode = modeOf(lines);
  const blocks: SourceDoc['blocks'] = [];
  let para: Line[] = [];
  const flush = () => {
    if (para.length) blocks.push(...paragraphsOf(para, mode));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (defs.lines.has(l.n)) {
      flush();
      continue;
    }
    if (BAR.test(l.text)) {
      flush();
      const t = readBarTable(lines, i);
      blocks.push(t.table);
      i = t.next - 1;
      continue;
    }
    if (PIPE_ROW.test(l.text) && (l.text.match(/\|/g)?.length ?? 0) >= 3) {
      flush();
      const t = readPipeTable(lines, i);
      blocks.push(t.table);
      i = t.next - 1;
      continue;
    }
    if (!l.text.trim() || RULE.test(l.text)) {
      flush();
      continue;
    }
    para.push(l);
  }
  flush();
  notes.push(...attachFootnotes(blocks, defs));
  return { file, format: 'text', blocks, notes };
}

/**
 * Letters some web pages show for Vietnamese ones (a font-encoding glitch: "định kǶ" for "định
 * kỳ", "cǜng" for "cũng"); they are no Vietnamese letters, so each is mended and said once.
 */
const GLITCHES: [RegExp, string, string][] = [
  [/ǜ/g, 'ǜ', 'ũ'],
  [/Ǜ/g, 'Ǜ', 'Ũ'],
  [/Ƕ/g, 'Ƕ', 'ỳ'],
];

function mendGlitches(lines: Line[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const [re, from, to] of GLITCHES) {
    const hit = lines.filter((l) => l.text.includes(from));
    for (const l of hit) l.text = l.text.replace(re, to);
    if (hit.length) out.push({ message: `chữ "${from}" (lỗi mã chữ của trang web) đã sửa thành "${to}" ở ${hit.length} dòng.`, loc: { line: hit[0].n } });
  }
  return out;
}

/** Hard-wrapped with blank lines between paragraphs, hard-wrapped without, or one paragraph a line. */
function modeOf(lines: Line[]): Mode {
  const body = lines.filter((l) => !BAR.test(l.text) && !PIPE_ROW.test(l.text));
  const full = body.filter((l) => l.text.trim());
  const long = full.filter((l) => l.text.length > 110).length;
  if (full.length && long / full.length > 0.15) return 'lines';
  return (body.length - full.length) / Math.max(1, full.length) < 0.03 ? 'unspaced' : 'wrapped';
}

const stripMarks = (s: string) => s.replace(/^[\s*#]+/, '').replace(/[\s*]+$/, '');
const endsSentence = (s: string) => /[.;:!?]$|\.\/\.$/.test(stripMarks(s));
const lower = (s: string) => /^\p{Ll}/u.test(stripMarks(s)) && !LABEL.test(stripMarks(s));
const dash = (s: string) => /^[-+•]\s+\P{Ll}/u.test(stripMarks(s));
const caps = (s: string) => {
  const letters = stripMarks(s).replace(/[^\p{L}]/gu, '');
  return letters.length > 2 && letters === letters.toLocaleUpperCase('vi-VN');
};
/** Whether a bold mark ("**") is open at the end of `text` (web conversions close it on the next line). */
const boldOpen = (text: string) => (text.replace(/\\\*/g, '').match(/\*\*/g)?.length ?? 0) % 2 === 1;
const italicOpen = (text: string) => (text.replace(/\\\*/g, '').replace(/\*\*/g, '').match(/\*/g)?.length ?? 0) % 2 === 1;

/**
 * Whether `cur` starts a new paragraph after `prev` (the paragraph so far is `sofar`). A line
 * that starts in lower case continues the sentence; an open bold or italic mark continues it;
 * a line that closes a bold heading, a list mark or a label after a sentence end, starts anew.
 */
export function breaksBefore(sofar: string, prev: string, cur: string, mode: Mode): boolean {
  if (lower(cur)) return false;
  if (mode === 'lines') return true;
  if (boldOpen(sofar) || italicOpen(sofar)) return false;
  if (/\*\*\s*$/.test(prev) || /^\s*\*\*.*\*\*\s*$/.test(cur)) return true;
  // A dash after a sentence (or in a cell: the nơi nhận lines) opens a line; elsewhere it may be
  // a hard wrap inside "Công an thành phố - Thường trực …".
  if (dash(cur) && !/[-–]$/.test(prev.trim()) && (mode === 'cell' || endsSentence(prev) || /,$/.test(stripMarks(prev)) || /^[-+•]\s/.test(stripMarks(prev))))
    return true;
  if (LABEL.test(stripMarks(cur)) && endsSentence(prev)) return true;
  if (stripHeading(cur).heading) return true;
  // A line in capitals (a heading, a title, a header line) ends where a line in lower case follows.
  if (caps(prev) && !caps(cur)) return true;
  if ((mode === 'unspaced' || mode === 'cell') && endsSentence(prev)) return true;
  // In a cell, lines in capitals are lines of their own (a signature's "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH").
  return mode === 'cell' && caps(prev) && caps(cur) && stripMarks(cur).length > 6;
}

/** A run of lines without blank lines between them → paragraphs. */
export function paragraphsOf(lines: Line[], mode: Mode): SPara[] {
  const groups: Line[][] = [];
  let sofar = '';
  for (const l of lines) {
    const last = groups[groups.length - 1];
    if (!last || breaksBefore(sofar, last[last.length - 1].text, l.text, mode)) {
      groups.push([l]);
      sofar = l.text;
    } else {
      last.push(l);
      sofar += ` ${l.text}`;
    }
  }
  return groups.map(toPara).filter((p) => p.runs.some((r) => r.text.trim()));
}

function toPara(group: Line[]): SPara {
  let heading = false;
  const texts = group.map((l) => {
    const h = stripHeading(l.text);
    heading ||= h.heading;
    return h.text.trim();
  });
  let runs = parseInline(texts.join(' ').replace(/\s+/g, ' ').trim());
  // Markdown headings were bold lines of the original.
  if (heading) runs = runs.map((r) => ({ ...r, bold: true }));
  runs = runs.filter((r) => r.text);
  return { kind: 'p', runs, loc: { line: group[0].n } };
}
