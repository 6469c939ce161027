// Findings next to their field: each schema error, NĐ 30 rule and layout notice is shown under
// the field or outline line its path points to, in Vietnamese, with the fix as a button where one
// is known; those with no field of their own (and a count of all) are listed at the top.
import type { FindingView } from '../build.js';
import { h } from './dom.js';

export type ApplyFix = (f: NonNullable<FindingView['fix']>) => void;

/** The element with the longest data-path that the finding's path starts with. */
function target(index: [string, HTMLElement][], path: string): HTMLElement | undefined {
  let best: [string, HTMLElement] | undefined;
  for (const [p, el] of index) {
    if (path !== p && !path.startsWith(`${p}.`) && !path.startsWith(`${p}[`)) continue;
    if (!best || p.length > best[0].length) best = [p, el];
  }
  return best?.[1];
}

/**
 * The hint, where it helps here: not beside a fix button (the button says it), and not when it
 * speaks of the file's syntax or of the command line, which the editor's user never sees.
 */
function hintFor(f: FindingView): string | undefined {
  if (!f.hint || f.fix) return undefined;
  return /kehoach |schemas\/|"\w+": |\[ ?"|\{ ?"|"[a-z]+[A-Z]?[a-z]*"/.test(f.hint) ? undefined : f.hint;
}

function findingEl(f: FindingView, apply: ApplyFix): HTMLElement {
  const err = f.severity === 'error';
  return h(
    'div',
    { class: `kh-finding${err ? ' kh-error' : ''}`, role: 'note', 'data-code': f.code },
    h('span', { class: 'kh-ficon', 'aria-label': err ? 'Lỗi' : 'Cảnh báo' }, err ? '✕' : '!'),
    h(
      'div',
      null,
      h('div', null, f.message.charAt(0).toLocaleUpperCase('vi-VN') + f.message.slice(1)),
      hintFor(f) ? h('div', { class: 'kh-fhint' }, `→ ${hintFor(f)}`) : null,
      f.source ? h('div', { class: 'kh-fsrc' }, f.source) : null,
    ),
    f.fix ? h('button', { type: 'button', 'on:click': () => apply(f.fix!) }, f.fix.label) : null,
  );
}

/** Places the findings in `root`; returns those without a field (for the list at the top). */
export function placeFindings(root: HTMLElement, findings: FindingView[], apply: ApplyFix): FindingView[] {
  for (const el of root.querySelectorAll('.kh-finding')) if (!el.closest('.kh-summary')) el.remove();
  for (const el of root.querySelectorAll('.kh-flagged')) el.classList.remove('kh-flagged');
  const index: [string, HTMLElement][] = [...root.querySelectorAll<HTMLElement>('[data-path]')].map((el) => [el.dataset.path!, el]);
  const loose: FindingView[] = [];
  for (const f of findings) {
    const el = f.path ? target(index, f.path) : undefined;
    if (!el) {
      loose.push(f);
      continue;
    }
    const node = findingEl(f, apply);
    if (el.classList.contains('kh-line')) {
      // After the line and the lines of its own findings already placed.
      let after: Element = el;
      while (after.nextElementSibling?.classList.contains('kh-finding')) after = after.nextElementSibling;
      node.style.marginLeft = `calc(${el.style.getPropertyValue('--d') || 0} * 22px + 40px)`;
      after.after(node);
    } else if (el.parentElement?.classList.contains('kh-grid')) {
      // A field in a grid: the finding takes the whole row under it.
      node.classList.add('kh-wide');
      let after: Element = el;
      while (after.nextElementSibling?.classList.contains('kh-finding')) after = after.nextElementSibling;
      after.after(node);
    } else el.append(node);
    // The field the finding names when it has one of its own (a phase's end date), else the first.
    const own = f.path ? el.querySelector(`[data-focus="f:${CSS.escape(f.path)}"]`) : null;
    if (f.severity === 'error') (own ?? el.querySelector('input,textarea,select,[contenteditable]'))?.classList.add('kh-flagged');
  }
  return loose;
}

/** The list at the top: how many errors and warnings, and those without a field of their own. */
export function summary(findings: FindingView[], loose: FindingView[], apply: ApplyFix, go: (path: string) => void): HTMLElement {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const head =
    errors || warnings
      ? `Kiểm tra theo Nghị định 30: ${errors} lỗi, ${warnings} cảnh báo (hiện bên cạnh từng mục).`
      : 'Kiểm tra theo Nghị định 30: không có lỗi hay cảnh báo nào.';
  const list = findings.map((f) =>
    h(
      'li',
      null,
      f.path && !loose.includes(f)
        ? h(
            'a',
            {
              href: '#',
              'on:click': (e: Event) => {
                e.preventDefault();
                go(f.path!);
              },
            },
            `${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${f.message}`,
          )
        : findingEl(f, apply),
    ),
  );
  return h(
    'div',
    { class: 'kh-summary', role: 'status' },
    findings.length
      ? h('details', { open: errors > 0 && loose.length > 0 }, h('summary', null, head), h('ul', { class: 'kh-all' }, list))
      : h('p', { class: 'kh-label' }, head),
  );
}
