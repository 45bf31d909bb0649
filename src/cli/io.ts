/** What a command may touch: its output streams and an exit code. Tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  exitCode?: number;
}

export function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
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
