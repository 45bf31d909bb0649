/**
 * A deal's own index paths (no scenario change), for what reads a pool's contractual flows
 * outside a run (pool statistics and reports): floating loans then show the flows a base-case
 * run collects.
 */
import { getCalendar } from '../dates/calendar.js';
import { rateEnv, type RateEnv } from '../rates/env.js';
import type { DealFile } from '../schema/deal.js';

const envs = new WeakMap<DealFile, RateEnv>();

/** The deal's index paths on its holiday calendar; undefined when it defines no indices. */
export function dealRates(spec: DealFile): RateEnv | undefined {
  if (!spec.indices) return undefined;
  let env = envs.get(spec);
  if (!env) {
    const d = spec.dates;
    envs.set(spec, (env = rateEnv(spec.indices, getCalendar(d.calendar, { beyondData: d.calendarBeyondData, extraClosures: d.extraClosures }))));
  }
  return env;
}
