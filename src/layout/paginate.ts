// Pagination of one section, the way Word (and LibreOffice reading our DOCX) does it: blocks are
// measured, then placed page by page (./place-paragraph.ts, ./place-table.ts); the running header
// (the page number) goes on every page but the first.
import { Lookahead, type Measured } from './lookahead.js';
import { drawLine, measureParagraph, measureTable } from './measure.js';
import { NOTE_AREA, Paginator } from './paginator.js';
import { placeParagraph } from './place-paragraph.js';
import { placeTable } from './place-table.js';
import type { PageOut, SectionSpec } from './types.js';

export interface SectionLayout {
  pages: PageOut[];
}

export function paginate(section: SectionSpec): SectionLayout {
  const pg = new Paginator(section);
  const blocks: Measured[] = section.blocks.map((b) =>
    b.kind === 'paragraph' ? measureParagraph(b, pg.boxWidth) : b.kind === 'table' ? measureTable(b) : { kind: 'pageBreak' },
  );
  const ahead = new Lookahead(blocks);
  blocks.forEach((b, i) => {
    if (b.kind === 'pageBreak') pg.newPage(false);
    else if (b.kind === 'paragraph') placeParagraph(pg, b, b.spec.keepNext ? ahead.lead(i + 1) : 0);
    else placeTable(pg, b);
  });
  drawRunningHeaders(pg);
  drawFootnotes(pg);
  return { pages: pg.pages };
}

/** Each page's footnotes at the foot of its body, under a short rule. */
function drawFootnotes(pg: Paginator): void {
  pg.pageNotes.forEach((ids, k) => {
    if (!ids.length) return;
    const out = pg.pages[k];
    let y = pg.bottom - ids.reduce((h, id) => h + pg.noteHeight(id), 0);
    const ruleY = y - NOTE_AREA.bottomGap - NOTE_AREA.rule / 2;
    out.rules.push({ x1: pg.boxX, y1: ruleY, x2: pg.boxX + pg.boxWidth * NOTE_AREA.ruleShare, y2: ruleY, width: NOTE_AREA.rule });
    for (const id of ids)
      for (const spec of pg.section.footnote?.(id) ?? []) {
        const p = measureParagraph(spec, pg.boxWidth);
        y += spec.spaceBefore;
        for (const line of p.lines) {
          drawLine(line, pg.boxX, y, out.runs);
          y += line.height;
        }
        y += spec.spaceAfter;
      }
  });
}

/** The running header, `headerDistance` below the top edge, from the second page on. */
function drawRunningHeaders(pg: Paginator): void {
  const { runningHeader, headerDistance } = pg.section;
  if (!runningHeader) return;
  pg.pages.forEach((out, k) => {
    if (k === 0) return;
    let y = headerDistance;
    for (const spec of runningHeader(k + 1)) {
      const p = measureParagraph(spec, pg.boxWidth);
      y += p.spec.spaceBefore;
      for (const line of p.lines) {
        drawLine(line, pg.boxX, y, out.runs);
        y += line.height;
      }
      y += p.spec.spaceAfter;
    }
  });
}
