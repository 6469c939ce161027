// What every local server of kehoach (preview, edit) checks and sends, in one place: the Host
// header names this server and nothing else (no web page reaches it through DNS rebinding), the
// headers that keep other sites from reading or framing its answers, the token and origin of a
// request that writes, and file names in Content-Disposition.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Whether the Host header names this server (and nothing else). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** No sniffing, no referrer, same-origin reads only; not cached unless the route says so. */
export function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
}

/** `attachment; filename="ke-hoach.pdf"; filename*=UTF-8''k%E1%BA%BF…` (ASCII fallback first). */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** The request's token: the header, or `t=` in the query (event streams and downloads cannot set headers). */
export function tokenOf(req: IncomingMessage): string | undefined {
  const h = req.headers['x-kehoach-token'];
  if (typeof h === 'string') return h;
  return /[?&]t=([0-9a-f]+)/.exec(req.url ?? '')?.[1];
}

/**
 * Why a writing request is refused, or undefined when it may write: the token, this origin only,
 * and a body a cross-site form cannot send.
 */
export function writeRefusal(req: IncomingMessage, port: number, token: string, type: 'json' | 'bytes'): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`)
    return `Từ chối: yêu cầu ghi đến từ trang khác (${origin}).`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'Từ chối: yêu cầu ghi không đến từ trang soạn thảo này.';
  if (!sameToken(req.headers['x-kehoach-token'] as string | undefined, token))
    return 'Từ chối: thiếu mã phiên soạn thảo (chỉ thẻ soạn thảo do lệnh kehoach edit mở mới được ghi).';
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'json' && ct !== 'application/json') return 'Từ chối: nội dung phải là JSON.';
  if (type === 'bytes' && ct !== 'application/octet-stream') return 'Từ chối: nội dung phải là tệp (application/octet-stream).';
  return undefined;
}

/** Listens on the loopback address only (`port` 0: any free one) and gives the port it got. */
export async function listenLoopback(server: Server, port = 0): Promise<number> {
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  return (server.address() as AddressInfo).port;
}
