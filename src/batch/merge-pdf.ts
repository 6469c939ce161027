// --merge: one PDF of every output, in row order, for printing. Sources are read one at a
// time; the combined document itself grows with the number of pages.
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { atomicWrite } from '../util/atomic-write.js';
import { sha256 } from './fingerprint.js';

export async function mergePdfs(files: string[], target: string, title = 'Tổng hợp kế hoạch'): Promise<{ sha256: string; bytes: number; pages: number }> {
  const merged = await PDFDocument.create({ updateMetadata: false });
  merged.setTitle(title);
  merged.setCreator('kehoach');
  merged.setProducer('kehoach');
  merged.setLanguage('vi-VN');
  for (const file of files) {
    const src = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const pages = await merged.copyPages(src, src.getPageIndices());
    for (const p of pages) merged.addPage(p);
  }
  const bytes = await merged.save({ useObjectStreams: true, addDefaultPage: false });
  atomicWrite(target, bytes);
  return { sha256: sha256(bytes), bytes: bytes.length, pages: merged.getPageCount() };
}
