// The form around the outline: the header band (cơ quan, số, địa danh, ngày, độ khẩn, độ mật,
// trích yếu), the căn cứ list and the lead-in, the closing sentence, nơi nhận with notes, the Lưu
// line and the signer (the choices the issuing body allows). Each field carries its plan path,
// where the findings about it are shown.
import { dateField } from './date-field.js';
import { isoOf, typedOf } from './dates.js';
import { h, nextId } from './dom.js';
import { formatPath, getAt, isObj, setAt, type Json, type Obj, type Seg } from './paths.js';
import { choiceOf, signerChoices } from './signer.js';
import type { Store } from './store.js';

export interface FieldOptions {
  wide?: boolean;
  area?: boolean;
  placeholder?: string;
  /** Kept as "" when emptied (a required field), instead of removed. */
  required?: boolean;
  disabled?: boolean;
}

const str = (v: Json | undefined) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A text field bound to a plan path. */
export function textField(store: Store, path: Seg[], label: string, o: FieldOptions = {}): HTMLElement {
  const id = nextId('f');
  const key = `f:${formatPath(path)}`;
  const attrs = { id, placeholder: o.placeholder, 'data-focus': key, disabled: o.disabled, spellcheck: 'false' };
  const input = o.area ? h('textarea', { ...attrs, rows: 2 }) : h('input', { ...attrs, type: 'text' });
  input.value = str(getAt(store.data, path));
  input.addEventListener('input', () => {
    const v = input.value;
    store.update((d) => setAt(d, path, v.trim() ? v : o.required ? '' : undefined), key);
  });
  return h('div', { class: `kh-field${o.wide ? ' kh-wide' : ''}`, 'data-path': formatPath(path) }, h('label', { for: id }, label), input);
}

function selectField(store: Store, path: Seg[], label: string, options: [string, string][]): HTMLElement {
  const id = nextId('f');
  const cur = str(getAt(store.data, path));
  const sel = h(
    'select',
    { id, 'data-focus': `f:${formatPath(path)}` },
    options.map(([v, t]) => h('option', { value: v, selected: v === cur }, t)),
  );
  sel.addEventListener('change', () => store.update((d) => setAt(d, path, sel.value || undefined)));
  return h('div', { class: 'kh-field', 'data-path': formatPath(path) }, h('label', { for: id }, label), sel);
}

export function card(id: string, title: string, ...kids: (Node | null)[]): HTMLElement {
  return h('section', { class: 'kh-card', id, 'aria-labelledby': `${id}-h`, tabindex: '-1' }, h('h2', { id: `${id}-h` }, title), ...kids);
}

/** The number field with its "Dự thảo" switch: a draft has no number. */
function numberField(store: Store): HTMLElement {
  const draft = getAt(store.data, ['number']) === undefined || getAt(store.data, ['number']) === null;
  const f = textField(store, ['number'], 'Số', { placeholder: draft ? 'để trống khi dự thảo' : 'ví dụ 05', disabled: draft });
  const input = f.querySelector('input')!;
  const box = h('input', { type: 'checkbox', checked: draft, 'data-focus': 'f:draft' });
  box.addEventListener('change', () => {
    input.disabled = box.checked;
    if (box.checked) input.value = '';
    store.update((d) => setAt(d, ['number'], undefined));
    if (!box.checked) input.focus();
  });
  f.append(h('label', { class: 'kh-check' }, box, 'Dự thảo (chưa có số)'));
  return f;
}

export function headerCard(store: Store): HTMLElement {
  const abbr = str(getAt(store.data, ['issuer', 'abbreviation']));
  return card(
    'kh-sec-header',
    'Phần đầu văn bản',
    h(
      'div',
      { class: 'kh-grid' },
      textField(store, ['issuer', 'parent'], 'Cơ quan chủ quản', { placeholder: 'ví dụ UBND tỉnh Lào Cai' }),
      textField(store, ['issuer', 'name'], 'Cơ quan ban hành', { placeholder: 'ví dụ Sở Y tế', required: true }),
      textField(store, ['issuer', 'abbreviation'], 'Chữ viết tắt (trong ký hiệu)', { placeholder: 'ví dụ SYT', required: true }),
      numberField(store),
      textField(store, ['symbol'], 'Ký hiệu', { placeholder: `mặc định KH-${abbr || '…'}` }),
      textField(store, ['place'], 'Địa danh', { placeholder: 'ví dụ Lào Cai', required: true }),
      dateField({
        label: 'Ngày ban hành',
        value: str(getAt(store.data, ['date'])) || undefined,
        onChange: (iso) => store.update((d) => setAt(d, ['date'], iso ?? ''), 'f:date'),
        focusKey: 'f:date',
        path: 'date',
        partial: true,
      }),
      selectField(store, ['urgency'], 'Độ khẩn', [
        ['', '(không)'],
        ['KHẨN', 'Khẩn'],
        ['THƯỢNG KHẨN', 'Thượng khẩn'],
        ['HỎA TỐC', 'Hỏa tốc'],
      ]),
      selectField(store, ['confidentiality'], 'Độ mật', [
        ['', '(không)'],
        ['MẬT', 'Mật'],
        ['TỐI MẬT', 'Tối mật'],
        ['TUYỆT MẬT', 'Tuyệt mật'],
      ]),
      textField(store, ['title'], 'Trích yếu (tên kế hoạch)', {
        wide: true,
        area: true,
        required: true,
        placeholder: 'ví dụ Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026',
      }),
    ),
  );
}

/** A list of rows bound to a plan list: add, remove, move up and down. */
export function listEditor(
  store: Store,
  path: Seg[],
  o: { label: string; add: string; empty: () => Json; row: (i: number, item: Json) => HTMLElement[]; min?: number },
): HTMLElement {
  const wrap = h('div', { class: 'kh-list', 'data-path': formatPath(path), role: 'group', 'aria-label': o.label });
  const items = () => (Array.isArray(getAt(store.data, path)) ? (getAt(store.data, path) as Json[]) : []);
  const redraw = (focus?: number) => {
    wrap.replaceChildren(
      ...items().map((item, i) =>
        h(
          'div',
          { class: 'kh-listrow', 'data-path': formatPath([...path, i]) },
          h('div', { class: 'kh-cells' }, o.row(i, item)),
          h(
            'div',
            { class: 'kh-row' },
            h('button', { type: 'button', class: 'kh-mini', 'aria-label': `Đưa dòng ${i + 1} lên`, 'on:click': () => move(i, -1) }, '↑'),
            h('button', { type: 'button', class: 'kh-mini', 'aria-label': `Đưa dòng ${i + 1} xuống`, 'on:click': () => move(i, 1) }, '↓'),
            h('button', { type: 'button', class: 'kh-mini', 'aria-label': `Xóa dòng ${i + 1}`, 'on:click': () => remove(i) }, '✕'),
          ),
        ),
      ),
      h('button', { type: 'button', class: 'kh-add', 'on:click': add }, o.add),
    );
    // Its own rows only (a row may hold a list of its own: sub-targets).
    if (focus !== undefined) wrap.querySelectorAll<HTMLElement>(':scope > .kh-listrow')[focus]?.querySelector<HTMLElement>('input,textarea')?.focus();
  };
  const write = (list: Json[]) => store.update((d) => setAt(d, path, list.length ? list : undefined));
  function add() {
    write([...items(), o.empty()]);
    redraw(items().length - 1);
  }
  function remove(i: number) {
    write(items().filter((_, k) => k !== i));
    redraw(Math.min(i, items().length - 1));
  }
  function move(i: number, dir: number) {
    const list = [...items()];
    const j = i + dir;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    write(list);
    redraw(j);
  }
  redraw();
  return wrap;
}

/** An inline input inside a list row, bound to a plan path. */
export function cellInput(store: Store, path: Seg[], label: string, placeholder: string, cls = ''): HTMLElement {
  const input = h('input', {
    type: 'text',
    class: `kh-in ${cls}`,
    'aria-label': label,
    placeholder,
    'data-focus': `f:${formatPath(path)}`,
    spellcheck: 'false',
  });
  input.value = str(getAt(store.data, path));
  input.addEventListener('input', () => store.update((d) => setAt(d, path, input.value.trim() ? input.value : undefined), `f:${formatPath(path)}`));
  return input;
}

/** A date in a list row, typed dd/mm/yyyy (`partial`: also mm/yyyy, yyyy) and kept as the plan writes it. */
export function dateCell(store: Store, path: Seg[], label: string, partial = false): HTMLElement {
  const input = h('input', {
    type: 'text',
    class: 'kh-in kh-datein',
    'aria-label': label,
    placeholder: partial ? 'dd/mm/yyyy' : 'ngày (15/01/2026)',
    inputmode: 'numeric',
    'data-focus': `f:${formatPath(path)}`,
  });
  input.value = typedOf(str(getAt(store.data, path)) || undefined);
  input.addEventListener('input', () => {
    const v = input.value.trim();
    const iso = v ? isoOf(v) : undefined;
    const ok = !v || (iso !== undefined && (partial || iso.length === 10));
    input.toggleAttribute('aria-invalid', !ok);
    input.title = ok ? '' : `${label}: ngày chưa đúng, gõ ngày/tháng/năm, ví dụ 05/02/2026.`;
    if (ok) store.update((d) => setAt(d, path, iso), `f:${formatPath(path)}`);
  });
  return input;
}

export function basisCard(store: Store): HTMLElement {
  const ref = (i: number, item: Json): HTMLElement[] => {
    const p: Seg[] = ['basis', 'items', i];
    if (!isObj(item)) {
      const input = h('input', {
        type: 'text',
        class: 'kh-in',
        'aria-label': `Căn cứ ${i + 1}`,
        placeholder: 'Căn cứ Luật …',
        'data-focus': `f:${formatPath(p)}`,
        spellcheck: 'false',
      });
      input.value = str(item);
      input.addEventListener('input', () => store.update((d) => setAt(d, p, input.value), `f:${formatPath(p)}`));
      return [input];
    }
    return [
      cellInput(store, [...p, 'kind'], `Loại văn bản của căn cứ ${i + 1}`, 'Loại (Kế hoạch)'),
      cellInput(store, [...p, 'number'], `Số, ký hiệu của căn cứ ${i + 1}`, 'Số (12/KH-UBND)'),
      dateCell(store, [...p, 'date'], `Ngày ban hành căn cứ ${i + 1} (ngày/tháng/năm)`),
      cellInput(store, [...p, 'issuer'], `Cơ quan ban hành căn cứ ${i + 1}`, 'Cơ quan'),
      cellInput(store, [...p, 'subject'], `Trích yếu của căn cứ ${i + 1}`, 'về việc …'),
    ];
  };
  const italic = h('input', { type: 'checkbox', checked: getAt(store.data, ['basis', 'italic']) !== false, 'data-focus': 'f:basis.italic' });
  italic.addEventListener('change', () => store.update((d) => setAt(d, ['basis', 'italic'], italic.checked ? undefined : false)));
  return card(
    'kh-sec-basis',
    'Căn cứ và câu dẫn',
    listEditor(store, ['basis', 'items'], { label: 'Các căn cứ', add: '+ Thêm căn cứ', empty: () => '', row: ref }),
    h('label', { class: 'kh-check' }, italic, 'In nghiêng các căn cứ'),
    textField(store, ['intro'], 'Câu dẫn', { wide: true, area: true, placeholder: 'ví dụ Sở Y tế xây dựng Kế hoạch … như sau:' }),
  );
}

export function recipientsEditor(store: Store): HTMLElement {
  const row = (i: number, item: Json): HTMLElement[] => {
    const p: Seg[] = ['recipients', i];
    const obj = isObj(item);
    const name = h('input', {
      type: 'text',
      class: 'kh-in',
      'aria-label': `Nơi nhận ${i + 1}`,
      placeholder: 'ví dụ UBND tỉnh',
      'data-focus': `f:${formatPath(p)}`,
      spellcheck: 'false',
    });
    const note = h('input', {
      type: 'text',
      class: 'kh-in kh-note',
      'aria-label': `Ghi chú của nơi nhận ${i + 1}`,
      placeholder: 'ghi chú (báo cáo)',
      'data-focus': `f:${formatPath([...p, 'note'])}`,
      spellcheck: 'false',
    });
    name.value = obj ? str(item.name) : str(item);
    note.value = obj ? str(item.note) : '';
    const write = () =>
      store.update(
        (d) => {
          const cur = getAt(d, p);
          const rest: Obj = isObj(cur) ? { ...cur } : {};
          rest.name = name.value;
          if (note.value.trim()) rest.note = note.value;
          else delete rest.note;
          setAt(d, p, Object.keys(rest).length === 1 ? name.value : rest);
        },
        `f:${formatPath(p)}`,
      );
    name.addEventListener('input', write);
    note.addEventListener('input', write);
    const subs = obj && Array.isArray(item.items) ? h('span', { class: 'kh-label' }, `(+ ${item.items.length} nơi nhận con)`) : null;
    return subs ? [name, note, subs] : [name, note];
  };
  return listEditor(store, ['recipients'], { label: 'Nơi nhận', add: '+ Thêm nơi nhận', empty: () => '', row });
}

function archiveField(store: Store): HTMLElement {
  const id = nextId('f');
  const units = getAt(store.data, ['archive', 'units']);
  const input = h('input', { type: 'text', id, placeholder: 'VT, TCHC', 'data-focus': 'f:archive.units', spellcheck: 'false' });
  input.value = Array.isArray(units) ? units.map(str).join(', ') : '';
  input.addEventListener('input', () => {
    const list = input.value
      .replace(/^\s*-?\s*Lưu\s*:?/iu, '')
      .split(',')
      .map((s) => s.trim().replace(/\.$/, ''))
      .filter(Boolean);
    store.update((d) => setAt(d, ['archive', 'units'], list.length ? list : undefined), 'f:archive.units');
  });
  return h('div', { class: 'kh-field', 'data-path': 'archive' }, h('label', { for: id }, 'Lưu (các đơn vị, cách nhau bằng dấu phẩy)'), input);
}

function signerFields(store: Store): HTMLElement {
  const wrap = h('div', { class: 'kh-grid', 'data-path': 'signer' });
  const draw = () => {
    const s = getAt(store.data, ['signer']);
    const signer = isObj(s) ? s : {};
    const issuer = str(getAt(store.data, ['issuer', 'name']));
    const choices = signerChoices(issuer);
    const current = choiceOf(signer as { authority?: string; title?: string });
    const id = nextId('f');
    const sel = h(
      'select',
      { id, 'data-focus': 'f:signer.authority' },
      choices.map((c) => h('option', { value: c.id, selected: c.id === current }, c.label)),
      choices.some((c) => c.id === current)
        ? null
        : h('option', { value: current, selected: true }, `(${str(signer.authority) || 'không'}: không thường dùng cho cơ quan này)`),
    );
    sel.addEventListener('change', () => {
      const c = choices.find((x) => x.id === sel.value);
      if (!c) return;
      store.update((d) => {
        setAt(d, ['signer', 'authority'], c.authority || undefined);
        setAt(d, ['signer', 'onBehalfOf'], c.onBehalfOf);
        setAt(d, ['signer', 'position'], str(getAt(d, ['signer', 'position'])) && !c.onBehalfOf ? str(getAt(d, ['signer', 'position'])) : c.position);
        setAt(d, ['signer', 'title'], c.askTitle ? str(getAt(d, ['signer', 'title'])) || '' : c.title);
        if (getAt(d, ['signer', 'name']) === undefined) setAt(d, ['signer', 'name'], '');
      });
      draw();
      wrap.querySelector<HTMLElement>('select')?.focus();
    });
    const a = str(signer.authority);
    const kids: (HTMLElement | null)[] = [
      h('div', { class: 'kh-field kh-wide', 'data-path': 'signer.authority' }, h('label', { for: id }, 'Thẩm quyền ký'), sel),
      a === 'TM.' ? textField(store, ['signer', 'onBehalfOf'], 'Thay mặt tập thể', { placeholder: 'ỦY BAN NHÂN DÂN', required: true }) : null,
      textField(store, ['signer', 'position'], 'Chức vụ người đứng đầu', { placeholder: 'GIÁM ĐỐC', required: true }),
      a && a !== 'Q.' && (a !== 'TM.' || signer.title !== undefined)
        ? textField(store, ['signer', 'title'], 'Chức vụ người ký', { placeholder: a === 'TL.' || a === 'TUQ.' ? 'CHÁNH VĂN PHÒNG' : 'PHÓ GIÁM ĐỐC' })
        : null,
      textField(store, ['signer', 'name'], 'Họ và tên người ký', { placeholder: 'Nguyễn Văn An', required: true }),
    ];
    wrap.replaceChildren(...kids.filter((k): k is HTMLElement => !!k));
  };
  draw();
  return wrap;
}

export function endCard(store: Store): HTMLElement {
  const copies = textField(store, ['archive', 'copies'], 'Số bản lưu', { placeholder: 'ví dụ 05' });
  const input = copies.querySelector('input')!;
  input.addEventListener(
    'input',
    (e) => {
      e.stopImmediatePropagation();
      const n = Number(input.value);
      store.update((d) => setAt(d, ['archive', 'copies'], input.value.trim() && Number.isInteger(n) && n > 0 ? n : undefined), 'f:archive.copies');
    },
    { capture: true },
  );
  return card(
    'kh-sec-end',
    'Nơi nhận và người ký',
    h('div', { class: 'kh-label' }, 'Nơi nhận (mỗi dòng một nơi; dấu ";" tự thêm)'),
    recipientsEditor(store),
    h('div', { class: 'kh-grid' }, archiveField(store), copies),
    h('div', { class: 'kh-label', style: 'margin-top:10px' }, 'Người ký'),
    signerFields(store),
  );
}
