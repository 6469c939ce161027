// "Tạo cho 34 tỉnh" in the editor: the plan as saved, one DOCX and PDF per province plus a merged
// PDF for printing, by the same batch run as `kehoach batch --provinces --merge` (in this process,
// on its worker threads), with each finished province reported to the tabs.
import { basename, dirname, join } from 'node:path';
import { displayPath } from '../preview/errors.js';
import { defaultFormats, parseFormats } from '../cli/commands/render.js';
import type { EditSession } from './session.js';

/** `ke-hoach.yaml` → `ke-hoach-34-tinh/` beside it. */
export const batchFolder = (planFile: string) => join(dirname(planFile), `${basename(planFile).replace(/\.[^.]*$/, '')}-34-tinh`);

/** Starts the batch unless one is running; false when one is. */
export function startBatch(session: EditSession): boolean {
  if (session.batch?.running) return false;
  const folder = batchFolder(session.file);
  session.batch = { running: true, done: 0, total: 0, failed: 0, folder: displayPath(folder) };
  session.emit();
  const status = session.batch;
  // The batch (worker threads, the PDF merger) is loaded when it is first asked for.
  import('../batch/run.js')
    .then(({ runBatch }) =>
      runBatch(
        { base: session.file, provinces: true, output: folder, formats: parseFormats(defaultFormats()), merge: true },
        {
          start: (total) => {
            status.total = total;
            session.emit();
          },
          row: (entry) => {
            status.done++;
            if (entry.status === 'failed') status.failed++;
            session.emit();
          },
        },
      ),
    )
    .then(
      (r) => {
        status.running = false;
        status.merged = r.manifest.merged?.path ? join(folder, r.manifest.merged.path) : undefined;
        status.message = `Đã tạo ${status.done - status.failed}/${status.total} kế hoạch trong ${displayPath(folder)}${status.failed ? `; ${status.failed} tỉnh lỗi (xem manifest.csv)` : ''}.`;
        session.emit();
      },
      (e) => {
        status.running = false;
        status.message = `Không tạo được: ${(e as Error).message}`;
        session.emit();
      },
    );
  return true;
}
