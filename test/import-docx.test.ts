// `kehoach import` on Word files it did not write: the 30 real documents typed by clerks
// (test/fixtures/real-docx/: Quyết định, công văn, báo cáo, tờ trình) are never taken for a
// KẾ HOẠCH and the message names the type found; and our own DOCX, edited and saved again by
// LibreOffice (a new section, another date), imports with the edits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/import/index.js';
// @ts-expect-error: a plain ES module shared with scripts/fidelity.mjs
import { onPath } from '../scripts/fidelity-lib.mjs';
import { runCli } from '../src/cli/main.js';
import { exampleFiles, renderExample, ROOT } from './helpers/render.js';

const REAL = join(ROOT, 'test', 'fixtures', 'real-docx');
const TYPES: Record<string, RegExp> = { qd: /^QUYẾT ĐỊNH$/u, cv: /^CÔNG VĂN$/u, bc: /^BÁO CÁO/u, ttr: /^TỜ TRÌNH$/u };
const real = Array.from({ length: 30 }, (_, k) => `${String(k + 1).padStart(2, '0')}`).map((n) => {
  const file = readFileSync(join(REAL, 'INDEX.md'), 'utf8').match(new RegExp(`\\| (${n}-(qd|cv|bc|ttr)\\.docx) \\|`))!;
  return [file[1], file[2]] as const;
});

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, text: () => out + err };
}

describe('real Word documents that are not a KẾ HOẠCH', () => {
  it.each(real)('%s is said to be what it is', (file, kind) => {
    const r = importFile(join(REAL, file));
    expect(r.notPlan).toBe(true);
    expect(r.type).toMatch(TYPES[kind]);
  });

  it('the command says so for each, in Vietnamese, and exits 1', async () => {
    const c = capture();
    const out = mkdtempSync(join(tmpdir(), 'kehoach-import-real-'));
    const code = await runCli(['import', REAL, '-o', `${out}/`], c.io);
    expect(code).toBe(1);
    expect(c.text()).toContain('01-qd.docx: không phải KẾ HOẠCH (đây là QUYẾT ĐỊNH); không nhập.');
    expect(c.text()).toContain('09-cv.docx: không phải KẾ HOẠCH (đây là CÔNG VĂN); không nhập.');
    expect(c.text()).toContain('Đã nhập 30 tệp: 0 tệp thành công, 30 tệp có lỗi.');
  });
});

const haveSoffice = onPath('soffice');

/** Edits word/document.xml as a clerk would in Word or LibreOffice: another date, a new section before the closing sentence. */
function edit(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  let xml = strFromU8(files['word/document.xml']);
  expect(xml).toContain('ngày 05 tháng 02 năm 2026');
  xml = xml.replace('ngày 05 tháng 02 năm 2026', 'ngày 10 tháng 3 năm 2026');
  // The start of the paragraph holding the closing sentence ("<w:p>" or "<w:p …>", not "<w:pPr>").
  const at = Math.max(...[...xml.slice(0, xml.indexOf('Trên đây là')).matchAll(/<w:p[ >]/g)].map((m) => m.index ?? -1));
  expect(at).toBeGreaterThan(0);
  const run = (t: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
  const added =
    `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run('III. ', true)}${run('KINH PHÍ', true)}</w:p>` +
    `<w:p><w:pPr><w:pStyle w:val="VBBody"/></w:pPr>${run('Kinh phí thực hiện từ nguồn ngân sách nhà nước năm 2026 giao cho Sở Y tế.')}</w:p>`;
  xml = xml.slice(0, at) + added + xml.slice(at);
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
}

describe.skipIf(!haveSoffice)('our DOCX edited and saved by LibreOffice (soffice)', () => {
  it('imports with the edits: the new section and the new date', async () => {
    const file = exampleFiles().find((f) => f.endsWith('minimal.json'))!;
    const original = await renderExample(file);
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-lo-'));
    writeFileSync(join(dir, 'ke-hoach.docx'), edit(original.docx));
    // LibreOffice opens the edited file and writes it again as Word 2007–365, all its own XML.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        join(dir, 'lo'),
        join(dir, 'ke-hoach.docx'),
      ],
      {
        stdio: 'ignore',
        timeout: 180_000,
      },
    );
    const saved = join(dir, 'lo', 'ke-hoach.docx');
    expect(strFromU8(unzipSync(readFileSync(saved))['docProps/app.xml'])).toMatch(/LibreOffice/);
    const before = importFile(join(dir, 'ke-hoach.docx'));
    const r = importFile(saved);
    expect(r.notPlan).toBeFalsy();
    const plan = r.plan as Record<string, any>;
    expect(plan.date).toBe('2026-03-10');
    expect(plan.sections).toHaveLength(3);
    expect(plan.sections[2]).toEqual({
      kind: 'budget',
      title: 'KINH PHÍ',
      blocks: ['Kinh phí thực hiện từ nguồn ngân sách nhà nước năm 2026 giao cho Sở Y tế.'],
    });
    // Everything else is as before LibreOffice touched it.
    expect({ ...plan, layout: undefined }).toEqual({ ...(before.plan as object), layout: undefined });
    expect(r.warnings.map((w) => w.message)).toEqual([]);
  }, 240_000);
});

describe('Word 97-2003 (.doc)', () => {
  it('without LibreOffice: a clear message, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-doc-'));
    writeFileSync(join(dir, 'ke-hoach.doc'), 'not really a .doc');
    const c = capture();
    const code = await runCli(['import', join(dir, 'ke-hoach.doc')], { ...c.io, env: { ...process.env, KEHOACH_SOFFICE: join(dir, 'no-soffice-here') } });
    expect(code).toBe(1);
    expect(c.text()).toContain('tệp .doc (Word 97-2003) cần LibreOffice để đọc, nhưng máy chưa cài');
  });

  it.skipIf(!haveSoffice)(
    'with LibreOffice: converted to .docx, then imported like one',
    async () => {
      const file = exampleFiles().find((f) => f.endsWith('minimal.json'))!;
      const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-doc-'));
      writeFileSync(join(dir, 'ke-hoach.docx'), (await renderExample(file)).docx);
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--norestore',
          '--convert-to',
          'doc',
          '--outdir',
          join(dir, 'doc'),
          join(dir, 'ke-hoach.docx'),
        ],
        {
          stdio: 'ignore',
          timeout: 180_000,
        },
      );
      const fromDoc = importFile(join(dir, 'doc', 'ke-hoach.doc'));
      const fromDocx = importFile(join(dir, 'ke-hoach.docx'));
      expect(fromDoc.notPlan).toBeFalsy();
      expect({ ...fromDoc.plan, layout: undefined }).toEqual({ ...fromDocx.plan, layout: undefined });
    },
    240_000,
  );
});

/**
 * Our DOCX rewritten as Word numbers lists: the "- " and "1. " runs taken out of the text and
 * the paragraphs given a <w:numPr> into word/numbering.xml (a bullet list; a decimal list
 * restarted in each section).
 */
function autoNumbered(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  let xml = strFromU8(files['word/document.xml']);
  let list = 2;
  xml = xml.replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*<\/w:p>/g, (p) => {
    if (p.includes('w:val="Heading1"')) list++;
    const marker = /<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:t xml:space="preserve">(- |\d+\. )<\/w:t><\/w:r>/.exec(p);
    if (!marker || p.includes('w:val="Heading1"')) return p;
    const numId = marker[1] === '- ' ? 1 : list;
    return p.replace(marker[0], '').replace(/(<w:pStyle w:val="[^"]+"\/>)/, `$1<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`);
  });
  const lvl = (fmt: string, text: string) =>
    `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:suff w:val="space"/></w:lvl>`;
  const nums = Array.from({ length: list - 1 }, (_, k) => `<w:num w:numId="${k + 2}"><w:abstractNumId w:val="1"/></w:num>`).join('');
  files['word/numbering.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">${lvl('bullet', '-')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${lvl('decimal', '%1.')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>${nums}</w:numbering>`,
  );
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
}

describe("Word's automatic numbering", () => {
  it('labels Word computes (not in the text) are read as the source’s labels', async () => {
    const file = exampleFiles().find((f) => f.endsWith('minimal.json'))!;
    const { docx } = await renderExample(file);
    const numbered = autoNumbered(docx);
    expect(strFromU8(unzipSync(numbered)['word/document.xml'])).not.toContain('>- <');
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-num-'));
    writeFileSync(join(dir, 'typed.docx'), docx);
    writeFileSync(join(dir, 'numbered.docx'), numbered);
    expect(importFile(join(dir, 'numbered.docx')).plan).toEqual(importFile(join(dir, 'typed.docx')).plan);
  });
});
