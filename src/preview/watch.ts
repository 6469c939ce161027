// Watches folders (not files): editors often save by writing a new file and renaming it over
// the old one, which a watch on the old file would miss. Bursts of events (one save can give
// several) are debounced into one call.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isIgnoredName } from '../template/folder.js';

/** Which names in a folder matter; null is "some file changed" on platforms that omit the name. */
export type NameFilter = (name: string | null) => boolean;

export class FolderWatcher {
  private readonly watchers = new Map<string, { watcher: FSWatcher; filter: NameFilter }>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly onChange: () => void,
    private readonly delayMs = 50,
  ) {}

  /** Replaces the watched set: folder → filter of the names that matter in it. */
  set(targets: Map<string, NameFilter>): void {
    if (this.closed) return;
    for (const [dir, w] of this.watchers) {
      if (!targets.has(dir)) {
        w.watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const [dir, filter] of targets) {
      const current = this.watchers.get(dir);
      if (current) {
        current.filter = filter;
        continue;
      }
      if (!existsSync(dir)) continue;
      try {
        const entry = { filter, watcher: undefined as unknown as FSWatcher };
        entry.watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (entry.filter(name === null ? null : String(name))) this.schedule();
        });
        // A folder removed while watched: forget it; the next build decides again.
        entry.watcher.on('error', () => {
          entry.watcher.close();
          this.watchers.delete(dir);
          this.schedule();
        });
        this.watchers.set(dir, entry);
      } catch {
        // Not watchable (permissions, vanished meanwhile): the other folders still work.
      }
    }
  }

  folders(): string[] {
    return [...this.watchers.keys()];
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onChange(), this.delayMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
  }
}

/**
 * Editor scratch files (vim's 4913 and .swp, backups~, Emacs .#locks, hidden temp files) are
 * not templates: the same names the template loader skips (template/folder.ts).
 */
export function isTemplateName(name: string | null): boolean {
  if (name === null) return true;
  const base = name.split(/[\\/]/).pop() ?? name;
  if (isIgnoredName(base)) return false;
  // A template, or a name without extension (a new folder of partials).
  return base.endsWith('.hbs') || !base.includes('.');
}
