// Reads one <w:p>: its resolved formatting (styles.ts), its runs with their own formatting, its
// visible text and the fields it contains (a PAGE field in a header is how page numbers are found).
import type { Para, Run } from './model.js';
import type { RunProps } from './formatting.js';
import { paragraphFormatting, runFormatting, type Styles } from './styles.js';
import { allText, kid, kids, type XEl } from './xml.js';

/** What a paragraph's content yields, filled in document order. */
interface Collected {
  runs: Run[];
  fieldRuns: Run[];
  fields: string[];
  nfd: boolean;
}

// Wrappers whose runs belong to the paragraph as if they were not wrapped.
const TRANSPARENT = new Set(['w:hyperlink', 'w:smartTag', 'w:ins', 'w:customXml']);

export function readParagraph(styles: Styles, el: XEl, tableStyle?: string): Para {
  const pPr = kid(el, 'w:pPr');
  const { props, styleRun, markProps } = paragraphFormatting(styles, pPr, tableStyle);
  const out: Collected = { runs: [], fieldRuns: [], fields: [], nfd: false };
  collectRuns(styles, el, styleRun, out);
  return {
    el,
    props,
    styleRun,
    markProps,
    runs: out.runs,
    fieldRuns: out.fieldRuns,
    endsSection: !!kid(pPr, 'w:sectPr'),
    nfd: out.nfd,
    text: out.runs.map((r) => r.text).join(''),
    fields: out.fields.map((f) => f.trim()),
  };
}

function collectRuns(styles: Styles, container: XEl, styleRun: RunProps, out: Collected): void {
  for (const r of kids(container)) {
    if (r.name === 'w:r') readRun(styles, r, styleRun, out);
    else if (r.name === 'w:fldSimple') {
      out.fields.push(r.attrs['w:instr'] ?? '');
      const before = out.runs.length;
      collectRuns(styles, r, styleRun, out);
      // A field with no cached result still has a place, formatted by the paragraph's styles.
      if (out.runs.length === before) out.fieldRuns.push({ text: '', props: styleRun, el: r });
    } else if (TRANSPARENT.has(r.name)) collectRuns(styles, r, styleRun, out);
    else if (r.name === 'w:sdt') collectRuns(styles, kid(r, 'w:sdtContent') ?? r, styleRun, out);
  }
}

/** One <w:r>: its text (tabs, breaks and no-break hyphens as characters) and any complex field it begins or continues. */
function readRun(styles: Styles, r: XEl, styleRun: RunProps, out: Collected): void {
  const props = runFormatting(styles, styleRun, kid(r, 'w:rPr'));
  const { fields } = out;
  let text = '';
  let begins = false;
  for (const c of kids(r)) {
    // Text as Word shows it: composed (NFC), a non-breaking hyphen as the hyphen it prints.
    if (c.name === 'w:t') {
      const raw = allText(c);
      const nfc = raw.normalize('NFC');
      if (nfc !== raw) out.nfd = true;
      text += nfc.replaceAll('\u2011', '-');
    } else if (c.name === 'w:tab') text += '\t';
    else if (c.name === 'w:br' || c.name === 'w:cr') text += c.attrs['w:type'] === 'page' ? '\f' : '\n';
    else if (c.name === 'w:noBreakHyphen') text += '-';
    // A complex field's instruction may be split over several runs: append to the open field.
    else if (c.name === 'w:instrText') fields[fields.length - 1] = (fields[fields.length - 1] ?? '') + allText(c);
    else if (c.name === 'w:fldChar' && c.attrs['w:fldCharType'] === 'begin') {
      begins = true;
      fields.push('');
    }
  }
  if (begins) out.fieldRuns.push({ text, props, el: r });
  if (text) out.runs.push({ text, props, el: r });
}
