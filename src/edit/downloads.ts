// The documents of the plan being edited, made on request from the last build that had pages:
// the DOCX, the PDF (also what "In" prints) and the merged PDF of the last 34-province batch.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { disposition } from '../util/local-http.js';
import type { EditBuild } from './build.js';
import type { EditSession } from './session.js';

type Read = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

function reply(res: ServerResponse, type: string, bytes: Uint8Array, name: string, attach: boolean): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(bytes.length),
    'Content-Disposition': disposition(attach ? 'attachment' : 'inline', name),
  });
  res.end(res.req.method === 'HEAD' ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const NOT_YET = JSON.stringify({ error: 'Chưa có trang nào để tải: sửa các lỗi được đánh dấu đỏ.' });

export function downloads(session: EditSession): [string, Read][] {
  // One document of each kind per build, made once.
  const cache = new WeakMap<EditBuild, { pdf?: Promise<Uint8Array>; docx?: Promise<Uint8Array> }>();
  const made = (kind: 'pdf' | 'docx'): Promise<Uint8Array> | undefined => {
    const b = session.goodBuild();
    if (!b?.doc || !b.pages) return undefined;
    const c = cache.get(b) ?? {};
    cache.set(b, c);
    // The writers are loaded on the first download, not when the editor starts.
    const { doc, pages } = b;
    if (kind === 'pdf') c.pdf ??= import('../writers/pdf/index.js').then((w) => w.renderPages(pages, doc.meta));
    else c.docx ??= import('../writers/docx/index.js').then((w) => w.writeDocx(doc));
    return c[kind];
  };
  const route =
    (kind: 'pdf' | 'docx', type: string): Read =>
    async (_q, res, url) => {
      const bytes = made(kind);
      if (!bytes) {
        res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' });
        return void res.end(NOT_YET);
      }
      reply(res, type, await bytes, `${session.stem()}.${kind}`, url.searchParams.has('download') || kind === 'docx');
    };
  return [
    ['/document.pdf', route('pdf', 'application/pdf')],
    ['/document.docx', route('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
    [
      '/batch.pdf',
      (_q, res) => {
        const merged = session.batch?.merged;
        if (!merged) {
          res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
          return void res.end(JSON.stringify({ error: 'Chưa có tệp gộp của lần tạo cho 34 tỉnh.' }));
        }
        reply(res, 'application/pdf', readFileSync(merged), 'tong-hop-34-tinh.pdf', true);
      },
    ],
  ];
}
