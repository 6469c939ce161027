// End-to-end tests of the `kehoach` command as a clerk runs it: in this process (runCli, same
// output and exit codes), and the real bin for what only a process shows.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, MINIMAL, run, runSpawned } from './helpers/cli.js';
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
  it('writes a DOCX into the output folder and reports it in Vietnamese', async () => {
    const out = join(dir, 'out');
    const r = await run(['render', MINIMAL, '-o', out, '--format', 'docx']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã ghi .*minimal\.docx/);
    const bytes = readFileSync(join(out, 'minimal.docx'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out)).toEqual(['minimal.docx']); // no temp files left
  });

  it('accepts YAML input', async () => {
    const y = join(dir, 'plan.yaml');
    const p = JSON.parse(readFileSync(MINIMAL, 'utf8'));
    delete p.$schema;
    // JSON is valid YAML flow syntax; add a YAML comment and block style for the title.
    writeFileSync(y, `# kế hoạch\n${JSON.stringify(p, null, 2).replace(/^\{/, '{').replace('"title": ', '"title":\n    ')}`);
    const r = await run(['render', y, '-o', join(dir, 'o'), '-f', 'docx']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'o', 'plan.docx'))).toBe(true);
  });

  it('bad input: names the field, says what to fix, exits 1 and writes nothing', async () => {
    const f = plan((p) => {
      p.signer.name = '';
      p.date = '2026-02-30';
      p.issuer.abbrevation = 'SYT';
    });
    const out = join(dir, 'out');
    const r = await run(['render', f, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"signer\.name".*không được để trống/);
    expect(r.err).toMatch(/"date".*không phải ngày hợp lệ/);
    expect(r.err).toMatch(/trường "abbrevation" không được hỗ trợ[\s\S]*Có phải ý bạn là "abbreviation"/);
    expect(r.err).toMatch(/dòng \d+, cột \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('malformed JSON gets line and column', async () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{\n  "place": "Huế"\n  "date": "2024"\n}\n');
    const r = await run(['validate', f]);
    expect(r.code).toBe(1);
    // Where the comma is missing: right after the value on line 2.
    expect(r.err).toMatch(/dòng 2, cột 17.*lỗi cú pháp JSON: thiếu dấu phẩy/);
    expect(r.err).toMatch(/Thêm dấu phẩy/);
  });

  it('non-UTF-8 files are refused with a hint about encodings', async () => {
    const f = join(dir, 'latin1.json');
    writeFileSync(f, Buffer.from('{"place": "L\xe0o Cai"}', 'latin1'));
    const r = await run(['validate', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không phải mã UTF-8/);
  });

  it('a missing file is reported, not thrown', async () => {
    const r = await run(['render', join(dir, 'nope.json'), '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không tìm thấy tệp/);
    expect(r.err).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('an output folder that cannot be written is a clear error, not a hang or a stack trace', { timeout: 20_000 }, async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [join(file, 'sub'), '/proc/kehoach-test']) {
      const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx']);
      expect(r.code, `${out}: ${r.err}`).toBe(1);
      expect(r.err).toMatch(/không ghi được kết quả/);
      expect(r.err).not.toMatch(/Lỗi nội bộ|at .*\.(js|ts):\d+/);
    }
  });

  it('writes all formats of a file or none: a folder in the way of the PDF leaves no DOCX either', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'minimal.pdf'), { recursive: true });
    const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx,pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/không ghi được kết quả .*minimal\.pdf/);
    expect(readdirSync(out)).toEqual(['minimal.pdf']); // no DOCX, no temp files
  });

  it('two inputs with the same name do not overwrite each other', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const a = join(dir, 'a', 'ke-hoach.json');
    const b = join(dir, 'b', 'ke-hoach.json');
    writeFileSync(a, readFileSync(MINIMAL));
    writeFileSync(b, readFileSync(MINIMAL));
    const r = await run(['render', a, b, '-o', join(dir, 'out'), '-f', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/trùng tên kết quả/);
  });

  it('YAML syntax errors are in Vietnamese with line and column', async () => {
    const y = join(dir, 'bad.yaml');
    writeFileSync(y, 'place: Huế\nplace: Huế\ntitle:\n\t- x\n');
    const r = await run(['validate', y]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dòng 2, cột 1.*một trường được khai báo hai lần/);
    expect(r.err).not.toMatch(/Map keys|must be unique|Tabs are not allowed/);
  });

  it('--fonts takes a folder with the four faces (Windows names) and embeds them in the PDF', async () => {
    const fonts = join(dir, 'fonts');
    mkdirSync(fonts);
    const tinos = join('fonts', 'tinos');
    const copy = (from: string, to: string) => writeFileSync(join(fonts, to), readFileSync(join(tinos, from)));
    copy('Tinos-Regular.ttf', 'times.ttf');
    copy('Tinos-Bold.ttf', 'timesbd.ttf');
    copy('Tinos-Italic.ttf', 'timesi.ttf');
    const missing = await run(['render', MINIMAL, '-o', join(dir, 'o1'), '-f', 'pdf', '--fonts', fonts]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/thiếu kiểu chữ đậm nghiêng/);
    expect(missing.err).not.toMatch(/lỗi nội bộ/);
    copy('Tinos-BoldItalic.ttf', 'timesbi.ttf');
    const r = await run(['render', MINIMAL, '-o', join(dir, 'o2'), '-f', 'pdf', '--fonts', fonts]);
    expect(r.err).toBe('');
    expect(readFileSync(join(dir, 'o2', 'minimal.pdf')).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold\b/);
  });

  it('an unknown format is a usage error', async () => {
    const r = await run(['render', MINIMAL, '-f', 'odt']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/định dạng "odt" không được hỗ trợ/);
  });

  it('a custom template folder overrides only the partials it has', async () => {
    const tpl = join(dir, 'tpl', 'partials', 'sections');
    mkdirSync(tpl, { recursive: true });
    writeFileSync(join(tpl, 'purposes.hbs'), '<section><h>MỤC ĐÍCH CỦA ĐƠN VỊ</h><p>Nội dung riêng.</p></section>');
    const out = join(dir, 'out');
    const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx', '--template', join(dir, 'tpl')]);
    expect(r.err).toBe('');
    const xml = unzipDocument(join(out, 'minimal.docx'));
    expect(xml).toContain('MỤC ĐÍCH CỦA ĐƠN VỊ');
    expect(xml).toContain('TỔ CHỨC THỰC HIỆN'); // built-in partial still used
  });

  it('a template using a missing variable is an error with file and line, not "undefined"', async () => {
    const tpl = join(dir, 'tpl', 'partials');
    mkdirSync(tpl, { recursive: true });
    writeFileSync(join(tpl, 'closing.hbs'), '\n<p style="closing">{{plan.closing.txet}}</p>');
    const out = join(dir, 'out');
    const r = await run(['render', MINIMAL, '-o', out, '-f', 'docx', '--template', join(dir, 'tpl')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/closing\.hbs, dòng 2.*biến "txet" không có trong dữ liệu/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('kehoach validate / schema / init / help', () => {
  it('validate passes the bundled examples', async () => {
    const files = readdirSync('examples')
      .filter((f) => f.endsWith('.json'))
      .map((f) => join('examples', f));
    const r = await run(['validate', ...files]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('validate and render warn, in Vietnamese, when a table cannot hold its longest words', async () => {
    const f = plan((p) => {
      p.sections = [
        {
          title: 'Dự toán kinh phí',
          after: 'implementation',
          blocks: [{ table: { header: Array.from({ length: 12 }, (_, k) => `Năm ${2026 + k}`), rows: [Array.from({ length: 12 }, () => '1.250.000.000')] } }],
        },
      ];
    });
    const v = await run(['validate', f]);
    expect(v.code).toBe(0);
    expect(v.err).toMatch(/Cảnh báo .*bảng bắt đầu bằng "Năm 2026" có 12 cột, không đủ rộng .*"1\.250\.000\.000"/);
    expect(v.err).toMatch(/→ .*landscape: true/);
    const out = join(dir, 'out');
    const r = await run(['render', f, '-o', out, '-f', 'docx']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Cảnh báo .*không đủ rộng/);
    expect(existsSync(join(out, 'plan.docx'))).toBe(true);
    // A table that fits says nothing.
    expect((await run(['validate', MINIMAL])).err).toBe('');
  });

  it('schema prints the JSON Schema', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).properties.issuer).toBeDefined();
  });

  it('init writes a starter plan that validates and renders, and refuses to overwrite', async () => {
    const f = join(dir, 'ke-hoach.json');
    expect((await run(['init', f])).code).toBe(0);
    expect(JSON.parse(readFileSync(f, 'utf8')).$schema).toMatch(/schemas\/plan\.schema\.json$/);
    expect((await run(['validate', f])).code).toBe(0);
    const again = await run(['init', f]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã tồn tại/);
  });

  it('help and version are available everywhere, in Vietnamese', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/Cách dùng: kehoach/);
    expect(h.out).toMatch(/Mã thoát/);
    expect((await run(['render', '--help'])).out).toMatch(/thư mục ghi kết quả/);
    expect((await run(['--version'])).out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = await run(['rendr']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/không có lệnh 'rendr'/);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Cách dùng: kehoach/);
  });
});

// Concurrent: each test waits on child processes, which can use the other core meanwhile.
// Each makes its own folder (the shared `dir` of beforeEach belongs to whichever test ran it last).
describe.concurrent('the kehoach bin (a process of its own)', () => {
  const ownDir = () => mkdtempSync(join(tmpdir(), 'kehoach-bin-'));

  it('renders end to end: DOCX and PDF by default, exit 0', async ({ expect }) => {
    const out = join(ownDir(), 'out');
    const r = await runSpawned(['render', MINIMAL, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã ghi .*minimal\.docx/);
    expect(r.out).toMatch(/Đã ghi .*minimal\.pdf/);
    expect(readdirSync(out).sort()).toEqual(['minimal.docx', 'minimal.pdf']);
    expect(readFileSync(join(out, 'minimal.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(join(out, 'minimal.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 1 for a bad input file and 2 for wrong usage, with the reason on stderr', async ({ expect }) => {
    const f = join(ownDir(), 'broken.json');
    writeFileSync(f, '{\n  "place": "Huế"\n  "date": "2024"\n}\n');
    const [bad, typo] = await Promise.all([runSpawned(['validate', f]), runSpawned(['rendr'])]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/dòng 2, cột 17.*lỗi cú pháp JSON: thiếu dấu phẩy/);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/không có lệnh 'rendr'/);
  });

  it('--version prints the package version', async ({ expect }) => {
    const r = await runSpawned(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('a closed pipe (kehoach --help | head) ends quietly with the exit code of the command', async ({ expect }) => {
    const closed = async (args: string[], stream: 'stdout' | 'stderr') => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child[stream].destroy(); // the reader is gone before kehoach writes
      let other = '';
      child[stream === 'stdout' ? 'stderr' : 'stdout'].on('data', (d) => (other += d));
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      return { code, other };
    };
    const [help, typo] = await Promise.all([closed(['--help'], 'stdout'), closed(['rendr'], 'stderr')]);
    expect(help).toEqual({ code: 0, other: '' });
    expect(typo).toEqual({ code: 2, other: '' });
  });

  it('without its compiled code the bin says how to build it and exits 3', ({ expect }) => {
    const bin = join(ownDir(), 'bin');
    mkdirSync(bin);
    copyFileSync(BIN, join(bin, 'kehoach.js'));
    const r = spawnSync(process.execPath, [join(bin, 'kehoach.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/chưa được biên dịch.*npm install/);
  });
});

function unzipDocument(file: string): string {
  return strFromU8(unzipSync(readFileSync(file))['word/document.xml']);
}
