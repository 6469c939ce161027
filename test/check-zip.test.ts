// `kehoach check` on packages from strangers: parts nobody reads are never inflated, a part that
// inflates past the cap is refused with a clear message (whatever its header claims), and XML nested
// without end is refused before the recursive readers see it. Memory and time on real zip bombs
// (1 GiB parts) are measured by bench/check-zip-bomb.mjs, not here.
import { deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/cli/commands/check.js';
import { ZIP_LIMITS } from '../src/check/zip.js';
import { exampleFiles, exampleName, renderExample } from './helpers/render.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const minimal = async () => (await renderExample(exampleFiles({ corpus: false }).find((f) => exampleName(f) === 'minimal')!)).docx;
const dir = mkdtempSync(join(tmpdir(), 'kehoach-zip-'));
const save = (name: string, bytes: Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
};
/** Zeros one byte over the part cap: deflates to a few dozen KB. */
const overCap = () => new Uint8Array(ZIP_LIMITS.part + 1);

describe('kehoach check reads only the parts it needs, within caps', () => {
  it('unused parts larger than the cap are never inflated: the document is checked as usual', async () => {
    const files = unzipSync(await minimal());
    const plain = checkFile(save('plain.docx', zipSync(files)));
    for (let k = 1; k <= 3; k++) files[`word/media/unused${k}.bin`] = overCap();
    const padded = checkFile(save('padded.docx', zipSync(files, { level: 1 })));
    expect(padded.failure).toBeUndefined();
    expect(padded.findings).toEqual(plain.findings);
  });

  it('a needed part that inflates past the cap is refused with the part named and the limit', async () => {
    const files = unzipSync(await minimal());
    files['word/document.xml'] = overCap();
    const r = checkFile(save('bomb.docx', zipSync(files, { level: 1 })));
    expect(r.failure).toMatch(/phần word\/document\.xml quá lớn khi giải nén \(giới hạn 32 MB mỗi phần/);
    expect(r.errors).toBe(1);
  });

  it('the cap holds whatever size the zip header claims', async () => {
    const files = unzipSync(await minimal());
    files['word/document.xml'] = overCap();
    const zip = zipSync(files, { level: 1 });
    // Rewrite the central directory's uncompressed size of document.xml to 100 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const name = strToU8('word/document.xml');
    let patched = 0;
    for (let at = 0; at + 46 < zip.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const len = view.getUint16(at + 28, true);
      if (len === name.length && strFromU8(zip.subarray(at + 46, at + 46 + len)) === 'word/document.xml') {
        view.setUint32(at + 24, 100, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    expect(checkFile(save('liar.docx', zip)).failure).toMatch(/quá lớn khi giải nén/);
  });

  it('XML nested deeper than any Word document is refused as damaged, not a crash', async () => {
    const files = unzipSync(await minimal());
    const deep = `${'<w:tbl><w:tr><w:tc>'.repeat(200)}${'</w:tc></w:tr></w:tbl>'.repeat(200)}`;
    files['word/document.xml'] = strToU8(strFromU8(files['word/document.xml']).replace('<w:body>', `<w:body>${deep}`));
    expect(checkFile(save('deep.docx', zipSync(files))).failure).toMatch(/bị hỏng/);
  });

  it('a file that is not a zip at all says so', () => {
    expect(checkFile(save('junk.docx', deflateRawSync(Buffer.from('not a zip')))).failure).toMatch(/không phải văn bản Word/);
  });
});
