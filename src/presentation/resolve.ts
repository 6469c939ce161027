// Effective formatting of a paragraph and its runs, resolved the way Word does it:
// document defaults → paragraph style → direct formatting (→ run formatting for runs).
// The layout engine and the tests read formatting through here; the DOCX writer does not need
// to, since Word resolves the same chain from the styles and direct formatting it writes.
import {
  type Align,
  type BorderLine,
  NORMAL,
  type Paragraph,
  type ParagraphStyle,
  type ParaProps,
  type Presentation,
  type Run,
  type RunProps,
} from './types.js';

/** The fields that are set: an absent field and one set to undefined both inherit. */
function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o) for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export interface ResolvedParagraph {
  align: Align;
  left: number;
  right: number;
  firstLine: number;
  spaceBefore: number;
  spaceAfter: number;
  lineSpacing: number;
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  borderBottom?: BorderLine;
  frame?: ParaProps['frame'];
  /** Formatting of the paragraph mark (what an empty paragraph's height comes from). */
  mark: Required<Pick<RunProps, 'size'>> & RunProps;
}

/** Looks styles up by id; an unknown id is a bug in the page description, not an input error. */
export class StyleSheet {
  private readonly byId = new Map<string, ParagraphStyle>();
  private readonly runById = new Map<string, Required<Pick<RunProps, 'size'>> & RunProps>();

  constructor(readonly doc: Pick<Presentation, 'defaults' | 'styles'>) {
    for (const s of doc.styles) this.byId.set(s.id, s);
  }

  /** The run formatting a style gives (over the defaults), computed once per style. */
  private styleRun(id: string): Required<Pick<RunProps, 'size'>> & RunProps {
    let base = this.runById.get(id);
    if (!base) {
      base = { ...this.doc.defaults.run, ...this.byId.get(id)?.run };
      this.runById.set(id, base);
    }
    return base;
  }

  style(id: string): ParagraphStyle | undefined {
    return this.byId.get(id);
  }

  paragraph(p: Paragraph): ResolvedParagraph {
    const st = this.byId.get(p.style);
    if (!st && p.style !== NORMAL) throw new Error(`page description: unknown style "${p.style}"`);
    const d = this.doc.defaults.paragraph;
    const pr: ParaProps = { ...st?.paragraph, ...definedOnly(p.props) };
    return {
      align: pr.align ?? 'left',
      left: pr.left ?? 0,
      right: pr.right ?? 0,
      firstLine: pr.firstLine ?? 0,
      spaceBefore: pr.spaceBefore ?? d.spaceBefore,
      spaceAfter: pr.spaceAfter ?? d.spaceAfter,
      lineSpacing: pr.lineSpacing ?? d.lineSpacing,
      keepNext: pr.keepNext ?? false,
      keepLines: pr.keepLines ?? false,
      widowControl: pr.widowControl ?? d.widowControl,
      borderBottom: pr.borderBottom,
      frame: pr.frame,
      mark: { ...this.styleRun(p.style) },
    };
  }

  /** A run's formatting over its paragraph's style. */
  run(p: Paragraph, r: Run): Required<Pick<RunProps, 'size'>> & RunProps {
    const base = this.styleRun(p.style);
    return {
      bold: r.bold ?? base.bold,
      italic: r.italic ?? base.italic,
      underline: r.underline ?? base.underline,
      size: r.size ?? base.size,
      color: r.color ?? base.color,
    };
  }
}
