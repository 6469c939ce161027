// vitest globalSetup: render every example and extra case once, and let LibreOffice convert all
// their DOCX files in one run (cached by content hash); test files read test/artifacts/renders/.
import { prepareRenders } from '../helpers/libreoffice.js';

export default async function setup() {
  const t0 = Date.now();
  const m = await prepareRenders();
  const n = Object.keys(m.docs).length;
  const lo = m.libreOffice.available ? 'LibreOffice renderings ready' : `LibreOffice tests skipped: ${m.libreOffice.reason}`;
  console.log(`renders: ${n} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${lo}`);
}
