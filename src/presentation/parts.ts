// Small building blocks of the page description: plain lines in a part style, rules, framed
// stamps and the borderless layout tables of the header band and the closing block.
import type { FontSet } from '../fonts/metrics.js';
import {
  LAYOUT_CELL_PAD,
  RULE_GAP_BEFORE,
  RULE_SPACE,
  RULE_WIDTH,
  STAMP_FRAME_SPACE,
  STAMP_FRAME_WIDTH,
  STAMP_GAP_BEFORE,
  STAMP_RED,
  STAMP_SLACK,
} from '../nd30/header.js';
import { type Part, PART_STYLES } from '../nd30/styles.js';
import { mmToGridPt, ptToMm } from '../util/units.js';
import { keepCodesTogether } from './nobreak.js';
import type { BorderLine, Paragraph, Row, Table } from './types.js';

const BLACK = '000000';

/** One paragraph in a part's style per "\n"-separated line; the first may carry a space before, each an own size. */
export function lines(part: Part, text: string, opts: { before?: number; size?: number } = {}): Paragraph[] {
  return text.split('\n').map((t, k) => ({
    kind: 'paragraph',
    style: PART_STYLES[part].id,
    props: k === 0 && opts.before ? { spaceBefore: opts.before } : undefined,
    runs: [{ text: keepCodesTogether(t), size: opts.size }],
  }));
}

/** An empty paragraph in a part's style (signature space, an empty cell). */
export function emptyParagraph(style: string): Paragraph {
  return { kind: 'paragraph', style, runs: [] };
}

/** An empty paragraph whose bottom border is a rule of `lengthMm`, centred in `boxMm` by equal indents. */
export function rule(lengthMm: number, boxMm: number, after = 0): Paragraph {
  const side = mmToGridPt(Math.max(0, (boxMm - lengthMm) / 2));
  return {
    kind: 'paragraph',
    style: PART_STYLES.rule.id,
    // A little air between the text above and the rule, so it never reads as an underline.
    props: { left: side, right: side, spaceBefore: RULE_GAP_BEFORE, spaceAfter: after, borderBottom: { width: RULE_WIDTH, space: RULE_SPACE, color: BLACK } },
    runs: [],
  };
}

/**
 * Độ khẩn / độ mật stamp: bold caps in bright red inside a single red frame sized to the word
 * (NĐ 30, Phụ lục I). Drawn with paragraph borders, so it stays text a clerk can edit.
 */
export function stamp(text: string, size: number, boxMm: number, fonts: FontSet): Paragraph {
  const word = ptToMm(fonts.face(true, false).width(text, size));
  const side = mmToGridPt(Math.max(0, (boxMm - word) / 2 - STAMP_SLACK));
  const line = (space: number): BorderLine => ({ width: STAMP_FRAME_WIDTH, space, color: STAMP_RED });
  const s = STAMP_FRAME_SPACE;
  return {
    kind: 'paragraph',
    style: PART_STYLES.urgency.id,
    props: {
      left: side,
      right: side,
      spaceBefore: STAMP_GAP_BEFORE,
      frame: { top: line(s.top), bottom: line(s.bottom), left: line(s.left), right: line(s.right) },
    },
    runs: [{ text }],
  };
}

/** A borderless table laying parts out side by side; `rows[r][c]` are the paragraphs of a cell. */
export function layoutTable(widthsMm: number[], rows: Paragraph[][][], opts: { cantSplit?: boolean; indentMm?: number } = {}): Table {
  const pad = mmToGridPt(LAYOUT_CELL_PAD);
  return {
    kind: 'table',
    indent: mmToGridPt(opts.indentMm ?? 0),
    columns: widthsMm.map(mmToGridPt),
    pad: { left: pad, right: pad, top: 0, bottom: 0 },
    rows: rows.map(
      (cells): Row => ({
        cantSplit: opts.cantSplit,
        cells: cells.map((paragraphs, col) => ({ col, colSpan: 1, rowSpan: 1, vAlign: 'top', paragraphs })),
      }),
    ),
  };
}
