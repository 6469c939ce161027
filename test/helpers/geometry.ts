// The header band and closing geometry as the page description holds it (for tests that locate
// parts of the rendered page by where the description put them).
import type { FontSet } from '../../src/fonts/metrics.js';
import type { DocumentModel } from '../../src/model/document.js';
import { PART_STYLES } from '../../src/nd30/styles.js';
import { present, textWidthMm } from '../../src/presentation/build.js';
import { bandGeometry } from '../../src/presentation/header-band.js';
import type { Paragraph, Table } from '../../src/presentation/types.js';
import { ptToMm } from '../../src/util/units.js';

export function headerGeometry(model: DocumentModel, fonts: FontSet) {
  const textWidth = textWidthMm(model.page);
  const doc = present(model, fonts);
  const blocks = doc.sections[0].blocks;
  const summaryAt = blocks.findIndex((b) => b.kind === 'paragraph' && b.style === PART_STYLES.summary.id);
  const rule = (summaryAt >= 0 ? blocks[summaryAt + 1] : undefined) as Paragraph | undefined;
  const side = rule?.props?.left ?? 0;
  const last = blocks[blocks.length - 1] as Table;
  return {
    ...bandGeometry(model.header!, model.page, fonts, textWidth),
    textWidth,
    summaryRule: rule ? textWidth - 2 * ptToMm(side) : 0,
    closingCantSplit: last.kind === 'table' && !!last.rows[0].cantSplit,
  };
}
