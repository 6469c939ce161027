// A batch worker thread: loads templates and fonts once, then turns merged plans into files.
// Each output is written here (atomically), so documents never travel back to the main
// thread and memory stays flat however many rows there are.
import { parentPort, workerData } from 'node:worker_threads';
import { keHoach } from '../doctypes/ke-hoach.js';
import type { DocType } from '../doctypes/doctype.js';
import { loadFontSet } from '../fonts/metrics.js';
import { MarkupError } from '../model/markup.js';
import { buildModel, templatesFor } from '../pipeline.js';
import { InputError, type Diagnostic } from '../reader/diagnostic.js';
import { validateSource } from '../reader/load.js';
import type { Source } from '../reader/source.js';
import type { Plan } from '../schema/plan.js';
import { TemplateError, type TemplateSet } from '../template/engine.js';
import { atomicWrite } from '../util/atomic-write.js';
import { WRITERS, type Format } from '../writers/index.js';
import { sha256 } from './fingerprint.js';
import type { TaskResult, WorkerInit, WorkerTask } from './protocol.js';

const init = workerData as WorkerInit;
let templates: TemplateSet | undefined;
let templateError: unknown;
try {
  templates = templatesFor(keHoach, init.template);
} catch (e) {
  templateError = e;
}
const fonts = loadFontSet();

/** Domain rules, when the document type has them (they live outside the batch code). */
type Checked = DocType<Plan> & { check?: (data: Plan, source: Source) => Diagnostic[] };

async function handle(task: WorkerTask): Promise<TaskResult> {
  const source: Source = { file: '', text: '', data: task.plan, locate: () => undefined };
  try {
    if (!templates) throw templateError;
    const { data } = validateSource(keHoach.schema, source);
    const found = (keHoach as Checked).check?.(data, source) ?? [];
    if (found.some((d) => d.severity === 'error')) throw new InputError(found);
    const model = buildModel(keHoach, data, templates, task.extra);
    // Every format is rendered before any is written: a failure leaves no partial set.
    const rendered: { format: Format; path: string; bytes: Uint8Array }[] = [];
    for (const o of task.outputs) rendered.push({ ...o, bytes: await WRITERS[o.format]!.write(model, { fonts }) });
    const files = rendered.map((r) => {
      atomicWrite(r.path, r.bytes);
      return { format: r.format, path: r.path, sha256: sha256(r.bytes), bytes: r.bytes.length };
    });
    return { id: task.id, ok: true, files, warnings: found };
  } catch (e) {
    return failure(task.id, e);
  }
}

function failure(id: number, e: unknown): TaskResult {
  if (e instanceof InputError) return { id, ok: false, kind: 'input', diagnostics: e.diagnostics };
  if (e instanceof TemplateError) {
    const { file, line, column } = e;
    const message = e.message.slice(e.message.indexOf(': ') + 2);
    return { id, ok: false, kind: 'template', diagnostics: [{ severity: 'error', code: 'template', file, line, column, message }] };
  }
  if (e instanceof MarkupError) {
    const message = `kết quả của mẫu không đúng cú pháp: ${e.message}${e.excerpt ? ` — "${e.excerpt.trim().slice(0, 120)}"` : ''}`;
    return { id, ok: false, kind: 'template', diagnostics: [{ severity: 'error', code: 'template.markup', message }] };
  }
  const err = e as Error;
  const message = `${err?.message ?? String(e)} (lỗi nội bộ; chạy lại với KEHOACH_DEBUG=1 để xem chi tiết và báo cho nhóm phát triển)`;
  return { id, ok: false, kind: 'internal', diagnostics: [{ severity: 'error', code: 'internal', message }], stack: err?.stack };
}

parentPort!.on('message', (task: WorkerTask) => {
  void handle(task).then((r) => parentPort!.postMessage(r));
});
