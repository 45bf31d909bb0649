/**
 * Dates module: ISO calendar dates (`YYYY-MM-DD`), business-day calendars, day counts and
 * payment schedules.
 */
export {
  type IsoDate,
  isIsoDate,
  isLeapYear,
  lastDayOfMonth,
  toDayNumber,
  fromDayNumber,
  addDays,
  daysBetween,
  compareDates,
  dayOfWeek,
  dayOfWeekOfNumber,
  isWeekend,
  addMonths,
  dateParts,
  makeDate,
} from './date.js';
export {
  CALENDAR_NAMES,
  BUSINESS_DAY_RULES,
  type CalendarName,
  type BusinessDayRule,
  type BeyondDataPolicy,
  type CalendarOptions,
  type Calendar,
  CalendarRangeError,
  getCalendar,
  adjust,
  addBusinessDays,
  businessDaysBetween,
} from './calendar.js';
export { DAY_COUNTS, type DayCount, isDayCount, accrualDays, yearFraction } from './daycount.js';
export { type ScheduleRule, nominalDates, adjustedDates } from './schedule.js';
export { DATE_FORMS, readDateText, excelSerialDate, dateOfMoment, formatIsoDate } from './dateText.js';
export { UtcDate } from './utcDate.js';
