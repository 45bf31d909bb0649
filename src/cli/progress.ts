/**
 * Progress lines on a terminal: how far a long command is (Monte Carlo paths, the scenarios of a
 * stress grid, the searches of a break-even grid), the time it has taken and an estimate of the
 * time left, redrawn in place on stderr. Only when stderr is a terminal (`Io.progress`), and only
 * once a run has taken a second: files, pipes and quick runs get nothing, so outputs and goldens
 * do not depend on it.
 */
import type { Io } from './io.js';

/** Reports how far a command is; {@link finish} clears the line. */
export interface Progress {
  /** `fraction` done (0 to 1) and what that is in words (`Monte Carlo: 45% (5,100 of 11,429 default patterns)`). */
  update(fraction: number, what: string): void;
  finish(): void;
}

/** A duration in words a terminal line has room for: `45s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${two(Math.round((s % 3600) / 60) % 60)}m`;
}

/**
 * The timing part of a progress line: the time taken, and the time left at the pace since the
 * first report (`paceFrom`: its time and fraction, so the set-up before the work, drawing the
 * paths or preparing the deal, does not count as work): (1 − f) × (t − t₀) / (f − f₀).
 *
 * @example timing(0.5, 10_000, { ms: 2_000, fraction: 0.1 }) // '10s elapsed, about 10s left'
 */
export function timing(fraction: number, elapsedMs: number, paceFrom: { ms: number; fraction: number } = { ms: 0, fraction: 0 }): string {
  const worked = fraction - paceFrom.fraction;
  const took = elapsedMs - paceFrom.ms;
  const left = worked > 0 && took > 0 ? `about ${formatDuration(((1 - Math.min(1, fraction)) * took) / worked)} left` : 'estimating the time left';
  return `${formatDuration(elapsedMs)} elapsed, ${left}`;
}

/** The fewest milliseconds between two redraws. */
const REDRAW_MS = 200;

/**
 * A progress reporter writing to `io.stderr` when `io.progress` says it is a terminal, after
 * `io.progress.delayMs`; one that does nothing otherwise. `now` is the clock (tests pass theirs).
 */
export function terminalProgress(io: Io, now: () => number = Date.now): Progress {
  const shown = io.progress;
  if (!shown) return { update() {}, finish() {} };
  const started = now();
  let lastShown = -Infinity;
  let drawn = false;
  let first: { ms: number; fraction: number } | undefined;
  return {
    update(fraction, what) {
      const t = now();
      first ??= { ms: t - started, fraction };
      if (t - started < shown.delayMs || t - lastShown < REDRAW_MS) return;
      lastShown = t;
      drawn = true;
      io.stderr(`\r${what}, ${timing(fraction, t - started, first)}\x1b[K`);
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
      drawn = false;
    },
  };
}

/**
 * The rows `range.from` to `range.to` computed one by one with `row`, reporting each to
 * `progress` as `label: 45% (9 of 20 scenarios)`: for work whose rows are independent (a stress
 * grid's scenarios, a break-even grid's searches).
 */
export function rowsWithProgress<R>(range: { from: number; to: number }, row: (i: number) => R[], progress: Progress, label: string, unit: string): R[] {
  const out: R[] = [];
  const total = range.to - range.from;
  for (let i = range.from; i < range.to; i++) {
    out.push(...row(i));
    const done = i + 1 - range.from;
    progress.update(done / total, `${label}: ${Math.floor((100 * done) / total)}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit})`);
  }
  progress.finish();
  return out;
}
