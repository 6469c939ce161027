// `kehoach check` on our own DOCX (must pass) and on deliberately broken ones (each break caught).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_CASES } from './helpers/cases.js';
import { exampleFiles, exampleName, renderCase, renderExample } from './helpers/render.js';

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
// The corpus plans (issued documents typed into our format) and the layout edge cases: all ours.
const corpus = exampleFiles({ corpus: true }).filter((f) => !examples.includes(f));
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
const BREAKS: [string, string, string, (x: string) => string, Finding['severity']?][] = [
  ['wrong margins', 'margins', 'word/document.xml', (x) => x.replace(/w:left="1701"/g, 'w:left="1134"')],
  ['wrong font', 'font', 'word/styles.xml', (x) => x.replace(/w:ascii="Times New Roman"/g, 'w:ascii="Arial"')],
  ['unpadded date', 'place-date', 'word/document.xml', (x) => x.replace('tháng 02 năm 2026', 'tháng 2 năm 2026')],
  ['missing Lưu line', 'archive', 'word/document.xml', (x) => x.replace(/<w:p>(?:(?!<w:p>).)*?- Lưu: VT, NVY\.<\/w:t><\/w:r><\/w:p>/s, '')],
  ['CỘNG HOÀ', 'national-title', 'word/document.xml', (x) => x.replace('CỘNG HÒA', 'CỘNG HOÀ'), 'warning'],
  ['en dash in the tiêu ngữ', 'motto', 'word/document.xml', (x) => x.replace('Độc lập - Tự do', 'Độc lập – Tự do'), 'warning'],
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
  for (const f of [...examples, ...corpus]) files.push([`example-${exampleName(f)}`, (await renderExample(f)).docx]);
  for (const c of EXTRA_CASES) files.push([c.slug, (await renderCase(c.slug)).docx]);
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
  it.each(corpus.map((f) => [exampleName(f)]))('corpus plan %s passes with no error and no warning', (name) => {
    expect(findingsOf(`example-${name}`)).toEqual([]);
  });
  // Landscape appendices included: their margins are judged as Word's Page Setup names them.
  it.each(EXTRA_CASES.map((c) => [c.title, c.slug]))('case "%s" passes with no error and no warning', (_t, slug) => {
    expect(findingsOf(slug)).toEqual([]);
  });
});

describe('kehoach check catches deliberate breaks', () => {
  it.each(BREAKS.map((c, k) => [c[0], c[1], k, c[4] ?? 'error'] as const))('%s → %s (%s)', (_name, rule, k, severity) => {
    expect(
      findingsOf(`break-${k}`)
        .filter((f) => f.severity === severity)
        .map((f) => f.rule),
    ).toContain(rule);
  });

  it('no page numbers on a multi-page plan', () => {
    expect(errors(findingsOf('no-page-numbers')).map((f) => f.rule)).toContain('page-number');
  });

  it('page number in the footer or on page 1', () => {
    expect(errors(findingsOf('no-title-page')).find((f) => f.rule === 'page-number')?.message).toMatch(/trang 1 có số trang/);
  });

  it('reports several problems at once, each with where and the rule source', () => {
    const f = findingsOf('two-problems');
    expect(rules(f)).toEqual(['national-title', 'place-date']);
    expect(rules(errors(f))).toEqual(['place-date']);
    for (const x of f) {
      // Page and line as the clerk finds them, and the text quoted.
      expect(x.where).toMatch(/^trang 1, dòng \d+ “/);
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
      mutate(minimal, 'word/document.xml', (x) => x.replace('tháng 02 năm 2026', 'tháng 2 năm 2026')),
    );
    const warned = join(dir, 'warned.docx');
    writeFileSync(
      warned,
      mutate(minimal, 'word/document.xml', (x) => x.replace('CỘNG HÒA', 'CỘNG HOÀ')),
    );
    const ok = spawnSync(process.execPath, [BIN, 'check', good], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/đúng thể thức/);
    expect(ok.stdout).toMatch(/KẾ HOẠCH/);
    // Warnings alone do not fail the file: exit 1 only for errors.
    const w = spawnSync(process.execPath, [BIN, 'check', warned], { encoding: 'utf8' });
    expect(w.status).toBe(0);
    expect(w.stdout).toMatch(/Cảnh báo \[national-title\]/);
    const r = spawnSync(process.execPath, [BIN, 'check', '--json', good, bad], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: any) => x.errors)).toEqual([0, 1]);
    expect(reports[1].type).toBe('KẾ HOẠCH');
    expect(reports[1].findings[0]).toMatchObject({ rule: 'place-date', severity: 'error' });
    const notDocx = join(dir, 'x.docx');
    writeFileSync(notDocx, 'not a zip');
    const n = spawnSync(process.execPath, [BIN, 'check', notDocx], { encoding: 'utf8' });
    expect(n.status).toBe(1);
    expect(n.stderr).toMatch(/không phải văn bản Word/);
  });

  it('a folder is searched (Word lock files skipped) and --report writes one HTML page for all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-check-dir-'));
    mkdirSync(join(dir, 'con'));
    const minimal = await docxOf('minimal');
    writeFileSync(join(dir, 'a.docx'), minimal);
    writeFileSync(
      join(dir, 'con', 'b.docx'),
      mutate(minimal, 'word/document.xml', (x) => x.replace('tháng 02 năm 2026', 'tháng 2 năm 2026')),
    );
    writeFileSync(join(dir, '~$a.docx'), 'Word lock file, not a zip');
    writeFileSync(join(dir, 'ghi-chu.txt'), 'not a document');
    const html = join(dir, 'bao-cao.html');
    const r = spawnSync(process.execPath, [BIN, 'check', dir, '--report', html], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Đã kiểm tra 2 tệp: 1 tệp có lỗi, 1 tệp không có lỗi/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('a.docx');
    expect(page).toContain(join('con', 'b.docx'));
    expect(page).toMatch(/<li class="error"><b>1\. Lỗi<\/b> <code>place-date<\/code>/);
    expect(page).not.toMatch(/~\$a\.docx/);
    const lo = spawnSync('soffice', ['--version']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
    if (lo) {
      // Page 1 of each file, with the wrong date boxed where it is on the page (top right).
      expect(page.match(/data-thumbnail/g)).toHaveLength(2);
      const mark = /class="mark" style="left:([\d.]+)%;top:([\d.]+)%/.exec(page);
      expect(mark, 'the place-date finding is marked on the thumbnail').not.toBeNull();
      expect(Number(mark![1])).toBeGreaterThan(40);
      expect(Number(mark![2])).toBeLessThan(20);
    } else expect(r.stdout).toMatch(/không có ảnh trang/);
  });
});
