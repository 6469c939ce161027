// Tables too wide for their page, as the layout would print them (words broken inside): an
// appendix's table gets a landscape page, then a smaller font, as the reproduced corpus plans do.
// Text copied from a web page does not say how the original was printed; each change is said.
import { keHoach } from '../doctypes/ke-hoach.js';
import { layoutWarnings, templatesFor } from '../pipeline.js';
import { normalizeStrings } from '../reader/load.js';
import { Plan } from '../schema/plan.js';
import type { TemplateSet } from '../template/engine.js';
import type { Noted, Obj } from './recognise/tree.js';

let templates: TemplateSet | undefined;

interface Hit {
  table: Obj;
  holder: Obj;
  appendix?: Obj;
}

const cellText = (c: unknown): string => {
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (Array.isArray(c)) return c.map((r) => (r as { text: string }).text).join('');
  if (c && typeof c === 'object') {
    const o = c as Obj;
    return o.text !== undefined ? cellText(o.text) : Array.isArray(o.blocks) ? cellText(o.blocks[0]) : '';
  }
  return '';
};
const plain = (s: string) =>
  s
    .replace(/\\?[*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Every table of the plan with the block holding it and its appendix, first cell first. */
function tables(at: unknown, appendix: Obj | undefined, out: Hit[]): Hit[] {
  if (!at || typeof at !== 'object') return out;
  if (Array.isArray(at)) {
    for (const x of at) tables(x, appendix, out);
    return out;
  }
  const o = at as Obj;
  if (o.table && typeof o.table === 'object') out.push({ table: o.table as Obj, holder: o, appendix });
  for (const [k, v] of Object.entries(o)) if (k !== 'table') tables(v, appendix, out);
  return out;
}

function firstCell(t: Obj): string {
  const header = t.header as unknown[] | undefined;
  const row = header?.length ? (Array.isArray(header[0]) ? (header[0] as unknown[]) : header) : (t.rows as unknown[][])[0];
  return plain(cellText(row?.[0]));
}

export function fitTables(plan: Obj, notes: Noted[]): void {
  templates ??= templatesFor(keHoach);
  const all = [...tables(plan.sections, undefined, []), ...((plan.appendices as Obj[] | undefined) ?? []).flatMap((a) => tables(a.blocks, a, []))];
  const changes = new Map<Obj, string[]>();
  for (let round = 0; round < 8; round++) {
    const parsed = Plan.safeParse(normalizeStrings(plan));
    if (!parsed.success) return;
    const narrow = layoutWarnings(keHoach, parsed.data, templates).filter((d) => d.code === 'layout.table-too-narrow');
    let changed = false;
    // Notices come in document order, as the tables are listed: two tables may start alike ("TT").
    let from = 0;
    for (const d of narrow) {
      const head = plain(/bắt đầu bằng "([^"]*)"/u.exec(d.message)?.[1] ?? '');
      const k = all.findIndex((h, i) => i >= from && firstCell(h.table).slice(0, 30) === head);
      if (k < 0) continue;
      from = k + 1;
      const hit = all[k];
      const size = (hit.table.fontSize as number | undefined) ?? 13;
      if (hit.appendix && !hit.appendix.landscape) {
        hit.appendix.landscape = true;
        changes.set(hit.holder, [...(changes.get(hit.holder) ?? []), 'phụ lục đặt trang ngang']);
      } else if (size > 10) {
        hit.table.fontSize = size - 1;
        changes.set(hit.holder, [...(changes.get(hit.holder) ?? []).filter((c) => !c.startsWith('cỡ chữ')), `cỡ chữ bảng ${size - 1}`]);
      } else continue;
      changed = true;
    }
    if (!changed) break;
  }
  for (const [holder, what] of changes)
    notes.push({
      message: `bảng quá rộng cho trang (chữ sẽ bị ngắt giữa từ): đã ${what.join(', ')}; bản gốc dạng chữ không cho biết trang in thế nào.`,
      node: holder,
    });
}
