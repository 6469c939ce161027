// Helpers that normalise table input (shorthand cells, numbering, grouped target rows)
// into a uniform shape the `table` partial can loop over.
import type { HelperDelegate } from 'handlebars';
import type { TableCellInput, TableInput, TargetRowInput, TargetsInput } from '../schema/content.js';

export interface CellView {
  paragraphs: unknown[];
  colspan?: number;
  rowspan?: number;
  align?: string;
  bold?: boolean;
}
export interface TableView {
  columns: number[];
  header: CellView[][];
  rows: CellView[][];
  /** Per row: keep it on the page where the next row starts (a group row with its first sub-row). */
  keepNext: boolean[];
  fontSize?: number;
  /** No widths from the author: the columns follow their content. */
  autoWidth?: boolean;
}

function cell(x: unknown): CellView {
  if (typeof x === 'number') return { paragraphs: [String(x)], align: 'center' };
  if (typeof x === 'string' || Array.isArray(x)) return { paragraphs: [x] };
  const c = (x ?? {}) as TableCellInput;
  const paragraphs = c.blocks
    ? c.blocks.map((b) => (b && typeof b === 'object' && 'paragraph' in b ? b.paragraph : b))
    : c.text !== undefined
      ? [c.text]
      : [''];
  return { paragraphs, colspan: c.colspan, rowspan: c.rowspan, align: c.align, bold: c.bold };
}

/** Share of the table width given to the automatic TT column (≈ 12 mm on a portrait page). */
export const TT_SHARE = 0.075;

const span = (row: CellView[]) => row.reduce((s, c) => s + (c.colspan ?? 1), 0);

export function tableView(t: TableInput, numberLabel = 'TT'): TableView {
  const headerRows = !t.header ? [] : Array.isArray(t.header[0]) ? (t.header as unknown[][]) : [t.header as unknown[]];
  const header = headerRows.map((r) => r.map(cell));
  let rows = t.rows.map((r) => r.map(cell));
  if (t.numbered) {
    if (header.length) header[0].unshift({ paragraphs: [numberLabel], rowspan: header.length > 1 ? header.length : undefined });
    rows = rows.map((r, k) => [{ paragraphs: [String(k + 1)], align: 'center' }, ...r]);
  }
  const width = Math.max(...[...header, ...rows].map(span));
  let columns = t.columns ? [...t.columns] : Array(width).fill(2);
  if (t.numbered && (!t.columns || t.columns.length === width - 1)) {
    // The TT column takes a fixed share of the table, whatever scale the user's widths use
    // ([5, 3, 2] or [50, 30, 20]), so "TT" and two-digit numbers never wrap.
    const rest = t.columns ?? Array(width - 1).fill(2);
    const sum = rest.reduce((a, b) => a + b, 0);
    columns = [(sum * TT_SHARE) / (1 - TT_SHARE), ...rest];
  }
  return { columns, header, rows, keepNext: rows.map(() => false), fontSize: t.fontSize, autoWidth: !t.columns };
}

export interface TargetLabels {
  number: string;
  name: string;
  unit: string;
  value: string;
  note: string;
}

/** Targets (chỉ tiêu) with grouped sub-rows → table view: [TT |] name | unit | value [| note]. */
export function targetsView(t: Pick<TargetsInput, 'rows' | 'numbered' | 'numberSubRows'>, labels: TargetLabels): TableView {
  const anyNote = (rs: TargetRowInput[]): boolean => rs.some((r) => r.note || (r.rows && anyNote(r.rows)));
  const withNote = anyNote(t.rows);
  const numbered = t.numbered !== false;
  const out: CellView[][] = [];
  const keepNext: boolean[] = [];
  const walk = (rs: TargetRowInput[], prefix: string, depth: number) => {
    rs.forEach((r, k) => {
      const n = prefix ? `${prefix}.${k + 1}` : String(k + 1);
      const group = !!r.rows?.length;
      const row: CellView[] = [
        { paragraphs: [r.name], bold: group || undefined },
        { paragraphs: [r.unit ?? ''], align: 'center' },
        { paragraphs: [r.value === undefined ? '' : String(r.value)], align: 'center' },
      ];
      if (numbered) row.unshift({ paragraphs: [depth > 0 && t.numberSubRows === false ? '' : n], align: 'center', bold: group || undefined });
      if (withNote) row.push({ paragraphs: [r.note ?? ''] });
      out.push(row);
      // A group row never stays alone at a page bottom: it goes with its first sub-row.
      keepNext.push(group);
      if (r.rows) walk(r.rows, n, depth + 1);
    });
  };
  walk(t.rows, '', 0);
  const head = [...(numbered ? [labels.number] : []), labels.name, labels.unit, labels.value, ...(withNote ? [labels.note] : [])].map((l) => ({
    paragraphs: [l],
  }));
  const widths = withNote ? [5, 1.6, 1.6, 1.6] : [6, 1.8, 1.8];
  return {
    columns: numbered ? [0.8, ...widths] : widths,
    header: [head],
    rows: out,
    keepNext,
  };
}

export const tableHelpers: Record<string, HelperDelegate> = {
  tableView: (t: TableInput, label: unknown) => tableView(t, typeof label === 'string' ? label : 'TT'),
  targetsView: (t: TargetsInput, number: string, name: string, unit: string, value: string, note: string) =>
    targetsView(t, { number, name, unit, value, note }),
};
