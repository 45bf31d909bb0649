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

/**
 * Runs every pattern through `run(i, resume)` (which passes `resume` to ResumableRun.run) in
 * the sharing order, and returns the results in the order given. `done(n, i)`: the n-th run,
 * of pattern i, is finished.
 */
export function runSharingPrefixes<R>(patterns: readonly (readonly Default[])[], run: (i: number, resume: Resume) => R, done?: (n: number, i: number) => void): R[] {
  const sorted = patterns.map((p) => [...p].sort(byPeriod));
  const order = sorted.map((_, i) => i).sort((a, b) => comparePatterns(sorted[a]!, sorted[b]!));
  const results = new Array<R>(patterns.length);
  const stack: Kept[] = [];
  let previous: readonly Default[] = [];
  order.forEach((i, n) => {
    const p = sorted[i]!;
    dropUnfit(stack, sharedDefaults(previous, p));
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
    results[i] = run(i, { start, keepAt, kept });
    let before = 0;
    for (const c of kept) {
      while (before < p.length && p[before]![1] < c.period) before++;
      stack.push({ period: c.period, state: c.state, defaults: before });
    }
    previous = p;
    done?.(n + 1, i);
  });
  return results;
}
