/** Progress on long work: a redrawn bar on a terminal, a plain line per step otherwise. */
export interface Progress {
  tick(step?: number, note?: string): void;
  done(note?: string): void;
}

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  label: string,
  total: number,
  enabled = true,
): Progress {
  const started = Date.now();
  let current = 0;
  let lastPlain = -1;
  let lastPlainCount = -1;
  const tty = stream.isTTY === true;
  const render = (note?: string): void => {
    if (!enabled) return;
    const pct = total > 0 ? Math.min(1, current / total) : 1;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (tty) {
      const width = 24;
      const filled = Math.round(pct * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      stream.write(
        `\r${label} [${bar}] ${current}/${total} ${secs}s${note ? ` ${note}` : ''}\x1b[K`,
      );
    } else {
      // Plain output: one line per 10% so logs stay short.
      const decile = Math.floor(pct * 10);
      if (current === lastPlainCount) return; // done() after the last tick adds nothing
      if (decile === lastPlain && current !== total) return;
      lastPlain = decile;
      lastPlainCount = current;
      stream.write(
        `${label}: ${current}/${total} (${Math.round(pct * 100)}%) ${secs}s${note ? ` ${note}` : ''}\n`,
      );
    }
  };
  return {
    tick(step = 1, note) {
      current += step;
      render(note);
    },
    done(note) {
      current = total;
      render(note);
      if (tty && enabled) stream.write('\n');
    },
  };
}
