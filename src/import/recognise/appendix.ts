// An appendix: its label ("PHỤ LỤC I", "Mẫu biểu số 01"), title lines in capitals, the
// "(Kèm theo Kế hoạch số …)" line, and its content (tables mostly) built like the body.
import { headingCase } from '../../template/helpers.js';
import { paraText, runsText, type SPara, squashKeepBlanks } from '../source.js';
import { simplify, type Noted, type Obj, TreeBuilder } from './tree.js';
import type { AppendixZone } from './zones.js';

const LABEL = /^(PHỤ LỤC|Phụ lục|MẪU BIỂU|Mẫu biểu)(\s|$)/u;
const NOTE = /^\(\s*(?:Ban hành\s+)?kèm theo\b/iu;

export interface AppendixOut {
  appendix: Obj;
  /** The label and note as found, to compare with the format's defaults. */
  label?: string;
  note?: string;
}

export function recogniseAppendix(z: AppendixZone, notes: Noted[]): AppendixOut {
  const blocks = z.blocks.filter((b) => b.kind !== 'p' || paraText(b) || b.runs.some((r) => r.footnote));
  const out: AppendixOut = { appendix: {} };
  let k = 0;
  const first = blocks[0];
  if (first?.kind === 'p' && LABEL.test(paraText(first))) {
    out.label = paraText(first);
    k = 1;
  } else if (first) notes.push({ message: 'phụ lục không có dòng nhãn ("Phụ lục …"); khi in sẽ có dòng "Phụ lục".', loc: first.loc, node: out.appendix });
  const title: SPara[] = [];
  while (k < blocks.length && title.length < 4) {
    const b = blocks[k];
    if (b.kind !== 'p' || NOTE.test(paraText(b)) || paraText(b).length > 300) break;
    const t = paraText(b);
    const caps = t.replace(/\(.*?\)/g, '') === t.replace(/\(.*?\)/g, '').toLocaleUpperCase('vi-VN');
    if (!caps && !(b.align === 'center' && title.length === 0)) break;
    title.push(b);
    k++;
  }
  if (k < blocks.length && blocks[k].kind === 'p' && NOTE.test(paraText(blocks[k] as SPara)))
    out.note = squashKeepBlanks(runsText((blocks[k++] as SPara).runs));
  const a = out.appendix;
  if (title.length) {
    a.title = title.map(paraText).join('\n');
    if (headingCase(a.title as string) !== a.title)
      notes.push({ message: 'tên phụ lục không viết hoa; khi in được viết hoa theo thể thức.', loc: title[0].loc, node: a });
  }
  if (z.landscape) a.landscape = true;
  const tree = new TreeBuilder(notes, true);
  for (const b of blocks.slice(k)) tree.add(b);
  const bs = simplify(tree.root);
  if (bs.length) a.blocks = bs;
  return out;
}
