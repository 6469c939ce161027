// Progress for clerks, in Vietnamese: a bar with count, rate and time left on a terminal;
// plain log lines otherwise (CI logs, files).

export interface ProgressSink {
  /** A row is done; `line` is what to log for it (undefined = nothing to say). */
  row(line: string | undefined, isError: boolean): void;
  /** Text that must be visible now (errors, notices). */
  notice(text: string): void;
  done(): void;
}

const fmt1 = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The bar line: "[██████░░░░] 120/1000 12%  35,2 kế hoạch/giây  còn 0:25". */
export function barLine(done: number, total: number, elapsedMs: number, width = 24): string {
  const frac = total ? done / total : 1;
  const full = Math.round(frac * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${done}/${total} ${Math.floor(frac * 100)}%  ${fmt1(rate)} kế hoạch/giây  còn ${clock(eta)}`;
}

/** Where progress goes: process.stdout / process.stderr or any stream-like object. */
interface Writer {
  write(chunk: string): unknown;
}

export function createProgress(total: number, opts: { tty: boolean; quiet?: boolean; out?: Writer; err?: Writer }): ProgressSink {
  const out = opts.out ?? process.stdout;
  const err = opts.err ?? process.stderr;
  const started = performance.now();
  let done = 0;
  if (!opts.tty) {
    return {
      row(line, isError) {
        done++;
        if (!line) return;
        if (isError) err.write(`[${done}/${total}] ${line}\n`);
        else if (!opts.quiet) out.write(`[${done}/${total}] ${line}\n`);
      },
      notice: (text) => err.write(text + '\n'),
      done() {},
    };
  }
  let lastDraw = 0;
  let drawn = false;
  const draw = (force = false) => {
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    err.write(`\r\x1b[2K${barLine(done, total, now - started)}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) err.write('\r\x1b[2K');
  };
  return {
    row(line, isError) {
      done++;
      if (line && isError) {
        clear();
        err.write(line + '\n');
        draw(true);
      } else draw(done === total);
    },
    notice(text) {
      clear();
      err.write(text + '\n');
      draw(true);
    },
    done() {
      if (done < total || !drawn) draw(true);
      err.write('\n');
    },
  };
}
