// Which template file and line produced a place on the editor's pages (for template authors):
// the preview's tracer on the plan of the last build with pages.
import { Tracer, type TraceView } from '../preview/trace.js';
import type { EditSession } from './session.js';

const tracers = new WeakMap<EditSession, Tracer>();

export function traceAt(session: EditSession, q: URLSearchParams): TraceView | undefined {
  const b = session.goodBuild();
  const page = Number(q.get('page'));
  const y = Number(q.get('y'));
  if (!b?.plan || !b.pages || !Number.isFinite(page) || !Number.isFinite(y)) return undefined;
  const t = tracers.get(session) ?? new Tracer(session.templateDir);
  tracers.set(session, t);
  return t.at(b.plan, b.pages, page, y);
}
