// Reads a <w:sectPr>: page size and orientation, margins, first-page header switch, page numbering
// start, and which header/footer parts the section uses.
import { onOff } from './formatting.js';
import type { SectionProps } from './model.js';
import { kid, kids, type XEl } from './xml.js';

/** `rels`: the document's relationships, to turn r:id references into part names. */
export function readSection(s: XEl, rels: Record<string, { type: string; target: string }>): SectionProps {
  const sz = kid(s, 'w:pgSz');
  const mar = kid(s, 'w:pgMar');
  // A missing margin is NaN so that the margin rules report it instead of passing it as 0.
  const m = (k: string) => Number(mar?.attrs[`w:${k}`] ?? NaN);
  const refs = (name: string) => {
    const out: Record<string, string> = {};
    for (const r of kids(s, name)) out[r.attrs['w:type'] ?? 'default'] = rels[r.attrs['r:id']]?.target;
    return out;
  };
  const pg = kid(s, 'w:pgNumType');
  return {
    pageWidth: Number(sz?.attrs['w:w']),
    pageHeight: Number(sz?.attrs['w:h']),
    orient: sz?.attrs['w:orient'],
    margins: { top: m('top'), bottom: m('bottom'), left: m('left'), right: m('right'), header: m('header'), footer: m('footer'), gutter: m('gutter') },
    titlePage: onOff(kid(s, 'w:titlePg')) ?? false,
    headers: refs('w:headerReference'),
    footers: refs('w:footerReference'),
    pageNumberStart: pg?.attrs['w:start'] !== undefined ? Number(pg.attrs['w:start']) : undefined,
    breakType: kid(s, 'w:type')?.attrs['w:val'] ?? 'nextPage',
    el: s,
  };
}
