// Layout options a DOCX shows: page margins, the body's font size (13 or 14), a table's font
// size. Only values the decree's ranges allow and that differ from the defaults are written.
import { DEFAULT_PAGE } from '../../nd30/page.js';
import { allParas, type SBlock, type SourceDoc, type SRun } from '../source.js';
import type { Obj } from './tree.js';

/** The size most of the text is set in (by characters), if the runs carry sizes. */
export function dominantSize(runs: SRun[]): number | undefined {
  const count = new Map<number, number>();
  for (const r of runs) if (r.size && r.text.trim()) count.set(r.size, (count.get(r.size) ?? 0) + r.text.length);
  let best: number | undefined;
  let n = 0;
  for (const [size, c] of count) if (c > n) [best, n] = [size, c];
  return best;
}

export function recogniseLayout(doc: SourceDoc, body: SBlock[]): Obj | undefined {
  const out: Obj = {};
  const m = doc.margins;
  if (m) {
    const margins: Obj = {};
    const range = { top: [20, 25], bottom: [20, 25], left: [30, 35], right: [15, 20] } as const;
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const v = m[side];
      if (v >= range[side][0] && v <= range[side][1] && Math.abs(v - DEFAULT_PAGE.margins[side]) >= 0.5) margins[side] = v;
    }
    if (Object.keys(margins).length) out.margins = margins;
  }
  const size = dominantSize(allParas(body.filter((b) => b.kind === 'p')).flatMap((p) => p.runs));
  if (size === 13) out.fontSize = 13;
  return Object.keys(out).length ? out : undefined;
}
