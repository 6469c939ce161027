// Live preview of a plan with its templates: see server.ts (HTTP), session.ts (rebuilds),
// watch.ts (file events), page.ts and client.ts (what the browser shows).
export { startPreviewServer, hostAllowed, type PreviewServer, type PreviewServerOptions } from './server.js';
export { PreviewSession, type PreviewStatus } from './session.js';
export { openBrowser, openCommand } from './open-browser.js';
