// Which files of a template folder are templates. A template pack comes from a zip or a git
// clone, so it may hold links: only regular .hbs files whose real path stays inside the
// folder's real path are read; a link out of it (partials/x.hbs → ~/.ssh/id_rsa) is refused
// before anything is read, so no other file's content can reach a document or a message.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { TemplateError } from './errors.js';

/** A template file over this size is refused (the built-in ones are under 4 KB). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Hidden files and editor scratch files: never templates, skipped without a word. Emacs locks
 * (.#x.hbs, often a dangling link) and auto-saves (#x.hbs#), Vim swap files and its 4913 write
 * test, backups (x.hbs~, .bak, .orig), Office locks (~$x), Finder and Explorer files.
 */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    name.endsWith('~') ||
    /^#.*#$/.test(name) ||
    /^\d+$/.test(name) ||
    /\.(swp|swo|swx|bak|orig|rej|tmp)$/i.test(name) ||
    /^(Thumbs\.db|desktop\.ini)$/i.test(name)
  );
}

export interface TemplateFile {
  /** The path as found under the folder (what messages name). */
  path: string;
  /** Its real path, inside the folder's real path. */
  real: string;
  /** Path in the folder with "/" separators: "document.hbs", "partials/sections/purposes.hbs". */
  rel: string;
}

export interface FolderScan {
  files: TemplateFile[];
  /** The folders read (the folder itself, partials/ and those below), as found. */
  dirs: string[];
}

const OUTSIDE_DIR = 'thư mục này trỏ ra ngoài thư mục mẫu, không dùng. Chép các mẫu con vào trong thư mục mẫu thay cho liên kết.';

type Problem = (message: string, file: string) => void;

const caseless = process.platform === 'win32' || process.platform === 'darwin';

function inside(real: string, root: string): boolean {
  const rel = caseless ? relative(root.toLowerCase(), real.toLowerCase()) : relative(root, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** What went wrong reaching a file, and what to do, in Vietnamese. */
export function fsProblem(e: unknown): { why: string; todo: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  const fixLink = 'Xóa liên kết này, hoặc sửa để nó trỏ tới một tệp .hbs trong thư mục mẫu.';
  if (code === 'ENOENT') return { why: 'liên kết hỏng (trỏ tới tệp không tồn tại) hoặc tệp vừa bị xóa', todo: fixLink };
  if (code === 'ELOOP') return { why: 'vòng liên kết (các liên kết trỏ vòng về nhau)', todo: fixLink };
  if (code === 'EACCES' || code === 'EPERM') return { why: 'không có quyền đọc', todo: 'Cấp quyền đọc cho tệp, hoặc xóa nó khỏi thư mục mẫu.' };
  if (code === 'ENAMETOOLONG') return { why: 'đường dẫn quá dài', todo: 'Đặt thư mục mẫu ở chỗ có đường dẫn ngắn hơn.' };
  return { why: `không đọc được${code ? ` (${code})` : ''}`, todo: 'Kiểm tra tệp này, hoặc xóa nó khỏi thư mục mẫu.' };
}

function unreadable(what: string, e: unknown): string {
  const { why, todo } = fsProblem(e);
  return `không dùng được ${what} này: ${why}. ${todo}`;
}

interface Walk {
  realRoot: string;
  problem: Problem;
  out: FolderScan;
}

/** One entry of a folder: its real path and what it is, or undefined when it is not usable. */
function resolveEntry(p: string, name: string, realDir: string, w: Walk): { real: string; st: Stats } | undefined {
  const mayMatter = name.endsWith('.hbs');
  try {
    const lst = lstatSync(p);
    if (!lst.isSymbolicLink()) return { real: join(realDir, name), st: lst };
    const real = realpathSync(p);
    return { real, st: statSync(real) };
  } catch (e) {
    // A broken link with another name cannot be a template: nothing to read, nothing to say.
    if (mayMatter) w.problem(unreadable('tệp mẫu', e), p);
    return undefined;
  }
}

function walkDir(dir: string, realDir: string, rel: string, stack: string[], w: Walk): void {
  w.out.dirs.push(dir);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    w.problem(unreadable('thư mục', e), dir);
    return;
  }
  for (const name of names) {
    if (isIgnoredName(name)) continue;
    const p = join(dir, name);
    const entry = resolveEntry(p, name, realDir, w);
    if (!entry) continue;
    const { real, st } = entry;
    const relName = rel ? `${rel}/${name}` : name;
    if (st.isDirectory()) {
      if (!inside(real, w.realRoot)) w.problem(OUTSIDE_DIR, p);
      else if (stack.includes(real)) w.problem('thư mục này là liên kết vòng (trỏ về một thư mục chứa nó), không dùng. Xóa liên kết này.', p);
      else walkDir(p, real, relName, [...stack, real], w);
    } else if (name.endsWith('.hbs')) {
      const file = checkFile(p, real, st, w);
      if (file) w.out.files.push({ path: p, real, rel: relName });
    }
  }
}

function checkFile(p: string, real: string, st: Stats, w: Walk): boolean {
  if (!inside(real, w.realRoot)) {
    w.problem('tệp mẫu này trỏ ra ngoài thư mục mẫu, không dùng. Chép nội dung mẫu vào chính tệp này thay cho liên kết.', p);
    return false;
  }
  const target = basename(real);
  if (!target.endsWith('.hbs') || isIgnoredName(target)) {
    w.problem(
      `tệp mẫu này là liên kết tới "${relative(w.realRoot, real)}", không phải một tệp mẫu .hbs; không dùng. Trỏ liên kết tới một tệp .hbs, hoặc xóa nó.`,
      p,
    );
    return false;
  }
  if (!st.isFile()) {
    w.problem('tệp này không phải tệp thường (là thiết bị, ống dẫn…), không dùng được làm mẫu. Xóa nó khỏi thư mục mẫu.', p);
    return false;
  }
  return true;
}

function realRootOf(dir: string, problem: Problem): string | undefined {
  try {
    const real = realpathSync(dir);
    if (statSync(real).isDirectory()) return real;
    problem('--template phải là một thư mục mẫu, không phải tệp', dir);
  } catch (e) {
    problem((e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'không tìm thấy thư mục mẫu' : unreadable('thư mục mẫu', e), dir);
  }
  return undefined;
}

function scan(dir: string, problem: Problem): FolderScan {
  const out: FolderScan = { files: [], dirs: [] };
  const realRoot = realRootOf(dir, problem);
  if (realRoot === undefined) return out;
  const w: Walk = { realRoot, problem, out };
  out.dirs.push(dir);
  // Only document.hbs and partials/ are templates; nothing else in the folder is looked at.
  const main = join(dir, 'document.hbs');
  const mainEntry = existsEntry(main) ? resolveEntry(main, 'document.hbs', realRoot, w) : undefined;
  if (mainEntry && !mainEntry.st.isDirectory() && checkFile(main, mainEntry.real, mainEntry.st, w)) {
    out.files.push({ path: main, real: mainEntry.real, rel: 'document.hbs' });
  } else if (mainEntry?.st.isDirectory()) problem('document.hbs là một thư mục, không phải tệp mẫu.', main);
  const partials = join(dir, 'partials');
  const pEntry = existsEntry(partials) ? resolveEntry(partials, 'partials', realRoot, w) : undefined;
  if (pEntry && !pEntry.st.isDirectory()) problem('partials phải là thư mục chứa các mẫu con, không phải tệp.', partials);
  else if (pEntry && !inside(pEntry.real, realRoot)) problem(OUTSIDE_DIR, partials);
  else if (pEntry) walkDir(partials, pEntry.real, 'partials', [realRoot, pEntry.real], w);
  return out;
}

/** lstat without throwing: does anything (even a broken link) have this name? */
function existsEntry(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The templates of a folder; the first file that breaks the rules is a TemplateError naming it. */
export function scanTemplateFolder(dir: string): FolderScan {
  return scan(dir, (message, file) => {
    throw new TemplateError(message, file);
  });
}

/** The folders of a template folder that hold templates, never throwing (for watching). */
export function templateFolders(dir: string): string[] {
  return scan(dir, () => {}).dirs;
}

/**
 * Reads a scanned template through its real path, refusing a link put there since the scan
 * (O_NOFOLLOW), a pipe that would block (O_NONBLOCK, then only regular files) and huge files.
 */
export function readTemplate(f: TemplateFile): string {
  let fd: number | undefined;
  try {
    fd = openSync(f.real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) throw new TemplateError('tệp này không phải tệp thường, không dùng được làm mẫu. Xóa nó khỏi thư mục mẫu.', f.path);
    if (st.size > MAX_TEMPLATE_BYTES)
      throw new TemplateError(`tệp mẫu lớn hơn ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB, không dùng. Chia thành các mẫu con nhỏ hơn.`, f.path);
    return readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw new TemplateError(unreadable('tệp mẫu', e), f.path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
