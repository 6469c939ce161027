// Same input, same bytes: the sha256 of every example's DOCX and PDF, as `kehoach render` writes
// them, against the hashes recorded in test/fixtures/output-hashes.json, and of every extra case
// of test/helpers/cases.ts. The recording was made before the speed work of issue 16 (the extra
// cases' before the PDF writer stopped using pdf-lib to write the file), so any optimisation
// (cached parts, reused font subsets, precompiled templates, a bundled CLI) must leave the files
// exactly as they were.
//
// A deliberate change of the output re-records them: KEHOACH_RECORD_HASHES=1 npx vitest run test/output-hashes.test.ts
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { EXTRA_CASES } from './helpers/cases.js';
import { exampleFiles, renderCase, ROOT } from './helpers/render.js';

const RECORD = join(ROOT, 'test', 'fixtures', 'output-hashes.json');
const CASES_RECORD = join(ROOT, 'test', 'fixtures', 'output-hashes-cases.json');
const FORMATS = ['docx', 'pdf'] as const;
const files = exampleFiles();
const out = mkdtempSync(join(tmpdir(), 'kehoach-hashes-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const key = (file: string) => relative(ROOT, file).split('\\').join('/');
const stem = (file: string) => basename(file).replace(/\.(json|ya?ml)$/, '');

/** Renders through the command line (each input in a folder of its own: corpus stems may repeat). */
async function renderAll(): Promise<Record<string, Record<string, string>>> {
  const hashes: Record<string, Record<string, string>> = {};
  for (const [k, file] of files.entries()) {
    const dir = join(out, String(k));
    const err: string[] = [];
    const code = await runCli(['render', file, '-q', '-f', FORMATS.join(','), '-o', dir], {
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (s: string) => err.push(s), isTTY: false },
    });
    expect(code, `${key(file)}: ${err.join('')}`).toBe(0);
    hashes[key(file)] = Object.fromEntries(FORMATS.map((f) => [f, sha256(readFileSync(join(dir, `${stem(file)}.${f}`)))]));
  }
  return hashes;
}

describe('output bytes', () => {
  it('every example renders to the recorded DOCX and PDF bytes (kehoach render, in process)', async () => {
    const hashes = await renderAll();
    if (process.env.KEHOACH_RECORD_HASHES) writeFileSync(RECORD, `${JSON.stringify(hashes, null, 2)}\n`);
    const recorded = JSON.parse(readFileSync(RECORD, 'utf8'));
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(hashes).sort());
    for (const [file, h] of Object.entries(hashes)) expect(h, file).toEqual(recorded[file]);
  });

  it('every extra case renders to the recorded DOCX and PDF bytes', async () => {
    const hashes: Record<string, Record<string, string>> = {};
    for (const c of EXTRA_CASES) {
      const r = await renderCase(c.slug);
      hashes[c.slug] = { docx: sha256(r.docx), pdf: sha256(r.pdf) };
    }
    if (process.env.KEHOACH_RECORD_HASHES) writeFileSync(CASES_RECORD, `${JSON.stringify(hashes, null, 2)}\n`);
    const recorded = JSON.parse(readFileSync(CASES_RECORD, 'utf8'));
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(hashes).sort());
    for (const [slug, h] of Object.entries(hashes)) expect(h, slug).toEqual(recorded[slug]);
  });

  it('the built bin writes the same bytes (one example, a fresh process)', () => {
    const file = files.find((f) => f.includes('kon-tum-2024-phong-trao-70-nam'))!;
    const dir = join(out, 'bin');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kehoach.js'), 'render', file, '-q', '-o', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const recorded = JSON.parse(readFileSync(RECORD, 'utf8'))[key(file)];
    for (const f of FORMATS) expect(sha256(readFileSync(join(dir, `${stem(file)}.${f}`))), f).toBe(recorded[f]);
  });
});
