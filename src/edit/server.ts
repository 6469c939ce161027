// The editor's HTTP server, built as the preview's: bound to 127.0.0.1 only, a fixed table of
// routes (never a path taken from the URL), and the Host header checked so no web page can reach
// it through DNS rebinding (src/util/local-http.ts). On top of that, since this server writes files:
// - every request that writes must carry the session's token (in the page the server serves, so
//   only a tab of this editor has it) in the X-Kehoach-Token header, come from this origin
//   (Origin, Sec-Fetch-Site) and be JSON (or bytes for an import): a form or a script on another
//   site cannot send that without a CORS preflight, which this server never grants;
// - reads of the plan (state, pages, events, downloads) need the token as well.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadFontSet, type FontSet } from '../fonts/metrics.js';
import { EventHub, type EventLimits } from '../preview/events.js';
import { hostAllowed, listenLoopback, sameToken, securityHeaders, tokenOf, writeRefusal } from '../util/local-http.js';
import { clientAssets, type Asset } from './assets.js';
import { startBatch } from './batch.js';
import { downloads } from './downloads.js';
import { ImportUnsupported, importFile } from './import.js';
import { editCss, editShell } from './page.js';
import { EditSession, type EditSessionOptions } from './session.js';
import { StartAnswers, starterPlan } from './starter.js';
import { traceAt } from './trace.js';
import type { Json } from './plan-text.js';

export interface EditServerOptions extends EditSessionOptions {
  port?: number;
  events?: Partial<EventLimits>;
}

export interface EditServer {
  url: string;
  port: number;
  session: EditSession;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MAX_JSON = 8 * 1024 * 1024;
const MAX_IMPORT = 64 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const refuse = (res: ServerResponse, status: number, message: string) => json(res, status, { error: message });

async function body(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new HttpError(413, 'Nội dung quá lớn.');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const v = JSON.parse((await body(req, MAX_JSON)).toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch (e) {
    if (e instanceof HttpError) throw e;
  }
  throw new HttpError(400, 'Nội dung JSON không hợp lệ.');
}

type Read = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;
type Write = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

interface Routes {
  /** Open to any tab of this origin: the page, its script, styles and fonts. */
  open: Map<string, Read>;
  /** Reads of the plan: need the token. */
  read: Map<string, Read>;
  /** Writes: token, origin, JSON. */
  write: Map<string, { type: 'json' | 'bytes'; run: Write }>;
}

function openRoutes(session: EditSession, fonts: FontSet, assets: Map<string, Asset>): Map<string, Read> {
  const css = editCss(fonts, (route) => route);
  const modules = [...assets.keys()].filter((r) => r.startsWith('/app/'));
  const routes = new Map<string, Read>([
    ['/', (_q, res) => send(res, 200, 'text/html; charset=utf-8', editShell(session, modules), { 'Content-Security-Policy': CSP, 'X-Frame-Options': 'DENY' })],
    ['/edit.css', (_q, res) => send(res, 200, 'text/css; charset=utf-8', css)],
    [
      '/favicon.ico',
      (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    ],
  ]);
  for (const [route, a] of assets) routes.set(route, (_q, res) => send(res, 200, a.type, a.bytes, { 'Cache-Control': 'no-cache' }));
  return routes;
}

function readRoutes(session: EditSession, events: EventHub): Map<string, Read> {
  return new Map<string, Read>([
    ['/api/state', (_q, res) => json(res, 200, { ...session.state(), status: session.status() })],
    ['/pages', (_q, res) => send(res, 200, 'text/html; charset=utf-8', session.pagesHtml())],
    ['/events', (req, res) => events.open(req, res)],
    ['/api/trace', (_q, res, url) => json(res, 200, traceAt(session, url.searchParams) ?? {})],
    ...downloads(session),
  ]);
}

function writeRoutes(session: EditSession): Routes['write'] {
  const ok = (res: ServerResponse, extra: object = {}) => json(res, 200, { version: session.state().version, ...extra });
  return new Map<string, { type: 'json' | 'bytes'; run: Write }>([
    [
      '/api/change',
      {
        type: 'json',
        run: async (req, res) => {
          const b = await jsonBody(req);
          if (session.mode !== 'edit') throw new HttpError(409, 'Chưa có tệp kế hoạch: hãy bắt đầu một kế hoạch mới.');
          if (typeof b.base !== 'number' || !b.data || typeof b.data !== 'object') throw new HttpError(400, 'Thiếu "base" hoặc "data".');
          const baseData = b.baseData && typeof b.baseData === 'object' ? (b.baseData as Json) : undefined;
          ok(res, { version: session.change(b.base, b.data as Json, baseData) });
        },
      },
    ],
    [
      '/api/new',
      {
        type: 'json',
        run: async (req, res) => {
          const a = StartAnswers.safeParse(await jsonBody(req));
          if (!a.success) throw new HttpError(400, 'Thông tin bắt đầu chưa đủ: cần cơ quan, chữ viết tắt, địa danh, ngày, trích yếu và người ký.');
          if (session.mode !== 'start') throw new HttpError(409, 'Tệp kế hoạch đã có.');
          session.create(starterPlan(a.data));
          ok(res);
        },
      },
    ],
    [
      '/api/save',
      {
        type: 'json',
        run: async (req, res) => {
          await jsonBody(req);
          ok(res, { saved: session.save() });
        },
      },
    ],
    [
      '/api/recover',
      {
        type: 'json',
        run: async (req, res) => {
          session.recover((await jsonBody(req)).accept === true);
          ok(res);
        },
      },
    ],
    [
      '/api/conflict',
      {
        type: 'json',
        run: async (req, res) => {
          const keep = (await jsonBody(req)).keep;
          if (keep !== 'mine' && keep !== 'theirs') throw new HttpError(400, '"keep" phải là "mine" hoặc "theirs".');
          session.resolveConflict(keep);
          ok(res);
        },
      },
    ],
  ]);
}

/** Writes that are not edits of the plan: imports and the batch. */
function toolRoutes(session: EditSession): Routes['write'] {
  const ok = (res: ServerResponse, extra: object = {}) => json(res, 200, { version: session.state().version, ...extra });
  return new Map<string, { type: 'json' | 'bytes'; run: Write }>([
    [
      '/api/import',
      {
        type: 'bytes',
        run: async (req, res, url) => {
          const bytes = await body(req, MAX_IMPORT);
          const name = url.searchParams.get('name') ?? 'tệp';
          let r: Awaited<ReturnType<typeof importFile>>;
          try {
            r = await importFile(bytes, name);
          } catch (e) {
            if (e instanceof ImportUnsupported) return refuse(res, 422, e.message);
            throw e;
          }
          // On the start page the import becomes the plan file (YAML: the warnings as comments).
          if (url.searchParams.get('create') === '1') {
            if (session.mode !== 'start') throw new HttpError(409, 'Tệp kế hoạch đã có.');
            session.create(r.data, session.state().format === 'yaml' ? r.yaml : undefined, { name, notes: r.notes });
            return ok(res, { data: r.data, notes: r.notes, created: true });
          }
          json(res, 200, { data: r.data, notes: r.notes });
        },
      },
    ],
    [
      '/api/batch',
      {
        type: 'json',
        run: async (req, res) => {
          await jsonBody(req);
          session.save();
          ok(res, { started: startBatch(session) });
        },
      },
    ],
  ]);
}

/** Answers one request: Host, then the route's kind decides what else is checked. */
async function serve(routes: Routes, session: EditSession, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  securityHeaders(res);
  if (!hostAllowed(req.headers.host, port)) return refuse(res, 403, 'Từ chối: máy chủ soạn thảo chỉ phục vụ 127.0.0.1 và localhost.');
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const url = new URL(`http://127.0.0.1${q < 0 ? '/' : raw.slice(q)}`);
  if (req.method === 'POST') {
    const w = routes.write.get(path);
    if (!w) return refuse(res, 404, 'Không tìm thấy.');
    const why = writeRefusal(req, port, session.token, w.type);
    if (why) return refuse(res, 403, why);
    return w.run(req, res, url);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return refuse(res, req.method === 'OPTIONS' ? 403 : 405, 'Phương thức không được hỗ trợ.');
  }
  const open = routes.open.get(path);
  if (open) return open(req, res, url);
  const read = routes.read.get(path);
  if (!read) return refuse(res, 404, 'Không tìm thấy.');
  if (!sameToken(tokenOf(req), session.token)) return refuse(res, 403, 'Từ chối: thiếu mã phiên soạn thảo.');
  return read(req, res, url);
}

export async function startEditServer(opts: EditServerOptions): Promise<EditServer> {
  const fonts = opts.fonts ?? loadFontSet();
  const session = new EditSession({ ...opts, fonts });
  const events = new EventHub(session, opts.events);
  const write = new Map([...writeRoutes(session), ...toolRoutes(session)]);
  const routes: Routes = { open: openRoutes(session, fonts, clientAssets(fonts)), read: readRoutes(session, events), write };
  let port = 0;
  const server: Server = createServer((req, res) => {
    serve(routes, session, port, req, res).catch((e) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpError) refuse(res, e.status, e.message);
      else refuse(res, 500, `Lỗi nội bộ: ${(e as Error)?.message ?? String(e)}`);
    });
  });
  port = await listenLoopback(server, opts.port);
  session.rebuildNow();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    session,
    close: () =>
      new Promise<void>((ok) => {
        events.close();
        session.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
