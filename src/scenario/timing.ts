/**
 * When cumulative defaults fall: the timing weights of a cumulative default rate over the
 * periods in which the pool has a balance.
 */
import { assertNever } from '../util/never.js';
import type { ScenarioSpec } from './schema.js';

export type DefaultTiming = NonNullable<ScenarioSpec['defaultRate']>['timing'];

/**
 * Timing weights of cumulative defaults over `m` active periods. Front-loaded by x: the first
 * half of the time carries 50% + x of the defaults, the second half 50% − x, evenly within each
 * half (a period straddling the middle takes its share of each).
 */
export function timingWeights(timing: DefaultTiming, m: number): number[] {
  if (m <= 0) return [];
  if (timing === 'even') return Array.from({ length: m }, () => 1 / m);
  if ('explicit' in timing) {
    const w = Array.from({ length: m }, (_, k) => timing.explicit[k] ?? 0);
    const total = w.reduce((a, b) => a + b, 0);
    return total > 0 ? w.map((x) => x / total) : w;
  }
  let loaded: number;
  if ('frontLoaded' in timing) loaded = timing.frontLoaded.toNumber();
  else if ('backLoaded' in timing) loaded = -timing.backLoaded.toNumber();
  else return assertNever(timing, 'default timing');
  const x = Math.min(0.5, loaded);
  const first = 2 * (0.5 + x);
  const second = 2 * (0.5 - x);
  return Array.from({ length: m }, (_, k) => {
    const a = k / m;
    const b = (k + 1) / m;
    const inFirst = Math.max(0, Math.min(b, 0.5) - a);
    const inSecond = Math.max(0, b - Math.max(a, 0.5));
    return inFirst * first + inSecond * second;
  });
}
