// The editor's entry point in the browser: the guided start for a new plan, else the editor, kept
// up to date by the server's event stream. A restarted server (another token) reloads the page,
// where edits this tab had not sent are offered back from the browser's storage.
import { Api, type Boot } from './api.js';
import { EditorApp } from './app.js';
import { h } from './dom.js';
import type { Obj } from './paths.js';
import { startPage } from './start.js';
import { Store } from './store.js';

const RETRY_MS = 1500;

/** Waits for a server to answer again (the editor restarted), then reloads. */
function waitForServer(): void {
  const again = () =>
    fetch('/', { cache: 'no-store' })
      .then((r) => (r.ok ? location.reload() : setTimeout(again, RETRY_MS)))
      .catch(() => setTimeout(again, RETRY_MS));
  setTimeout(again, RETRY_MS);
}

function listen(api: Api, boot: Boot, onStatus: (s: Boot['status'] & { html?: string }) => void, version: () => number, lost: () => void): void {
  const events = new EventSource(api.url('/events', `&v=${version()}`));
  events.onmessage = (e) => {
    const s = JSON.parse(e.data) as Boot['status'] & { html?: string };
    if (s.server !== boot.status.server || s.mode !== boot.status.mode) return void location.reload();
    onStatus(s);
  };
  events.onerror = () => {
    lost();
    if (events.readyState === EventSource.CLOSED) waitForServer();
  };
}

async function main(): Promise<void> {
  const boot = JSON.parse(document.getElementById('kh-boot')!.textContent!) as Boot;
  const api = new Api(boot.token);
  if (boot.status.mode === 'start') {
    startPage(api, boot.status);
    listen(
      api,
      boot,
      () => {},
      () => 0,
      () => {},
    );
    return;
  }
  const state = await api.state();
  const store = new Store(api, `kehoach:draft:${state.status.plan}`);
  store.load(state.data as Obj, state.version);
  const app = new EditorApp(api, store, state);
  (window as unknown as { khApp: EditorApp; khStore: Store }).khApp = app;
  (window as unknown as { khStore: Store }).khStore = store;
  listen(
    api,
    boot,
    (s) => {
      store.online = true;
      app.apply(s);
    },
    () => -1,
    () => {
      store.online = false;
      store.emit('edit');
    },
  );
}

main().catch((e) => {
  document.getElementById('kh-app')?.append(h('p', { class: 'kh-msg' }, `Không mở được trang soạn thảo: ${(e as Error).message}`));
});
