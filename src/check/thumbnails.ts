// Page 1 of each checked file as a picture, with where each finding is on it: LibreOffice renders
// the DOCX to PDF (one run for all files), poppler turns page 1 into a PNG and gives the words'
// boxes, and each finding's quoted text is found among them. Optional: without LibreOffice or
// poppler the report simply has no pictures.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Thumbnail {
  png: string; // base64
  width: number; // pt
  height: number;
  /** Per finding (same order): its box on page 1, pt from the top left, when found. */
  boxes: ({ x: number; y: number; w: number; h: number } | undefined)[];
}

interface Word {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  text: string;
}

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

function words(pdf: string): { width: number; height: number; words: Word[] } {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8', maxBuffer: 32 << 20 });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(xml);
  const list = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x1: +m[1],
    y1: +m[2],
    x2: +m[3],
    y2: +m[4],
    text: m[5]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
  return { width: page ? +page[1] : 595, height: page ? +page[2] : 842, words: list };
}

/** The box of the words that spell `quote` (its start, spaces ignored) on the page. */
function find(list: Word[], quote: string): Thumbnail['boxes'][number] {
  const want = squash(quote.replace(/…$/, '')).slice(0, 24);
  if (!want) return undefined;
  for (let i = 0; i < list.length; i++) {
    let got = '';
    for (let j = i; j < list.length && got.length < want.length; j++) {
      got += squash(list[j].text);
      if (!want.startsWith(got.slice(0, want.length)) && !got.startsWith(want)) break;
      if (got.length >= want.length || j === list.length - 1) {
        const span = list.slice(i, j + 1);
        const x = Math.min(...span.map((w) => w.x1));
        const y = Math.min(...span.map((w) => w.y1));
        return { x: x - 2, y: y - 2, w: Math.max(...span.map((w) => w.x2)) - x + 4, h: Math.max(...span.map((w) => w.y2)) - y + 4 };
      }
    }
  }
  return undefined;
}

/** Thumbnails for the given DOCX files (undefined per file it could not render), or undefined when the tools are missing. */
export function pageOneThumbnails(files: string[], quotes: string[][]): (Thumbnail | undefined)[] | undefined {
  if (!files.length || !has('soffice') || !has('pdftoppm') || !has('pdftotext')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-report-'));
  try {
    const copies = files.map((f, k) => {
      const c = join(dir, `f${k}.docx`);
      copyFileSync(f, c);
      return c;
    });
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...copies],
      {
        stdio: 'ignore',
        timeout: 300_000,
      },
    );
    return files.map((_f, k) => {
      const pdf = join(dir, `f${k}.pdf`);
      if (!existsSync(pdf)) return undefined;
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, `f${k}`)], { stdio: 'ignore' });
      const page = words(pdf);
      return {
        png: readFileSync(join(dir, `f${k}.png`)).toString('base64'),
        width: page.width,
        height: page.height,
        boxes: quotes[k].map((q) => find(page.words, q)),
      };
    });
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
