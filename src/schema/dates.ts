/** The deal's calendar: cutoff and closing, payment dates, business-day rule. */
import { z } from 'zod';
import { Assumed, IsoDate, wholeNumber } from './primitives.js';

export { DayCount } from '../fields/primitives.js';

/** Every N months on a day of month (or month end), from a first date to a last. */
export const DateRule = z
  .strictObject({
    everyMonths: wholeNumber(1, 120),
    day: z.union([z.number().max(31, { abort: true }).int().min(1), z.literal('monthEnd')]),
    first: IsoDate,
    last: IsoDate,
  })
  .meta({ description: 'Dates every `everyMonths` months on `day` (or "monthEnd"), from `first` to `last` inclusive.' });

export const DateList = z
  .strictObject({ dates: z.array(IsoDate).min(1) })
  .meta({ description: 'An explicit list of dates, in order.' });

export const DateSchedule = z.union([DateRule, DateList]);

export const BusinessDayRule = z.enum(['following', 'modifiedFollowing', 'preceding', 'none']);
export const CalendarName = z.enum(['cn-exchange', 'weekends', 'none']);

export const DealDates = z
  .strictObject({
    cutoff: IsoDate.meta({ description: '初始起算日 / 基准日: the pool is counted from this date.' }),
    closing: IsoDate.meta({ description: '设立日: the plan is established and the tranches issued.' }),
    paymentDates: DateSchedule.meta({ description: 'Nominal tranche payment dates (兑付日), before business-day adjustment.' }),
    collectionDates: DateSchedule.optional().meta({
      description: 'Ends of the collection periods (归集日/计算日); default: the nominal payment dates.',
    }),
    businessDayRule: BusinessDayRule.default('following'),
    calendar: CalendarName.default('cn-exchange').meta({
      description: 'cn-exchange: Shanghai/Shenzhen exchange days (no weekends, no public holidays).',
    }),
    calendarBeyondData: z.enum(['error', 'weekends']).default('error').meta({
      description: 'For dates past the last year of published holidays: an error, or a warning and a weekends-only rule.',
    }),
    extraClosures: z.array(IsoDate).optional().meta({
      description:
        'Days the exchanges closed beyond the State Council holidays (e.g. 2024-02-09, 除夕, per the SSE notice of 2023-12-26).',
    }),
    assumed: Assumed,
  });
