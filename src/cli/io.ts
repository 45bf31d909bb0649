/** What a command may touch: its output streams and an exit code. Tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  exitCode?: number;
  /** The terminal's width when stdout is one: wide tables are cut to fit. */
  columns?: number;
}

/** True for the error of writing to a pipe whose reader has gone (`ipabs run … | head -1`). */
export function isBrokenPipe(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'EPIPE';
}

/**
 * The process's streams. A reader that closes the pipe early (`| head -1`) is not an error:
 * the rest of the output is dropped quietly and the exit code is the command's own (no EPIPE
 * stack trace, no exit 1). Other stream errors are thrown as before.
 */
export function processIo(): Io {
  const stream = (s: NodeJS.WriteStream) => {
    let closed = false;
    s.on('error', (err) => {
      // After EPIPE the stream is destroyed: a write already on its way fails with this.
      if (!isBrokenPipe(err) && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_DESTROYED') throw err;
      closed = true;
    });
    return (t: string) => {
      if (closed || s.destroyed) return;
      try {
        s.write(t);
      } catch (err) {
        if (!isBrokenPipe(err)) throw err;
        closed = true;
      }
    };
  };
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    columns: process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined,
  };
}

/** An Io that keeps what is written, for tests. */
export function memoryIo(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    exitCode: undefined as number | undefined,
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}
