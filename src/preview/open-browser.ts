// Opens the preview in the clerk's browser, where there is one to open.
import { spawn } from 'node:child_process';

/** The command that opens a URL on this platform, or undefined when there is no display. */
export function openCommand(url: string, platform = process.platform, env: Record<string, string | undefined> = process.env): [string, string[]] | undefined {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return ['xdg-open', [url]];
}

/** Starts the browser without waiting for it; false when it could not be started. */
export function openBrowser(url: string, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const cmd = openCommand(url, process.platform, env);
  if (!cmd) return Promise.resolve(false);
  return new Promise((done) => {
    try {
      const child = spawn(cmd[0], cmd[1], { stdio: 'ignore', detached: true, windowsHide: true, env });
      child.once('error', () => done(false));
      child.once('spawn', () => {
        child.unref();
        done(true);
      });
    } catch {
      done(false);
    }
  });
}
