// Runs → the plan format's inline text: "**đậm**", "*nghiêng*", "^[chú thích]", "\*" for a star.
// The string is checked by parsing it back the way the templates will (template/inline.ts, then
// the model's run builder); when marks cannot say it (underline, marks touching each other) the
// plan's other inline form, a list of runs, is used instead.
import type { Run as RunInput } from '../../schema/content.js';
import { inlineRuns } from '../../model/build.js';
import type { Run } from '../../model/document.js';
import { parseMarkup } from '../../model/markup.js';
import { inlineToMarkup } from '../../template/inline.js';
import type { SRun } from '../source.js';

export type InlineOut = string | RunInput[];

const escapeMarks = (s: string) => s.replace(/([\\*])/g, '\\$1').replace(/\^\[/g, '\\^[');
const escapeNote = (s: string) => escapeMarks(s).replace(/([[\]])/g, '\\$1');

/** Adjacent runs of the same format merged, whitespace collapsed as the model does. */
export function tidy(runs: SRun[]): SRun[] {
  const out: SRun[] = [];
  for (const r of runs) {
    if (r.footnote) {
      out.push({ text: '', footnote: tidy(r.footnote) });
      continue;
    }
    const text = r.text.replace(/[ \t\r]+/g, ' ');
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && !last.footnote && !!last.bold === !!r.bold && !!last.italic === !!r.italic && !!last.underline === !!r.underline) last.text += text;
    else out.push({ text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...(r.underline ? { underline: true } : {}) });
  }
  // Formatting on spaces alone does not show.
  for (const r of out)
    if (!r.footnote && !r.text.trim()) {
      delete r.bold;
      delete r.italic;
      delete r.underline;
    }
  return out;
}

function markOne(r: SRun, note: boolean): string {
  if (r.footnote) return `^[${toMarks(r.footnote, true)}]`;
  const esc = note ? escapeNote : escapeMarks;
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text)!;
  if (!m[2]) return r.text;
  const marks = r.bold && r.italic ? '***' : r.bold ? '**' : r.italic ? '*' : '';
  return `${m[1]}${marks}${esc(m[2])}${marks}${m[3]}`;
}

function toMarks(runs: SRun[], note = false): string {
  return tidy(runs)
    .map((r) => markOne(r, note))
    .join('');
}

/** The model's runs for some inline text, as the templates would build them. */
function rendered(markup: string): Run[] {
  return inlineRuns(parseMarkup(`<p>${markup}</p>`).children[0] as never);
}

const key = (runs: Run[]): string =>
  JSON.stringify(runs.map((r) => (r.footnote ? { n: key(r.footnote) } : { t: r.text, b: !!r.bold, i: !!r.italic, u: !!r.underline })));

/** Runs as inline text for the plan; `dropBold`/`dropItalic` remove a format the context gives anyway. */
export function toInline(runs: SRun[], opts: { dropBold?: boolean; dropItalic?: boolean; string?: boolean } = {}): InlineOut {
  const src = runs.map((r) => strip(r, opts));
  const text = toMarks(src);
  const want = key(rendered(runsMarkup(tidy(src))));
  if (key(rendered(inlineToMarkup(text))) === want) return squashEnds(text);
  if (opts.string || src.some((r) => r.footnote)) return squashEnds(text);
  return tidy(src)
    .filter((r) => r.text)
    .map((r) => ({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...(r.underline ? { underline: true } : {}) }));
}

const squashEnds = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

function strip(r: SRun, opts: { dropBold?: boolean; dropItalic?: boolean }): SRun {
  const out: SRun = { ...r };
  if (opts.dropBold) delete out.bold;
  if (opts.dropItalic) delete out.italic;
  if (out.footnote) out.footnote = out.footnote.map((x) => strip(x, {}));
  return out;
}

/** The markup the model would get for these runs if each kept its own format (the target). */
function runsMarkup(runs: SRun[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br/>');
  return runs
    .map((r) => {
      if (r.footnote) return `<fn>${runsMarkup(tidy(r.footnote))}</fn>`;
      let s = esc(r.text);
      if (r.underline) s = `<u>${s}</u>`;
      if (r.italic) s = `<i>${s}</i>`;
      if (r.bold) s = `<b>${s}</b>`;
      return s;
    })
    .join('');
}

/** Plain text of inline output (for messages and comparisons). */
export function inlineText(x: InlineOut): string {
  return typeof x === 'string' ? x : x.map((r) => r.text).join('');
}
