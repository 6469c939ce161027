// The HTML report of `kehoach check --report`: one page a clerk opens in the browser, a section
// per file with its findings (what, where, how to fix) and, when LibreOffice is installed, page 1
// with each finding numbered where it is. Self-contained (no external files).
import type { CheckReport } from '../cli/commands/check.js';
import { pageOneThumbnails, type Thumbnail } from './thumbnails.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The quoted text of a finding's place ("trang 1, dòng 3 “…”"), when it is on page 1. */
function quoteOnPageOne(where: string | undefined): string {
  const m = /(?:^|chỗ đầu tiên: )(?:trang 1, dòng \d+ )?“(.*)”$/.exec(where ?? '');
  return m && !/trang [2-9]|trang \d\d/.test(where ?? '') ? m[1] : '';
}

function thumbnail(t: Thumbnail): string {
  const marks = t.boxes
    .map((b, k) =>
      b
        ? `<div class="mark" style="left:${((b.x / t.width) * 100).toFixed(2)}%;top:${((b.y / t.height) * 100).toFixed(2)}%;width:${((b.w / t.width) * 100).toFixed(2)}%;height:${((b.h / t.height) * 100).toFixed(2)}%"><span>${k + 1}</span></div>`
        : '',
    )
    .join('');
  return `<div class="page" data-thumbnail><img alt="Trang 1" src="data:image/png;base64,${t.png}">${marks}</div>`;
}

function fileSection(r: CheckReport, t: Thumbnail | undefined): string {
  const head = r.failure
    ? `<p class="fail">Không đọc được: ${esc(r.failure)}</p>`
    : `<p>${esc(r.type === 'không rõ' || !r.type ? 'Không nhận ra loại văn bản' : `Loại văn bản: ${r.type}`)} — ${
        r.findings.length ? `${r.errors} lỗi, ${r.warnings} cảnh báo` : 'đúng thể thức Nghị định 30 ở mọi điểm đã kiểm tra'
      }</p>`;
  const items = r.findings
    .map(
      (f, k) =>
        `<li class="${f.severity}"><b>${k + 1}. ${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}</b> <code>${esc(f.rule)}</code> ${esc(f.message)}${
          f.where ? `<br><small>${esc(f.where)}</small>` : ''
        }${f.fix ? `<br><em>Cách sửa: ${esc(f.fix)}</em>` : ''}</li>`,
    )
    .join('');
  return `<section><h2>${esc(r.file)}</h2>${head}<div class="row">${t ? thumbnail(t) : ''}<ol>${items}</ol></div></section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}h2{font-size:1.1em;word-break:break-all}
.row{display:flex;gap:1.5em;align-items:flex-start}ol{list-style:none;padding:0;flex:1}li{margin:.4em 0;padding:.4em .6em;border-left:4px solid}
li.error{border-color:#c00;background:#fff3f3}li.warning{border-color:#d90;background:#fffbea}.fail{color:#c00}
.page{position:relative;width:360px;flex:none;box-shadow:0 0 4px #888}.page img{width:100%;display:block}
.mark{position:absolute;border:2px solid #c00;box-sizing:border-box}.mark span{position:absolute;left:-1.4em;top:-.2em;background:#c00;color:#fff;font-size:11px;padding:0 3px;border-radius:3px}`;

/** The whole report; `thumbnails` renders page 1 of each file when LibreOffice and poppler are installed. */
export async function checkReportHtml(reports: CheckReport[], opts: { thumbnails?: boolean } = {}): Promise<string> {
  const readable = reports.map((r, k) => ({ r, k })).filter(({ r }) => !r.failure);
  const thumbs = opts.thumbnails
    ? pageOneThumbnails(
        readable.map(({ r }) => r.file),
        readable.map(({ r }) => r.findings.map((f) => quoteOnPageOne(f.where))),
      )
    : undefined;
  const byIndex = new Map(readable.map(({ k }, i) => [k, thumbs?.[i]]));
  const total = reports.filter((r) => r.errors > 0).length;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm tra thể thức Nghị định 30</title><style>${STYLE}</style></head><body>
<h1>Kiểm tra thể thức văn bản theo Nghị định 30/2020/NĐ-CP</h1>
<p>${reports.length} tệp: ${total} tệp có lỗi. Vị trí "trang, dòng" là ước tính theo bố cục của Word; đoạn chữ trích trong ngoặc giúp tìm đúng chỗ (Ctrl+F).</p>
${reports.map((r, k) => fileSection(r, byIndex.get(k))).join('\n')}
</body></html>
`;
}
