// `kehoach import` as a clerk runs it: a summary line per file, the YAML (with comments) or JSON
// written, the validator's verdict, exit codes 0 / 1 / 2.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';
import { ROOT } from './helpers/render.js';

const KON_TUM = join(ROOT, 'test', 'fixtures', 'import-texts', 'kon-tum-2024-phong-trao-70-nam.txt');
const DONG_NAI = join(ROOT, 'test', 'fixtures', 'import-texts', 'dong-nai-2023-tuyen-truyen-thi-dua.txt');

describe('kehoach import', () => {
  it('writes the YAML with its comments, says what it found, exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-cli-'));
    const out = join(dir, 'ke-hoach.yaml');
    const r = await run(['import', DONG_NAI, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /dong-nai-2023-tuyen-truyen-thi-dua\.txt → .*ke-hoach\.yaml: KẾ HOẠCH chưa có số, 3 mục, 0 bảng, 0 phụ lục; \d+ cảnh báo khi nhập; hợp lệ\./,
    );
    // The header band was not copied with the text: the guesses are said, on screen and in the file.
    expect(r.out).toContain('Cảnh báo: không tìm thấy tên cơ quan ban hành ở phần đầu; đã đoán "Sở Y tế"');
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toMatch(/^# Nhập từ "dong-nai-2023-tuyen-truyen-thi-dua\.txt" bằng "kehoach import"/);
    expect(yaml).toMatch(/ {2}# CẢNH BÁO: không tìm thấy tên cơ quan ban hành[^\n]*\n {2}name: Sở Y tế/);
    expect(Object.keys(parse(yaml)).slice(0, 6)).toEqual(['issuer', 'place', 'date', 'title', 'basis', 'intro']);
    const v = await run(['validate', out]);
    expect(v.code).toBe(0);
  });

  it('--json writes JSON; several files go into a folder, with a closing count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-cli-'));
    const r = await run(['import', KON_TUM, DONG_NAI, '--json', '-o', `${dir}/`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã nhập 2 tệp: 2 tệp thành công, 0 tệp có lỗi.');
    const plan = JSON.parse(readFileSync(join(dir, 'kon-tum-2024-phong-trao-70-nam.json'), 'utf8'));
    expect(plan.issuer.abbreviation).toBe('SYT');
    expect(existsSync(join(dir, 'dong-nai-2023-tuyen-truyen-thi-dua.json'))).toBe(true);
  });

  it('several files into one file is a usage error (2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-cli-'));
    writeFileSync(join(dir, 'one.yaml'), '');
    const r = await run(['import', KON_TUM, DONG_NAI, '-o', join(dir, 'one.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nhập nhiều tệp thì -o phải là thư mục');
  });

  it('a plan the validator refuses is still written, and the command says why (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-import-cli-'));
    const text = readFileSync(DONG_NAI, 'utf8').replace('**KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**', '**KT. GIÁM ĐỐC**\n\n**CHÁNH VĂN PHÒNG**');
    writeFileSync(join(dir, 'ke-hoach.txt'), text);
    const r = await run(['import', join(dir, 'ke-hoach.txt')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('chưa hợp lệ (1 lỗi, xem bên dưới');
    expect(r.err).toMatch(/Lỗi \(.*ke-hoach\.yaml, dòng \d+, cột \d+\) tại "signer\.title": ký thay \(KT\.\)/);
    expect(existsSync(join(dir, 'ke-hoach.yaml'))).toBe(true);
  });
});
