// Talking to the editor's server: every request that writes carries the session's token (read
// from the page), and every answer in error carries a Vietnamese message.
import type { EditStatus } from '../session.js';
import type { Json } from './paths.js';

export interface Boot {
  token: string;
  status: EditStatus;
}

export interface State {
  version: number;
  data: Json;
  file: string;
  format: 'yaml' | 'json';
  status: EditStatus;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  constructor(readonly token: string) {}

  private async answer<T>(res: Response): Promise<T> {
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `Lỗi ${res.status}`);
    return body as T;
  }

  async post<T = { version: number }>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kehoach-Token': this.token },
      body: JSON.stringify(body),
    });
    return this.answer<T>(res);
  }

  async state(): Promise<State> {
    return this.answer<State>(await fetch('/api/state', { headers: { 'X-Kehoach-Token': this.token }, cache: 'no-store' }));
  }

  async upload<T>(path: string, bytes: ArrayBuffer, name: string, extra = ''): Promise<T> {
    const res = await fetch(`${path}?name=${encodeURIComponent(name)}${extra}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Kehoach-Token': this.token },
      body: bytes,
    });
    return this.answer<T>(res);
  }

  /** A URL of a read route (downloads, events), with the token in the query. */
  url(path: string, extra = ''): string {
    return `${path}?t=${this.token}${extra}`;
  }

  async trace(page: number, x: number, y: number): Promise<{ file?: string; line?: number; text?: string; path?: string }> {
    return this.answer(await fetch(this.url('/api/trace', `&page=${page}&x=${x}&y=${y}`), { cache: 'no-store' }));
  }
}
