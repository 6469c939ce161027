// Bounded work (issue 12): every input that used to take gigabytes, overflow the stack or end in
// an internal error is refused with exit 1, a Vietnamese message naming the file and the field,
// and no output written; `validate --fix` writes into the plan file itself. One test per finding.
// What could hang or grow the test process if it came back runs in a process of its own.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../src/errors.js';
import { LIMITS } from '../src/schema/limits.js';
import { BUILTIN_TEMPLATES, TemplateError } from '../src/template/engine.js';
import { ChangedMeanwhileError, writeInPlace } from '../src/util/atomic-write.js';
import { MINIMAL, run, runSpawned } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kehoach-bounds-'));
});
// Some inputs here are 10 and 21 MB: not left in the temp folder.
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The minimal example with `blocks` as its content. */
function planWith(blocks: unknown[]): Record<string, unknown> {
  const p = JSON.parse(readFileSync(MINIMAL, 'utf8'));
  delete p.$schema;
  p.content = { blocks };
  return p;
}

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const writePlan = (blocks: unknown[], name = 'plan.json') => write(name, JSON.stringify(planWith(blocks)));

/** A plan whose first block is `inner` (JSON text), for nestings JSON.stringify cannot build. */
const planAround = (inner: string) => write('plan.json', JSON.stringify(planWith(['__X__'])).replace('"__X__"', inner));

/** Bullets nested `levels` deep: a list whose one entry holds the next list. */
const nestedBullets = (levels: number) => `{"bullets":[${'{"text":"ý","bullets":['.repeat(levels - 1)}"lá"${']}'.repeat(levels - 1)}]}`;

/** `render` of a file into a fresh folder: exit 1, the messages, and nothing written. */
async function refused(file: string, spawned = false): Promise<string> {
  const out = join(dir, 'out');
  const args = ['render', file, '-o', out];
  const r = spawned ? await runSpawned(args, process.cwd(), { timeout: 30_000 }) : await run(args);
  expect(r.code).toBe(1);
  expect(existsSync(out)).toBe(false);
  return r.err;
}

const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('input files: only regular files, at most 20 MB, read only after checking', () => {
  it('/dev/zero is refused unread as a device (it grew to 6 GB)', async () => {
    const err = await refused('/dev/zero', true);
    expect(err).toMatch(/Lỗi \(\/dev\/zero\): không phải tệp thông thường mà là thiết bị\./);
    const v = await runSpawned(['validate', '/dev/zero'], process.cwd(), { timeout: 30_000 });
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/không phải tệp thông thường/);
  });

  it.runIf(hasMkfifo)('a FIFO is refused without waiting for a writer', async () => {
    const fifo = join(dir, 'plan.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const err = await refused(fifo, true);
    expect(err).toMatch(/plan\.json\): không phải tệp thông thường mà là đường ống \(FIFO\)\./);
  });

  it('a file over 20 MB is refused by its size', async () => {
    const f = join(dir, 'big.json');
    writeFileSync(f, Buffer.alloc(21 * 1024 * 1024, 0x20));
    expect(await refused(f)).toMatch(/big\.json\): tệp quá lớn \(21 MB\); giới hạn là 20 MB\./);
  });

  it('a file of over 100,000 tiny values is refused before parsing (20 MB of them took 4.4 GB)', async () => {
    const f = planAround(`"a",${Array(120_000).fill('{}').join(',')}`);
    expect(await refused(f)).toMatch(/plan\.json, dòng 1, cột \d+\) tại "content\.blocks\[\d+\]": tệp có quá 100\.000 giá trị/);
  });

  it.runIf(hasMkfifo)('check refuses /dev/zero and a FIFO unread too', async () => {
    const fifo = join(dir, 'van-ban.docx');
    spawnSync('mkfifo', [fifo]);
    const r = await runSpawned(['check', '/dev/zero', fifo], process.cwd(), { timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\/dev\/zero: lỗi: không phải tệp thông thường mà là thiết bị\./);
    expect(r.err).toMatch(/van-ban\.docx: lỗi: không phải tệp thông thường mà là đường ống/);
  });

  it.runIf(hasMkfifo)('a FIFO among the templates of --template is a template error, not a hang', async () => {
    const tpl = join(dir, 'mau');
    mkdirSync(join(tpl, 'partials'), { recursive: true });
    spawnSync('mkfifo', [join(tpl, 'partials', 'khoi.hbs')]);
    const r = await runSpawned(['render', MINIMAL, '-o', join(dir, 'out'), '-t', tpl], process.cwd(), { timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/khoi\.hbs.*không phải tệp thường/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('text and tables: limits in the schema, named by field', () => {
  it('a 10 MB paragraph is refused by its length (it took 2.2 GB)', async () => {
    const f = writePlan(['Chữ '.repeat(2_500_000)]);
    expect(await refused(f)).toMatch(
      /plan\.json, dòng 1, cột \d+\) tại "content\.blocks\[0\]": chữ dài 10\.000\.000 ký tự, quá giới hạn 50\.000 ký tự của một trường\./,
    );
  });

  it('the whole plan over 300,000 characters is refused where it passes the limit', async () => {
    const f = writePlan(Array.from({ length: 7 }, () => 'Chữ '.repeat(11_250)));
    expect(await refused(f)).toMatch(/tại "content\.blocks\[6\]": kế hoạch dài quá 300\.000 ký tự/);
  });

  it('a 3,000 × 12 table is refused by its rows, quickly, in render and batch alike (render took 849 MB, batch ran out of memory)', async () => {
    const rows = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 12 }, (_, c) => `Ô ${r}.${c}`));
    const f = writePlan([{ table: { rows } }]);
    const started = performance.now();
    const message = /plan\.json, dòng 1, cột \d+\) tại "content\.blocks\[0\]\.table\.rows": bảng có 3\.000 hàng, quá giới hạn 1\.000 hàng\./;
    expect(await refused(f)).toMatch(message);
    expect(performance.now() - started).toBeLessThan(15_000);
    const csv = write('don-vi.csv', 'slug,place\na,Lào Cai\n');
    const b = await run(['batch', f, '--rows', csv, '-o', join(dir, 'batch'), '-q']);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(message);
    expect(readdirSync(join(dir, 'batch')).filter((n) => /\.(docx|pdf)$/.test(n))).toEqual([]);
  });

  it('a table over 3,000 cells is refused by its grid; one at the limits is valid', async () => {
    const table = (rows: number, cols: number) => ({ table: { rows: Array.from({ length: rows }, () => Array.from({ length: cols }, () => 'ô')) } });
    expect(await refused(writePlan([table(500, 12)]))).toMatch(
      /tại "content\.blocks\[0\]\.table\.rows": bảng có 500 hàng × 12 cột = 6\.000 ô, quá giới hạn 3\.000 ô của một bảng\./,
    );
    // Row spans over empty rows cannot hide the grid they cover.
    const spans = { table: { rows: [Array.from({ length: 30 }, () => ({ text: 'ô', rowspan: 1000 })), ...Array.from({ length: 999 }, () => [])] } };
    expect(await refused(writePlan([spans]))).toMatch(/bảng có 1\.000 hàng × 30 cột = 30\.000 ô/);
    const v = await run(['validate', writePlan([table(LIMITS.tableRows, 3)])]);
    expect(v.err).not.toMatch(/Lỗi/);
    expect(v.code).toBe(0);
  });

  it('more than 5,000 parts are refused, bold and italic spans counted', async () => {
    expect(await refused(writePlan(Array.from({ length: 5001 }, (_, k) => `Đoạn ${k}`)))).toMatch(
      /tại "content\.blocks(\[\d+\])?": kế hoạch có quá 5\.000 phần/,
    );
    // 2.2 GB and a minute to render before: 2 million characters of **bold** and *italic*.
    expect(await refused(writePlan(Array.from({ length: 10 }, () => 'chữ **đậm** và *nghiêng*, '.repeat(600).trim())))).toMatch(
      /tại "content\.blocks\[\d\]": kế hoạch có quá 5\.000 phần \(đoạn, mục, ô bảng, đoạn chữ \*\*đậm\*\*\/\*nghiêng\*/,
    );
    // Counted as the plan is understood: nơi nhận typed as one string become 20,000 entries.
    const p = planWith([]);
    p.recipients = Array(20_000).fill('Sở A').join('; ');
    expect(await refused(write('noi-nhan.json', JSON.stringify(p)))).toMatch(
      /noi-nhan\.json, dòng \d+, cột \d+\) tại "recipients": kế hoạch có quá 5\.000 phần/,
    );
  });

  it('a plan a little over a limit hears about it along with its other problems', async () => {
    const p = planWith(Array.from({ length: 5001 }, (_, k) => `Đoạn ${k}`));
    p.date = '2026-02-30';
    const err = await refused(write('plan.json', JSON.stringify(p)));
    expect(err).toMatch(/tại "date": không phải ngày hợp lệ/);
    expect(err).toMatch(/kế hoạch có quá 5\.000 phần/);
  });
});

describe('nesting: every recursive step bounded, never an internal error', () => {
  it('lists 20 deep render; 21 deep are refused with the field', async () => {
    const ok = await run(['render', planAround(nestedBullets(20)), '-o', join(dir, 'ok'), '-f', 'docx']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(await refused(planAround(nestedBullets(21)))).toMatch(
      /plan\.json, dòng 1, cột \d+\) tại "content\.blocks\[0\]\.bullets\[0\]\.bullets\[0\]…bullets\[0\]\.bullets": danh sách lồng trong danh sách quá 20 cấp/,
    );
  });

  it('lists 150 deep are refused as lists over 20 levels (it was a stack overflow blamed on block.hbs)', async () => {
    const items = `${'{"items":[{"title":"mục","blocks":['.repeat(150)}"lá"${']}]}'.repeat(150)}`;
    for (const inner of [nestedBullets(150), items]) {
      const err = await refused(planAround(inner), true);
      expect(err).toMatch(/plan\.json, dòng 1, cột \d+\) tại "content\.blocks\[0\]\..*": danh sách lồng trong danh sách quá 20 cấp/);
      expect(err).not.toMatch(/block\.hbs|Maximum call stack/);
    }
  });

  it('lists 5,000 deep and JSON nested 100,000 deep are input errors, not internal ones (exit 3)', async () => {
    expect(await refused(planAround(nestedBullets(5000)), true)).toMatch(/tại "content\.blocks\[0\]\..*": danh sách lồng trong danh sách quá 20 cấp/);
    const deep = write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(await refused(deep, true)).toMatch(/deep\.json, dòng 1, cột 201\) tại "\[0\]\[0\].*": nội dung lồng nhau quá 200 cấp/);
  });

  it('YAML nested too deep, by indentation or by brackets, is refused before the yaml library parses it', async () => {
    let indented = 'content:\n';
    for (let k = 1; k <= 150; k++) indented += `${'  '.repeat(k)}- \n`;
    expect(await refused(write('thut-le.yaml', indented), true)).toMatch(
      /thut-le\.yaml, dòng \d+, cột \d+\): thụt lề quá sâu \(nội dung bắt đầu sau cột 200\)/,
    );
    const flow = write('ngoac.yaml', `content: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(await refused(flow, true)).toMatch(/ngoac\.yaml, dòng 1, cột \d+\): nội dung lồng nhau quá 200 cấp/);
  });

  it('a YAML alias bomb ("billion laughs") is refused', async () => {
    const names = 'abcdefghi';
    let y = `a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
    for (let k = 1; k < names.length; k++)
      y += `${names[k]}: &${names[k]} [${Array(9)
        .fill(`*${names[k - 1]}`)
        .join(', ')}]\n`;
    expect(await refused(write('bom.yaml', y), true)).toMatch(/bom\.yaml\): tệp YAML dùng quá nhiều bí danh \(\*alias\) lồng nhau\./);
  });

  it('footnotes in footnotes and emphasis nested a thousand deep render (a stack overflow, a "broken template")', async () => {
    const f = writePlan([
      `Mở ${'^['.repeat(1500)}x${']'.repeat(1500)}`,
      `${'*a **b '.repeat(1000)}x${' b** a*'.repeat(1000)}`,
      'Chú thích ^[có ^[chú thích] bên trong].',
    ]);
    const out = join(dir, 'out');
    const r = await run(['render', f, '-o', out, '-f', 'docx']);
    expect(r.err).not.toMatch(/Lỗi/);
    expect(r.code).toBe(0);
    // A footnote's own "^[" is printed as typed: Word has no notes in notes.
    const notes = strFromU8(unzipSync(readFileSync(join(out, 'plan.docx')))['word/footnotes.xml']);
    expect(notes).toContain('có ^[chú thích] bên trong');
  });

  it('a template that recurses without end is an input error naming it (exit 1), not an internal error', async () => {
    const tpl = join(dir, 'mau');
    mkdirSync(join(tpl, 'partials'), { recursive: true });
    writeFileSync(join(tpl, 'partials', 'vong.hbs'), '{{> vong}}');
    writeFileSync(join(tpl, 'document.hbs'), '<document>{{> vong}}</document>');
    const r = await runSpawned(['render', MINIMAL, '-o', join(dir, 'out'), '-t', tpl], process.cwd(), { timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/minimal\.json\): nội dung lồng nhau quá sâu, không xử lý được \(khi dựng văn bản bằng mẫu .*vong\.hbs\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a stack overflow in a built-in template is the input nesting, without naming the template', () => {
    const e = new TemplateError('Maximum call stack size exceeded', join(BUILTIN_TEMPLATES, 'ke-hoach', 'partials', 'block.hbs'));
    const d = describeError(e, 'ke-hoach.json');
    expect(d.kind).toBe('input');
    expect(d.diagnostics[0]).toMatchObject({ code: 'input.depth', file: 'ke-hoach.json' });
    expect(d.diagnostics[0].message).toBe('nội dung lồng nhau quá sâu, không xử lý được.');
    expect(describeError(new RangeError('Maximum call stack size exceeded')).kind).toBe('input');
  });
});

/** The Tinos faces under Windows names, the regular one with its cmap rewritten by `craft`. */
function craftedFonts(craft: (view: DataView, subtable: number, length: number) => void): string {
  const fonts = join(dir, 'fonts');
  mkdirSync(fonts);
  const faces = [
    ['Tinos-Regular.ttf', 'times.ttf'],
    ['Tinos-Bold.ttf', 'timesbd.ttf'],
    ['Tinos-Italic.ttf', 'timesi.ttf'],
    ['Tinos-BoldItalic.ttf', 'timesbi.ttf'],
  ];
  for (const [from, to] of faces) copyFileSync(join('fonts', 'tinos', from), join(fonts, to));
  const bytes = readFileSync(join(fonts, 'times.ttf'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let cmap = -1;
  for (let k = 0; k < view.getUint16(4); k++) if (bytes.toString('latin1', 12 + 16 * k, 16 + 16 * k) === 'cmap') cmap = view.getUint32(20 + 16 * k);
  // Tinos maps Unicode through one format 4 subtable; it becomes a format 12 one in place.
  const subtable = cmap + view.getUint32(cmap + 8);
  expect(view.getUint16(subtable)).toBe(4);
  craft(view, subtable, view.getUint16(subtable + 2));
  writeFileSync(join(fonts, 'times.ttf'), bytes);
  return fonts;
}

function format12(view: DataView, at: number, groups: number, group: (p: number, g: number) => void, room: number): void {
  view.setUint16(at, 12);
  view.setUint32(at + 12, groups);
  for (let g = 0; g < Math.min(groups, Math.floor((room - 16) / 12)); g++) group(at + 16 + 12 * g, g);
}

describe('--fonts: a crafted face is an input error naming the file', () => {
  it('cmap groups covering all of Unicode again and again (2.4 GB, then exit 3)', async () => {
    const fonts = craftedFonts((v, at, room) =>
      format12(
        v,
        at,
        Math.floor((room - 16) / 12),
        (p) => {
          v.setUint32(p, 0);
          v.setUint32(p + 4, 0x10ffff);
          v.setUint32(p + 8, 1);
        },
        room,
      ),
    );
    const r = await runSpawned(['render', MINIMAL, '-o', join(dir, 'out'), '--fonts', fonts], process.cwd(), { timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/times\.ttf\): tệp phông hỏng hoặc không dùng được: bảng mã định dạng 12 có các nhóm chồng lên nhau\./);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a cmap declaring more groups than it holds', async () => {
    const fonts = craftedFonts((v, at, room) =>
      format12(
        v,
        at,
        0x7fffffff,
        (p, g) => {
          v.setUint32(p, g);
          v.setUint32(p + 4, g);
          v.setUint32(p + 8, 1);
        },
        room,
      ),
    );
    const r = await run(['render', MINIMAL, '-o', join(dir, 'out'), '--fonts', fonts]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/times\.ttf\): tệp phông hỏng hoặc không dùng được: bảng mã định dạng 12 khai báo 2147483647 nhóm, vượt quá độ dài bảng "cmap"\./);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('validate --fix writes into the plan file itself', () => {
  /** A valid plan with one stray space for --fix to remove. */
  function fixable(name = 'plan.json'): string {
    const p = planWith(['Một đoạn  có dấu cách thừa.']);
    return write(name, `${JSON.stringify(p, null, 2)}\n`);
  }
  const fixed = (f: string) => readFileSync(f, 'utf8').includes('"Một đoạn có dấu cách thừa."');

  it('keeps the mode of a 0600 file (it became 0644)', async () => {
    const f = fixable();
    chmodSync(f, 0o600);
    const ino = statSync(f).ino;
    const r = await run(['validate', '--fix', f]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/plan\.json: đã sửa tự động 1 chỗ/);
    expect(fixed(f)).toBe(true);
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(statSync(f).ino).toBe(ino);
    expect(readdirSync(dir)).toEqual(['plan.json']); // no backup or temp file left
  });

  it('keeps a hard link (it was broken)', async () => {
    const f = fixable();
    const other = join(dir, 'ban-sao.json');
    linkSync(f, other);
    expect((await run(['validate', '--fix', f])).code).toBe(0);
    expect(fixed(other)).toBe(true);
    expect(statSync(other).ino).toBe(statSync(f).ino);
    expect(statSync(f).nlink).toBe(2);
  });

  it('fixes the real file behind a symlink, which stays a symlink (it was replaced by a copy)', async () => {
    mkdirSync(join(dir, 'that'));
    const real = fixable(join('that', 'plan.json'));
    const link = join(dir, 'ke-hoach.json');
    symlinkSync(real, link);
    expect((await run(['validate', '--fix', link])).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(fixed(real)).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner', async () => {
    const f = fixable();
    chownSync(f, 65534, 65534);
    expect((await run(['validate', '--fix', f])).code).toBe(0);
    expect(fixed(f)).toBe(true);
    expect(statSync(f)).toMatchObject({ uid: 65534, gid: 65534 });
  });

  it('a write failing half-way puts the old content back and leaves no backup', () => {
    const f = write('plan.json', 'nội dung cũ, đủ dài để ghi hai lần');
    let calls = 0;
    const failing = {
      write: (fd: number, data: Uint8Array, position: number) => {
        if (++calls > 1) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return writeSync(fd, data, 0, 5, position); // a short write: the rest comes next call
      },
    };
    expect(() => writeInPlace(f, 'nội dung mới dài hơn nhiều so với cũ', undefined, failing)).toThrow(/no space/);
    expect(readFileSync(f, 'utf8')).toBe('nội dung cũ, đủ dài để ghi hai lần');
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it('a file changed since it was read is left alone', () => {
    const f = write('plan.json', 'bản do người khác vừa lưu');
    expect(() => writeInPlace(f, 'bản đã sửa', Buffer.from('bản đã đọc lúc trước'))).toThrow(ChangedMeanwhileError);
    expect(readFileSync(f, 'utf8')).toBe('bản do người khác vừa lưu');
  });
});
