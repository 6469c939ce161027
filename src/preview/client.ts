// The script of the preview page (served as /preview.js). Plain browser JavaScript kept as a
// string: it is tiny, and shipping it as-is means no bundler between the source and the tab.
//
// It listens to /events (Server-Sent Events). A new version comes with its pages (or, failing
// that, is fetched from /pages); only the pages that changed are swapped, keeping the scroll; a problem shows the overlay (built with
// textContent: messages quote template and plan text) until a good build clears it.
import { RETRY_AFTER_S } from './events.js';

export const CLIENT_JS = `(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const pagesEl = $('kh-pages');
  const overlay = $('kh-overlay');
  const stateEl = $('kh-state');
  let pdfFrame = $('kh-pdf');
  const warnEl = $('kh-warnings');
  const initial = JSON.parse($('kh-status').textContent);
  let server = initial.server;
  let shown = initial.version;      // version of the pages on screen
  let pdfShown = initial.pdfVersion; // version in the PDF pane
  let latest = initial;
  let loading = false;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function patchPages(html) {
    const x = window.scrollX, y = window.scrollY;
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    const fresh = Array.from(tpl.content.children);
    const old = Array.from(pagesEl.children);
    fresh.forEach((p, i) => {
      if (!old[i]) pagesEl.appendChild(p);
      else if (!old[i].isEqualNode(p)) old[i].replaceWith(p);
    });
    for (let i = fresh.length; i < old.length; i++) old[i].remove();
    if (zoom.value === 'fit') pagesEl.style.zoom = fitZoom();
    window.scrollTo(x, y);
  }

  async function loadPages() {
    if (loading) return;
    loading = true;
    try {
      while (shown !== latest.version) {
        const want = latest.version;
        const res = await fetch('/pages?v=' + want, { cache: 'no-store' });
        if (!res.ok) break;
        patchPages(await res.text());
        shown = want;
        document.body.dataset.version = String(shown);
      }
    } finally {
      loading = false;
    }
  }

  function where(p) {
    const parts = [];
    if (p.file) parts.push(p.file);
    if (p.line) parts.push('dòng ' + p.line);
    if (p.column) parts.push('cột ' + p.column);
    return parts.join(', ');
  }

  function excerpt(x) {
    const pre = el('pre', 'kh-excerpt');
    const width = String(x.first + x.lines.length - 1).length;
    x.lines.forEach((text, i) => {
      const n = x.first + i;
      pre.appendChild(el('span', n === x.line ? 'kh-line kh-here' : 'kh-line', String(n).padStart(width) + ' | ' + text));
      if (n === x.line && x.column) pre.appendChild(el('span', 'kh-caret', ' '.repeat(width + 3 + x.column - 1) + '^'));
    });
    return pre;
  }

  function showError(err) {
    const box = el('div', 'kh-overlay-box');
    box.appendChild(el('h2', null, err.title));
    for (const p of err.problems) {
      const item = el('div', 'kh-problem');
      const w = where(p);
      if (w) item.appendChild(el('div', 'kh-where', w));
      if (p.path) item.appendChild(el('div', 'kh-path', 'Trường: ' + p.path));
      item.appendChild(el('div', 'kh-message', p.message));
      if (p.hint) item.appendChild(el('div', 'kh-hint', '→ ' + p.hint));
      if (p.excerpt) item.appendChild(excerpt(p.excerpt));
      box.appendChild(item);
    }
    box.appendChild(el('p', 'kh-note', 'Trang bên dưới là bản đúng gần nhất. Sửa lỗi rồi lưu tệp: trang tự cập nhật.'));
    overlay.replaceChildren(box);
    overlay.hidden = false;
    document.body.classList.add('kh-has-error');
  }

  function hideError() {
    overlay.hidden = true;
    overlay.replaceChildren();
    document.body.classList.remove('kh-has-error');
  }

  function showWarnings(list) {
    warnEl.replaceChildren();
    warnEl.hidden = !list.length;
    if (!list.length) return;
    warnEl.appendChild(el('summary', null, list.length + ' cảnh báo'));
    const ul = el('ul');
    for (const w of list) ul.appendChild(el('li', null, (where(w) ? where(w) + ': ' : '') + (w.path ? '"' + w.path + '": ' : '') + w.message + (w.hint ? ' → ' + w.hint : '')));
    warnEl.appendChild(ul);
  }

  function showState(s, text) {
    if (text) { stateEl.textContent = text; return; }
    const t = new Date(s.builtAt).toLocaleTimeString('vi-VN', { hour12: false });
    stateEl.textContent = (s.error ? 'Có lỗi lúc ' + t : 'Đã cập nhật lúc ' + t) + ' · ' + s.pageCount + ' trang · ' + s.ms + ' ms';
    stateEl.className = s.error ? 'kh-state kh-bad' : 'kh-state';
  }

  // The reloaded PDF opens at the page the author is looking at on the left.
  function pdfUrl(v) {
    return '/document.pdf?v=' + v + '#page=' + pageShown() + '&view=FitH&navpanes=0';
  }

  // The page at the top of the window (zoom included).
  function pageShown() {
    const pages = pagesEl.children;
    let n = 1;
    for (let i = 0; i < pages.length; i++) if (pages[i].getBoundingClientRect().top <= 60) n = i + 1;
    return n;
  }

  // The PDF pane never goes blank: a new PDF (or page) loads in a hidden frame that takes the
  // place of the shown one once it has loaded.
  let nextFrame = null;
  let pdfPage = 0;
  function showPdf(url) {
    if (!pdfFrame) return;
    if (nextFrame) nextFrame.remove();
    const f = document.createElement('iframe');
    f.title = 'Tệp PDF';
    f.className = 'kh-pdf-next';
    nextFrame = f;
    let done = false;
    const swap = () => {
      if (done || nextFrame !== f) return;
      done = true;
      nextFrame = null;
      pdfFrame.remove();
      f.className = '';
      f.id = 'kh-pdf';
      pdfFrame = f;
    };
    // The viewer draws its first page just after its frame has loaded.
    f.addEventListener('load', () => setTimeout(swap, 250));
    setTimeout(swap, 6000);
    f.src = url;
    pdfFrame.parentNode.appendChild(f);
    pdfPage = pageShown();
  }

  // The PDF follows the pages: when scrolling stops on another page, the PDF shows that page.
  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      if (pdfShown && !document.body.classList.contains('kh-no-pdf') && pageShown() !== pdfPage) showPdf(pdfUrl(pdfShown));
    }, 400);
  }, { passive: true });

  function apply(s) {
    if (s.server !== server) { location.reload(); return; }
    latest = s;
    if (s.error) showError(s.error); else hideError();
    showWarnings(s.warnings || []);
    showState(s);
    if (typeof s.html === 'string' && s.version !== shown) {
      patchPages(s.html);
      shown = s.version;
      document.body.dataset.version = String(shown);
    } else if (s.version !== shown) loadPages();
    if (s.pdfVersion && s.pdfVersion !== pdfShown && pdfFrame) {
      pdfShown = s.pdfVersion;
      showPdf(pdfUrl(s.pdfVersion));
    }
  }

  // Zoom and the PDF pane are the author's choice; remember them. "fit": the page is shrunk, never
  // enlarged, to the pane's width (a 1366-pixel screen shows the whole A4 width beside the PDF).
  const zoom = $('kh-zoom');
  const fitZoom = () => {
    const page = pagesEl.querySelector('.kh-page');
    if (!page) return 1;
    const w = parseFloat(page.style.width) * 96 / 72;
    return Math.max(0.3, Math.min(1, (pagesEl.parentNode.clientWidth - 32) / w));
  };
  const setZoom = (z) => { pagesEl.style.zoom = z === 'fit' ? fitZoom() : z; zoom.value = z; try { localStorage.setItem('kh-zoom', z); } catch (e) {} };
  window.addEventListener('resize', () => { if (zoom.value === 'fit') setZoom('fit'); });
  zoom.addEventListener('change', () => setZoom(zoom.value));
  try { const z = localStorage.getItem('kh-zoom'); if (z && zoom.querySelector('option[value="' + z + '"]')) setZoom(z); } catch (e) {}
  const pdfToggle = $('kh-show-pdf');
  const setPdf = (on) => { document.body.classList.toggle('kh-no-pdf', !on); pdfToggle.checked = on; try { localStorage.setItem('kh-pdf', on ? '1' : '0'); } catch (e) {} };
  pdfToggle.addEventListener('change', () => setPdf(pdfToggle.checked));
  try { if (localStorage.getItem('kh-pdf') === '0') setPdf(false); } catch (e) {}

  // For template authors: a click on a printed line says which template file and line wrote it.
  const tip = el('div', 'kh-trace');
  tip.id = 'kh-trace';
  tip.hidden = true;
  document.body.appendChild(tip);
  pagesEl.addEventListener('click', async (e) => {
    const page = e.target.closest && e.target.closest('.kh-page');
    if (!page) return;
    const r = page.getBoundingClientRect();
    const y = (e.clientY - r.top) * parseFloat(page.style.height) / r.height;
    try {
      const t = await (await fetch('/trace?page=' + page.dataset.page + '&y=' + y.toFixed(1), { cache: 'no-store' })).json();
      if (!t.file) { tip.hidden = true; return; }
      tip.textContent = 'Mẫu: ' + t.file + (t.line ? ', dòng ' + t.line : '');
      tip.style.left = (e.pageX + 8) + 'px';
      tip.style.top = (e.pageY + 12) + 'px';
      tip.hidden = false;
    } catch (err) { tip.hidden = true; }
  });

  if (zoom.value === 'fit') setZoom('fit');
  apply(initial);
  // EventSource retries by itself after a lost connection, but not after a refusal (the
  // server answers 503 when too many tabs are open): then try again in ${RETRY_AFTER_S} s.
  function listen() {
    const events = new EventSource('/events?v=' + shown);
    events.onmessage = (e) => apply(JSON.parse(e.data));
    events.onerror = () => {
      if (events.readyState !== EventSource.CLOSED) {
        showState(latest, 'Mất kết nối với máy chủ xem trước (lệnh kehoach preview đã dừng?). Đang thử kết nối lại…');
        return;
      }
      showState(latest, 'Máy chủ xem trước đang phục vụ quá nhiều thẻ: hãy đóng bớt các thẻ xem trước. Sẽ thử kết nối lại sau ${RETRY_AFTER_S} giây…');
      setTimeout(listen, ${RETRY_AFTER_S * 1000});
    };
  }
  listen();
})();
`;
