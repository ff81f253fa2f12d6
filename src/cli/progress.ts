import { safeOutput } from '../report/safe-text.js';

/** Where `licat build` shows what it is doing. */
export interface ProgressReporter {
  log: (message: string) => void;
  /** A notice the user must see even with --quiet (e.g. that SVG needs a browser). */
  warn: (message: string) => void;
  progress: (label: string, done: number, total: number) => void;
  /** End an unfinished bar line. */
  finish: () => void;
}

const WIDTH = 28;
const REDRAW_MS = 100;

/**
 * A bar redrawn in place on a terminal; on anything else (CI logs) one plain line per tenth of
 * each step; nothing at all when quiet.
 * @example const p = progressReporter(process.stderr, { quiet: false }); p.progress('halls', 10, 100);
 */
export function progressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }, options: { quiet: boolean }): ProgressReporter {
  // Messages may quote catalog text (item names, file names): made safe for the terminal here.
  if (options.quiet) return { log() {}, warn: (message) => stream.write(`${safeOutput(message)}\n`), progress() {}, finish() {} };
  const tty = stream.isTTY === true;
  let open = false;
  let lastDraw = 0;
  let lastLabel = '';
  let lastTenth = -1;
  const endLine = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    log(message) {
      endLine();
      stream.write(`${safeOutput(message)}\n`);
    },
    warn(message) {
      endLine();
      stream.write(`${safeOutput(message)}\n`);
    },
    progress(label, done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const counts = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      if (tty) {
        const now = Date.now();
        if (label === lastLabel && ratio < 1 && now - lastDraw < REDRAW_MS) return;
        if (label !== lastLabel) endLine();
        lastDraw = now;
        lastLabel = label;
        const filled = Math.round(ratio * WIDTH);
        stream.write(`\r\u001b[K${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${counts}`);
        open = true;
        if (ratio >= 1) endLine();
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (label === lastLabel && tenth <= lastTenth) return;
      lastLabel = label;
      lastTenth = tenth;
      stream.write(`${label}: ${counts} (${tenth * 10}%)\n`);
    },
    finish: endLine,
  };
}
