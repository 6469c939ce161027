// Shared by scripts/fidelity.mjs (the per-line report) and the tests (test/fidelity.test.ts,
// test/setup/renders.ts): LibreOffice conversion, PDF lines as pdftotext groups them, and the
// line-by-line comparison of two renderings.
import { execFileSync } from 'node:child_process';

/** Whether a command is on the PATH. */
export function onPath(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The tools the LibreOffice-based checks need; `reason` says what is missing. */
export function libreOfficeTools() {
  const missing = ['soffice', 'pdftotext', 'pdfinfo'].filter((c) => !onPath(c));
  return missing.length
    ? { available: false, reason: `${missing.join(', ')} not installed (apt-get install libreoffice-writer-nogui poppler-utils; .ci/run does)` }
    : { available: true, reason: '' };
}

/**
 * Converts DOCX files to PDF in ONE soffice call (PDFs land in `outDir` under the DOCX's base
 * name), with a private profile so a running office or a parallel run does not interfere.
 */
export function convertToPdf(docxFiles, outDir, profileDir) {
  if (!docxFiles.length) return;
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profileDir}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles],
    { stdio: 'pipe', timeout: 600_000 },
  );
}

const decode = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    // A non-breaking hyphen in the DOCX is the hyphen of our PDF.
    .replace(/\u2011/g, '-');

/** Lines of a PDF as pdftotext groups them: { lines: [{ page, text }], pages }. */
export function pdfLines(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = [];
  let page = 0;
  for (const part of xml.split(/<page /).slice(1)) {
    page++;
    for (const m of part.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
      const words = [...m[1].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]).normalize('NFC'));
      if (words.length) lines.push({ page, text: words.join(' ') });
    }
  }
  return { lines, pages: page };
}

/**
 * Lines that occur in both (as multisets): they start and end on the same words. With
 * `byPage`, a line must also be on the same page (so page breaks count too).
 */
export function compareLines(a, b, byPage = false) {
  const key = (l) => (byPage ? `${l.page}|${l.text}` : l.text);
  const count = new Map();
  for (const l of b) count.set(key(l), (count.get(key(l)) ?? 0) + 1);
  let same = 0;
  const onlyOurs = [];
  for (const l of a) {
    const c = count.get(key(l)) ?? 0;
    if (c > 0) {
      same++;
      count.set(key(l), c - 1);
    } else onlyOurs.push(l);
  }
  const onlyTheirs = [];
  for (const [text, c] of count) for (let k = 0; k < c; k++) onlyTheirs.push(text);
  return { same, total: Math.max(a.length, b.length), onlyOurs, onlyTheirs };
}

/** Page counts and shares of equal lines (any page, same page) of our PDF against LibreOffice's. */
export function fidelity(oursPdf, libreOfficePdf) {
  const ours = pdfLines(oursPdf);
  const lo = pdfLines(libreOfficePdf);
  const any = compareLines(ours.lines, lo.lines);
  const page = compareLines(ours.lines, lo.lines, true);
  const share = (c) => (c.total ? (100 * c.same) / c.total : 100);
  return { ours: ours.pages, lo: lo.pages, any, page, sameLine: share(any), samePage: share(page) };
}
