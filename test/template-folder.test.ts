// Templates stay inside their folder (issue 12): a link out of a template folder is refused
// before it is read, so no other file reaches a document, a message or the preview; scratch
// files are skipped; a broken or looping link is a template error (exit 1, never 3);
// `templates eject` never writes through a link; count helpers are bounded.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPreview } from '../src/preview/build.js';
import { PreviewSession } from '../src/preview/session.js';
import { BUILTIN_TEMPLATES, loadTemplates, TemplateError } from '../src/template/engine.js';
import { isIgnoredName, readTemplate, scanTemplateFolder, templateFolders } from '../src/template/folder.js';
import { MAX_BLANK } from '../src/template/helpers.js';
import { docxPart, paragraphText } from './helpers/docx-text.js';
import { MINIMAL, run, runSpawned } from './helpers/cli.js';
import { readPdf } from './helpers/pdf-extract.js';

const MARKER = 'KEHOACH-BI-MAT-7f3a91';
const BUILTIN = join(BUILTIN_TEMPLATES, 'ke-hoach');

let dir: string;
/** A file outside every template folder, as ~/.ssh/id_rsa would be. */
let secret: string;
let tpl: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-tpl-folder-'));
  secret = join(dir, 'secret.txt');
  // Valid markup, so that if it were read it would print in the document.
  writeFileSync(secret, `<p>${MARKER}</p>`);
  tpl = join(dir, 'tpl');
  mkdirSync(join(tpl, 'partials'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const outFiles = (out: string) => (existsSync(out) ? readdirSync(out) : []);

/** Every word a render left: the DOCX paragraphs and the PDF text. */
async function outputText(out: string): Promise<string> {
  let text = '';
  for (const f of outFiles(out)) {
    const bytes = readFileSync(join(out, f));
    if (f.endsWith('.docx')) text += paragraphText(docxPart(bytes));
    if (f.endsWith('.pdf')) for (const p of (await readPdf(bytes)).pages) text += p.items.map((i) => i.text).join('');
  }
  return text.replace(/\u2011/g, '-'); // the layout keeps a code's hyphens unbreakable
}

describe('a link out of the template folder', () => {
  it('a partial linked to an outside file: refused naming the partial, exit 1, the file read nowhere', async () => {
    // Control: the same text as a real partial does print, in the DOCX and in the PDF.
    writeFileSync(join(tpl, 'partials', 'closing.hbs'), readFileSync(secret));
    const shown = join(dir, 'shown');
    expect((await run(['render', MINIMAL, '-o', shown, '-f', 'docx,pdf', '-t', tpl])).code).toBe(0);
    const control = await outputText(shown);
    expect(control.split(MARKER).length).toBe(3); // once in each file

    rmSync(join(tpl, 'partials', 'closing.hbs'));
    symlinkSync(secret, join(tpl, 'partials', 'closing.hbs'));
    const out = join(dir, 'out');
    const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx,pdf', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/partials[\\/]closing\.hbs\): lỗi mẫu: tệp mẫu này trỏ ra ngoài thư mục mẫu, không dùng/);
    expect(r.err + r.out).not.toContain(MARKER);
    expect(r.err).not.toContain(secret); // nor where it points
    expect(outFiles(out)).toEqual([]);
    expect(await outputText(out)).not.toContain(MARKER);

    // validate -t and templates list read the folder by the same rules.
    for (const args of [
      ['validate', MINIMAL, '-t', tpl],
      ['templates', 'list', '-t', tpl],
    ]) {
      const v = await run(args);
      expect(v.code, args.join(' ')).toBe(1);
      expect(v.err).toContain('closing.hbs');
      expect(v.err + v.out).not.toContain(MARKER);
    }

    // The preview shows the refusal, and nothing of the file, in its pages or its overlay.
    const b = buildPreview({ planFile: MINIMAL, templateDir: tpl });
    expect(b.outcome.ok).toBe(false);
    if (b.outcome.ok) return;
    expect(b.outcome.error.kind).toBe('template');
    expect(b.outcome.error.problems[0].file).toMatch(/closing\.hbs$/);
    expect(JSON.stringify(b)).not.toContain(MARKER);
  });

  it('document.hbs linked to an outside file: its content is not echoed in any message', async () => {
    // A Handlebars syntax error: the old loader quoted the text near it in the message.
    writeFileSync(secret, `${MARKER} {{#if}} ${MARKER}`);
    symlinkSync(secret, join(tpl, 'document.hbs'));
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/document\.hbs\): lỗi mẫu: tệp mẫu này trỏ ra ngoài thư mục mẫu/);
    expect(r.err + r.out).not.toContain(MARKER);
    const b = buildPreview({ planFile: MINIMAL, templateDir: tpl });
    expect(b.outcome.ok).toBe(false);
    if (!b.outcome.ok) expect(b.outcome.error.problems[0].excerpt).toBeUndefined();
    expect(JSON.stringify(b)).not.toContain(MARKER);
  });

  it('a partials folder, or a folder under it, linked outside is refused', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'purposes.hbs'), readFileSync(secret));
    symlinkSync(outside, join(tpl, 'partials', 'sections'));
    let r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/partials[\\/]sections\): lỗi mẫu: thư mục này trỏ ra ngoài thư mục mẫu/);
    expect(r.err).not.toContain(MARKER);

    rmSync(join(tpl, 'partials'), { recursive: true });
    symlinkSync(outside, join(tpl, 'partials'));
    r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/partials\): lỗi mẫu: thư mục này trỏ ra ngoài/);
  });

  it('a link to a file inside the folder that is not a .hbs template is refused too', () => {
    writeFileSync(join(tpl, 'notes.txt'), readFileSync(secret));
    symlinkSync('../notes.txt', join(tpl, 'partials', 'closing.hbs'));
    expect(() => loadTemplates('ke-hoach', tpl)).toThrow(/closing\.hbs: tệp mẫu này là liên kết tới "notes\.txt", không phải một tệp mẫu \.hbs/);
  });
});

describe('links that stay inside the folder', () => {
  it('are followed: a partial and a partial folder linked within the template folder', async () => {
    mkdirSync(join(tpl, 'shared'));
    writeFileSync(join(tpl, 'shared', 'closing.hbs'), '<p style="closing">Lời kết dùng chung qua liên kết.</p>');
    symlinkSync(join('..', 'shared', 'closing.hbs'), join(tpl, 'partials', 'closing.hbs'));
    mkdirSync(join(tpl, 'my-sections'));
    writeFileSync(join(tpl, 'my-sections', 'budget.hbs'), '<section><h>KINH PHÍ QUA THƯ MỤC LIÊN KẾT</h></section>');
    symlinkSync(join('..', 'my-sections'), join(tpl, 'partials', 'sections'));
    const plan = join(dir, 'plan.json');
    const p = JSON.parse(readFileSync(MINIMAL, 'utf8'));
    p.budget = { blocks: ['Ngân sách.'] };
    writeFileSync(plan, JSON.stringify(p));
    const out = join(dir, 'out');
    const r = await run(['render', plan, '-o', out, '-f', 'docx', '-t', tpl]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = await outputText(out);
    expect(text).toContain('Lời kết dùng chung qua liên kết.');
    expect(text).toContain('KINH PHÍ QUA THƯ MỤC LIÊN KẾT');
    expect(text).toContain('MỤC ĐÍCH, YÊU CẦU'); // other sections fall back to the built-in ones
  });
});

describe('scratch files, broken links and loops', () => {
  it("an editor's dangling .#x.hbs lock and other scratch files are skipped; the render works", async () => {
    symlinkSync('user@host.12345:1700000000', join(tpl, 'partials', '.#closing.hbs'));
    symlinkSync(secret, join(tpl, '.#document.hbs'));
    for (const f of ['#closing.hbs#', 'closing.hbs~', '.closing.hbs.swp', '4913', '.DS_Store']) writeFileSync(join(tpl, 'partials', f), `<p>${MARKER}</p>`);
    const out = join(dir, 'out');
    const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx', '-t', tpl]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await outputText(out)).not.toContain(MARKER);
    expect(loadTemplates('ke-hoach', tpl).files.some((f) => f.startsWith(tpl))).toBe(false);
  });

  it('a dangling partial link that is not a scratch file is a template error naming it (exit 1)', async () => {
    symlinkSync(join(dir, 'gone.hbs'), join(tpl, 'partials', 'closing.hbs'));
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/closing\.hbs\): lỗi mẫu: không dùng được tệp mẫu này: liên kết hỏng/);
  });

  it('a link loop is a template error with exit 1, not an internal error (3), also from the bin', async () => {
    symlinkSync('b.hbs', join(tpl, 'partials', 'a.hbs'));
    symlinkSync('a.hbs', join(tpl, 'partials', 'b.hbs'));
    const r = await runSpawned(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/partials[\\/]a\.hbs\): lỗi mẫu: không dùng được tệp mẫu này: vòng liên kết/);
    expect(r.err).not.toMatch(/lỗi nội bộ/);

    rmSync(join(tpl, 'partials', 'a.hbs'));
    rmSync(join(tpl, 'partials', 'b.hbs'));
    symlinkSync('..', join(tpl, 'partials', 'up')); // a folder link back to the template folder
    const d = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/partials[\\/]up\): lỗi mẫu: thư mục này là liên kết vòng/);
  });

  it.skipIf(process.platform === 'win32')('a pipe named like a template is refused at once, not waited on', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(tpl, 'partials', 'closing.hbs')]);
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/closing\.hbs\): lỗi mẫu: tệp này không phải tệp thường/);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('an unreadable template is a template error naming it (exit 1)', async () => {
    const { chmodSync } = await import('node:fs');
    const f = join(tpl, 'partials', 'closing.hbs');
    writeFileSync(f, '<p>x</p>');
    chmodSync(f, 0o000);
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/closing\.hbs\): lỗi mẫu: không dùng được tệp mẫu này: không có quyền đọc/);
  });

  it('a template that vanishes between the scan and the read is a template error naming it', () => {
    const f = join(tpl, 'partials', 'closing.hbs');
    writeFileSync(f, '<p>x</p>');
    const found = scanTemplateFolder(tpl).files.find((x) => x.rel === 'partials/closing.hbs')!;
    expect(found.path).toBe(f);
    rmSync(f);
    expect(() => readTemplate(found)).toThrow(TemplateError);
    expect(() => readTemplate(found)).toThrow(/closing\.hbs: không dùng được tệp mẫu này: liên kết hỏng \(trỏ tới tệp không tồn tại\) hoặc tệp vừa bị xóa/);
  });

  it('the names skipped are the editor lock, swap and backup files', () => {
    for (const n of ['.#a.hbs', '#a.hbs#', 'a.hbs~', '.a.hbs.swp', 'a.swo', '4913', '.DS_Store', 'Thumbs.db', '~$a.hbs', 'a.hbs.bak', 'a.hbs.orig'])
      expect(isIgnoredName(n), n).toBe(true);
    for (const n of ['a.hbs', 'sections', 'table-cell.hbs', 'x2.hbs']) expect(isIgnoredName(n), n).toBe(false);
  });
});

describe('the preview watcher', () => {
  it('watches the folders the loader reads, never a folder a link leads out to, and survives loops', () => {
    const outside = join(dir, 'outside');
    mkdirSync(join(outside, 'deep'), { recursive: true });
    mkdirSync(join(tpl, 'partials', 'sections'));
    symlinkSync(outside, join(tpl, 'partials', 'ext'));
    symlinkSync('..', join(tpl, 'partials', 'sections', 'loop'));
    const folders = templateFolders(tpl);
    expect(folders.sort()).toEqual([tpl, join(tpl, 'partials'), join(tpl, 'partials', 'sections')].sort());

    const session = new PreviewSession({ planFile: MINIMAL, templateDir: tpl });
    try {
      const st = session.rebuild();
      expect(st.error?.kind).toBe('template');
      expect(session.watchedFolders()).not.toContain(join(tpl, 'partials', 'ext'));
      expect(session.watchedFolders().some((f) => f.startsWith(outside))).toBe(false);
      expect(session.watchedFolders()).toContain(join(tpl, 'partials', 'sections'));
    } finally {
      session.close();
    }
  });
});

describe('kehoach templates eject never writes through a link', () => {
  it('--force replaces a link to an outside file by the template, and leaves that file as it was', async () => {
    const out = join(dir, 'mau');
    mkdirSync(join(out, 'partials'), { recursive: true });
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'giữ nguyên');
    symlinkSync(victim, join(out, 'partials', 'header.hbs'));
    const notYet = join(dir, 'not-yet.txt');
    symlinkSync(notYet, join(out, 'partials', 'table.hbs')); // dangling: must not be created

    let r = await run(['templates', 'eject', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/đã có 2 tệp mẫu \(partials\/header\.hbs, partials\/table\.hbs\).*--force/);
    expect(readFileSync(victim, 'utf8')).toBe('giữ nguyên');

    r = await run(['templates', 'eject', out, '--force']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 liên kết .* đã được thay bằng tệp mẫu; các tệp mà chúng trỏ tới không bị thay đổi/);
    expect(readFileSync(victim, 'utf8')).toBe('giữ nguyên');
    expect(existsSync(notYet)).toBe(false);
    for (const f of ['header.hbs', 'table.hbs']) {
      const p = join(out, 'partials', f);
      expect(lstatSync(p).isSymbolicLink()).toBe(false);
      expect(readFileSync(p, 'utf8')).toBe(readFileSync(join(BUILTIN, 'partials', f), 'utf8'));
    }
  });

  it('refuses, even with --force, a folder of the templates that is a link, and writes nothing', async () => {
    const out = join(dir, 'mau');
    mkdirSync(join(out, 'partials'), { recursive: true });
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(out, 'partials', 'sections'));
    const r = await run(['templates', 'eject', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/partials\/sections\/ là liên kết \(symlink\).*không ghi qua liên kết/);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(out, 'document.hbs'))).toBe(false); // all or nothing
  });

  it('the folder named may itself be a link to a folder: that is where the templates go', async () => {
    const real = join(dir, 'real');
    mkdirSync(real);
    symlinkSync(real, join(dir, 'mau'));
    const r = await run(['templates', 'eject', join(dir, 'mau')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(real, 'document.hbs'), 'utf8')).toBe(readFileSync(join(BUILTIN, 'document.hbs'), 'utf8'));
  });
});

describe('helpers that take a count are bounded', () => {
  const closing = (body: string) => writeFileSync(join(tpl, 'partials', 'closing.hbs'), `<p style="closing">\n${body}</p>`);

  it('{{blank 3e8}} is a template error naming the file and line, at once', async () => {
    for (const [call, got] of [
      ['{{blank 3e8}}', 'không có giá trị'],
      ['{{blank 300000000}}', '300000000'],
      ['{{blank -1}}', '-1'],
      ['{{blank 2.5}}', '2.5'],
    ]) {
      closing(`  x ${call}\n`);
      const started = performance.now();
      const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
      expect(performance.now() - started, call).toBeLessThan(5000);
      expect(r.code, call).toBe(1);
      expect(r.err, call).toMatch(/partials[\\/]closing\.hbs, dòng 2, cột 5\): lỗi mẫu: \{\{blank\}\} cần một số nguyên từ 0 đến 200, nhận được /);
      expect(r.err, call).toContain(got);
    }
  });

  it('numberWords and roman name their range; blank keeps working within its maximum', async () => {
    closing('{{numberWords 1000000000000000}}');
    let r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 2, cột 1\): lỗi mẫu: \{\{numberWords\}\} cần một số nguyên từ -999\.999\.999\.999\.999 đến 999\.999\.999\.999\.999/);
    closing('{{roman 4000}}');
    r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.err).toMatch(/\{\{roman\}\} cần một số nguyên từ 1 đến 3\.999, nhận được 4000/);

    closing(`Số{{blank ${MAX_BLANK}}}hết {{blank}}| {{roman 14}} {{numberWords 105}}`);
    const out = join(dir, 'out');
    r = await run(['render', MINIMAL, '-o', out, '-f', 'docx', '-t', tpl]);
    expect(r.err).toBe('');
    const text = await outputText(out);
    expect(text).toContain(`Số${'\u00a0'.repeat(MAX_BLANK)}hết ${'\u00a0'.repeat(6)}| XIV một trăm linh năm`);
  });

  it('a helper error inside a partial names that partial, not the template calling it', async () => {
    writeFileSync(join(tpl, 'partials', 'closing.hbs'), '<p style="closing">{{> my-blank}}</p>');
    writeFileSync(join(tpl, 'partials', 'my-blank.hbs'), '\n\n   {{blank 999}}');
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '-f', 'docx', '-t', tpl]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/partials[\\/]my-blank\.hbs, dòng 3, cột 4\): lỗi mẫu: \{\{blank\}\} cần một số nguyên từ 0 đến 200, nhận được 999/);
  });
});

describe('a copy of the built-in folder is unaffected', () => {
  it('an ejected folder loads the same files by the new rules', () => {
    cpSync(BUILTIN, join(dir, 'copy'), { recursive: true });
    const own = loadTemplates('ke-hoach', join(dir, 'copy')).files;
    const builtin = loadTemplates('ke-hoach').files;
    expect(own.length).toBe(builtin.length);
    expect(own.every((f) => f.startsWith(join(dir, 'copy')))).toBe(true);
  });
});
