// Automatic fixes written back by `kehoach validate --fix`: Unicode NFC and stray spaces.
import { parseDocument } from 'yaml';
import { formatPath } from '../reader/diagnostic.js';
import type { Source } from '../reader/source.js';
import type { InputChange } from '../doctypes/ke-hoach-input.js';
import { strings, type Path } from './rule.js';

export interface Fix {
  path: string;
  what: string;
}

function fixString(s: string): { value: string; what: string[] } {
  const what: string[] = [];
  let v = s;
  if (v !== v.normalize('NFC')) {
    v = v.normalize('NFC');
    what.push('chuyển sang Unicode dựng sẵn (NFC)');
  }
  const spaced = v.replace(/(\S) {2,}(?=\S)/g, '$1 ').replace(/^ +| +$/g, '');
  if (spaced !== v) {
    v = spaced;
    what.push('bỏ dấu cách thừa');
  }
  return { value: v, what };
}

interface Change {
  path: Path;
  value: unknown;
  /** A field added next to the one at `path`. */
  sibling?: { key: string; value: unknown };
}

/**
 * Returns the fixed file text (same format as the input) and the list of fixes, or null if nothing
 * to fix. `normalize` (the document type's) lists the clerk forms it understands, as changes.
 */
export function applyFixes(source: Source, isYaml: boolean, normalize?: (data: unknown) => InputChange[]): { text: string; fixes: Fix[] } | null {
  const fixes: Fix[] = [];
  const changes: Change[] = [];
  for (const c of normalize?.(source.data) ?? []) {
    fixes.push({ path: formatPath(c.path), what: `"${c.from}" → ${c.to}` });
    // Inside a value an earlier change replaces (the items of a one-line nơi nhận): that value
    // carries this fix already, and the file has no such path to set.
    if (!changes.some((e) => e.path.length < c.path.length && e.path.every((k, i) => k === c.path[i]))) changes.push(c);
  }
  const touched = (p: Path) => changes.some((c) => formatPath(p).startsWith(formatPath(c.path)));
  for (const [s, path] of strings(source.data)) {
    const { value, what } = fixString(s);
    if (what.length && !touched(path)) {
      changes.push({ path, value });
      fixes.push({ path: formatPath(path), what: what.join(', ') });
    }
  }
  if (!changes.length) return null;
  if (isYaml) {
    const doc = parseDocument(source.text);
    for (const c of changes) {
      doc.setIn(c.path, c.value);
      if (c.sibling) doc.setIn([...c.path.slice(0, -1), c.sibling.key], c.sibling.value);
    }
    return { text: doc.toString(), fixes };
  }
  // JSON: replace only the fixed value tokens, keeping the clerk's own layout.
  const doc = parseDocument(source.text);
  const edits: [start: number, end: number, text: string][] = [];
  for (const c of changes) {
    const node = doc.getIn(c.path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) continue;
    const sibling = c.sibling ? `, ${JSON.stringify(c.sibling.key)}: ${JSON.stringify(c.sibling.value)}` : '';
    edits.push([node.range[0], node.range[1], JSON.stringify(c.value) + sibling]);
  }
  let text = source.text;
  for (const [start, end, value] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + value + text.slice(end);
  return { text, fixes };
}
