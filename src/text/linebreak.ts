// Line breaking of one paragraph as Word and LibreOffice do it for our DOCX: greedy, breaks at
// spaces (spaces at a break hang in the margin) and after a hyphen inside a word, never after
// "/" (LibreOffice's break iterator moves a break after a slash back to the space before, as
// Word keeps "05/2026/VLN/CV-LV" together); a word longer than the line is split by characters.
// Justified lines stretch their inner spaces; the last line and centred/right lines are not
// stretched.
import type { FaceMetrics } from '../fonts/metrics.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

/** An RGB colour, components 0–1 (black when absent). */
export type Rgb = [number, number, number];

/** A piece of text in one face and size; "\n" inside it is an explicit line break. */
export interface Span {
  text: string;
  face: FaceMetrics;
  size: number;
  underline?: boolean;
  color?: Rgb;
  /** Raised above the baseline by this much (superscript), pt. */
  rise?: number;
  /** A footnote reference: the note's number. */
  note?: number;
}

/** What the line breaker needs of a paragraph: its text, alignment, indents and line spacing. */
export interface TextBox {
  spans: Span[];
  align: Align;
  /** Indents from the box edges; `firstLine` is added to `left` on the first line (negative = hanging). */
  left: number;
  right: number;
  firstLine: number;
  /** Multiple of the font's single line height (Word's "auto" line rule). */
  lineSpacing: number;
  /** Face and size of the paragraph mark: the height of an empty paragraph. */
  markFace: FaceMetrics;
  markSize: number;
}

/** A laid-out piece of text, relative to the paragraph box and the line's baseline. */
export interface Piece {
  x: number;
  text: string;
  face: FaceMetrics;
  size: number;
  spaceExtra: number;
  underline?: boolean;
  color?: Rgb;
  rise?: number;
}

export interface Line {
  height: number;
  /** Distance from the top of the line to its baseline. */
  baseline: number;
  pieces: Piece[];
  /** Footnotes referenced on this line (they go to the foot of its page). */
  notes?: number[];
}

/**
 * Text fits a line when it is narrower than the room by half a twip: LibreOffice rounds a line's
 * width to whole twips and keeps one twip spare (measured on near ties: 9354.02 twips of text fit
 * a 9355-twip line, 9354.84 do not).
 */
const FIT_EPSILON = -0.025;

/** A chunk of text inside one span: a word part, spaces, or an explicit break. */
interface Chunk {
  kind: 'box' | 'space' | 'break';
  span: number;
  start: number;
  end: number;
  width: number;
  spaces: number;
  /** A box that may end a line even though no space follows (after a hyphen). */
  breakAfter: boolean;
  /** Room an italic box keeps free at the line end (see italicReserve), pt. */
  reserve: number;
}

/**
 * LibreOffice keeps 1/12 of an italic portion's height (ascent + descent in whole twips) free at
 * the end of a line for the slant (sw/source/core/text/guess.cxx), so italic text wraps about
 * 1.25 pt earlier at 14 pt. Measured on our DOCX: without it a long italic căn cứ paragraph
 * breaks differently on most lines.
 */
export function italicReserve(face: FaceMetrics, size: number): number {
  if (face.name !== 'italic' && face.name !== 'boldItalic') return 0;
  const heightTwips = Math.round(face.ascent * size * 20) + Math.round(face.descent * size * 20);
  return Math.floor(heightTwips / 12) / 20;
}

const isSpace = (c: number) => c === 0x20;
/** Hyphen-like characters after which Word may break a word (between letters or digits). */
const isBreakingHyphen = (c: number) => c === 0x2d || c === 0x2013 || c === 0x2014;
const isWordChar = (c: number) => c > 0x20 && !isSpace(c);

function chunksOf(spans: Span[]): Chunk[] {
  const out: Chunk[] = [];
  spans.forEach((s, si) => {
    const t = s.text;
    const face = s.face;
    const reserve = italicReserve(face, s.size);
    let k = 0;
    while (k < t.length) {
      const c = t.charCodeAt(k);
      if (c === 0x0a) {
        out.push({ kind: 'break', span: si, start: k, end: k + 1, width: 0, spaces: 0, breakAfter: true, reserve: 0 });
        k++;
        continue;
      }
      if (isSpace(c)) {
        let e = k;
        while (e < t.length && isSpace(t.charCodeAt(e))) e++;
        out.push({ kind: 'space', span: si, start: k, end: e, width: (e - k) * face.advance(0x20) * s.size, spaces: e - k, breakAfter: true, reserve: 0 });
        k = e;
        continue;
      }
      let e = k;
      let w = 0;
      while (e < t.length) {
        const cc = t.charCodeAt(e);
        if (cc === 0x0a || isSpace(cc)) break;
        const cp = t.codePointAt(e)!;
        w += face.advance(cp);
        // LibreOffice sets a non-breaking hyphen in italic text as a portion of its own and keeps
        // the italic end reserve after it (measured: 1.25 pt more at 14 pt).
        if (cp === 0x2011 && reserve) w += reserve / s.size;
        e += cp > 0xffff ? 2 : 1;
        // Break opportunity after a hyphen between word characters ("KH-SYT").
        if (isBreakingHyphen(cc) && e > k + 1 && e < t.length && isWordChar(t.charCodeAt(e)) && isWordChar(t.charCodeAt(e - 2))) break;
      }
      const endsHyphen = isBreakingHyphen(t.charCodeAt(e - 1)) && e < t.length && !isSpace(t.charCodeAt(e)) && t.charCodeAt(e) !== 0x0a;
      out.push({ kind: 'box', span: si, start: k, end: e, width: w * s.size, spaces: 0, breakAfter: endsHyphen, reserve });
      k = e;
    }
  });
  return out;
}

/** Splits an over-long box into pieces that each fit `avail` (at least one character each). */
function splitBox(c: Chunk, spans: Span[], firstAvail: number, avail: number): Chunk[] {
  const s = spans[c.span];
  const out: Chunk[] = [];
  let start = c.start;
  let w = 0;
  let room = firstAvail;
  for (let k = c.start; k < c.end; ) {
    const cp = s.text.codePointAt(k)!;
    const cw = s.face.advance(cp) * s.size;
    const len = cp > 0xffff ? 2 : 1;
    if (w + cw > room + FIT_EPSILON && k > start) {
      out.push({ ...c, start, end: k, width: w, breakAfter: true });
      start = k;
      w = 0;
      room = avail;
    }
    w += cw;
    k += len;
  }
  out.push({ ...c, start, end: c.end, width: w });
  return out;
}

interface RawLine {
  chunks: Chunk[];
  endsWithBreak: boolean;
}

function breakChunks(chunks: Chunk[], spans: Span[], firstWidth: number, width: number): RawLine[] {
  const lines: RawLine[] = [];
  let cur: Chunk[] = [];
  let curWidth = 0; // width of the boxes and inner spaces placed so far
  let pending: Chunk[] = []; // spaces after the last box
  let pendingWidth = 0;
  let hasBox = false;
  const avail = () => (lines.length === 0 ? firstWidth : width);
  const finish = (endsWithBreak: boolean) => {
    lines.push({ chunks: cur, endsWithBreak });
    cur = [];
    curWidth = 0;
    pending = [];
    pendingWidth = 0;
    hasBox = false;
  };
  /** Places a box on the current line, after the spaces waiting before it. */
  const take = (c: Chunk) => {
    cur.push(...pending, c);
    curWidth += pendingWidth + c.width;
    pending = [];
    pendingWidth = 0;
    hasBox = true;
  };
  const queue = chunks.slice();
  for (let q = 0; q < queue.length; q++) {
    const c = queue[q];
    if (c.kind === 'break') {
      cur.push(...pending);
      finish(true);
      continue;
    }
    if (c.kind === 'space') {
      // Leading spaces of a wrapped line disappear; those of the first line are kept (Word).
      if (!hasBox && lines.length > 0 && !lines[lines.length - 1].endsWithBreak) continue;
      pending.push(c);
      pendingWidth += c.width;
      continue;
    }
    if (curWidth + pendingWidth + c.width <= avail() - c.reserve + FIT_EPSILON) {
      take(c);
      continue;
    }
    if (hasBox) {
      // Break before this box: at the spaces, or after the hyphen that ended the previous box.
      const prev = cur[cur.length - 1];
      if (pending.length || prev.breakAfter) {
        finish(false);
        q--;
        continue;
      }
      // The previous box glues to this one (a word split across spans): break inside the
      // word group only if the whole group cannot fit on a line of its own.
      let g = cur.length - 1;
      while (g > 0 && cur[g - 1].kind === 'box' && !cur[g - 1].breakAfter) g--;
      if (g > 0) {
        const group = cur.splice(g);
        // Drop the spaces that preceded the group (they hang at the line end).
        let tail = cur.length;
        while (tail > 0 && cur[tail - 1].kind === 'space') tail--;
        cur.splice(tail);
        finish(false);
        queue.splice(q, 0, ...group);
        q--;
        continue;
      }
    }
    // A box wider than the (rest of the) line: split it by characters.
    const parts = splitBox(c, spans, avail() - c.reserve - curWidth - pendingWidth, width - c.reserve);
    if (parts.length === 1) {
      take(c);
      continue;
    }
    queue.splice(q, 1, ...parts);
    q--;
  }
  cur.push(...pending);
  if (cur.length || lines.length === 0 || lines[lines.length - 1].endsWithBreak) finish(false);
  return lines;
}

function lineMetrics(chunks: Chunk[], spans: Span[], spec: TextBox): { height: number; baseline: number } {
  let height = 0;
  let baseline = 0;
  const consider = (face: FaceMetrics, size: number) => {
    const h = face.lineHeight * size;
    if (h > height) {
      height = h;
      baseline = h - face.descent * size;
    }
  };
  for (const c of chunks) if (c.kind !== 'break' || chunks.length === 1) consider(spans[c.span].face, spans[c.span].size);
  if (height === 0) consider(spec.markFace, spec.markSize);
  // Word's "multiple" line spacing scales the line; the text keeps its place at the bottom.
  const h = height * spec.lineSpacing;
  return { height: h, baseline: baseline + (h - height) };
}

function piecesOf(chunks: Chunk[], spans: Span[], x0: number, extraPerSpace: number): Piece[] {
  const pieces: Piece[] = [];
  let x = x0;
  // The chunks of one span on a line are contiguous in its text: one slice per span.
  for (let i = 0; i < chunks.length; ) {
    const c = chunks[i];
    if (c.kind === 'break') {
      i++;
      continue;
    }
    const s = spans[c.span];
    let end = c.end;
    let width = 0;
    let reserve = 0;
    for (; i < chunks.length && chunks[i].span === c.span && chunks[i].kind !== 'break'; i++) {
      end = chunks[i].end;
      width += chunks[i].width + chunks[i].spaces * extraPerSpace;
      reserve ||= chunks[i].reserve;
    }
    const text = s.text.slice(c.start, end);
    const piece: Piece = { x, text, face: s.face, size: s.size, spaceExtra: extraPerSpace, underline: s.underline, color: s.color, rise: s.rise };
    if (reserve && text.includes('\u2011')) pieces.push(...splitAtReserve(piece, reserve));
    else pieces.push(piece);
    x += width;
  }
  return pieces;
}

/** The room kept after a non-breaking hyphen in italic text (see chunksOf) shows as a gap. */
function splitAtReserve(piece: Piece, reserve: number): Piece[] {
  const out: Piece[] = [];
  let x = piece.x;
  for (const part of piece.text.split(/(?<=\u2011)/)) {
    out.push({ ...piece, x, text: part });
    const spaces = part.split(' ').length - 1;
    x += piece.face.width(part, piece.size) + spaces * piece.spaceExtra + reserve;
  }
  return out;
}

/** Lays out the lines of a paragraph in a box of `boxWidth` points. */
export function layoutLines(spec: TextBox, boxWidth: number): Line[] {
  const chunks = chunksOf(spec.spans);
  const inner = boxWidth - spec.left - spec.right;
  const raw = breakChunks(chunks, spec.spans, inner - spec.firstLine, inner);
  return raw.map((l, k) => {
    // Trailing spaces hang: they neither count for alignment nor get stretched.
    let end = l.chunks.length;
    while (end > 0 && l.chunks[end - 1].kind !== 'box') end--;
    const visible = l.chunks.slice(0, end);
    const natural = visible.reduce((w, c) => w + c.width, 0);
    const start = spec.left + (k === 0 ? spec.firstLine : 0);
    const avail = inner - (k === 0 ? spec.firstLine : 0);
    const isLast = k === raw.length - 1;
    let x = start;
    let extra = 0;
    const align: Align = spec.align;
    if (align === 'center') x = start + (avail - natural) / 2;
    else if (align === 'right') x = start + avail - natural;
    else if (align === 'justify' && !isLast) {
      const spaces = visible.reduce((n, c) => n + c.spaces, 0);
      if (spaces > 0 && natural < avail) extra = (avail - natural) / spaces;
    }
    const m = lineMetrics(l.chunks, spec.spans, spec);
    const notes: number[] = [];
    for (const c of l.chunks) {
      const note = spec.spans[c.span].note;
      if (note !== undefined && !notes.includes(note)) notes.push(note);
    }
    return { height: m.height, baseline: m.baseline, pieces: piecesOf(visible, spec.spans, x, extra), ...(notes.length ? { notes } : {}) };
  });
}

/**
 * Natural widths (without hanging spaces) of the lines `spans` wrap into at `width`: the same
 * breaks as `layoutLines`, for geometry that follows the text (rule lengths under wrapped titles).
 */
export function lineWidths(spans: Span[], width: number): number[] {
  return breakChunks(chunksOf(spans), spans, width, width).map((l) => {
    let end = l.chunks.length;
    while (end > 0 && l.chunks[end - 1].kind !== 'box') end--;
    return l.chunks.slice(0, end).reduce((w, c) => w + c.width, 0);
  });
}
