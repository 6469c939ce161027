// Opens a DOCX in memory and reads it the way Word does (used by `kehoach check` and the tests).
//
// The reader is split by concern; this module keeps the single import path the CLI and the tests use:
//   xml.ts         XML tokenizer/parser and tree helpers
//   formatting.ts  paragraph/run properties and how one <w:pPr>/<w:rPr> changes them
//   styles.ts      style resolution: docDefaults → table style → paragraph style chain → character style → direct
//   model.ts       the document model (paragraphs, runs, tables, cells, sections)
//   paragraph.ts, blocks.ts, section.ts   build that model from document.xml
//   docx-file.ts   the package: parts, relationships, styles, body, sections
//   measure.ts     units and font measurement (text widths, line wrapping)
// Units: twips (1/20 pt) for lengths, points for font sizes, millimetres where named *Mm.
export { DocxFile, openDocx } from './docx-file.js';
export { applyPPr, applyRPr, type Border, type ParaProps, type RunProps } from './formatting.js';
export { mmToTwips, ptToMm, runsWidthMm, TWIPS_PER_MM, twipsToMm, wrapLinesMm } from './measure.js';
export type { BodyItem, Cell, Para, Row, Run, SectionProps, Tbl } from './model.js';
export { type StyleDef, Styles } from './styles.js';
export { squash } from './text.js';
export { all, allText, decodeEntities, elementNames, isEl, kid, kids, parseXml, type XEl, type XNode } from './xml.js';
