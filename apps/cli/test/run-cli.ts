/** Runs the real `main` in-process with captured output, stdin treated as a pipe. */
import { Writable } from 'node:stream';
import { main } from '../src/main.js';

/** A writable stream that keeps what is written to it. */
export function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const out = sink();
  const err = sink();
  const code = await main(argv, {
    stdout: out.stream,
    stderr: err.stream,
    stdinIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
