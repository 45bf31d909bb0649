/**
 * The deal's periods: each payment date (nominal and business-day adjusted) with the collection
 * period that feeds it. Collection period k runs from the day after collection date k−1 (the
 * cutoff for the first) through collection date k; pool cash due in it is available on payment
 * date k.
 */
import { adjust, getCalendar, type Calendar } from '../dates/calendar.js';
import { addDays, compareDates, toDayNumber, type IsoDate } from '../dates/date.js';
import { nominalDates } from '../dates/schedule.js';
import type { DealFile } from '../schema/deal.js';

export interface DealPeriod {
  /** 1-based period number. */
  index: number;
  /** The payment date as the schedule states it. */
  nominalDate: IsoDate;
  /** The day the cash moves: the nominal date adjusted by the business-day rule. */
  date: IsoDate;
  /** First and last day of the collection period (inclusive). */
  collectionStart: IsoDate;
  collectionEnd: IsoDate;
}

export interface DealSchedule {
  periods: DealPeriod[];
  calendar: Calendar;
}

export function expandDates(schedule: DealFile['dates']['paymentDates']): IsoDate[] {
  return 'dates' in schedule ? [...schedule.dates] : nominalDates(schedule);
}

/**
 * Builds the periods. Throws CalendarRangeError when a payment date falls past the published
 * holiday data and the deal does not allow a weekends-only rule there.
 */
export function dealSchedule(dates: DealFile['dates']): DealSchedule {
  const calendar = getCalendar(dates.calendar, { beyondData: dates.calendarBeyondData, extraClosures: dates.extraClosures });
  const nominal = expandDates(dates.paymentDates);
  const collection = dates.collectionDates ? expandDates(dates.collectionDates) : nominal;
  const periods: DealPeriod[] = nominal.map((nominalDate, i) => {
    // With fewer collection dates than payment dates, the later periods collect nothing new.
    const end = collection[Math.min(i, collection.length - 1)]!;
    const prevEnd = i === 0 ? dates.cutoff : collection[Math.min(i - 1, collection.length - 1)]!;
    const start = i > 0 && i >= collection.length ? addDays(end, 1) : addDays(prevEnd, 1);
    return {
      index: i + 1,
      nominalDate,
      date: adjust(nominalDate, dates.businessDayRule, calendar),
      collectionStart: start,
      collectionEnd: compareDates(end, start) < 0 ? addDays(start, -1) : end,
    };
  });
  return { periods, calendar };
}

/**
 * The index (0-based) of the period whose collection window holds `date`; −1 when it falls
 * after the last collection date, and 0 for dates before the first window (there are none after
 * the cutoff filter).
 */
export function periodOfDate(periods: readonly DealPeriod[], date: IsoDate): number {
  for (let i = 0; i < periods.length; i++) if (compareDates(date, periods[i]!.collectionEnd) <= 0) return i;
  return -1;
}

/**
 * {@link periodOfDate} as a lookup by day number, built once for many dates (a pool's flows):
 * the period of each day from the first collection end to the last, found in one pass.
 */
export function periodLookup(periods: readonly DealPeriod[]): (date: IsoDate) => number {
  if (periods.length === 0) return () => -1;
  const ends = periods.map((p) => toDayNumber(p.collectionEnd));
  const first = ends[0]!;
  let last = first;
  for (const e of ends) if (e > last) last = e;
  // table[d − first − 1]: the first period whose collection end is on or after day d.
  const table = new Int32Array(last - first);
  let reached = first;
  ends.forEach((e, i) => {
    for (; reached < e; reached++) table[reached - first] = i;
  });
  return (date) => {
    const d = toDayNumber(date);
    if (d <= first) return 0;
    return d > last ? -1 : table[d - first - 1]!;
  };
}
