import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Renders every example and extra case once and converts all their DOCX with ONE LibreOffice
    // call (cached by content hash) for the tests that measure LibreOffice's rendering.
    globalSetup: ['test/setup/renders.ts'],
    // Tests import the TypeScript sources directly; the CLI tests run the built bin.
    pool: 'forks',
    // Test files share their worker's modules (fonts, templates and the LibreOffice renders are
    // loaded once): 82 s instead of 137 s here. Tests restore what they change (cwd, env, exit
    // code; see test/helpers/cli.ts).
    isolate: false,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test/artifacts/vitest-report.json' }]],
  },
});
