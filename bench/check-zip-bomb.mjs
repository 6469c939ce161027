#!/usr/bin/env node
// `kehoach check` on zip bombs (run through `npm run bench`, which builds first): a DOCX of ours
// with six 1 GiB parts nobody reads, and one whose document.xml inflates to 1.1 GB. Each check
// runs in a fresh process that reports its own peak RSS. Targets (issue 12): < 300 MB, < 5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

const root = resolve(new URL('..', import.meta.url).pathname);
const { templatesFor, modelFromFile, docxFromModel } = await import(join(root, 'dist/pipeline.js'));
const { keHoach } = await import(join(root, 'dist/doctypes/ke-hoach.js'));
const out = mkdtempSync(join(tmpdir(), 'kehoach-zipbomb-'));

/** CRC-32 of `size` zero bytes, a MiB at a time. */
function zerosCrc(size) {
  const chunk = Buffer.alloc(1 << 20);
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) crc = crc32(left >= chunk.length ? chunk : chunk.subarray(0, left), crc);
  return crc;
}

/**
 * A raw DEFLATE stream of `size` zero bytes, never holding them all: independent 16 MiB pieces,
 * each but the last ended with a full flush (byte-aligned, no final block), so they concatenate.
 */
function deflatedZeros(size) {
  const block = Buffer.alloc(1 << 24);
  const streams = [];
  let left = size;
  for (; left > block.length; left -= block.length) streams.push(deflateRawSync(block, { finishFlush: constants.Z_FULL_FLUSH }));
  streams.push(deflateRawSync(block.subarray(0, left)));
  return { crc: zerosCrc(size), data: Buffer.concat(streams) };
}

/** A zip of the given entries ({ name, data (deflated), crc, size }), method 8. */
function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc >>> 0, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(Math.min(e.size, 0xfffffffe), 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, e.data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc >>> 0, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(Math.min(e.size, 0xfffffffe), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const { model } = modelFromFile(keHoach, join(root, 'examples/minimal.json'), templatesFor(keHoach));
const parts = unzipSync(await docxFromModel(model));
const entry = (name, bytes) => ({ name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length });
const base = Object.entries(parts).map(([name, bytes]) => entry(name, bytes));

const GiB = 1 << 30;
const t0 = performance.now();
const big = deflatedZeros(GiB);
const huge = deflatedZeros(1.1e9);
console.log(`built the bombs in ${((performance.now() - t0) / 1000).toFixed(1)} s (1 GiB of zeros deflates to ${(big.data.length / 1024).toFixed(0)} KB)`);

const cases = {
  'six unused 1 GiB parts': zip([...base, ...Array.from({ length: 6 }, (_, k) => ({ name: `word/media/pad${k}.bin`, ...big, size: GiB }))]),
  'document.xml of 1.1 GB': zip([...base.filter((e) => e.name !== 'word/document.xml'), { name: 'word/document.xml', ...huge, size: 1.1e9 }]),
};

const probe = `
const { checkFile } = await import(${JSON.stringify(join(root, 'dist/cli/commands/check.js'))});
const t = performance.now();
const r = checkFile(process.argv[1]);
console.log(JSON.stringify({ ms: performance.now() - t, rssMB: process.resourceUsage().maxRSS / 1024, failure: r.failure, errors: r.errors }));
`;
for (const [name, bytes] of Object.entries(cases)) {
  const file = join(out, `${name.replace(/\W+/g, '-')}.docx`);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, file], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`${name}: probe failed: ${r.stderr.trim().split('\n')[0]}`);
    continue;
  }
  const m = JSON.parse(r.stdout);
  const ok = m.rssMB < 300 && m.ms < 5000;
  console.log(
    `check, ${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MB on disk): ${(m.ms / 1000).toFixed(2)} s, peak RSS ${m.rssMB.toFixed(0)} MB — ${m.failure ?? `${m.errors} lỗi`} ${ok ? '(within 300 MB, 5 s)' : '(OVER TARGET)'}`,
  );
}
