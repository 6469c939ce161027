// Fidelity as a test: our PDF breaks lines and pages where LibreOffice, rendering our own DOCX,
// breaks them. For every example: the same number of pages, and at least 98 % of the lines end on
// the same word on the same page (lines compared as pdftotext groups them, as multisets per
// page). `npm run fidelity -- -v` prints the differing lines. The renderings come from the global
// setup (test/setup/renders.ts): one LibreOffice run for the whole suite.
import { describe, expect, it } from 'vitest';
import { fidelity } from '../scripts/fidelity-lib.mjs';
import { libreOffice, renderPaths } from './helpers/libreoffice.js';
import { exampleFiles, exampleName, ROOT } from './helpers/render.js';

const MIN_SAME_PAGE = 98;
const lo = libreOffice();
const files = exampleFiles();

describe.skipIf(!lo.available)(lo.available ? 'our PDF breaks lines like LibreOffice' : `fidelity (skipped: ${lo.reason})`, () => {
  it('there are examples to compare', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), exampleName(f)] as const))(
    `%s: same page count, ≥ ${MIN_SAME_PAGE} % of lines end on the same word on the same page`,
    (_label, name) => {
      const paths = renderPaths(name);
      const f = fidelity(paths.pdf, paths.lo!);
      const diff = [
        ...f.page.onlyOurs.map((l: { page: number; text: string }) => `ours p${l.page}: ${l.text}`),
        ...f.page.onlyTheirs.map((t: string) => `LO ${t}`),
      ];
      expect(f.page.total, 'lines to compare').toBeGreaterThan(10);
      expect(f.ours, `pages: ours ${f.ours}, LibreOffice ${f.lo}`).toBe(f.lo);
      expect(f.samePage, `${f.page.same}/${f.page.total} lines equal on the same page; differing:\n${diff.join('\n')}`).toBeGreaterThanOrEqual(MIN_SAME_PAGE);
      console.log(
        `${name}: pages ${f.ours}/${f.lo}, same line ${f.sameLine.toFixed(1)} %, same line on the same page ${f.samePage.toFixed(1)} % (${f.page.same}/${f.page.total})`,
      );
    },
  );
});
