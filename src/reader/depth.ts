// How deep an input nests, found without recursion before anything recursive (the yaml
// composer, the NFC pass, zod, the templates) walks it. Real plans nest about 20 levels of
// { } and [ ]; a file nested thousands deep would otherwise end in "Maximum call stack size
// exceeded" (or, inside the yaml library, abort the process).
import { formatPath } from './diagnostic.js';

/** Deepest nesting of objects and lists accepted in an input file (real plans: 20). */
export const MAX_DEPTH = 200;

export type Path = (string | number)[];

/** Where an input nests too deep: offset in its text and, when known, the JSON path. */
export interface DepthProblem {
  offset: number;
  path?: Path;
  /** YAML indentation rather than brackets. */
  indent?: boolean;
}

interface Frame {
  array: boolean;
  index: number;
  key?: string;
  expectKey: boolean;
}

/**
 * The first bracket of a JSON text that opens more than `max` levels deep, with the path of the
 * value it opens. A plain character loop: JSON.parse itself would build millions of nested
 * arrays from a 20 MB "[[[[…" before anything could refuse them.
 */
export function jsonTooDeep(text: string, max = MAX_DEPTH): DepthProblem | undefined {
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      if (top?.expectKey) {
        try {
          top.key = JSON.parse(text.slice(start, i + 1));
        } catch {
          top.key = text.slice(start + 1, i);
        }
        top.expectKey = false;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (frames.length >= max) return { offset: i, path: frames.map((f) => (f.array ? f.index : (f.key ?? ''))) };
      frames.push({ array: c === 0x5b, index: 0, expectKey: c === 0x7b });
    } else if (c === 0x5d || c === 0x7d) frames.pop();
    else if (c === 0x2c && top) {
      if (top.array) top.index++;
      else top.expectKey = true;
    }
  }
  return undefined;
}

/**
 * The path of the first object or list (in document order) that lies deeper than `max`
 * containers, or undefined when the data is within the limit.
 */
export function tooDeep(data: unknown, max = MAX_DEPTH): Path | undefined {
  const stack: { value: unknown; path: Path }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (path.length >= max) return path;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, k) => [k, v]) : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k][1], path: [...path, entries[k][0]] });
  }
  return undefined;
}

const BLOCK_SCALAR = /(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * Where a YAML text may nest deeper than `max`, found before the yaml library parses it (its
 * parser slows with depth and its composer recurses per level). Bounds, not a parse: a block
 * level needs one more column of indentation or a "- " indicator, so a line whose content
 * starts past column `max` is refused; flow collections ([ ], { }) count their brackets,
 * outside quotes, comments and block scalars (| and >).
 */
export function yamlTooDeep(text: string, max = MAX_DEPTH): DepthProblem | undefined {
  let flow = 0;
  let quote = '';
  let scalarIndent = -1; // indentation of the line that opened a block scalar, while in it
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const indent = line.length - line.trimStart().length;
    if (scalarIndent >= 0 && (line.trim() === '' || indent > scalarIndent)) {
      start = end + 1;
      continue;
    }
    scalarIndent = -1;
    if (flow === 0 && !quote) {
      const content = /^[ \t]*(?:[-?:][ \t]+)*/.exec(line)![0].length;
      if (content > max && line.trim()) return { offset: start + content, indent: true };
    }
    const scan = scanFlowLine(line, flow, quote, max);
    if (scan.tooDeepAt !== undefined) return { offset: start + scan.tooDeepAt };
    ({ flow, quote } = scan);
    if (flow === 0 && !quote && BLOCK_SCALAR.test(line)) scalarIndent = indent;
    start = end + 1;
  }
  return undefined;
}

/** Flow depth and open quote after one line of YAML. */
function scanFlowLine(line: string, depth: number, quote: string, max: number): { flow: number; quote: string; tooDeepAt?: number } {
  // A value may start here: line start, after ": ", "- ", "? ", and inside flow after [ { , :
  let valueStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote && quote === "'" && line[i + 1] === "'") i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
    const next = line[i + 1];
    const indicator = next === undefined || next === ' ' || next === '\t';
    if (valueStart && (c === '"' || c === "'")) quote = c;
    else if ((c === '[' || c === '{') && (valueStart || depth > 0)) {
      if (++depth > max) return { flow: depth, quote, tooDeepAt: i };
      valueStart = true;
      continue;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === '-' || c === '?' || c === ':') && indicator) {
      valueStart = true;
      continue;
    } else if (depth > 0 && (c === ',' || c === ':')) {
      valueStart = true;
      continue;
    }
    valueStart = false;
  }
  return { flow: depth, quote };
}

/** A long path shortened for a message: its start and its end. */
export function shortPath(path: Path, head = 7, tail = 3): string {
  if (path.length <= head + tail + 1) return formatPath(path);
  return `${formatPath(path.slice(0, head))}…${formatPath(path.slice(-tail))}`;
}
