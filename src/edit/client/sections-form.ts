// The forms of the named sections' own fields, shown in the outline under the section's title:
// the phases (đợt: name, from/to as dd/mm/yyyy, how the time is written, content), the targets
// (chỉ tiêu: name, unit, value, note, sub-targets), the units and their tasks (tổ chức thực hiện),
// the purposes and requirements (mục đích, yêu cầu) and the awards (khen thưởng). Every field is
// bound to its plan path as the form's fields are (same edits, same undo, findings beside it); a
// field holding content blocks gets a small outline of its own.
import { h } from './dom.js';
import { cellInput, dateCell, listEditor, textField } from './form.js';
import { blocksToOutline, outlineToBlocks, runsText } from './outline.js';
import type { OutlineSpec, OutlineView } from './outline-view.js';
import { formatPath, getAt, isObj, setAt, type Json, type Seg } from './paths.js';
import type { Store } from './store.js';

export interface StructContext {
  store: Store;
  /** Makes an outline (the app keeps track of the one last focused, for its toolbar). */
  outline(spec: OutlineSpec): OutlineView;
}

/** An outline of content blocks at a plan path (an appendix, the closing, a section's field). */
export const blocksSpec = (key: string, at: Seg[], label: string, fresh = false): OutlineSpec => ({
  key,
  root: 1,
  label,
  fresh,
  read: (d) => blocksToOutline(getAt(d, at)),
  write: (d, lines, paths) => {
    const blocks = outlineToBlocks(lines, at, paths);
    setAt(d, at, blocks.length ? blocks : undefined);
  },
});

/** A text of the plan (**đậm**, *nghiêng*) in a row: runs are shown as plan text and written back only when changed. */
function inlineCell(store: Store, path: Seg[], label: string, placeholder: string, required = false): HTMLElement {
  const key = `f:${formatPath(path)}`;
  const input = h('input', { type: 'text', class: 'kh-in', 'aria-label': label, placeholder, 'data-focus': key, spellcheck: 'false' });
  input.value = runsText(getAt(store.data, path) ?? '');
  input.addEventListener('input', () => {
    const v = input.value;
    store.update((d) => setAt(d, path, v.trim() ? v : required ? '' : undefined), key);
  });
  return input;
}

/** A value of a target: a number stays a number when it was one and is typed as one. */
function valueCell(store: Store, path: Seg[], label: string): HTMLElement {
  const key = `f:${formatPath(path)}`;
  const input = h('input', { type: 'text', class: 'kh-in kh-short', 'aria-label': label, placeholder: 'giá trị', 'data-focus': key, spellcheck: 'false' });
  const cur = getAt(store.data, path);
  input.value = cur === undefined || cur === null ? '' : String(cur);
  input.addEventListener('input', () => {
    const v = input.value.trim();
    const wasNumber = typeof getAt(store.data, path) === 'number' || cur === undefined;
    const value = !v ? undefined : wasNumber && /^\d+$/.test(v) ? Number(v) : v;
    store.update((d) => setAt(d, path, value), key);
  });
  return input;
}

const label = (text: string) => h('div', { class: 'kh-label' }, text);

function blocksField(ctx: StructContext, at: Seg[], title: string): HTMLElement {
  const v = ctx.outline(blocksSpec(`struct:${formatPath(at)}`, at, title, true));
  return h('div', { class: 'kh-structblocks', 'data-path': formatPath(at) }, label(title), v.el);
}

function phasesForm(ctx: StructContext, at: Seg[]): HTMLElement[] {
  const { store } = ctx;
  const row = (i: number): HTMLElement[] => {
    const p: Seg[] = [...at, 'items', i];
    const n = i + 1;
    return [
      h(
        'div',
        { class: 'kh-structitem' },
        h(
          'div',
          { class: 'kh-cells' },
          inlineCell(store, [...p, 'name'], `Tên đợt ${n}`, `Tên đợt (Đợt ${n})`, true),
          dateCell(store, [...p, 'from'], `Đợt ${n}: từ ngày (ngày/tháng/năm)`, true),
          dateCell(store, [...p, 'to'], `Đợt ${n}: đến ngày (ngày/tháng/năm)`, true),
        ),
        h(
          'div',
          { class: 'kh-cells' },
          inlineCell(store, [...p, 'text'], `Đợt ${n}: cách ghi thời gian`, 'cách ghi thời gian thay cho "(từ … đến …)", nếu cần'),
        ),
        h('div', { class: 'kh-cells' }, inlineCell(store, [...p, 'description'], `Nội dung chính của đợt ${n}`, 'nội dung chính của đợt')),
        blocksField(ctx, [...p, 'blocks'], `Nội dung con của đợt ${n}`),
      ),
    ];
  };
  return [
    blocksField(ctx, [...at, 'intro'], 'Đoạn mở đầu (trước các đợt)'),
    label('Thời gian thực hiện cả kế hoạch (nếu có): từ ngày – đến ngày'),
    h(
      'div',
      { class: 'kh-cells kh-period', 'data-path': formatPath([...at, 'period']) },
      dateCell(store, [...at, 'period', 'from'], 'Thời gian thực hiện: từ ngày (ngày/tháng/năm)'),
      dateCell(store, [...at, 'period', 'to'], 'Thời gian thực hiện: đến ngày (ngày/tháng/năm)'),
    ),
    label('Các đợt, giai đoạn'),
    listEditor(store, [...at, 'items'], { label: 'Các đợt', add: '+ Thêm đợt', empty: () => ({ name: '' }), row }),
  ];
}

/** The rows of a target list; the top level also has its sub-targets. */
function targetRows(store: Store, path: Seg[], top: boolean): HTMLElement {
  const row = (i: number, item: Json): HTMLElement[] => {
    const p: Seg[] = [...path, i];
    const n = top ? `${i + 1}` : `con ${i + 1}`;
    const cells = h(
      'div',
      { class: 'kh-cells' },
      inlineCell(store, [...p, 'name'], `Tên chỉ tiêu ${n}`, 'tên chỉ tiêu', true),
      cellInput(store, [...p, 'unit'], `Đơn vị tính của chỉ tiêu ${n}`, 'đơn vị tính', 'kh-short'),
      valueCell(store, [...p, 'value'], `Giá trị của chỉ tiêu ${n}`),
      cellInput(store, [...p, 'note'], `Ghi chú của chỉ tiêu ${n}`, 'ghi chú', 'kh-short'),
    );
    if (!top) return [cells];
    const subs = isObj(item) && Array.isArray(item.rows);
    const sub = subs
      ? targetRows(store, [...p, 'rows'], false)
      : h(
          'button',
          { type: 'button', class: 'kh-add kh-addsub', 'on:click': () => store.update((d) => setAt(d, [...p, 'rows'], [{ name: '' }]), undefined, 'fix') },
          '+ Chỉ tiêu con',
        );
    return [h('div', { class: 'kh-structitem' }, cells, sub)];
  };
  return listEditor(store, path, {
    label: top ? 'Các chỉ tiêu' : 'Các chỉ tiêu con',
    add: top ? '+ Thêm chỉ tiêu' : '+ Thêm chỉ tiêu con',
    empty: () => ({ name: '' }),
    row,
  });
}

function targetsForm(ctx: StructContext, at: Seg[]): HTMLElement[] {
  return [blocksField(ctx, [...at, 'intro'], 'Đoạn mở đầu (trước bảng chỉ tiêu)'), label('Bảng chỉ tiêu'), targetRows(ctx.store, [...at, 'rows'], true)];
}

function unitsForm(ctx: StructContext, at: Seg[]): HTMLElement[] {
  const { store } = ctx;
  const row = (i: number, item: Json): HTMLElement[] => {
    const p: Seg[] = [...at, 'units', i];
    const n = i + 1;
    const tasks = isObj(item) && Array.isArray(item.tasks);
    return [
      h(
        'div',
        { class: 'kh-structitem' },
        h('div', { class: 'kh-cells' }, cellInput(store, [...p, 'name'], `Tên đơn vị ${n}`, 'tên cơ quan, đơn vị (Văn phòng Sở)')),
        tasks
          ? blocksField(ctx, [...p, 'tasks'], `Nhiệm vụ của đơn vị ${n}`)
          : h('div', { class: 'kh-cells' }, inlineCell(store, [...p, 'tasks'], `Nhiệm vụ của đơn vị ${n}`, 'nhiệm vụ (viết liền sau tên đơn vị)', true)),
      ),
    ];
  };
  return [
    blocksField(ctx, [...at, 'intro'], 'Đoạn mở đầu (trước các đơn vị)'),
    label('Các đơn vị và nhiệm vụ'),
    listEditor(store, [...at, 'units'], { label: 'Các đơn vị', add: '+ Thêm đơn vị', empty: () => ({ name: '', tasks: '' }), row }),
  ];
}

function purposesForm(ctx: StructContext, at: Seg[]): HTMLElement[] {
  const { store } = ctx;
  return [
    h(
      'div',
      { class: 'kh-grid' },
      textField(store, [...at, 'purposeTitle'], 'Tên mục con "Mục đích"', { placeholder: 'Mục đích' }),
      textField(store, [...at, 'requirementsTitle'], 'Tên mục con "Yêu cầu"', { placeholder: 'Yêu cầu' }),
    ),
    blocksField(ctx, [...at, 'purpose'], 'Mục đích'),
    blocksField(ctx, [...at, 'requirements'], 'Yêu cầu'),
  ];
}

function awardsForm(ctx: StructContext, at: Seg[]): HTMLElement[] {
  const { store } = ctx;
  const row = (i: number): HTMLElement[] => {
    const p: Seg[] = [...at, 'criteria', i];
    return [
      h(
        'div',
        { class: 'kh-structitem' },
        h('div', { class: 'kh-cells' }, inlineCell(store, [...p, 'title'], `Hình thức ${i + 1}`, 'hình thức (Bằng khen của Chủ tịch UBND tỉnh)', true)),
        blocksField(ctx, [...p, 'blocks'], `Tiêu chuẩn của hình thức ${i + 1}`),
      ),
    ];
  };
  return [
    blocksField(ctx, [...at, 'intro'], 'Đoạn mở đầu'),
    blocksField(ctx, [...at, 'forms'], 'Hình thức khen thưởng'),
    label('Tiêu chuẩn khen thưởng, mỗi hình thức một mục'),
    listEditor(store, [...at, 'criteria'], { label: 'Tiêu chuẩn khen thưởng', add: '+ Thêm hình thức', empty: () => ({ title: '', blocks: [] }), row }),
  ];
}

const FORMS: Record<string, (ctx: StructContext, at: Seg[]) => HTMLElement[]> = {
  phases: phasesForm,
  targets: targetsForm,
  implementation: unitsForm,
  purposes: purposesForm,
  awards: awardsForm,
};

/** The form of a named section of kind `kind` at `at` in the plan, or undefined for a kind without one. */
export function structuredForm(ctx: StructContext, kind: string | undefined, at: Seg[]): HTMLElement | undefined {
  const form = kind ? FORMS[kind] : undefined;
  if (!form) return undefined;
  return h('div', { class: 'kh-struct', role: 'group', 'aria-label': 'Phần có cấu trúc của mục', 'data-path': formatPath(at) }, form(ctx, at));
}
