// The page description's paragraph properties and named styles as the docx library's options.
import {
  AlignmentType,
  BorderStyle,
  type IBorderOptions,
  type IParagraphPropertiesOptions,
  type IParagraphStyleOptions,
  type IParagraphStylePropertiesOptions,
  type IRunOptions,
  type IStylesOptions,
  LineRuleType,
} from 'docx';
import type { Align, BorderLine, ParagraphStyle, ParaProps, Presentation, RunProps } from '../../presentation/types.js';
import { lineMultipleToAuto, ptToEighthPt, ptToHalfPt, ptToTwip } from '../../util/units.js';

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
};

const border = (b: BorderLine): IBorderOptions => ({ style: BorderStyle.SINGLE, size: ptToEighthPt(b.width), color: b.color, space: b.space });
const twipOrUndefined = (pt: number | undefined) => (pt === undefined ? undefined : ptToTwip(pt));

/** Paragraph properties (in a style or as direct formatting): only what the description sets. */
export function paragraphProps(p: ParaProps): IParagraphStylePropertiesOptions & Pick<IParagraphPropertiesOptions, 'border' | 'widowControl'> {
  const indent =
    p.left !== undefined || p.right !== undefined || p.firstLine !== undefined
      ? {
          left: twipOrUndefined(p.left),
          right: twipOrUndefined(p.right),
          firstLine: p.firstLine !== undefined && p.firstLine >= 0 ? ptToTwip(p.firstLine) : undefined,
          hanging: p.firstLine !== undefined && p.firstLine < 0 ? ptToTwip(-p.firstLine) : undefined,
        }
      : undefined;
  const spacing =
    p.spaceBefore !== undefined || p.spaceAfter !== undefined || p.lineSpacing !== undefined
      ? {
          before: twipOrUndefined(p.spaceBefore),
          after: twipOrUndefined(p.spaceAfter),
          ...(p.lineSpacing === undefined ? {} : { line: lineMultipleToAuto(p.lineSpacing), lineRule: LineRuleType.AUTO }),
        }
      : undefined;
  const f = p.frame;
  return {
    alignment: p.align && ALIGN[p.align],
    indent,
    spacing,
    keepNext: p.keepNext,
    keepLines: p.keepLines,
    widowControl: p.widowControl,
    border: f
      ? { top: border(f.top), bottom: border(f.bottom), left: border(f.left), right: border(f.right) }
      : p.borderBottom
        ? { bottom: border(p.borderBottom) }
        : undefined,
  };
}

/** Character properties: only what the description sets. */
export function runProps(r: RunProps): Pick<IRunOptions, 'bold' | 'italics' | 'underline' | 'size' | 'color'> {
  return {
    bold: r.bold,
    italics: r.italic,
    underline: r.underline ? {} : undefined,
    size: r.size === undefined ? undefined : ptToHalfPt(r.size),
    color: r.color,
  };
}

function style(s: ParagraphStyle): IParagraphStyleOptions {
  // Styles carry neither borders nor widow control in our description.
  const { border: _border, widowControl: _widow, ...paragraph } = paragraphProps(s.paragraph);
  return {
    id: s.id,
    name: s.name,
    basedOn: 'Normal',
    next: s.next,
    quickFormat: true,
    run: runProps(s.run),
    paragraph: { ...paragraph, outlineLevel: s.outlineLevel },
  };
}

/**
 * Document defaults and the named styles. Widow/orphan control in the defaults is Word's normal
 * behaviour and what the layout applies; without it in the file, Word and LibreOffice leave single
 * lines at page ends. (docx types the defaults without `widowControl` but writes it.)
 */
export function stylesOptions(doc: Presentation): IStylesOptions {
  const d = doc.defaults;
  const paragraph: IParagraphStylePropertiesOptions & { widowControl: boolean } = {
    spacing: {
      before: ptToTwip(d.paragraph.spaceBefore),
      after: ptToTwip(d.paragraph.spaceAfter),
      line: lineMultipleToAuto(d.paragraph.lineSpacing),
      lineRule: LineRuleType.AUTO,
    },
    widowControl: d.paragraph.widowControl,
  };
  return {
    default: {
      document: {
        run: { font: d.font, size: ptToHalfPt(d.run.size), language: { value: d.language, eastAsia: d.language, bidirectional: 'ar-SA' } },
        paragraph,
      },
    },
    paragraphStyles: doc.styles.map(style),
  };
}
