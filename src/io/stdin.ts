/**
 * Standard input as an input file: the CLI turns the path `-` of a deal or scenario into
 * {@link STDIN_NAME}, which the messages show and which reads standard input. It is read once,
 * whole, and kept: a command that reads its deal twice (`ipabs validate` looks at the document
 * before validating it; `ipabs size --out-deal` copies it) gets the same bytes again.
 */
import { readSync } from 'node:fs';

/** The name of standard input in messages and in a loaded deal's `file`; read as a path, it reads standard input. */
export const STDIN_NAME = '<stdin>';

/** What standard input held, once read (or how much was read when it went over a limit). */
let kept: Buffer | undefined;

/** Waits `ms` milliseconds without spinning (standard input opened non-blocking has nothing yet). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The bytes of standard input, at most `maxBytes` (`undefined` when there are more). Errors of
 * reading (EISDIR, EIO…) are thrown as Node gives them; the caller says them in words.
 */
export function readStdin(maxBytes: number): Buffer | undefined {
  if (kept === undefined) {
    const parts: Buffer[] = [];
    const buf = Buffer.allocUnsafe(1 << 16);
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(0, buf, 0, buf.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(5);
          continue;
        }
        if (code === 'EOF') break;
        throw err;
      }
      if (n === 0) break;
      parts.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      // Reading stops past the largest limit any later read may ask for.
      if (total > maxBytes) break;
    }
    kept = Buffer.concat(parts);
  }
  return kept.length > maxBytes ? undefined : kept;
}
