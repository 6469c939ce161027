// Where a Word file or a text dropped on the editor becomes a plan: the single entry point the
// drop zone calls, over `kehoach import` (src/import/, loaded on first use).
import type { Json } from './plan-text.js';

/** A file the import cannot turn into a plan (not a KẾ HOẠCH, unreadable, or of another kind). */
export class ImportUnsupported extends Error {
  constructor(name: string, why = 'chỉ nhập được tệp Word (.docx) hoặc văn bản (.txt, .md)') {
    super(`Không nhập được "${name}": ${why}. Có thể bắt đầu một kế hoạch mới hoặc mở một tệp kế hoạch (.yaml, .json).`);
    this.name = 'ImportUnsupported';
  }
}

export interface Imported {
  /** The plan read from the file. */
  data: Json;
  /** What the import could not place, for the clerk to check (Vietnamese). */
  notes: string[];
  /** The plan as `kehoach import` writes it in YAML: each warning a comment above its field. */
  yaml: string;
}

/** The files the drop zone and the command line treat as something to import. */
export const IMPORTABLE = /\.(docx|txt|md)$/i;

/** Reads a dropped file (DOCX, TXT, MD) into a plan, with the import's warnings as notes. */
export async function importFile(bytes: Uint8Array, name: string): Promise<Imported> {
  if (!IMPORTABLE.test(name)) throw new ImportUnsupported(name);
  const [{ importDoc }, { readDocx }, { readText }, { decodeUtf8 }, { locText }, { planYaml }] = await Promise.all([
    import('../import/index.js'),
    import('../import/readers/docx.js'),
    import('../import/readers/text.js'),
    import('../reader/source.js'),
    import('../import/source.js'),
    import('../import/write-yaml.js'),
  ]);
  let r: ReturnType<typeof importDoc>;
  try {
    r = importDoc(/\.docx$/i.test(name) ? readDocx(bytes, name) : readText(decodeUtf8(bytes, name), name));
  } catch (e) {
    throw new ImportUnsupported(name, `tệp không đọc được (${(e as Error).message.replace(/\.$/, '')})`);
  }
  if (r.notPlan || !r.plan) throw new ImportUnsupported(name, `đây là ${r.type ?? 'văn bản không nhận ra loại'}, không phải kế hoạch`);
  return {
    data: r.plan as Json,
    notes: r.warnings.map((w) => (w.loc ? `${locText(w.loc)}: ${w.message}` : w.message)),
    yaml: planYaml(r.plan, r.warnings, name),
  };
}
