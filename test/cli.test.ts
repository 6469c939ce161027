// End-to-end tests of the `kehoach` command (the built bin, as a clerk runs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, MINIMAL, run } from './helpers/cli.js';
import { strFromU8, unzipSync } from 'fflate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-cli-'));
});

function plan(patch: (p: any) => void): string {
  const p = JSON.parse(readFileSync(MINIMAL, 'utf8'));
  patch(p);
  const f = join(dir, 'plan.json');
  writeFileSync(f, JSON.stringify(p, null, 2));
  return f;
}

describe('kehoach render', () => {
  it('writes a DOCX into the output folder and reports it in Vietnamese', () => {
    const out = join(dir, 'out');
    const r = run(['render', MINIMAL, '-o', out, '--format', 'docx']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã ghi .*minimal\.docx/);
    const bytes = readFileSync(join(out, 'minimal.docx'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out)).toEqual(['minimal.docx']); // no temp files left
  });

  it('accepts YAML input', () => {
    const y = join(dir, 'plan.yaml');
    const p = JSON.parse(readFileSync(MINIMAL, 'utf8'));
    delete p.$schema;
    // JSON is valid YAML flow syntax; add a YAML comment and block style for the title.
    writeFileSync(y, `# kế hoạch\n${JSON.stringify(p, null, 2).replace(/^\{/, '{').replace('"title": ', '"title":\n    ')}`);
    const r = run(['render', y, '-o', join(dir, 'o'), '-f', 'docx']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'o', 'plan.docx'))).toBe(true);
  });

  it('bad input: names the field, says what to fix, exits 1 and writes nothing', () => {
    const f = plan((p) => {
      p.signer.name = '';
      p.date = '2026-02-30';
      p.issuer.abbrevation = 'SYT';
    });
    const out = join(dir, 'out');
    const r = run(['render', f, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"signer\.name".*không được để trống/);
    expect(r.err).toMatch(/"date".*không phải ngày hợp lệ/);
    expect(r.err).toMatch(/trường "abbrevation" không được hỗ trợ[\s\S]*Có phải ý bạn là "abbreviation"/);
    expect(r.err).toMatch(/dòng \d+, cột \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('malformed JSON gets line and column', () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{\n  "place": "Huế"\n  "date": "2024"\n}\n');
    const r = run(['validate', f]);
    expect(r.code).toBe(1);
    // Where the comma is missing: right after the value on line 2.
    expect(r.err).toMatch(/dòng 2, cột 17.*lỗi cú pháp JSON: thiếu dấu phẩy/);
    expect(r.err).toMatch(/Thêm dấu phẩy/);
  });

  it('non-UTF-8 files are refused with a hint about encodings', () => {
    const f = join(dir, 'latin1.json');
    writeFileSync(f, Buffer.from('{"place": "L\xe0o Cai"}', 'latin1'));
    const r = run(['validate', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không phải mã UTF-8/);
  });

  it('a missing file is reported, not thrown', () => {
    const r = run(['render', join(dir, 'nope.json'), '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không tìm thấy tệp/);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });

  it('an output folder that cannot be written is a clear error, not a hang or a stack trace', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [join(file, 'sub'), '/proc/kehoach-test']) {
      const r = spawnSync(process.execPath, [BIN, 'render', MINIMAL, '-o', out, '-f', 'docx'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, `${out}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/không ghi được kết quả/);
      expect(r.stderr).not.toMatch(/Lỗi nội bộ|at .*\.js:\d+/);
    }
  });

  it('writes all formats of a file or none: a folder in the way of the PDF leaves no DOCX either', () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'minimal.pdf'), { recursive: true });
    const r = run(['render', MINIMAL, '-o', out, '-f', 'docx,pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không ghi được kết quả .*minimal\.pdf/);
    expect(readdirSync(out)).toEqual(['minimal.pdf']); // no DOCX, no temp files
  });

  it('two inputs with the same name do not overwrite each other', () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const a = join(dir, 'a', 'ke-hoach.json');
    const b = join(dir, 'b', 'ke-hoach.json');
    writeFileSync(a, readFileSync(MINIMAL));
    writeFileSync(b, readFileSync(MINIMAL));
    const r = run(['render', a, b, '-o', join(dir, 'out'), '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/trùng tên kết quả/);
  });

  it('YAML syntax errors are in Vietnamese with line and column', () => {
    const y = join(dir, 'bad.yaml');
    writeFileSync(y, 'place: Huế\nplace: Huế\ntitle:\n\t- x\n');
    const r = run(['validate', y]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 2, cột 1.*một trường được khai báo hai lần/);
    expect(r.err).not.toMatch(/Map keys|must be unique|Tabs are not allowed/);
  });

  it('--fonts takes a folder with the four faces (Windows names) and embeds them in the PDF', () => {
    const fonts = join(dir, 'fonts');
    mkdirSync(fonts);
    const tinos = join('fonts', 'tinos');
    const copy = (from: string, to: string) => writeFileSync(join(fonts, to), readFileSync(join(tinos, from)));
    copy('Tinos-Regular.ttf', 'times.ttf');
    copy('Tinos-Bold.ttf', 'timesbd.ttf');
    copy('Tinos-Italic.ttf', 'timesi.ttf');
    const missing = run(['render', MINIMAL, '-o', join(dir, 'o1'), '-f', 'pdf', '--fonts', fonts]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/thiếu kiểu chữ đậm nghiêng/);
    expect(missing.err).not.toMatch(/lỗi nội bộ/);
    copy('Tinos-BoldItalic.ttf', 'timesbi.ttf');
    const r = run(['render', MINIMAL, '-o', join(dir, 'o2'), '-f', 'pdf', '--fonts', fonts]);
    expect(r.err).toBe('');
    expect(readFileSync(join(dir, 'o2', 'minimal.pdf')).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold\b/);
  });

  it('an unknown format is a usage error', () => {
    const r = run(['render', MINIMAL, '-f', 'odt']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/định dạng "odt" không được hỗ trợ/);
  });

  it('a custom template folder overrides only the partials it has', () => {
    const tpl = join(dir, 'tpl', 'partials', 'sections');
    mkdirSync(tpl, { recursive: true });
    writeFileSync(join(tpl, 'purposes.hbs'), '<section><h>MỤC ĐÍCH CỦA ĐƠN VỊ</h><p>Nội dung riêng.</p></section>');
    const out = join(dir, 'out');
    const r = run(['render', MINIMAL, '-o', out, '-f', 'docx', '--template', join(dir, 'tpl')]);
    expect(r.err).toBe('');
    const xml = unzipDocument(join(out, 'minimal.docx'));
    expect(xml).toContain('MỤC ĐÍCH CỦA ĐƠN VỊ');
    expect(xml).toContain('TỔ CHỨC THỰC HIỆN'); // built-in partial still used
  });

  it('a template using a missing variable is an error with file and line, not "undefined"', () => {
    const tpl = join(dir, 'tpl', 'partials');
    mkdirSync(tpl, { recursive: true });
    writeFileSync(join(tpl, 'closing.hbs'), '\n<p style="closing">{{plan.closing.txet}}</p>');
    const out = join(dir, 'out');
    const r = run(['render', MINIMAL, '-o', out, '-f', 'docx', '--template', join(dir, 'tpl')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/closing\.hbs, dòng 2.*biến "txet" không có trong dữ liệu/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('kehoach validate / schema / init / help', () => {
  it('validate passes the bundled examples', () => {
    const files = readdirSync('examples')
      .filter((f) => f.endsWith('.json'))
      .map((f) => join('examples', f));
    const r = run(['validate', ...files]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('schema prints the JSON Schema', () => {
    const r = run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).properties.issuer).toBeDefined();
  });

  it('init writes a starter plan that validates and renders, and refuses to overwrite', () => {
    const f = join(dir, 'ke-hoach.json');
    expect(run(['init', f]).code).toBe(0);
    expect(JSON.parse(readFileSync(f, 'utf8')).$schema).toMatch(/schemas\/plan\.schema\.json$/);
    expect(run(['validate', f]).code).toBe(0);
    const again = run(['init', f]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã tồn tại/);
  });

  it('help and version are available everywhere, in Vietnamese', () => {
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/Cách dùng: kehoach/);
    expect(h.out).toMatch(/Mã thoát/);
    expect(run(['render', '--help']).out).toMatch(/thư mục ghi kết quả/);
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = run(['rendr']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/không có lệnh 'rendr'/);
  });
});

function unzipDocument(file: string): string {
  return strFromU8(unzipSync(readFileSync(file))['word/document.xml']);
}
