// The preview page: a toolbar, the HTML pages on the left (the window scrolls them), the real
// PDF on the right, and the error overlay. Clerk-facing text is Vietnamese.
import type { FaceMetrics } from '../fonts/metrics.js';
import { escapeHtml } from '../writers/html/pages.js';
import { fontFaceCss, PAGE_CSS, pageSizeCss } from '../writers/html/index.js';
import type { PageOut } from '../layout/types.js';
import type { PreviewStatus } from './session.js';

const SHELL_CSS = `
html{background:#d9dbde}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2330}
.kh-bar{position:fixed;top:0;left:0;right:0;height:48px;z-index:10;display:flex;align-items:center;gap:12px;padding:0 16px;
  background:#1f3a5f;color:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}
.kh-bar strong{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:30vw}
.kh-state{opacity:.85;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.kh-state.kh-bad{color:#ffb4a8;opacity:1;font-weight:600}
.kh-spacer{flex:1}
.kh-bar label{font-size:13px;white-space:nowrap}
.kh-bar select{font:inherit;font-size:13px}
.kh-btn{color:#1f3a5f;background:#fff;border-radius:4px;padding:5px 12px;text-decoration:none;font-weight:600;font-size:13px;white-space:nowrap}
.kh-btn:hover{background:#e4ecf7}
.kh-main{padding-top:48px}
.kh-left{margin-right:50vw;min-width:0}
.kh-right{position:fixed;top:48px;right:0;bottom:0;width:50vw;border-left:1px solid #aab;background:#525659}
.kh-right iframe{position:absolute;inset:0;width:100%;height:100%;border:0;display:block}
.kh-right iframe.kh-pdf-next{visibility:hidden}
body.kh-no-pdf .kh-left{margin-right:0}
body.kh-no-pdf .kh-right{display:none}
.kh-left .kh-pages{overflow-x:auto}
.kh-empty{padding:48px;text-align:center;color:#555}
#kh-warnings{margin:12px 24px 0;padding:8px 12px;background:#fff8e1;border:1px solid #e6c65c;border-radius:4px;font-size:13px}
#kh-warnings summary{cursor:pointer;font-weight:600}
.kh-overlay{position:fixed;top:60px;left:16px;width:calc(50vw - 48px);max-height:calc(100vh - 84px);overflow:auto;z-index:20;
  background:#fff;border:2px solid #c62828;border-radius:6px;box-shadow:0 8px 32px rgba(0,0,0,.35)}
body.kh-no-pdf .kh-overlay{width:auto;right:16px}
.kh-overlay[hidden]{display:none}
.kh-overlay-box{padding:4px 16px 12px}
.kh-overlay h2{margin:8px 0;color:#c62828;font-size:18px}
.kh-problem{border-top:1px solid #eee;padding:8px 0}
.kh-where{font:600 13px ui-monospace,Menlo,Consolas,monospace;color:#333}
.kh-path{font:13px ui-monospace,Menlo,Consolas,monospace;color:#6a1b9a}
.kh-message{margin:4px 0;font-size:15px}
.kh-hint{color:#2e5d2e}
.kh-excerpt{margin:6px 0 0;padding:8px;background:#f6f6f6;border-radius:4px;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;overflow-x:auto;white-space:pre}
.kh-line,.kh-caret{display:block;min-width:max-content}
.kh-here{background:#ffe0e0}
.kh-caret{color:#c62828;font-weight:700}
.kh-note{color:#555;font-size:13px;margin:8px 0 0}
.kh-trace{position:absolute;z-index:15;background:#1d2330;color:#fff;font-size:12px;padding:4px 8px;border-radius:4px;pointer-events:none;white-space:nowrap}
.kh-trace[hidden]{display:none}
body.kh-has-error .kh-pages{opacity:.55}
@media print{.kh-bar,.kh-right,.kh-overlay,#kh-warnings{display:none!important}.kh-main{padding:0}.kh-left{margin:0}body.kh-has-error .kh-pages{opacity:1}}
`;

/** The style sheet: shell, page sheets, and the fonts (served by the preview server). */
export function previewCss(faces: FaceMetrics[], fontUrl: (f: FaceMetrics) => string, pages: PageOut[]): string {
  return `${fontFaceCss(faces, fontUrl)}\n${pageSizeCss(pages)}\n${PAGE_CSS}\n${SHELL_CSS}`;
}

/** JSON inside a <script type="application/json">: no "<" may close the element early. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c');

export function shellHtml(status: PreviewStatus, pages: string): string {
  const zooms = [50, 67, 75, 90, 100, 110, 125, 150];
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xem trước: ${escapeHtml(status.plan)}</title>
<link rel="stylesheet" href="/preview.css">
<script type="application/json" id="kh-status">${scriptJson(status)}</script>
<script src="/preview.js" defer></script>
</head>
<body data-version="${status.version}">
<header class="kh-bar">
  <strong title="${escapeHtml(status.plan)}">${escapeHtml(status.plan)}</strong>
  <span id="kh-state" class="kh-state" role="status" aria-live="polite"></span>
  <span class="kh-spacer"></span>
  <label>Thu phóng <select id="kh-zoom"><option value="fit" selected>Vừa khung</option>${zooms.map((z) => `<option value="${z / 100}">${z}%</option>`).join('')}</select></label>
  <label><input type="checkbox" id="kh-show-pdf" checked> Hiện PDF</label>
  <a class="kh-btn" id="kh-download-docx" href="/document.docx" download>Tải DOCX</a>
  <a class="kh-btn" id="kh-download-pdf" href="/document.pdf" download>Tải PDF</a>
</header>
<main class="kh-main">
  <section class="kh-left" aria-label="Trang in (HTML)">
    <details id="kh-warnings" hidden></details>
    <div class="kh-pages" id="kh-pages">
${pages || '<p class="kh-empty">Chưa có bản dựng nào thành công.</p>'}
    </div>
  </section>
  <aside class="kh-right" aria-label="Tệp PDF">
    <iframe id="kh-pdf" title="Tệp PDF" src="${status.pdfVersion ? `/document.pdf?v=${status.pdfVersion}#view=FitH&navpanes=0` : 'about:blank'}"></iframe>
  </aside>
</main>
<div id="kh-overlay" class="kh-overlay" role="alert" hidden></div>
</body>
</html>
`;
}
