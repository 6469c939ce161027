// Word 97-2003 (.doc): converted to .docx by LibreOffice when it is installed, then read as one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export class NeedsLibreOffice extends Error {}

/** The .docx bytes of a .doc file (soffice --headless --convert-to docx). */
export function docToDocx(file: string, env: Record<string, string | undefined> = process.env): Uint8Array {
  const soffice = env.KEHOACH_SOFFICE ?? 'soffice';
  const out = mkdtempSync(join(tmpdir(), 'kehoach-doc-'));
  try {
    // A profile of its own: a LibreOffice the clerk has open does not block the conversion.
    execFileSync(soffice, [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'docx', '--outdir', out, resolve(file)], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    return readFileSync(join(out, basename(file).replace(/\.doc$/i, '.docx')));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NeedsLibreOffice('soffice');
    throw e;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
