// The editor's page: an empty shell the browser modules fill (src/edit/client/), its style sheet,
// and the session's token and first status, which only a tab of this origin can read.
import type { FaceMetrics, FontSet } from '../fonts/metrics.js';
import { escapeHtml } from '../writers/html/pages.js';
import { fontFaceCss, PAGE_CSS } from '../writers/html/index.js';
import { clientDir, FONT_ROUTE } from './assets.js';
import type { EditSession } from './session.js';

const APP_CSS = `
:root{--bar:#1f3a5f;--ink:#1d2330;--muted:#5b6475;--line:#d5d9e0;--bg:#eef0f3;--err:#b3261e;--warn:#8a5a00;--ok:#2e6b2e;--focus:#1a73e8}
*{box-sizing:border-box}
[hidden]{display:none!important}
html,body,#kh-app{height:100%}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg);overflow:hidden}
button,input,select,textarea{font:inherit;color:inherit}
:focus-visible{outline:2px solid var(--focus);outline-offset:1px}
.kh-skip{position:absolute;left:-9999px}.kh-skip:focus{left:8px;top:8px;z-index:100;background:#fff;padding:6px 10px}
.kh-bar{height:48px;display:flex;align-items:center;gap:8px;padding:0 12px;background:var(--bar);color:#fff}
.kh-bar .kh-file{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:22vw}
.kh-bar .kh-saved{font-size:12px;opacity:.9;white-space:nowrap}
.kh-bar .kh-saved.kh-bad{color:#ffb4a8;font-weight:600;opacity:1}
.kh-spacer{flex:1}
.kh-tb{background:#fff;color:var(--bar);border:0;border-radius:4px;padding:5px 10px;font-weight:600;font-size:13px;cursor:pointer;white-space:nowrap;text-decoration:none}
.kh-tb:hover{background:#e4ecf7}.kh-tb[disabled]{opacity:.45;cursor:default}
.kh-tb.kh-ghost{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.5)}
.kh-count{font-size:12px;padding:3px 8px;border-radius:10px;background:rgba(255,255,255,.15);white-space:nowrap;border:0;color:#fff;cursor:pointer}
.kh-count.kh-has-err{background:#ffdad6;color:var(--err)}
.kh-main{display:grid;grid-template-columns:minmax(420px,1fr) 6px minmax(360px,var(--preview-w,44%));height:calc(100% - 48px)}
.kh-left{overflow:auto;padding:0 16px 64px;min-width:0;min-height:0}
.kh-split{cursor:col-resize;background:var(--line)}
.kh-split:hover,.kh-split:focus{background:var(--focus)}
.kh-right{display:flex;flex-direction:column;min-width:0;min-height:0;background:#d9dbde}
.kh-phead{display:flex;align-items:center;gap:8px;padding:6px 12px;font-size:12px;color:var(--muted);background:#e6e8eb;border-bottom:1px solid var(--line)}
.kh-phead select{font-size:12px}
.kh-pscroll{flex:1;overflow:auto;position:relative;min-height:0}
.kh-pscroll .kh-pages{padding:12px 0;gap:12px}
.kh-pnote{margin:8px 12px 0;padding:6px 10px;border-radius:4px;font-size:12px;background:#fff8e1;border:1px solid #e6c65c}
.kh-pnote[hidden]{display:none}
.kh-page{cursor:pointer}
.kh-hit{position:absolute;background:rgba(26,115,232,.14);outline:1px solid rgba(26,115,232,.6);pointer-events:none}
.kh-tip{position:absolute;z-index:5;background:#1d2330;color:#fff;font-size:12px;padding:4px 8px;border-radius:4px;pointer-events:none;white-space:nowrap}
.kh-nav{position:sticky;top:0;z-index:3;display:flex;gap:4px;flex-wrap:wrap;padding:8px 0;background:var(--bg);border-bottom:1px solid var(--line)}
.kh-nav a{font-size:13px;padding:3px 8px;border-radius:12px;color:var(--bar);text-decoration:none;background:#fff;border:1px solid var(--line)}
.kh-nav a:hover{background:#e4ecf7}
.kh-card{background:#fff;border:1px solid var(--line);border-radius:6px;margin:12px 0;padding:10px 14px}
.kh-card>h2{font-size:15px;margin:2px 0 10px;color:var(--bar)}
.kh-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px 12px}
.kh-field{display:flex;flex-direction:column;gap:2px;min-width:0}
.kh-field.kh-wide{grid-column:1/-1}
.kh-field>label,.kh-label{font-size:12px;color:var(--muted);font-weight:600}
.kh-field input[type=text],.kh-field textarea,.kh-field select,.kh-in{border:1px solid #b9c0cc;border-radius:4px;padding:5px 7px;background:#fff;min-width:0;width:100%}
.kh-field textarea{resize:vertical;min-height:2.4em}
.kh-check{display:flex;align-items:center;gap:6px;font-size:13px}
.kh-row{display:flex;gap:6px;align-items:center}
.kh-row>.kh-in{flex:1}
.kh-list{display:flex;flex-direction:column;gap:4px}
.kh-listrow{display:grid;grid-template-columns:1fr auto;gap:4px;align-items:start}
.kh-listrow .kh-cells{display:flex;gap:4px;min-width:0}
.kh-listrow .kh-cells>*{flex:1;min-width:0}
.kh-listrow .kh-cells>.kh-note{flex:0 0 34%}
.kh-mini{border:0;background:none;color:var(--muted);cursor:pointer;padding:2px 5px;border-radius:3px;font-size:13px}
.kh-mini:hover{background:#eef2f8;color:var(--ink)}
.kh-add{align-self:flex-start;border:1px dashed #9aa6b8;background:#fafbfc;color:var(--bar);border-radius:4px;padding:3px 10px;cursor:pointer;font-size:13px;margin-top:4px}
.kh-date{position:relative}
.kh-cal{position:absolute;z-index:20;top:100%;left:0;background:#fff;border:1px solid #9aa6b8;border-radius:6px;box-shadow:0 6px 24px rgba(0,0,0,.2);padding:8px;width:250px}
.kh-cal table{border-collapse:collapse;width:100%;font-size:13px;text-align:center}
.kh-cal th{font-weight:600;color:var(--muted);font-size:11px}
.kh-cal td button{width:30px;height:26px;border:0;background:none;border-radius:4px;cursor:pointer}
.kh-cal td button:hover{background:#e4ecf7}
.kh-cal td button[aria-selected=true]{background:var(--bar);color:#fff}
.kh-cal .kh-calhead{display:flex;align-items:center;justify-content:space-between;margin-bottom:4px}
.kh-finding{display:flex;gap:6px;align-items:flex-start;font-size:12.5px;margin:3px 0 2px;padding:4px 6px;border-radius:4px;background:#fff4e5;color:#5c3b00}
.kh-finding.kh-error{background:#fdecea;color:#7a1c15}
.kh-grid>.kh-finding{grid-column:1/-1}
.kh-finding .kh-ficon{font-weight:700}
.kh-finding .kh-fhint{color:#3e4a5c}
.kh-finding .kh-fsrc{color:var(--muted);font-size:11px}
.kh-finding button{margin-left:auto;border:1px solid currentColor;background:#fff;color:inherit;border-radius:4px;padding:1px 8px;cursor:pointer;font-size:12px;white-space:nowrap}
.kh-flagged,[aria-invalid]{border-color:var(--err)!important}
.kh-otools{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:6px;position:sticky;top:46px;z-index:2;background:#fff;padding:4px 0}
.kh-otools button{font-size:12px;border:1px solid #b9c0cc;background:#f7f8fa;border-radius:4px;padding:2px 8px;cursor:pointer}
.kh-otools button:hover{background:#e4ecf7}
.kh-outline{display:flex;flex-direction:column}
.kh-line{display:grid;grid-template-columns:18px auto 1fr auto;gap:4px;align-items:baseline;padding:1px 0 1px calc(var(--d,0) * 22px);border-radius:3px}
.kh-line.kh-cur{background:#f2f6fc}
.kh-line.kh-drop{box-shadow:0 -2px 0 var(--focus)}
.kh-handle{cursor:grab;color:#9aa6b8;user-select:none;font-size:12px;text-align:center}
.kh-mark{font-weight:600;color:#334;min-width:1.2em;white-space:nowrap;font-variant-numeric:tabular-nums}
.kh-row>.kh-text{flex:1}
.kh-prelabel{white-space:nowrap}
.kh-text{outline:0;min-height:1.45em;padding:1px 4px;border-radius:3px;white-space:pre-wrap;word-break:break-word}
.kh-text:focus{background:#fff;box-shadow:inset 0 0 0 1px #9ab6e8}
.kh-text:empty::before{content:attr(data-ph);color:#98a1b0}
.kh-line[data-kind=section] .kh-text{font-weight:700;text-transform:uppercase}
.kh-line[data-kind=section]{margin-top:8px}
.kh-line[data-kind=item]>.kh-mark{color:#1f3a5f}
.kh-kind{font-size:11px;color:var(--muted);opacity:0;white-space:nowrap}
.kh-line:focus-within .kh-kind,.kh-line:hover .kh-kind{opacity:1}
.kh-kind select{font-size:11px;padding:0}
.kh-struct{border-left:3px solid #c9d6ea;padding:2px 0 6px 10px;display:flex;flex-direction:column;gap:4px;min-width:0}
.kh-structitem{display:flex;flex-direction:column;gap:3px;flex:1;min-width:0;padding-bottom:4px;border-bottom:1px dotted #d5dbe5}
.kh-structitem .kh-cells{display:flex;gap:4px;min-width:0}
.kh-structitem .kh-cells>*{flex:1;min-width:0}
.kh-cells>.kh-short,.kh-cells>.kh-datein{flex:0 0 22%}
.kh-period{display:flex;gap:4px;max-width:60%}
.kh-structblocks>.kh-label{margin:2px 0 0}
.kh-structblocks .kh-outline{margin-left:-8px}
.kh-addsub{font-size:12px}
.kh-block{border:1px dashed #9aa6b8;border-radius:4px;padding:4px 8px;font-size:12.5px;color:var(--muted);background:#fafbfc}
.kh-block:focus{outline:2px solid var(--focus)}
.kh-pb{text-align:center;letter-spacing:.1em}
.kh-table{border-collapse:collapse;width:100%;font-size:12.5px;margin:2px 0}
.kh-table td,.kh-table th{border:1px solid #b9c0cc;padding:2px 4px;vertical-align:top;min-width:40px}
.kh-table th{background:#f1f3f6}
.kh-table [contenteditable]{outline:0;min-height:1.3em}
.kh-table [contenteditable]:focus{background:#eef4fd}
.kh-ttools{display:flex;gap:4px;margin-top:2px}
.kh-ttools button{font-size:11px;border:1px solid #b9c0cc;background:#f7f8fa;border-radius:3px;cursor:pointer}
.kh-banner{margin:10px 0 0;padding:8px 12px;border-radius:6px;display:flex;gap:10px;align-items:center;flex-wrap:wrap;background:#e8f0fe;border:1px solid #9ab6e8}
.kh-banner.kh-warnb{background:#fff4e5;border-color:#e6c65c}
.kh-banner.kh-errb{background:#fdecea;border-color:#e4a29c}
.kh-banner p{margin:0;flex:1;min-width:240px}
.kh-banner button{border:1px solid #5b6475;background:#fff;border-radius:4px;padding:3px 10px;cursor:pointer;font-weight:600}
.kh-notes{flex-basis:100%;margin:0;padding-left:18px;font-size:13px;max-height:160px;overflow:auto}
.kh-all{margin:0;padding-left:18px;font-size:13px}
.kh-all li{margin:2px 0}
.kh-all a{color:inherit}
.kh-start{max-width:760px;margin:24px auto;padding:0 16px;overflow:auto;height:calc(100% - 48px)}
.kh-start h1{font-size:22px;color:var(--bar);margin:8px 0}
.kh-drop{border:2px dashed #9aa6b8;border-radius:8px;padding:18px;text-align:center;color:var(--muted);background:#fafbfc;margin:12px 0}
.kh-drop.kh-over{border-color:var(--focus);background:#e8f0fe}
.kh-start .kh-go{margin-top:12px;background:var(--bar);color:#fff;border:0;border-radius:4px;padding:8px 18px;font-weight:600;cursor:pointer}
.kh-msg{margin:8px 0;padding:8px 12px;border-radius:6px;background:#fdecea;color:#7a1c15}
.kh-msg[hidden]{display:none}
.kh-dialog{position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;z-index:50}
.kh-dialog>div{background:#fff;border-radius:8px;padding:16px 20px;width:min(560px,92vw);box-shadow:0 12px 40px rgba(0,0,0,.3)}
.kh-dialog .kh-tb{border:1px solid var(--bar);margin-right:6px}
.kh-progress{height:10px;background:#e6e8eb;border-radius:5px;overflow:hidden;margin:8px 0}
.kh-progress>i{display:block;height:100%;background:var(--bar);width:0;transition:width .2s}
.kh-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media print{
  html,body,#kh-app{height:auto;overflow:visible;background:none}
  .kh-bar,.kh-left,.kh-split,.kh-phead,.kh-pnote,.kh-tip,.kh-dialog,.kh-skip{display:none!important}
  .kh-main{display:block;height:auto}
  .kh-right,.kh-pscroll{display:block;overflow:visible;background:none}
  .kh-pscroll .kh-pages{zoom:1!important;padding:0}
}
@media (max-width:1100px){.kh-main{grid-template-columns:minmax(380px,1fr) 6px minmax(300px,40%)}.kh-bar .kh-file{max-width:14vw}}
`;

export function editCss(fonts: FontSet, routeOf: (route: string) => string): string {
  const faces = Object.values(fonts.faces) as FaceMetrics[];
  return `${fontFaceCss(faces, (f) => routeOf(FONT_ROUTE[f.name]))}\n${PAGE_CSS}\n${APP_CSS}`;
}

/** The faces the pages use, fetched with the page rather than once the style sheet is read. */
const FONT_PRELOADS = [FONT_ROUTE.regular, FONT_ROUTE.bold, FONT_ROUTE.italic]
  .map((f) => `<link rel="preload" href="${f}" as="font" type="font/ttf" crossorigin>`)
  .join('\n');

/** JSON inside a <script type="application/json">: no "<" may close the element early. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c');

/**
 * The page as first served. The pages of the first build are in it, where the editor puts its
 * preview, so the document shows as soon as the page and its fonts arrive; the browser modules
 * (preloaded all at once) then build the form around them.
 */
export function editShell(session: EditSession, modules: string[] = []): string {
  const status = session.status();
  const boot = { token: session.token, status };
  const pages = status.mode === 'edit' ? session.pagesHtml() : '';
  const preview = pages
    ? `<div class="kh-main"><main class="kh-left"><p class="kh-label">Đang mở…</p></main><div class="kh-split"></div><aside class="kh-right"><div class="kh-phead"><span>${status.pageCount} trang</span></div><div class="kh-pscroll"><div class="kh-pages" id="kh-pages" data-version="${status.version}">${pages}</div></div></aside></div>`
    : '';
  const missing = clientDir()
    ? ''
    : '<p class="kh-msg">Thiếu các tệp giao diện đã biên dịch (dist/edit/client). Chạy "npm run build" rồi mở lại lệnh kehoach edit.</p>';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Soạn kế hoạch: ${escapeHtml(status.plan)}</title>
<link rel="stylesheet" href="/edit.css">
${pages ? FONT_PRELOADS : ''}
<script type="application/json" id="kh-boot">${scriptJson(boot)}</script>
${modules.map((m) => `<link rel="modulepreload" href="${m}">`).join('\n')}
<script type="module" src="/app/main.js"></script>
</head>
<body>
<a class="kh-skip" href="#kh-outline">Đến phần nội dung</a>
<div id="kh-app">${missing}${preview}<noscript><p class="kh-msg">Trang soạn thảo cần JavaScript.</p></noscript></div>
</body>
</html>
`;
}
