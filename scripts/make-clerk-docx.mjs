// Makes test/fixtures/clerk-docx/hanoi-svhtt-2020.docx: a KẾ HOẠCH laid out as a clerk types it in
// Word (not one of our renders), for the editor's end-to-end import test. The text is the real plan
// of test/fixtures/import-texts/hanoi-svhtt-2020-…txt (a Word file converted to text: one paragraph
// a line, layout tables as "| a | b |" rows with <br>); this script writes it as HTML with the
// usual Word layout (header band and signature in borderless two-column tables, labels typed by
// hand, Times New Roman 14, justified with a first-line indent) and LibreOffice converts that to
// DOCX. Run again only to change the fixture: `node scripts/make-clerk-docx.mjs` (needs soffice).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SRC = resolve('test/fixtures/import-texts/hanoi-svhtt-2020-dien-dan-tuyen-truyen.txt');
const OUT = resolve('test/fixtures/clerk-docx/hanoi-svhtt-2020.docx');

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cells = (row) =>
  row
    .replace(/^\|\s*|\s*\|$/g, '')
    .split(/\s*\|\s*/)
    .map((c) => c.split('<br>').map((l) => esc(l.trim())));

const lines = readFileSync(SRC, 'utf8').normalize('NFC').split('\n').slice(2);
const P = 'margin:0 0 6pt 0;text-align:justify;text-indent:1cm;line-height:115%';
const out = [];
let i = 0;

// The header band: cơ quan (bold name) and số on the left, quốc hiệu and the date on the right.
const [left, right] = cells(lines[i++]);
out.push(
  '<table style="width:100%;border-collapse:collapse"><tr>',
  `<td style="width:40%;text-align:center;vertical-align:top"><p style="margin:0;text-align:center">${left[0]}</p><p style="margin:0;text-align:center"><b>${left[1]}</b></p><p style="margin:0;text-align:center">&nbsp;</p><p style="margin:0;text-align:center">${left[3]}</p></td>`,
  `<td style="width:60%;text-align:center;vertical-align:top"><p style="margin:0;text-align:center"><b>${right[0]}</b></p><p style="margin:0;text-align:center"><b><u>${right[1]}</u></b></p><p style="margin:0;text-align:center">&nbsp;</p><p style="margin:0;text-align:center"><i>${right[3]}</i></p></td>`,
  '</tr></table>',
  '<p style="margin:0">&nbsp;</p>',
);
while (!lines[i].trim()) i++;
// KẾ HOẠCH and its title (typed on several lines, one paragraph).
out.push(`<p style="margin:12pt 0 0 0;text-align:center"><b>${esc(lines[i++].trim())}</b></p>`);
const title = [];
while (lines[i].trim()) title.push(lines[i++].trim());
out.push(`<p style="margin:0 0 12pt 0;text-align:center"><b>${esc(title.join(' '))}</b></p>`);

for (; i < lines.length; i++) {
  const raw = lines[i];
  const t = raw.trim();
  if (!t) continue;
  if (t.startsWith('|')) {
    // Nơi nhận beside the signature.
    const [to, sign] = cells(t);
    const toHtml = to.map((l, k) => (k === 0 ? `<p style="margin:0"><b><i>${l}</i></b></p>` : `<p style="margin:0;font-size:11pt">${l}</p>`)).join('');
    const signHtml = sign
      .map((l, k) => `<p style="margin:0;text-align:center">${k === 0 || k === sign.length - 1 ? `<b>${l}</b>` : l || '&nbsp;'}</p>`)
      .join('');
    out.push(
      `<table style="width:100%;border-collapse:collapse"><tr><td style="width:50%;vertical-align:top">${toHtml}</td><td style="width:50%;vertical-align:top">${signHtml}</td></tr></table>`,
    );
    continue;
  }
  const heading = /^[IVX]+\.\s/.test(t) || /^\d+(\.\d+)*\.\s/.test(t) ? 'font-weight:bold;' : '';
  out.push(`<p style="${P};${heading}">${esc(t)}</p>`);
}

const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch</title>
<style>body{font-family:'Times New Roman';font-size:14pt} td{font-family:'Times New Roman';font-size:14pt;border:none;padding:0 4pt}</style>
</head><body>${out.join('\n')}</body></html>`;

const work = mkdtempSync(join(tmpdir(), 'kehoach-clerk-docx-'));
try {
  writeFileSync(join(work, 'hanoi-svhtt-2020.html'), html);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--infilter=HTML (StarWriter)',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      work,
      join(work, 'hanoi-svhtt-2020.html'),
    ],
    { stdio: 'inherit' },
  );
  mkdirSync(resolve('test/fixtures/clerk-docx'), { recursive: true });
  copyFileSync(join(work, 'hanoi-svhtt-2020.docx'), OUT);
  console.log(`Đã ghi ${OUT}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
