/**
 * The deal's periods: each payment date (nominal and business-day adjusted) with the collection
 * period that feeds it. Collection period k runs from the day after collection date k−1 (the
 * cutoff for the first) through collection date k; pool cash due in it is available on payment
 * date k.
 */
import { adjust, getCalendar, type Calendar } from '../dates/calendar.js';
import { addDays, compareDates, type IsoDate } from '../dates/date.js';
import { nominalDates } from '../dates/schedule.js';
import type { DealFile } from '../schema/deal.js';

/** One payment period of the deal: its payment date (stated and business-day adjusted) and the collection period it pays from. */
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

/** The deal's payment periods and the business-day calendar they were adjusted with. */
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
 * {@link periodOfDate} for many lists of dates (a pool's flows, asset by asset): the period of
 * each date of a list, walking the list along the collection ends, so that a list in date
 * order costs one string comparison a date (and a list met before, nothing). A list out of
 * order is still answered right. A list must not change once asked about.
 */
export function periodFinder(periods: readonly DealPeriod[]): (dates: readonly IsoDate[]) => Int32Array {
  // The latest collection end so far: the first period whose end is on or after a date is the
  // first whose latest end so far is (ISO dates compare as strings).
  const latest: IsoDate[] = [];
  for (const p of periods) latest.push(latest.length > 0 && compareDates(latest[latest.length - 1]!, p.collectionEnd) > 0 ? latest[latest.length - 1]! : p.collectionEnd);
  const n = latest.length;
  // Assets on the same payment plan share one list of dates: answered once.
  const known = new Map<readonly IsoDate[], Int32Array>();
  return (dates) => {
    let out = known.get(dates);
    if (out) return out;
    out = new Int32Array(dates.length);
    if (known.size < 4096) known.set(dates, out);
    let j = 0;
    let previous = '';
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i]!;
      if (d < previous) j = 0;
      previous = d;
      while (j < n && d > latest[j]!) j++;
      out[i] = j < n ? j : -1;
    }
    return out;
  };
}
