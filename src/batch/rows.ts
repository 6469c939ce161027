// Reads the variation rows of a batch: CSV, JSON (a list), JSON Lines or YAML (a list).
// Every key of a row is a field path ("issuer.name", "targets.rows[3].value") or a top-level
// field carrying part of a plan ("issuer": { … }); the row remembers where each value was
// written so that a validation error can name the line and column to fix.
import { basename, extname } from 'node:path';
import { InputError, type Diagnostic } from '../reader/diagnostic.js';
import { decodeUtf8, parseSource, readBytes, type Source } from '../reader/source.js';
import { parseCsv } from './csv.js';
import { getPath, parseFieldPath, type Segment } from './field-path.js';
import { isPlainObject } from './merge.js';

export interface Position {
  file: string;
  line?: number;
  column?: number;
}

export interface RowField {
  /** The key as written, e.g. "issuer.name". */
  key: string;
  path: Segment[];
  value: unknown;
  /** Where the value (or a part of it, `rest` below the field path) was written. */
  at(rest: Segment[]): Position | undefined;
}

export interface Row {
  /** 1-based position among the rows (not the line). */
  index: number;
  file: string;
  /** Line in the rows file where the row starts. */
  line?: number;
  fields: RowField[];
  /** File-name slug given by the row ("slug" column). */
  slug?: string;
  /** Province the row belongs to ("province" column: slug or name), with --provinces. */
  province?: string;
  /** Problems found while reading the row (bad field names, extra cells). */
  problems: Diagnostic[];
}

/** Columns that describe the row instead of setting plan fields. */
export const META_KEYS = new Set(['slug', 'province']);

export const ROW_FORMATS = ['.csv', '.tsv', '.json', '.jsonl', '.ndjson', '.yaml', '.yml'];

export function readRows(file: string, base: unknown): Row[] {
  const ext = extname(file).toLowerCase();
  if (!ROW_FORMATS.includes(ext))
    throw new InputError([
      {
        severity: 'error',
        code: 'rows.format',
        file,
        message: `không đọc được tệp dòng có phần mở rộng "${ext || '(không có)'}".`,
        hint: 'Dùng tệp .csv, .json (danh sách), .jsonl (mỗi dòng một đối tượng JSON) hoặc .yaml.',
      },
    ]);
  const text = decodeUtf8(readBytes(file), file);
  if (ext === '.csv' || ext === '.tsv') return csvRows(text, file, base, ext === '.tsv' ? '\t' : undefined);
  if (ext === '.jsonl' || ext === '.ndjson') return jsonLinesRows(text, file);
  return listRows(parseSource(text, file));
}

// ---------------------------------------------------------------- object rows (JSON, YAML, JSONL)

function badKey(file: string, key: string, pos: { line?: number; column?: number } | undefined): Diagnostic {
  return {
    severity: 'error',
    code: 'rows.key',
    file,
    ...pos,
    message: `tên trường "${key}" không hợp lệ.`,
    hint: 'Viết đường dẫn trường như "issuer.name", "signer.name" hoặc "targets.rows[3].value" (chỉ số đếm từ 0).',
  };
}

function objectRow(
  obj: unknown,
  index: number,
  file: string,
  line: number | undefined,
  locate: (path: Segment[]) => { line: number; column: number } | undefined,
): Row {
  const row: Row = { index, file, line, fields: [], problems: [] };
  if (!isPlainObject(obj)) {
    row.problems.push({
      severity: 'error',
      code: 'rows.not_object',
      file,
      line,
      message: 'mỗi dòng phải là một đối tượng { "trường": giá trị, … }.',
    });
    return row;
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('#')) continue; // a comment column
    const keyPos = locate([key]);
    if (META_KEYS.has(key)) {
      if (typeof value !== 'string' || !value.trim())
        row.problems.push({ severity: 'error', code: 'rows.meta', file, ...keyPos, path: key, message: `"${key}" phải là một chuỗi chữ không rỗng.` });
      else if (key === 'slug') row.slug = value.trim();
      else row.province = value.trim();
      continue;
    }
    const path = parseFieldPath(key);
    if (!path) {
      row.problems.push(badKey(file, key, keyPos));
      continue;
    }
    row.fields.push({
      key,
      path,
      value,
      at: (rest) => ({ file, ...(locate([key, ...rest]) ?? keyPos) }),
    });
  }
  return row;
}

function listRows(source: Source): Row[] {
  const { data, file } = source;
  if (!Array.isArray(data))
    throw new InputError([
      {
        severity: 'error',
        code: 'rows.not_list',
        file,
        line: 1,
        message: 'tệp dòng phải là một danh sách [ … ], mỗi phần tử là các trường cần thay đổi của một kế hoạch.',
        hint: 'Ví dụ: [ { "issuer.parent": "UBND TỈNH LÀO CAI", "place": "Lào Cai" }, … ]',
      },
    ]);
  return data.map((obj, k) => objectRow(obj, k + 1, file, source.locate([k])?.line, (p) => source.locate([k, ...p])));
}

function jsonLinesRows(text: string, file: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, k) => {
    const lineText = raw.replace(/\r$/, '');
    if (!lineText.trim() || lineText.trim().startsWith('//')) return;
    const lineNo = k + 1;
    let source: Source;
    try {
      source = parseSource(lineText, file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const diags = e.diagnostics.map((d) => ({ ...d, line: lineNo }));
      rows.push({ index: rows.length + 1, file, line: lineNo, fields: [], problems: diags });
      return;
    }
    const shift = (p: { line: number; column: number } | undefined) => (p ? { line: lineNo, column: p.column } : { line: lineNo, column: 1 });
    rows.push(objectRow(source.data, rows.length + 1, file, lineNo, (p) => shift(source.locate(p))));
  });
  return rows;
}

// ---------------------------------------------------------------- CSV

/**
 * A CSV cell is text. Where the base plan has a number or true/false at that path the cell
 * is read as one; a cell starting with "[" or "{" is read as JSON (a list or an object);
 * "null" is null; an empty cell leaves the base value unchanged.
 */
export function cellValue(text: string, baseValue: unknown): { set: boolean; value?: unknown } {
  const t = text.trim();
  if (t === '') return { set: false };
  if (t === 'null') return { set: true, value: null };
  if (/^[[{]/.test(t)) {
    try {
      return { set: true, value: JSON.parse(t) };
    } catch {
      /* not JSON: keep the text, validation will say what is expected */
    }
  }
  if (typeof baseValue === 'number' && /^-?\d+([.,]\d+)?$/.test(t)) return { set: true, value: Number(t.replace(',', '.')) };
  if (typeof baseValue === 'boolean' && /^(true|false)$/i.test(t)) return { set: true, value: t.toLowerCase() === 'true' };
  return { set: true, value: t };
}

function csvRows(text: string, file: string, base: unknown, sep?: string): Row[] {
  const records = parseCsv(text, file, sep);
  if (records.length === 0) return [];
  const [header, ...body] = records;
  type Column = { key: string; path?: Segment[]; meta?: boolean; skip?: boolean };
  const columns: Column[] = [];
  const headerProblems: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const cell of header.cells) {
    const key = cell.value.trim();
    const pos = { line: cell.line, column: cell.column };
    if (seen.has(key) && key) headerProblems.push({ severity: 'error', code: 'rows.duplicate_column', file, ...pos, message: `cột "${key}" bị lặp.` });
    seen.add(key);
    if (!key || key.startsWith('#')) columns.push({ key, skip: true });
    else if (META_KEYS.has(key)) columns.push({ key, meta: true });
    else {
      const path = parseFieldPath(key);
      if (!path) headerProblems.push(badKey(file, key, pos));
      columns.push({ key, path });
    }
  }
  // A bad header spoils every row: report it once, for the whole file.
  if (headerProblems.length) throw new InputError(headerProblems);
  return body.map((rec, k) => {
    const row: Row = { index: k + 1, file, line: rec.line, fields: [], problems: [] };
    if (rec.cells.length > columns.length) {
      const extra = rec.cells[columns.length];
      row.problems.push({
        severity: 'error',
        code: 'rows.extra_cells',
        file,
        line: extra.line,
        column: extra.column,
        message: `dòng có ${rec.cells.length} ô, nhiều hơn số cột của dòng tiêu đề (${columns.length}).`,
        hint: 'Ô có dấu phẩy phải đặt trong dấu ngoặc kép: "Sở Y tế, tỉnh Lào Cai".',
      });
    }
    rec.cells.slice(0, columns.length).forEach((cell, c) => {
      const col = columns[c];
      if (col.skip) return;
      const pos: Position = { file, line: cell.line, column: cell.column };
      if (col.meta) {
        const v = cell.value.trim();
        if (!v) return;
        if (col.key === 'slug') row.slug = v;
        else row.province = v;
        return;
      }
      const { set, value } = cellValue(cell.value, getPath(base, col.path!));
      if (set) row.fields.push({ key: col.key, path: col.path!, value, at: () => pos });
    });
    return row;
  });
}

/** "dòng 5 của rows.csv" for messages. */
export function rowLabel(row: Pick<Row, 'file' | 'line' | 'index'>): string {
  return row.line !== undefined ? `dòng ${row.line} của ${basename(row.file)}` : `dòng thứ ${row.index}`;
}
