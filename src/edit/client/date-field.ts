// A date typed as dd/mm/yyyy (a draft: mm/yyyy or yyyy), with a calendar that works from the
// keyboard: Alt+↓ or the button opens it, arrows move by day and week, PageUp/PageDown by month,
// Enter picks, Esc closes.
import { h, nextId } from './dom.js';
import { isoDate, isoOf, MONTHS, monthGrid, typedOf, WEEKDAYS } from './dates.js';

export interface DateFieldOptions {
  label: string;
  value: string | undefined;
  /** Called with the ISO date of a complete, valid entry (or undefined when the field is cleared). */
  onChange(iso: string | undefined): void;
  focusKey: string;
  path: string;
  /** Allow mm/yyyy and yyyy (the plan's own date, for drafts). */
  partial?: boolean;
}

export function dateField(o: DateFieldOptions): HTMLElement {
  const id = nextId('date');
  const input = h('input', {
    type: 'text',
    id,
    value: typedOf(o.value),
    placeholder: o.partial ? 'dd/mm/yyyy (dự thảo: mm/yyyy)' : 'dd/mm/yyyy',
    inputmode: 'numeric',
    autocomplete: 'off',
    'data-focus': o.focusKey,
    'aria-describedby': `${id}-msg`,
  });
  const msg = h('span', { id: `${id}-msg`, class: 'kh-sr', 'aria-live': 'polite' });
  const box = h('div', { class: 'kh-date kh-row' });
  let cal: HTMLElement | undefined;
  const close = (refocus = true) => {
    cal?.remove();
    cal = undefined;
    if (refocus) input.focus();
  };
  const pick = (iso: string) => {
    input.value = typedOf(iso);
    input.removeAttribute('aria-invalid');
    o.onChange(iso);
    close();
  };
  const open = () => {
    if (cal) return close();
    const cur = isoOf(input.value) ?? new Date().toISOString().slice(0, 10);
    const [y, m, d] = cur.split('-').map(Number);
    cal = calendar(y, m || 1, d || 1, pick, () => close());
    box.append(cal);
    cal.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  };
  input.addEventListener('input', () => {
    const v = input.value.trim();
    const iso = v ? isoOf(v) : undefined;
    const ok = !v || (iso && (o.partial || iso.length === 10));
    input.toggleAttribute('aria-invalid', !ok);
    msg.textContent = ok ? '' : 'Ngày chưa đúng: gõ ngày/tháng/năm, ví dụ 05/02/2026.';
    if (ok) o.onChange(iso);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      open();
    }
  });
  const btn = h(
    'button',
    { type: 'button', class: 'kh-mini', 'aria-label': `Chọn ${o.label.toLowerCase()} trên lịch`, title: 'Chọn trên lịch (Alt+↓)', 'on:click': open },
    'Lịch',
  );
  box.append(input, btn, msg);
  return h('div', { class: 'kh-field', 'data-path': o.path }, h('label', { for: id }, o.label), box);
}

/** The days of a month as a grid of buttons; the day `d` is the one reached by Tab. */
function monthTable(y: number, m: number, d: number, pick: (iso: string) => void): HTMLTableElement {
  const day = (n: number) =>
    n
      ? h(
          'button',
          {
            type: 'button',
            tabindex: n === d ? '0' : '-1',
            'aria-selected': String(n === d),
            'aria-label': `${n} ${MONTHS[m - 1].toLowerCase()} ${y}`,
            'on:click': () => pick(isoDate(y, m, n)),
          },
          String(n),
        )
      : null;
  return h(
    'table',
    { role: 'grid' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        WEEKDAYS.map((w) => h('th', { scope: 'col' }, w)),
      ),
    ),
    h(
      'tbody',
      null,
      monthGrid(y, m).map((week) =>
        h(
          'tr',
          null,
          week.map((n) => h('td', null, day(n))),
        ),
      ),
    ),
  );
}

function calendar(year: number, month: number, day: number, pick: (iso: string) => void, close: () => void): HTMLElement {
  let y = year;
  let m = month;
  let d = day;
  const el = h('div', { class: 'kh-cal', role: 'dialog', 'aria-label': 'Lịch' });
  const refocus = () => el.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  const nav = (dm: number) => () => {
    const t = new Date(Date.UTC(y, m - 1 + dm, 1));
    y = t.getUTCFullYear();
    m = t.getUTCMonth() + 1;
    draw();
    refocus();
  };
  const draw = () => {
    d = Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate());
    const head = h(
      'div',
      { class: 'kh-calhead' },
      h('button', { type: 'button', class: 'kh-mini', 'aria-label': 'Tháng trước', 'on:click': nav(-1) }, '‹'),
      h('strong', { 'aria-live': 'polite' }, `${MONTHS[m - 1]} năm ${y}`),
      h('button', { type: 'button', class: 'kh-mini', 'aria-label': 'Tháng sau', 'on:click': nav(1) }, '›'),
    );
    el.replaceChildren(head, monthTable(y, m, d, pick));
  };
  el.addEventListener('keydown', (e) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    if (!(e.target as HTMLElement).closest('table')) return;
    if (e.key in moves) {
      const t = new Date(Date.UTC(y, m - 1, d + moves[e.key]));
      y = t.getUTCFullYear();
      m = t.getUTCMonth() + 1;
      d = t.getUTCDate();
      draw();
      refocus();
    } else if (e.key === 'PageUp' || e.key === 'PageDown') nav(e.key === 'PageUp' ? -1 : 1)();
    else return;
    e.preventDefault();
  });
  draw();
  return el;
}
