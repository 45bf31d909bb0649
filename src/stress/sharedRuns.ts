/**
 * Default patterns run in an order that lets them share what they have in common. Taken by
 * their defaults in period order, patterns sorted alike agree on every period before their first
 * difference: a pattern resumes from the checkpoint an earlier one kept at the start of a period
 * where everything before was the same (the base run's, when none was), rather than from its own
 * first default. A checkpoint is kept at the start of each period with a default, and stays
 * usable while the patterns that follow begin with the same defaults before its period.
 */
import type { Checkpoint, Resume } from '../engine/run.js';

/** One drawn default: obligor index, 0-based period, recovery in basis points. */
type Default = readonly [obligor: number, period: number, recoveryBp: number];

/** A checkpoint, and how many of the defaults (in period order) of the run that kept it came before it. */
interface Kept extends Checkpoint {
  defaults: number;
}

const byPeriod = (a: Default, b: Default): number => a[1] - b[1] || a[0] - b[0] || a[2] - b[2];

/** Patterns (each in period order) in order, default by default; a pattern before the longer ones it begins. */
function comparePatterns(a: readonly Default[], b: readonly Default[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = byPeriod(a[i]!, b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** How many leading defaults two patterns (in period order) share. */
function sharedDefaults(a: readonly Default[], b: readonly Default[]): number {
  let i = 0;
  while (i < a.length && i < b.length && byPeriod(a[i]!, b[i]!) === 0) i++;
  return i;
}

/**
 * Drops the checkpoints that do not fit `p`, which begins with `shared` defaults of the pattern
 * run before it. A checkpoint fits when the defaults of `p` before its period are those before
 * it in its run: the first `defaults` of them. So it does when `defaults ≤ shared`: the run
 * before had its next default (if any) no earlier than the checkpoint, and in the sorting order
 * `p`'s next one comes no earlier than that.
 */
function dropUnfit(stack: Kept[], shared: number): void {
  while (stack.length > 0 && stack[stack.length - 1]!.defaults > shared) stack.pop();
}

/** A finished run of a pattern that begins the patterns now being run: its defaults, its last period, its result. */
interface Finished<R> {
  defaults: number;
  ran: number;
  result: R;
}

/**
 * The result of a run that stands for `p`: one of a pattern `p` begins with, which stopped (every
 * tranche repaid) before `p`'s next default. Until its last period `p` runs exactly as it did
 * (a default changes nothing before its period), and stops there as it did.
 */
function standingFor<R>(finished: readonly Finished<R>[], p: readonly Default[]): Finished<R> | undefined {
  for (let j = finished.length - 1; j >= 0; j--) {
    const q = finished[j]!;
    if (q.defaults < p.length && p[q.defaults]![1] > q.ran) return q;
  }
  return undefined;
}

/**
 * Runs every pattern through `run(i, resume)` (which passes `resume` to ResumableRun.run) in
 * the sharing order, and returns the results in the order given. `done(n, i)`: the n-th
 * pattern, i, is finished. With `reuseStopped`, a pattern whose defaults beyond those of one
 * run before all fall after that run stopped takes its result instead of running: for results
 * that read only what a run did up to its last period (a tranche's loss, WAL and lateness; not
 * what would arrive after the deal's end), and for runs that stop early only once every tranche
 * is repaid (RunOptions.stopWhenRepaid).
 */
export function runSharingPrefixes<R>(patterns: readonly (readonly Default[])[], run: (i: number, resume: Resume) => R, done?: (n: number, i: number) => void, reuseStopped = false): R[] {
  const sorted = patterns.map((p) => [...p].sort(byPeriod));
  const order = sorted.map((_, i) => i).sort((a, b) => comparePatterns(sorted[a]!, sorted[b]!));
  const results = new Array<R>(patterns.length);
  const stack: Kept[] = [];
  // The finished runs of patterns the last one begins with (shortest first).
  const finished: Finished<R>[] = [];
  let previous: readonly Default[] = [];
  order.forEach((i, n) => {
    const p = sorted[i]!;
    const shared = sharedDefaults(previous, p);
    dropUnfit(stack, shared);
    while (finished.length > 0 && finished[finished.length - 1]!.defaults > shared) finished.pop();
    previous = p;
    const standing = reuseStopped ? standingFor(finished, p) : undefined;
    if (standing) {
      results[i] = standing.result;
      done?.(n + 1, i);
      return;
    }
    const start = stack[stack.length - 1];
    const from = start?.period ?? p[0]?.[1] ?? 0;
    // Checkpoints the next pattern would drop at once are not kept: it begins with `useful` of p's defaults.
    const next = order[n + 1];
    const useful = next === undefined ? 0 : sharedDefaults(p, sorted[next]!);
    const keepAt: number[] = [];
    for (let j = 1; j <= useful && j < p.length; j++) {
      const k = p[j]![1];
      if (k > from && k > p[j - 1]![1]) keepAt.push(k);
    }
    const kept: Checkpoint[] = [];
    const resume: Resume = { start, keepAt, kept };
    results[i] = run(i, resume);
    if (resume.ran !== undefined) finished.push({ defaults: p.length, ran: resume.ran, result: results[i] });
    let before = 0;
    for (const c of kept) {
      while (before < p.length && p[before]![1] < c.period) before++;
      stack.push({ period: c.period, state: c.state, defaults: before });
    }
    done?.(n + 1, i);
  });
  return results;
}
