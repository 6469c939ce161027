// Which template file and line produced a place on a page (for template authors).
import type { EditSession } from './session.js';

export interface TraceView {
  file?: string;
  line?: number;
  text?: string;
}

export function traceAt(_session: EditSession, _q: URLSearchParams): TraceView | undefined {
  return undefined;
}
