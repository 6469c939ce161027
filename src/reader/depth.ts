// How deep an input nests and how many values it holds, found by a plain scan of its text
// before anything recursive or costly (JSON.parse, the yaml composer, the NFC pass, zod, the
// templates) walks it. Real plans nest about 20 levels of { } and [ ] and hold a few thousand
// values; a file nested thousands deep would otherwise end in "Maximum call stack size exceeded"
// (or, inside the yaml library, abort the process), and 20 MB of tiny values ("a", {}) in
// millions of objects and gigabytes.
import { formatPath } from './diagnostic.js';

/** Deepest nesting of objects and lists accepted in an input file (real plans: 20). */
export const MAX_DEPTH = 200;

/**
 * Most values (list elements and object fields) an input file may hold (real plans: 1,055). A
 * plan within the schema's limits (5,000 parts) has at most a few tens of thousands.
 */
export const MAX_NODES = 100_000;

export type Path = (string | number)[];

/** Where an input is too deep or too big: offset in its text and, when known, the JSON path. */
export interface DepthProblem {
  offset: number;
  path?: Path;
  /** YAML indentation rather than brackets. */
  indent?: boolean;
  /** More than MAX_NODES values rather than too deep. */
  nodes?: boolean;
  /** JSON: the offset of the bracket opening each value along `path`, then the offending one. */
  opened?: number[];
}

interface Frame {
  /** Offset of its opening bracket. */
  at: number;
  array: boolean;
  index: number;
  key?: string;
  expectKey: boolean;
}

/**
 * The first bracket of a JSON text that opens more than `max` levels deep, with the path of the
 * value it opens, or the first value past `maxNodes`. A plain character loop: JSON.parse itself
 * would build millions of nested arrays from a 20 MB "[[[[…" before anything could refuse them.
 */
export function jsonTooDeep(text: string, max = MAX_DEPTH, maxNodes = MAX_NODES): DepthProblem | undefined {
  const frames: Frame[] = [];
  let nodes = 0;
  const path = () => frames.map((f) => (f.array ? f.index : (f.key ?? '')));
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
      if (frames.length >= max) return { offset: i, path: path(), opened: [...frames.map((f) => f.at), i] };
      if (++nodes > maxNodes) return { offset: i, path: path(), nodes: true };
      frames.push({ at: i, array: c === 0x5b, index: 0, expectKey: c === 0x7b });
    } else if (c === 0x5d || c === 0x7d) frames.pop();
    else if (c === 0x2c && top) {
      if (++nodes > maxNodes) return { offset: i, path: path(), nodes: true };
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
 * Where a YAML text may nest deeper than `max` or hold more than `maxNodes` values, found before
 * the yaml library parses it (its parser slows with depth, its composer recurses per level and
 * builds several objects per value). Bounds, not a parse: a block level needs one more column of
 * indentation or a "- " indicator, so a line whose content starts past column `max` is refused;
 * flow collections ([ ], { }) count their brackets, outside quotes, comments and block scalars
 * (| and >). Each line with content counts as a value, and so does each "- " before it and
 * each bracket and comma of a flow collection.
 */
export function yamlTooDeep(text: string, max = MAX_DEPTH, maxNodes = MAX_NODES): DepthProblem | undefined {
  let flow = 0;
  let quote = '';
  let nodes = 0;
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
      const prefix = /^[ \t]*(?:[-?:][ \t]+)*/.exec(line)![0];
      if (prefix.length > max && line.trim()) return { offset: start + prefix.length, indent: true };
      if (line.trim() && !line.trimStart().startsWith('#')) nodes += 1 + prefix.replace(/[^-?:]/g, '').length;
    }
    const scan = scanFlowLine(line, flow, quote, max);
    if (scan.tooDeepAt !== undefined) return { offset: start + scan.tooDeepAt };
    nodes += scan.values;
    if (nodes > maxNodes) return { offset: start, nodes: true };
    ({ flow, quote } = scan);
    if (flow === 0 && !quote && BLOCK_SCALAR.test(line)) scalarIndent = indent;
    start = end + 1;
  }
  return undefined;
}

/** Flow depth and open quote after one line of YAML. */
function scanFlowLine(line: string, depth: number, quote: string, max: number): { flow: number; quote: string; values: number; tooDeepAt?: number } {
  // A value may start here: line start, after ": ", "- ", "? ", and inside flow after [ { , :
  let valueStart = true;
  let values = 0;
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
      if (++depth > max) return { flow: depth, quote, values, tooDeepAt: i };
      values++;
      valueStart = true;
      continue;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === '-' || c === '?' || c === ':') && indicator) {
      valueStart = true;
      continue;
    } else if (depth > 0 && (c === ',' || c === ':')) {
      if (c === ',') values++;
      valueStart = true;
      continue;
    }
    valueStart = false;
  }
  return { flow: depth, quote, values };
}

/** A long path shortened for a message: its start and its end. */
export function shortPath(path: Path, head = 7, tail = 3): string {
  if (path.length <= head + tail + 1) return formatPath(path);
  return `${formatPath(path.slice(0, head))}…${formatPath(path.slice(-tail))}`;
}
