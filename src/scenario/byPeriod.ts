/**
 * A pool performance's default events by the period of the default, and their recoveries and
 * compensation by the period they arrive in, as the engine reads them period by period.
 */
import type { MoneyDefaultEvent, MoneyPoolPerformance } from './poolTypes.js';

/** No events or arrivals in a period: one empty list shared by all (never changed). */
const NO_EVENTS: MoneyDefaultEvent[] = [];
const NO_ARRIVALS: MoneyPoolPerformance['arrivalsByPeriod'][number] = [];

export type ByPeriod = { events: MoneyDefaultEvent[][]; arrivals: MoneyPoolPerformance['arrivalsByPeriod'] };

/** Per number of periods, the lists of a run that lists no event: every period's empty list (shared: never changed). */
const noEvents = new Map<number, ByPeriod>();

export function noneByPeriod(n: number): ByPeriod {
  let lists = noEvents.get(n);
  if (!lists) noEvents.set(n, (lists = { events: new Array<MoneyDefaultEvent[]>(n).fill(NO_EVENTS), arrivals: new Array<ByPeriod['arrivals'][number]>(n).fill(NO_ARRIVALS) }));
  return lists;
}

/** Events by the period of their default, and arrivals by the period they arrive in. */
export function listedByPeriod(events: readonly MoneyDefaultEvent[], n: number): ByPeriod {
  // Counted first so that each list is allocated at its size (there can be one per asset and period).
  const eventCount = new Array<number>(n).fill(0);
  const arrivalCount = new Array<number>(n).fill(0);
  for (const e of events) {
    eventCount[e.period]!++;
    for (const a of e.arrivals) arrivalCount[a.period]!++;
  }
  // Periods without any share one empty list (never changed).
  const eventsByPeriod = eventCount.map((c) => (c === 0 ? NO_EVENTS : new Array<MoneyDefaultEvent>(c)));
  const arrivalsByPeriod = arrivalCount.map((c) => (c === 0 ? NO_ARRIVALS : new Array<MoneyPoolPerformance['arrivalsByPeriod'][number][number]>(c)));
  eventCount.fill(0);
  arrivalCount.fill(0);
  for (const e of events) {
    eventsByPeriod[e.period]![eventCount[e.period]!++] = e;
    for (const a of e.arrivals) arrivalsByPeriod[a.period]![arrivalCount[a.period]!++] = { event: e, amount: a.amount, kind: a.kind };
  }
  return { events: eventsByPeriod, arrivals: arrivalsByPeriod };
}
