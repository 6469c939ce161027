// The imported plan as YAML a clerk can read and edit: keys in the order of the document, each
// warning as a comment right above the field it concerns, the rest at the top of the file.
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { locText } from './source.js';
import type { Placed } from './index.js';

const line = (w: Placed) => `CẢNH BÁO${w.loc ? ` (${locText(w.loc)})` : ''}: ${w.message}`;
const add = (old: string | null | undefined, text: string) => (old ? `${old}\n ${text}` : ` ${text}`);

export function planYaml(plan: object, warnings: Placed[], source: string): string {
  const doc = new Document(plan);
  const loose: Placed[] = [];
  for (const w of warnings) if (!w.path || !attach(doc, w.path, line(w))) loose.push(w);
  const head = [
    ` Nhập từ "${source}" bằng "kehoach import". Kiểm tra lại các chỗ ghi CẢNH BÁO, rồi chạy "kehoach validate".`,
    ...(warnings.length ? [` ${warnings.length} cảnh báo${loose.length ? `; các cảnh báo không gắn với trường nào:` : '.'}`] : []),
    ...loose.map((w) => `   - ${line(w)}`),
  ];
  doc.commentBefore = head.join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Puts a comment above the key (in a map) or the item (in a list) at `path`. */
function attach(doc: Document, path: (string | number)[], text: string): boolean {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = add(pair.key.commentBefore, text);
      return true;
    }
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (item && typeof item === 'object') {
      item.commentBefore = add(item.commentBefore, text);
      return true;
    }
  }
  return false;
}
