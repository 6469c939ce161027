// The preview's HTTP server. Bound to 127.0.0.1 only; serves a fixed table of routes (its own
// page, script, style sheet and fonts, and the generated pages, PDF and DOCX), never a path
// taken from the URL; refuses any Host but 127.0.0.1:<port> / localhost:<port>, so a web page
// elsewhere cannot reach it through DNS rebinding.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadFontSet, type FaceMetrics, type FaceName, type FontSet } from '../fonts/metrics.js';
import { disposition, hostAllowed, listenLoopback, securityHeaders } from '../util/local-http.js';
import { CLIENT_JS } from './client.js';
import { EventHub, type EventLimits, type EventStats } from './events.js';
import { previewCss, shellHtml } from './page.js';
import { PreviewSession, type SessionOptions } from './session.js';

const FONT_ROUTE: Record<FaceName, string> = {
  regular: '/fonts/tinos-regular.ttf',
  bold: '/fonts/tinos-bold.ttf',
  italic: '/fonts/tinos-italic.ttf',
  boldItalic: '/fonts/tinos-bold-italic.ttf',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // the runs are positioned with style attributes
  "font-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface PreviewServerOptions extends SessionOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Bounds of the event streams (EVENT_LIMITS by default; tests lower them). */
  events?: Partial<EventLimits>;
}

export interface PreviewServer {
  url: string;
  port: number;
  session: PreviewSession;
  /** The event streams' state, for tests and bench/preview-clients.mjs. */
  eventStats(): EventStats;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

const text = (res: ServerResponse, status: number, message: string) => send(res, status, 'text/plain; charset=utf-8', message + '\n');

export { hostAllowed };

/** The fixed routes of the preview: its own page, script, styles, pages, status, events, documents and fonts. */
function previewRoutes(session: PreviewSession, fonts: FontSet, events: EventHub): Map<string, Handler> {
  const faces = Object.values(fonts.faces) as FaceMetrics[];
  const fontBytes = new Map<string, Buffer>();
  for (const f of faces) fontBytes.set(FONT_ROUTE[f.name], readFileSync(f.file));
  const notYet = 'Chưa có bản dựng nào thành công: sửa lỗi trong kế hoạch hoặc mẫu rồi lưu lại.';
  return new Map<string, Handler>([
    ['/', (_q, res) => send(res, 200, 'text/html; charset=utf-8', shellHtml(session.status(), session.pagesHtml()), { 'Content-Security-Policy': CSP })],
    ['/preview.js', (_q, res) => send(res, 200, 'text/javascript; charset=utf-8', CLIENT_JS)],
    [
      '/preview.css',
      (_q, res) =>
        send(
          res,
          200,
          'text/css; charset=utf-8',
          previewCss(faces, (f) => FONT_ROUTE[f.name], session.pages()),
        ),
    ],
    ['/pages', (_q, res) => send(res, 200, 'text/html; charset=utf-8', session.pagesHtml(), { 'Content-Security-Policy': CSP })],
    ['/status', (_q, res) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(session.status()))],
    [
      '/trace',
      (req, res) => {
        const q = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
        send(res, 200, 'application/json; charset=utf-8', JSON.stringify(session.trace(Number(q.get('page')), Number(q.get('y'))) ?? {}));
      },
    ],
    ['/events', (req, res) => events.open(req, res)],
    [
      '/document.pdf',
      async (_q, res) => {
        const pdf = session.pdfBytes();
        if (!pdf) return text(res, 503, notYet);
        send(res, 200, 'application/pdf', await pdf, { 'Content-Disposition': disposition('inline', `${session.stem()}.pdf`) });
      },
    ],
    [
      '/document.docx',
      async (_q, res) => {
        const docx = session.docxBytes();
        if (!docx) return text(res, 503, notYet);
        send(res, 200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await docx, {
          'Content-Disposition': disposition('attachment', `${session.stem()}.docx`),
        });
      },
    ],
    [
      '/favicon.ico',
      (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    ],
    ...[...fontBytes].map(([route, bytes]): [string, Handler] => [route, (_q, res) => send(res, 200, 'font/ttf', bytes, { 'Cache-Control': 'max-age=3600' })]),
  ]);
}

/** Answers a request: Host checked, GET/HEAD only, the route by its raw path, errors as 500. */
function serve(routes: Map<string, Handler>, port: () => number, req: IncomingMessage, res: ServerResponse): void {
  securityHeaders(res);
  if (!hostAllowed(req.headers.host, port())) {
    text(res, 403, 'Từ chối: máy chủ xem trước chỉ phục vụ 127.0.0.1 và localhost.');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    text(res, 405, 'Phương thức không được hỗ trợ.');
    return;
  }
  // The route is the raw path up to "?": no decoding, no normalising, no file system.
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const handler = routes.get(q < 0 ? url : url.slice(0, q));
  if (!handler) {
    text(res, 404, 'Không tìm thấy.');
    return;
  }
  Promise.resolve(handler(req, res)).catch((e) => {
    if (!res.headersSent) text(res, 500, `Lỗi nội bộ: ${(e as Error)?.message ?? String(e)}`);
    else res.destroy();
  });
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const fonts: FontSet = opts.fonts ?? loadFontSet();
  const session = new PreviewSession({ ...opts, fonts });
  const events = new EventHub(session, opts.events);
  const routes = previewRoutes(session, fonts, events);
  let port = 0;
  const server: Server = createServer((req, res) => serve(routes, () => port, req, res));
  port = await listenLoopback(server, opts.port);
  // First build once the port is known, so its errors are shown in the page, not thrown.
  session.rebuild();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    session,
    eventStats: () => events.stats(),
    close: () =>
      new Promise<void>((ok) => {
        events.close();
        session.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
