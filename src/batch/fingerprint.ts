// Content hashes for incremental runs: a row is regenerated only when its merged plan, its
// template context, the template files or the tool itself changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../util/package-root.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a file, or undefined if it cannot be read. */
export function fileSha256(path: string): string | undefined {
  // Most outputs of a first run do not exist yet: a failed read builds an error with its stack
  // (~0.2 ms each, a third of the main thread's time in a 1,000-row run); a stat does not.
  try {
    if (!statSync(path, { throwIfNoEntry: false })) return undefined;
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function listCode(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCode(p));
    else if (/\.(js|ts)$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

let toolCache: string | undefined;

export function toolVersion(): string {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
}

/**
 * The tool's version and its compiled code: a rebuilt writer regenerates everything even
 * when the version number did not change (it does not during development).
 */
export function toolFingerprint(): string {
  if (toolCache) return toolCache;
  const version = toolVersion();
  const codeDir = dirname(dirname(fileURLToPath(import.meta.url)));
  const h = createHash('sha256').update(`kehoach ${version}\n`);
  for (const f of listCode(codeDir)) h.update(relative(codeDir, f)).update('\0').update(readFileSync(f)).update('\0');
  toolCache = h.digest('hex');
  return toolCache;
}

/** Hash of the template files actually used (custom folder and built-in fallbacks). */
export function templatesFingerprint(files: string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export function rowHash(tool: string, templates: string, plan: unknown, extra: unknown): string {
  return sha256(`${tool}\n${templates}\n${canonicalJson(plan)}\n${canonicalJson(extra)}`);
}
