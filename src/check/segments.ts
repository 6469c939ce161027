// A paragraph as the pieces a reader sees: clerks lay out a header with tabs ("ỦY BAN NHÂN DÂN
// <tab> CỘNG HÒA XÃ HỘI…") or line breaks instead of a table, so the parts are searched per piece
// (split at tabs and line breaks), each keeping the runs that make it up for its formatting.
import type { RunProps } from './formatting.js';
import type { Para, Run } from './model.js';
import { squash } from './text.js';

export interface Segment {
  para: Para;
  /** Text with spaces collapsed (squash). */
  text: string;
  /** Runs with visible characters in this piece. */
  runs: Run[];
  /** Which line of the paragraph (explicit breaks) the piece is on, from 0. */
  line: number;
}

/** The pieces of a paragraph, split at tabs and line breaks; empty pieces are left out. */
export function segmentsOf(p: Para): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let runs: Run[] = [];
  let line = 0;
  const flush = () => {
    const t = squash(text);
    if (t) out.push({ para: p, text: t, runs, line });
    text = '';
    runs = [];
  };
  for (const r of p.runs) {
    for (const ch of r.text) {
      if (ch === '\t' || ch === '\n' || ch === '\f') {
        flush();
        if (ch !== '\t') line++;
        continue;
      }
      text += ch;
      if (ch.trim() && runs[runs.length - 1] !== r) runs.push(r);
    }
  }
  flush();
  return out;
}

/** Size, bold, italic, caps of a piece of text: its first visible run, else the paragraph mark. */
export function textProps(runs: Run[], mark: RunProps) {
  const r = runs.find((x) => x.text.trim()) ?? { props: mark };
  return { size: r.props.size ?? 10, bold: !!r.props.bold, italic: !!r.props.italic, caps: !!r.props.caps, fonts: r.props.fonts };
}

/** Whether every visible run of the piece is bold (a heading line), not just the first. */
export const allBold = (runs: Run[]) => runs.length > 0 && runs.every((r) => r.props.bold || !r.text.trim());
