// Footnotes: the model carries each note's text at its reference; the description numbers them
// in order of appearance through the whole document (as Word does) and keeps their paragraphs
// apart, for the DOCX's footnotes part and the foot of the PDF's pages.
import type { Run as ModelRun } from '../model/document.js';
import { FOOTNOTE_STYLE } from '../nd30/styles.js';
import type { Footnote, Paragraph, Run } from './types.js';

export class Notes {
  readonly list: Footnote[] = [];

  /** Registers a note and returns the reference run that takes its place in the text. */
  reference(content: ModelRun[], toRuns: (list: ModelRun[]) => Run[]): Run {
    const id = this.list.length + 1;
    // The note's number (drawn by each renderer, w:footnoteRef in the DOCX) is followed by a space.
    const paragraph: Paragraph = { kind: 'paragraph', style: FOOTNOTE_STYLE.id, runs: [{ text: ' ' }, ...toRuns(content)] };
    this.list.push({ id, paragraphs: [paragraph] });
    return { text: '', footnote: id };
  }
}
