// What every rule gets: the document, its located parts, where each paragraph falls on the pages,
// the theme's fonts, and a collector that words each finding the same way ("trang 2, dòng 5 “…”")
// and groups repeated ones ("4 đoạn").
import type { DocxFile } from '../docx-file.js';
import { excerpt, type Located } from '../locate.js';
import type { Para } from '../model.js';
import type { Position } from '../position.js';
import type { Segment } from '../segments.js';
import type { ThemeFonts } from '../theme.js';
import { kid } from '../xml.js';

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Where, as the clerk finds it in Word: "trang 2, dòng 5 “Chủ tịch Ủy ban…”", "mục (section) 2". */
  where?: string;
  /** What to do, in the clerk's words. */
  fix?: string;
  /** How many places share the finding (grouped), when more than one. */
  count?: number;
  /** Page and line of the (first) place, for reports. */
  at?: Position;
  source: string;
}

export const SOURCE = 'NĐ 30, Phụ lục I';

type Place = Para | Segment | string | undefined;

export class Ctx {
  readonly out: Finding[] = [];
  private readonly groups = new Map<string, { f: Finding; unit: string }>();

  /** Default tab stop interval, twips (settings.xml; Word's 1.27 cm otherwise). */
  readonly defaultTab: number;

  constructor(
    readonly doc: DocxFile,
    readonly loc: Located,
    readonly positions: Map<Para, Position>,
    readonly theme: ThemeFonts,
  ) {
    const tab = doc.settings && kid(doc.settings, 'w:defaultTabStop');
    this.defaultTab = Number(tab?.attrs['w:val']) || 720;
  }

  private place(at: Place): { where?: string; pos?: Position } {
    if (at === undefined || typeof at === 'string') return { where: at };
    const para = 'para' in at ? at.para : at;
    const text = 'para' in at ? at.text : para.text;
    const pos = this.positions.get(para);
    const quote = `“${excerpt(text)}”`;
    return { where: pos ? `trang ${pos.page}, dòng ${pos.line} ${quote}` : quote, pos };
  }

  add(rule: string, severity: Finding['severity'], message: string, at?: Place, opts: { fix?: string; source?: string } = {}): void {
    const { where, pos } = this.place(at);
    this.out.push({ rule, severity, message, where, at: pos, fix: opts.fix, source: opts.source ?? SOURCE });
  }

  /**
   * A problem that may repeat (a body paragraph's size, a recipient's punctuation): one finding per
   * rule and key, counting places; `unit` names them ("đoạn", "dòng nơi nhận").
   */
  group(rule: string, key: string, severity: Finding['severity'], message: string, at: Place, unit: string, fix?: string): void {
    const k = `${rule}\u0000${key}`;
    const g = this.groups.get(k);
    if (g) {
      g.f.count = (g.f.count ?? 1) + 1;
      return;
    }
    const { where, pos } = this.place(at);
    const f: Finding = { rule, severity, message, where, at: pos, fix, source: SOURCE };
    this.groups.set(k, { f, unit });
    this.out.push(f);
  }

  /** Final wording of grouped findings: "(4 đoạn; chỗ đầu tiên: …)". */
  finish(): Finding[] {
    for (const { f, unit } of this.groups.values())
      if (f.count && f.count > 1) {
        f.message = `${f.message} (${f.count} ${unit})`;
        if (f.where) f.where = `chỗ đầu tiên: ${f.where}`;
      }
    return this.out;
  }
}

export const inRange = (v: number, lo: number, hi: number) => v >= lo - 0.01 && v <= hi + 0.01;
