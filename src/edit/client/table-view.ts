// A table in the outline: its cells typed in place (header rows shaded), rows and columns added
// or removed with the buttons under it. Merged cells (colspan, rowspan) and cell formatting stay
// as the plan has them; only their text is edited here.
import { h } from './dom.js';
import { domSpans, inlineToHtml, spansToInline } from './inline.js';
import { runsText, type Line } from './outline.js';
import { isObj, type Json, type Obj } from './paths.js';

type Cell = Json;

const cellText = (c: Cell): string => (typeof c === 'number' ? String(c) : isObj(c) ? runsText(c.text ?? '') : runsText(c));

function setCell(c: Cell, text: string): Cell {
  if (isObj(c)) return { ...c, text };
  if (typeof c === 'number' && String(c) === text) return c;
  return text;
}

const span = (c: Cell, k: 'colspan' | 'rowspan') => (isObj(c) && typeof c[k] === 'number' ? (c[k] as number) : 1);

/** The table's header as a list of rows (the plan may give one row or several). */
function headerRows(t: Obj): Cell[][] {
  const hd = t.header;
  if (!Array.isArray(hd) || !hd.length) return [];
  return Array.isArray(hd[0]) ? (hd as Cell[][]) : [hd as Cell[]];
}

function width(rows: Cell[][]): number {
  return Math.max(1, ...rows.map((r) => r.reduce<number>((n, c) => n + span(c, 'colspan'), 0)));
}

function cellEditor(c: Cell, tag: 'th' | 'td', onText: (s: string) => void): HTMLElement {
  const ed = h('div', { contenteditable: 'true', role: 'textbox', 'aria-label': tag === 'th' ? 'Ô tiêu đề' : 'Ô của bảng', spellcheck: 'false' });
  ed.innerHTML = inlineToHtml(cellText(c));
  ed.addEventListener('input', () => onText(spansToInline(domSpans(ed))));
  return h(tag, { colspan: span(c, 'colspan') > 1 ? span(c, 'colspan') : undefined, rowspan: span(c, 'rowspan') > 1 ? span(c, 'rowspan') : undefined }, ed);
}

/** The row and column buttons under a table; `t` is changed in place, then `done`. */
function tableTools(t: Obj, done: () => void): HTMLElement {
  const nested = Array.isArray(t.header) && Array.isArray(t.header[0]);
  const head = headerRows(t);
  const rows = (Array.isArray(t.rows) ? t.rows : []) as Cell[][];
  const cols = width([...head, ...rows]);
  const setHead = (rowsOf: (r: Cell[]) => Cell[]) => {
    if (head.length) t.header = nested ? head.map(rowsOf) : rowsOf(head[0]);
  };
  const act = (label: string, fn: () => void) =>
    h(
      'button',
      {
        type: 'button',
        'on:click': () => {
          fn();
          done();
        },
      },
      label,
    );
  return h(
    'div',
    { class: 'kh-ttools' },
    act('+ Hàng', () => {
      t.rows = [...rows, Array(cols).fill('')];
    }),
    act('− Hàng', () => {
      t.rows = rows.length > 1 ? rows.slice(0, -1) : rows;
    }),
    act('+ Cột', () => {
      t.rows = rows.map((r) => [...r, '']);
      setHead((r) => [...r, '']);
      if (Array.isArray(t.columns)) t.columns = [...t.columns, 2];
    }),
    act('− Cột', () => {
      if (cols <= 1) return;
      t.rows = rows.map((r) => (r.length >= cols ? r.slice(0, -1) : r));
      setHead((r) => r.slice(0, -1));
      if (Array.isArray(t.columns)) t.columns = t.columns.slice(0, -1);
    }),
  );
}

/** The editor of a table line; `changed` is called after each edit, `leave` to go to the line above (-1) or below (1). */
export function tableEditor(l: Line, changed: () => void, leave: (dir: -1 | 1) => void): HTMLElement {
  const block = isObj(l.raw) ? l.raw : { table: { rows: [['']] } };
  const t = structuredClone(isObj(block.table) ? block.table : { rows: [['']] }) as Obj;
  const wrap = h('div', { 'data-focus': `line:${l.id}` });
  const save = () => {
    l.raw = { ...block, table: structuredClone(t) };
    changed();
  };
  const draw = () => {
    const nested = Array.isArray(t.header) && Array.isArray(t.header[0]);
    const head = headerRows(t);
    const rows = (Array.isArray(t.rows) ? t.rows : []) as Cell[][];
    const headRow = (r: Cell[], ri: number) =>
      h(
        'tr',
        null,
        r.map((c, ci) =>
          cellEditor(c, 'th', (s) => {
            const nh = head.map((x) => [...x]);
            nh[ri][ci] = setCell(c, s);
            t.header = nested ? nh : nh[0];
            save();
          }),
        ),
      );
    const bodyRow = (r: Cell[], ri: number) =>
      h(
        'tr',
        null,
        r.map((c, ci) =>
          cellEditor(c, 'td', (s) => {
            rows[ri][ci] = setCell(c, s);
            t.rows = rows;
            save();
          }),
        ),
      );
    const tools = tableTools(t, () => {
      save();
      draw();
    });
    wrap.replaceChildren(h('table', { class: 'kh-table' }, head.map(headRow), rows.map(bodyRow)), tools);
  };
  wrap.addEventListener('keydown', (e) => {
    const cells = [...wrap.querySelectorAll<HTMLElement>('[contenteditable]')];
    const k = cells.indexOf(e.target as HTMLElement);
    if (k < 0) return;
    if (e.key === 'ArrowUp' && k === 0) leave(-1);
    else if (e.key === 'ArrowDown' && k === cells.length - 1) leave(1);
    else if (e.key === 'Enter' && !e.shiftKey) {
      cells[k + 1]?.focus();
      if (!cells[k + 1]) leave(1);
    } else return;
    e.preventDefault();
  });
  draw();
  return wrap;
}

/** A new table line's block: three columns, a header and one empty row. */
export const NEW_TABLE: Json = { table: { header: ['TT', 'Nội dung', 'Thời gian thực hiện'], rows: [['1', '', '']] } };
