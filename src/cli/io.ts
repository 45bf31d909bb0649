import { writeSync } from 'node:fs';
import { fsErrorWords } from '../io/fsErrors.js';

/** What a command may touch: its output streams and an exit code. Tests pass their own. */
export interface Io {
  stdout(text: string): void;
  /** Bytes to stdout (a workbook); an Io without it cannot take a workbook on stdout. */
  stdoutBytes?(bytes: Uint8Array): void;
  /** True when stdout is a terminal: a workbook is not written there. */
  stdoutIsTerminal?: boolean;
  stderr(text: string): void;
  exitCode?: number;
  /** The terminal's width when stdout is one: wide tables are cut to fit. */
  columns?: number;
  /** Set when stderr is a terminal: long commands draw progress lines there after `delayMs` (src/cli/progress.ts). */
  progress?: { delayMs: number };
}

/** True for the error of writing to a pipe whose reader has gone (`ipabs run … | head -1`). */
export function isBrokenPipe(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'EPIPE';
}

/**
 * The process's streams. A reader that closes the pipe early (`| head -1`) is not an error:
 * the rest of the output is dropped quietly and the exit code is the command's own (no EPIPE
 * stack trace, no exit 1). Any other failure to write (stdout redirected to a full disk,
 * `> /dev/full`) is said in words on stderr and the exit code is 2, whenever it arrives: the
 * output is incomplete.
 */
export function processIo(): Io {
  let failed = false;
  const fail = (name: string, err: unknown) => {
    if (failed) return;
    failed = true;
    // The stream is broken: write the message past it, straight to the file descriptor.
    if (name === 'output') {
      try {
        writeSync(2, `ipabs: cannot write to standard output: ${fsErrorWords(err)}\n`);
      } catch {
        // stderr is gone too: the exit code alone says it.
      }
    }
    // Set on exit, so a command's own exit code of 0 does not hide an output it did not finish.
    process.on('exit', () => {
      if (!process.exitCode) process.exitCode = 2;
    });
  };
  // A stream is made on its first write: most commands never write to stderr, and making it
  // costs a millisecond or two at start-up (a pipe's loads node:net, a terminal's node:tty).
  const stream = (open: () => NodeJS.WriteStream, name: string) => {
    let closed = false;
    let opened: NodeJS.WriteStream | undefined;
    const get = (): NodeJS.WriteStream => {
      if (opened) return opened;
      const s = (opened = open());
      s.on('error', (err) => {
        closed = true;
        // After EPIPE the stream is destroyed: a write already on its way fails with this.
        if (!isBrokenPipe(err) && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_DESTROYED') fail(name, err);
      });
      return s;
    };
    return (t: string | Uint8Array) => {
      const s = get();
      if (closed || s.destroyed) return;
      try {
        s.write(t);
      } catch (err) {
        closed = true;
        if (!isBrokenPipe(err)) fail(name, err);
      }
    };
  };
  const stdout = stream(() => process.stdout, 'output');
  return {
    stdout,
    stdoutBytes: stdout,
    stdoutIsTerminal: Boolean(process.stdout.isTTY),
    stderr: stream(() => process.stderr, 'error'),
    columns: process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined,
    // Asked by the long commands only (and so stderr made only for them).
    get progress() {
      return process.stderr.isTTY ? { delayMs: 1000 } : undefined;
    },
  };
}

/** An Io that keeps what is written, for tests. */
export function memoryIo(): Io & { out: string; err: string; outBytes: Buffer } {
  const io = {
    out: '',
    err: '',
    outBytes: Buffer.alloc(0),
    exitCode: undefined as number | undefined,
    stdout(t: string) {
      io.out += t;
    },
    stdoutBytes(b: Uint8Array) {
      io.outBytes = Buffer.concat([io.outBytes, b]);
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}
