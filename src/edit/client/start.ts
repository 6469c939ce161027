// The guided start of a new plan: who issues it, who signs, the title and the date; or a Word
// file or a text dropped on the page (through importFile: the plan file is made from it).
import type { EditStatus } from '../session.js';
import { dropZone, pickFile, type ImportResult } from './actions.js';
import type { Api } from './api.js';
import { dateField } from './date-field.js';
import { h, nextId } from './dom.js';
import { abbreviationOf, headOf, placeOf, signerChoices } from './signer.js';

function field(label: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, wide = false): HTMLElement {
  input.id ||= nextId('s');
  return h('div', { class: `kh-field${wide ? ' kh-wide' : ''}` }, h('label', { for: input.id }, label), input);
}

const text = (name: string, placeholder: string, required = false) =>
  h('input', { type: 'text', name, placeholder, required, autocomplete: 'off', spellcheck: 'false' });
const TITLE_HINT = 'ví dụ Tổ chức Tháng hành động vì an toàn thực phẩm năm 2026';

interface StartForm {
  form: HTMLFormElement;
  /** The answers, or the names of what is missing (and the field to go to). */
  answers(): { missing: [HTMLElement, string][]; body?: Record<string, unknown> };
  first: HTMLElement;
}

/** The guided start's fields: the abbreviation, the place and the signing choices follow the issuer as it is typed. */
function startForm(): StartForm {
  const parent = text('parent', 'ví dụ UBND tỉnh Lào Cai');
  const name = text('name', 'ví dụ Sở Y tế', true);
  const abbr = text('abbreviation', 'ví dụ SYT', true);
  const place = text('place', 'ví dụ Lào Cai', true);
  const signerName = text('signerName', 'ví dụ Nguyễn Văn An (có thể điền sau)');
  const title2 = text('title2', 'ví dụ CHÁNH VĂN PHÒNG');
  const title = h('textarea', { name: 'title', rows: 2, required: true, placeholder: TITLE_HINT, spellcheck: 'false' });
  const signer = h('select', { name: 'signer' });
  const skeleton = h('input', { type: 'checkbox', checked: true, name: 'skeleton' });
  const skeletonLabel = h('label', { class: 'kh-check' }, skeleton, 'Tạo sẵn các mục thường dùng: Mục đích, yêu cầu; Nội dung; Tổ chức thực hiện');
  let date: string | undefined = new Date().toISOString().slice(0, 10);
  const touched = new Set<HTMLElement>();
  for (const el of [abbr, place]) el.addEventListener('input', () => touched.add(el));
  const title2Field = field('Chức vụ người được giao ký', title2);
  const refresh = () => {
    if (!touched.has(abbr)) abbr.value = name.value.trim() ? abbreviationOf(name.value) : '';
    if (!touched.has(place)) place.value = placeOf(parent.value, name.value);
    const keep = signer.value;
    const choices = signerChoices(name.value || 'Sở');
    signer.replaceChildren(...choices.map((c) => h('option', { value: c.id, selected: c.id === keep }, c.label)));
    title2Field.hidden = !choices.find((c) => c.id === signer.value)?.askTitle;
  };
  for (const el of [parent, name]) el.addEventListener('input', refresh);
  signer.addEventListener('change', refresh);
  const dateBox = dateField({ label: 'Ngày ban hành', value: date, onChange: (iso) => (date = iso), focusKey: 's:date', path: 'date', partial: true });
  const form = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'kh-grid' },
      field('Cơ quan chủ quản', parent),
      field('Cơ quan ban hành', name),
      field('Chữ viết tắt (trong ký hiệu)', abbr),
      field('Địa danh', place),
      dateBox,
      field('Người ký', signer, true),
      title2Field,
      field('Họ và tên người ký', signerName),
      field('Trích yếu (tên kế hoạch)', title, true),
    ),
    skeletonLabel,
    h('button', { type: 'submit', class: 'kh-go', id: 'kh-start-go' }, 'Bắt đầu soạn'),
  );
  refresh();
  const answers = () => {
    const fields: [HTMLInputElement | HTMLTextAreaElement, string][] = [
      [name, 'cơ quan ban hành'],
      [abbr, 'chữ viết tắt'],
      [place, 'địa danh'],
      [title, 'trích yếu'],
    ];
    const missing: [HTMLElement, string][] = fields.filter(([el]) => !el.value.trim());
    if (!date) missing.push([dateBox.querySelector('input') ?? form, 'ngày ban hành (dd/mm/yyyy)']);
    if (missing.length) return { missing };
    const c = signerChoices(name.value).find((x) => x.id === signer.value) ?? signerChoices(name.value)[0];
    const body = {
      parent: parent.value,
      name: name.value,
      abbreviation: abbr.value,
      place: place.value,
      date,
      title: title.value,
      authority: c.authority,
      onBehalfOf: c.onBehalfOf,
      position: c.position || headOf(name.value),
      title2: c.askTitle ? title2.value : c.title,
      signerName: signerName.value,
      skeleton: skeleton.checked,
    };
    return { missing, body };
  };
  return { form, answers, first: parent };
}

export function startPage(api: Api, status: EditStatus): void {
  const { form, answers, first } = startForm();
  const msg = h('div', { class: 'kh-msg', role: 'alert', hidden: true });
  const show = (t: string) => {
    msg.textContent = t;
    msg.hidden = false;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const a = answers();
    if (!a.body) {
      show(`Còn thiếu: ${a.missing.map((m) => m[1]).join(', ')}.`);
      a.missing[0][0].focus();
      return;
    }
    try {
      await api.post('/api/new', a.body);
      location.reload();
    } catch (err) {
      show((err as Error).message);
    }
  });
  // A file read: the plan file is made from it and the editor opens, with the import's warnings.
  const done = (r: ImportResult, file: string) => {
    if (r.error) show(r.error);
    else if (r.created) location.reload();
    else show(`Đã đọc ${file}.`);
  };
  const drop = h(
    'div',
    { class: 'kh-drop', id: 'kh-drop' },
    h('p', null, 'Hoặc kéo thả vào đây một tệp Word (.docx) hay văn bản (.txt, .md) để chuyển thành kế hoạch.'),
    pickFile(api, done, true),
  );
  dropZone(api, drop, done, true);
  const page = h(
    'div',
    { class: 'kh-start' },
    h('h1', null, 'Kế hoạch mới'),
    h('p', null, `Tệp sẽ được tạo: ${status.plan}. Điền vài thông tin để bắt đầu; mọi thứ đều sửa được sau.`),
    msg,
    form,
    drop,
  );
  document.getElementById('kh-app')!.replaceChildren(h('header', { class: 'kh-bar' }, h('span', { class: 'kh-file' }, 'Soạn kế hoạch')), page);
  first.focus();
}
