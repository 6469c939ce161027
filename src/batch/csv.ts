// A small RFC 4180 CSV reader that keeps the line and column of every cell, so an error
// in a row can point at the cell to fix. Quoted fields may contain the separator, ""
// and line breaks; CRLF and LF both end a record. The separator is "," unless the header
// line has ";" or tabs and no comma (Excel's CSV with a regional list separator).
import { InputError } from '../reader/diagnostic.js';

export interface CsvCell {
  value: string;
  line: number;
  column: number;
}

export interface CsvRecord {
  /** Line (1-based) where the record starts. */
  line: number;
  cells: CsvCell[];
}

export function detectSeparator(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

/** Parses CSV text into records; blank lines are skipped. */
export function parseCsv(text: string, file: string, sep = detectSeparator(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  let cells: CsvCell[] = [];
  let recordLine = 1;

  const endRecord = () => {
    const blank = cells.length === 1 && cells[0].value === '';
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
  };

  while (i <= n) {
    // Start of a field.
    const cellLine = line;
    const cellColumn = i - lineStart + 1;
    if (cells.length === 0) recordLine = line;
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n)
          throw new InputError([
            {
              severity: 'error',
              code: 'csv.quote',
              file,
              line: cellLine,
              column: cellColumn,
              message: 'ô bắt đầu bằng dấu ngoặc kép nhưng không có dấu ngoặc kép đóng.',
              hint: 'Trong một ô đặt trong ngoặc kép, dấu ngoặc kép viết hai lần (""). Kiểm tra ô này và các dòng sau nó.',
            },
          ]);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += c;
        i++;
      }
      // Anything between the closing quote and the separator is kept (lenient, as Excel is).
      while (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    } else {
      const start = i;
      while (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') i++;
      value = text.slice(start, i);
    }
    cells.push({ value, line: cellLine, column: cellColumn });
    if (i >= n) {
      endRecord();
      break;
    }
    if (text[i] === sep) {
      i++;
      continue;
    }
    // End of line: \r\n, \n or a lone \r.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    endRecord();
    if (i >= n) break;
  }
  return records;
}
