// `kehoach check` on our own DOCX (must pass) and on deliberately broken ones (each break caught).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleFiles, exampleName, renderExample } from './helpers/render.js';

// The checker is exercised as a clerk runs it, through the built CLI (`kehoach check --json`),
// so this test imports nothing from src/check/: all files are checked by ONE process.
const BIN = resolve('bin/kehoach.js');
interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  where?: string;
  source: string;
}
interface Report {
  file: string;
  errors: number;
  warnings: number;
  findings: Finding[];
  failure?: string;
}
// Our own standalone plans; what check says of the corpus plans is issue 13's measure.
const examples = exampleFiles({ corpus: false });
const docxOf = async (name: string) => (await renderExample(examples.find((f) => exampleName(f) === name)!)).docx;

/** Rewrites parts of a DOCX package with string replacements. */
function mutate(docx: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(docx);
  const before = strFromU8(files[part]);
  const after = edit(before);
  expect(after, `mutation of ${part} changed nothing`).not.toBe(before);
  files[part] = strToU8(after);
  return zipSync(files);
}

const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const rules = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();

// One `kehoach check --json` over every example and every deliberately broken file.
const BREAKS: [string, string, string, (x: string) => string][] = [
  ['wrong margins', 'margins', 'word/document.xml', (x) => x.replace(/w:left="1701"/g, 'w:left="1134"')],
  ['wrong font', 'font', 'word/styles.xml', (x) => x.replace(/w:ascii="Times New Roman"/g, 'w:ascii="Arial"')],
  ['unpadded date', 'date-padding', 'word/document.xml', (x) => x.replace('tháng 02 năm 2026', 'tháng 2 năm 2026')],
  ['missing Lưu line', 'archive', 'word/document.xml', (x) => x.replace(/<w:p>(?:(?!<w:p>).)*?- Lưu: VT, NVY\.<\/w:t><\/w:r><\/w:p>/s, '')],
  ['CỘNG HOÀ', 'national-title', 'word/document.xml', (x) => x.replace('CỘNG HÒA', 'CỘNG HOÀ')],
  ['en dash in the tiêu ngữ', 'motto', 'word/document.xml', (x) => x.replace('Độc lập - Tự do', 'Độc lập – Tự do')],
  [
    'no rule under the tiêu ngữ',
    'motto-rule',
    'word/document.xml',
    (x) => x.replace(/(Hạnh phúc<\/w:t><\/w:r><\/w:p><w:p><w:pPr>(?:(?!<\/w:pPr>).)*?)<w:pBdr>.*?<\/w:pBdr>/s, '$1'),
  ],
  ['body left-aligned', 'body-align', 'word/styles.xml', (x) => x.replace(/(<w:style [^>]*w:styleId="VBBody".*?<w:jc w:val=")both/s, '$1left')],
  ['no first-line indent', 'body-indent', 'word/styles.xml', (x) => x.replace(/(<w:style [^>]*w:styleId="VBBody".*?)<w:ind [^>]*\/>/s, '$1')],
  ['Nơi nhận 14 pt', 'recipients', 'word/styles.xml', (x) => x.replace(/(w:styleId="VBRecipientsLabel".*?<w:sz w:val=")24/s, '$128')],
  ['a recipient without ";"', 'recipients', 'word/document.xml', (x) => x.replace('(báo cáo);', '(báo cáo)')],
];

const reports = new Map<string, Report>();
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-check-'));
  const files: [string, Uint8Array][] = [];
  for (const f of examples) files.push([`example-${exampleName(f)}`, (await renderExample(f)).docx]);
  const minimal = await docxOf('minimal');
  const kontum = await docxOf('kon-tum-2024-phong-trao-70-nam'); // multi-page, has page numbers
  BREAKS.forEach(([, , part, edit], k) => {
    files.push([`break-${k}`, mutate(minimal, part, edit)]);
  });
  files.push(['no-page-numbers', mutate(kontum, 'word/document.xml', (x) => x.replace(/<w:headerReference [^>]*w:type="default"[^>]*\/>/g, ''))]);
  files.push(['no-title-page', mutate(kontum, 'word/document.xml', (x) => x.replace(/<w:titlePg\/>|<w:titlePg [^>]*\/>/g, ''))]);
  files.push(['two-problems', mutate(minimal, 'word/document.xml', (x) => x.replace('CỘNG HÒA', 'CỘNG HOÀ').replace('tháng 02 năm 2026', 'tháng 2 năm 2026'))]);
  const paths = files.map(([name, bytes]) => {
    const f = join(dir, `${name}.docx`);
    writeFileSync(f, bytes);
    return f;
  });
  const r = spawnSync(process.execPath, [BIN, 'check', '--json', ...paths], { encoding: 'utf8' });
  const list = JSON.parse(r.stdout) as Report[];
  expect(list.length).toBe(files.length);
  list.forEach((x, k) => {
    reports.set(files[k][0], x);
  });
});
const findingsOf = (name: string) => {
  const r = reports.get(name);
  if (!r) throw new Error(`no report for ${name}`);
  expect(r.failure, `${name} read as a DOCX`).toBeUndefined();
  return r.findings;
};

describe('kehoach check on our own output', () => {
  it.each(examples.map((f) => [exampleName(f)]))('%s passes with no error and no warning', (name) => {
    expect(findingsOf(`example-${name}`)).toEqual([]);
  });
});

describe('kehoach check catches deliberate breaks', () => {
  it.each(BREAKS.map((c, k) => [c[0], c[1], k] as const))('%s → %s', (_name, rule, k) => {
    expect(errors(findingsOf(`break-${k}`)).map((f) => f.rule)).toContain(rule);
  });

  it('no page numbers on a multi-page plan', () => {
    expect(errors(findingsOf('no-page-numbers')).map((f) => f.rule)).toContain('page-number');
  });

  it('page number in the footer or on page 1', () => {
    expect(errors(findingsOf('no-title-page')).find((f) => f.rule === 'page-number')?.message).toMatch(/trang đầu/);
  });

  it('reports several problems at once, each with where and the rule source', () => {
    const f = findingsOf('two-problems');
    expect(rules(errors(f))).toEqual(['date-padding', 'national-title']);
    expect(f.length).toBeGreaterThanOrEqual(2);
    for (const x of f) {
      expect(x.where).toMatch(/^đoạn \d+ “/);
      expect(x.source).toMatch(/NĐ 30/);
    }
  });
});

describe('kehoach check CLI', () => {
  it('exit code 1 on errors, 0 when clean; --json is machine-readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-check-'));
    const good = join(dir, 'good.docx');
    const bad = join(dir, 'bad.docx');
    const minimal = await docxOf('minimal');
    writeFileSync(good, minimal);
    writeFileSync(
      bad,
      mutate(minimal, 'word/document.xml', (x) => x.replace('CỘNG HÒA', 'CỘNG HOÀ')),
    );
    const ok = spawnSync(process.execPath, [BIN, 'check', good], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/đúng thể thức/);
    const r = spawnSync(process.execPath, [BIN, 'check', '--json', good, bad], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: any) => x.errors)).toEqual([0, 1]);
    expect(reports[1].findings[0]).toMatchObject({ rule: 'national-title', severity: 'error' });
    const notDocx = join(dir, 'x.docx');
    writeFileSync(notDocx, 'not a zip');
    const n = spawnSync(process.execPath, [BIN, 'check', notDocx], { encoding: 'utf8' });
    expect(n.status).toBe(1);
    expect(n.stderr).toMatch(/không phải văn bản Word/);
  });
});
