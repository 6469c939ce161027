// Word's automatic numbering: a paragraph with <w:numPr> prints a label ("1.", "a)", "-") that
// is not in its text but computed from word/numbering.xml. Clerks number their plans this way, so
// the labels are computed here as Word would and put in front of the paragraph's runs, where the
// recognisers look for them (a typed label and a computed one are then the same thing).
import type { DocxFile } from '../../check/docx-file.js';
import type { Para } from '../../check/model.js';
import { romanNumeral } from '../../model/numbering.js';
import { kid, kids, type XEl } from '../../check/xml.js';

interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: string;
}

export class Numbering {
  private readonly levels = new Map<string, Level[]>();
  private readonly starts = new Map<string, Map<number, number>>();
  private readonly abstractOf = new Map<string, string>();
  /** Counters per list instance (numId), one per level. */
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly doc: DocxFile) {
    if (!doc.has('word/numbering.xml')) return;
    const root = doc.xml('word/numbering.xml');
    for (const a of kids(root, 'w:abstractNum')) this.levels.set(a.attrs['w:abstractNumId'], kids(a, 'w:lvl').map(level));
    for (const n of kids(root, 'w:num')) {
      const id = n.attrs['w:numId'];
      this.abstractOf.set(id, kid(n, 'w:abstractNumId')?.attrs['w:val'] ?? '');
      const over = new Map<number, number>();
      for (const o of kids(n, 'w:lvlOverride')) {
        const s = kid(o, 'w:startOverride');
        if (s) over.set(Number(o.attrs['w:ilvl']), Number(s.attrs['w:val']));
      }
      this.starts.set(id, over);
    }
  }

  get empty(): boolean {
    return this.levels.size === 0;
  }

  /** The label Word prints before this paragraph ("1.", "a)", "-"), with the space after it; '' if none. */
  label(p: Para): string {
    const ref = this.numPr(p);
    if (!ref || ref.numId === '0') return '';
    const levels = this.levels.get(this.abstractOf.get(ref.numId) ?? '');
    const lvl = levels?.[ref.ilvl];
    if (!levels || !lvl) return '';
    const counts = this.counters.get(ref.numId) ?? [];
    this.counters.set(ref.numId, counts);
    const start = (k: number) => this.starts.get(ref.numId)?.get(k) ?? levels[k]?.start ?? 1;
    counts[ref.ilvl] = counts[ref.ilvl] === undefined ? start(ref.ilvl) : counts[ref.ilvl] + 1;
    counts.length = ref.ilvl + 1;
    const text =
      lvl.fmt === 'bullet'
        ? bullet(lvl.text)
        : lvl.text.replace(/%(\d)/g, (_m, d: string) => format(levels[Number(d) - 1]?.fmt ?? 'decimal', counts[Number(d) - 1] ?? start(Number(d) - 1)));
    return text ? `${text}${lvl.suff === 'nothing' ? '' : ' '}` : '';
  }

  /** The paragraph's own numPr, else its style's. */
  private numPr(p: Para): { numId: string; ilvl: number } | undefined {
    let numPr = kid(kid(p.el, 'w:pPr'), 'w:numPr');
    if (!numPr && p.props.styleId) for (const s of this.doc.styles.chain(p.props.styleId, 'paragraph').reverse()) numPr ??= kid(s.pPr, 'w:numPr');
    const numId = kid(numPr, 'w:numId')?.attrs['w:val'];
    return numId === undefined ? undefined : { numId, ilvl: Number(kid(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0) };
  }
}

function level(l: XEl): Level {
  return {
    start: Number(kid(l, 'w:start')?.attrs['w:val'] ?? 1),
    fmt: kid(l, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    text: kid(l, 'w:lvlText')?.attrs['w:val'] ?? '',
    suff: kid(l, 'w:suff')?.attrs['w:val'] ?? 'tab',
  };
}

/** Bullets as typed; symbol-font glyphs (private use area) read as a plain dash. */
function bullet(t: string): string {
  return /^[-+–•*]$/u.test(t) ? t : t && /[\uE000-\uF8FF]/u.test(t) ? '-' : t || '-';
}

const latin = (n: number) => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);

function format(fmt: string, n: number): string {
  switch (fmt) {
    // Word's letters are the Latin alphabet (e after d), repeated after z (aa, bb).
    case 'lowerLetter':
      return latin(n);
    case 'upperLetter':
      return latin(n).toUpperCase();
    case 'lowerRoman':
      return romanNumeral(n).toLowerCase();
    case 'upperRoman':
      return romanNumeral(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}
