// The preview's Server-Sent Events, with bounded memory however many tabs connect and however
// slowly they read (issue 12: 200 streams that were never read took the server to 2.65 GB).
// - At most `maxStreams` streams; one more gets 503 and its tab retries later.
// - Each status is encoded once; every stream is written the same Buffer.
// - A stream whose write did not drain is written nothing more: it is marked behind and gets
//   only the latest status when it drains, so at most one frame waits per stream.
// - A stream that stays undrained for `stallMs` is closed (a live tab reconnects by itself).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreviewStatus } from './session.js';

export interface EventLimits {
  /** Event streams open at once; a clerk has a tab or two. */
  maxStreams: number;
  /** How long a stream may stay undrained before it is closed. */
  stallMs: number;
  /** Interval of the comment that keeps proxies and sleeping laptops from dropping a stream. */
  heartbeatMs: number;
}

export const EVENT_LIMITS: Readonly<EventLimits> = { maxStreams: 32, stallMs: 30_000, heartbeatMs: 15_000 };

/** Seconds a refused tab waits before trying again (the client script uses the same delay). */
export const RETRY_AFTER_S = 5;

/** What the hub needs of a session (a test may give it a stand-in). */
export interface StatusSource {
  status(): PreviewStatus;
  pagesHtml(): string;
  subscribe(fn: (s: PreviewStatus) => void): () => void;
}

/** One stream as seen by tests and the bench. */
export interface StreamStats {
  /** The client's port, to tell the streams apart. */
  port: number;
  /** Version of the pages last written to it. */
  version: number;
  /** Its last write has not drained yet. */
  blocked: boolean;
  /** A newer status waits for the drain. */
  behind: boolean;
  /** Bytes Node holds for it (response and socket buffers). */
  queuedBytes: number;
}

export interface EventStats {
  streams: StreamStats[];
  /** Streams turned away at the cap. */
  refused: number;
  /** Frames encoded (each shared by every stream that gets it). */
  encoded: number;
  /** Largest frame encoded, in bytes. */
  largestFrame: number;
  /** Updates not written to a stream because it was blocked (it gets a later one). */
  skipped: number;
  /** Streams closed because they stayed undrained for `stallMs`. */
  stalledClosed: number;
}

interface Stream {
  res: ServerResponse;
  has: number;
  blocked: boolean;
  behind: boolean;
  stall?: NodeJS.Timeout;
}

const RETRY = Buffer.from('retry: 1000\n\n');
const HEARTBEAT = Buffer.from(': \n\n');

/** A status as SSE bytes, without the pages and (built when first needed) with them. */
class Frame {
  readonly plain: Buffer;
  private full: Buffer | undefined;

  constructor(
    readonly status: PreviewStatus,
    private readonly html: string,
    private readonly encode: (msg: PreviewStatus) => Buffer,
  ) {
    this.plain = encode(status);
  }

  /** The bytes for a stream that has the pages of version `has`. */
  for(has: number): Buffer {
    if (this.status.version === has || this.status.version <= 0) return this.plain;
    this.full ??= this.encode({ ...this.status, html: this.html });
    return this.full;
  }
}

export class EventHub {
  private readonly streams = new Set<Stream>();
  private readonly limits: EventLimits;
  private latest: Frame | undefined;
  private readonly off: () => void;
  private readonly beat: NodeJS.Timeout;
  private readonly counts = { refused: 0, encoded: 0, largestFrame: 0, skipped: 0, stalledClosed: 0 };

  constructor(
    private readonly source: StatusSource,
    limits: Partial<EventLimits> = {},
  ) {
    this.limits = { ...EVENT_LIMITS, ...limits };
    this.off = source.subscribe((s) => this.broadcast(s));
    this.beat = setInterval(() => this.heartbeat(), this.limits.heartbeatMs);
    this.beat.unref();
  }

  /** Answers GET/HEAD /events: a stream while there is room, else 503 in Vietnamese. */
  open(req: IncomingMessage, res: ServerResponse): void {
    if (this.streams.size >= this.limits.maxStreams) {
      this.refuse(res);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    if (req.method === 'HEAD') return void res.end();
    // The tab says which pages it shows (/events?v=N); it gets the pages with the status
    // whenever they are newer, so an update needs no second request.
    const st: Stream = { res, has: Number(/[?&]v=(\d+)/.exec(req.url ?? '')?.[1] ?? -1), blocked: false, behind: false };
    this.streams.add(st);
    res.on('close', () => {
      clearTimeout(st.stall);
      this.streams.delete(st);
    });
    res.write(RETRY);
    this.send(st);
  }

  private refuse(res: ServerResponse): void {
    this.counts.refused++;
    const body = Buffer.from(
      `Máy chủ xem trước đang phục vụ quá nhiều thẻ (tối đa ${this.limits.maxStreams} kết nối cập nhật). ` +
        `Hãy đóng bớt các thẻ xem trước; thẻ này sẽ tự thử lại sau ${RETRY_AFTER_S} giây.\n`,
    );
    res.writeHead(503, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(body.length),
      'Retry-After': String(RETRY_AFTER_S),
      // The socket is not kept for a client that may never read the answer.
      Connection: 'close',
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  private current(): Frame {
    this.latest ??= this.frame(this.source.status());
    return this.latest;
  }

  private frame(s: PreviewStatus): Frame {
    return new Frame(s, this.source.pagesHtml(), (msg) => {
      const bytes = Buffer.from(`data: ${JSON.stringify(msg)}\n\n`, 'utf8');
      this.counts.encoded++;
      this.counts.largestFrame = Math.max(this.counts.largestFrame, bytes.length);
      return bytes;
    });
  }

  private broadcast(s: PreviewStatus): void {
    this.latest = this.frame(s);
    for (const st of this.streams) {
      if (st.blocked) {
        if (!st.behind) this.counts.skipped++;
        st.behind = true;
      } else this.send(st);
    }
  }

  /** Writes the latest status to a stream that has drained. */
  private send(st: Stream): void {
    const f = this.current();
    st.behind = false;
    const ok = st.res.write(f.for(st.has));
    st.has = f.status.version;
    if (!ok) this.block(st);
  }

  private block(st: Stream): void {
    st.blocked = true;
    st.stall = setTimeout(() => {
      this.counts.stalledClosed++;
      // Out of the set now: its 'close' event comes later, and its place is free already.
      this.streams.delete(st);
      st.res.destroy();
    }, this.limits.stallMs);
    st.stall.unref();
    st.res.once('drain', () => {
      clearTimeout(st.stall);
      st.blocked = false;
      if (st.behind) this.send(st);
    });
  }

  private heartbeat(): void {
    for (const st of this.streams) if (!st.blocked && !st.res.write(HEARTBEAT)) this.block(st);
  }

  stats(): EventStats {
    const streams = [...this.streams].map((st) => ({
      port: st.res.socket?.remotePort ?? 0,
      version: st.has,
      blocked: st.blocked,
      behind: st.behind,
      queuedBytes: st.res.writableLength,
    }));
    return { streams, ...this.counts };
  }

  close(): void {
    this.off();
    clearInterval(this.beat);
    for (const st of this.streams) st.res.destroy();
    this.streams.clear();
  }
}
