/**
 * Dates as people write them, at the edges: what a tape cell or a deal file says
 * (`2024-01-15`, `2024/1/15`, `2024年1月15日`, `20240115`, an Excel serial day number) read
 * through date-fns into an ISO date, and ISO dates formatted for reports. Both work in UTC
 * ({@link UtcDate}), so the machine's time zone never moves a date. Inside, the engine keeps its
 * own integer day numbers (./date.ts): a hand-written loop over integers, allocation-free, where
 * a Date per step would not be.
 */
import { createRequire } from 'node:module';
import type { addDays as AddDays, format as Format, isValid as IsValid, parse as Parse } from 'date-fns';
import { UtcDate } from './utcDate.js';
import { isIsoDate, type IsoDate } from './date.js';

/** The four date-fns functions used here. */
interface DateFns {
  addDays: typeof AddDays;
  format: typeof Format;
  isValid: typeof IsValid;
  parse: typeof Parse;
}

let loaded: DateFns | undefined;

/**
 * date-fns, loaded on first use (its per-function modules): an ISO date, the form every sample
 * deal and most tapes write, needs none of it, and loading it at start-up cost `ipabs run` more
 * time than its whole run on a sample deal (measured: 20–40 ms).
 */
function dateFns(): DateFns {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const one = <K extends keyof DateFns>(name: K): DateFns[K] => (require(`date-fns/${name}`) as Record<K, DateFns[K]>)[name];
  return (loaded = { addDays: one('addDays'), format: one('format'), isValid: one('isValid'), parse: one('parse') });
}

/** The forms a date may be written in, as messages list them. */
export const DATE_FORMS = '2024-01-15, 2024/1/15, 2024.1.15, 2024年1月15日, 20240115 or an Excel serial day number like 45306';

/** Each written form: the shape it must have, and its date-fns pattern. */
const FORMS: readonly { shape: RegExp; pattern: string }[] = [
  { shape: /^\d{4}-\d{1,2}-\d{1,2}$/, pattern: 'yyyy-M-d' },
  { shape: /^\d{4}\/\d{1,2}\/\d{1,2}$/, pattern: 'yyyy/M/d' },
  { shape: /^\d{4}\.\d{1,2}\.\d{1,2}$/, pattern: 'yyyy.M.d' },
  { shape: /^\d{4}年\d{1,2}月\d{1,2}日$/, pattern: "yyyy'年'M'月'd'日'" },
  { shape: /^\d{4}年\d{1,2}月\d{1,2}$/, pattern: "yyyy'年'M'月'd" },
  { shape: /^\d{8}$/, pattern: 'yyyyMMdd' },
];

/**
 * An Excel serial written as text: five digits, 10000 (1927-05-18) to 99999 (2173-10-13). Fewer
 * digits would be read as a year ("2024") and more as a compact date ("20240115"), so only five
 * are taken for a serial; a typed number cell of a workbook is a serial whatever its size.
 */
const SERIAL_TEXT = /^\d{5}$/;

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The reference date date-fns fills unwritten fields from (all forms write every field). */
const REFERENCE = new UtcDate(0);
const ISO_PATTERN = 'yyyy-MM-dd';

/**
 * The ISO date a text names in one of the {@link DATE_FORMS}, or undefined (not one of them, or
 * no such day: `2023-02-30`). Surrounding spaces are ignored.
 *
 * @example readDateText('2024/1/15')      // '2024-01-15'
 * @example readDateText('2024年1月15日')   // '2024-01-15'
 * @example readDateText('20240115')       // '2024-01-15'
 * @example readDateText('45306')          // '2024-01-15' (Excel serial)
 * @example readDateText('15/01/2024')     // undefined (day first is ambiguous)
 */
export function readDateText(text: string): IsoDate | undefined {
  const t = text.trim();
  // The canonical form, which tapes repeat a million times, by the engine's integer check: the
  // same answer as date-fns at 0.3 µs a cell rather than 30 (measured on Node 20).
  if (ISO_SHAPE.test(t)) return isIsoDate(t) ? t : undefined;
  if (SERIAL_TEXT.test(t)) return excelSerialDate(Number(t));
  const form = FORMS.find((f) => f.shape.test(t));
  if (!form) return undefined;
  const { parse, isValid, format } = dateFns();
  const date = parse(t, form.pattern, REFERENCE);
  return isValid(date) ? format(date, ISO_PATTERN) : undefined;
}

/** Day 0 of Excel's 1900 date system (serial 1 is 1900-01-01 below serial 60, see below). */
const EPOCH_1900 = new UtcDate(1899, 11, 30);
/** Day 0 of the 1904 date system (old Mac workbooks): 1904-01-01. */
const EPOCH_1904 = new UtcDate(1904, 0, 1);

/**
 * The date of an Excel serial day number (its whole part: the time of day is dropped), in the
 * 1900 date system or, for a workbook saved with it, the 1904 one; undefined for a serial
 * before day 1 or Excel's 1900-02-29 (serial 60, a day that never was: Excel kept Lotus 1-2-3's
 * leap-year mistake, so serials below 60 count from 1899-12-31 and the rest from 1899-12-30).
 *
 * @example excelSerialDate(43297)       // '2018-07-16'
 * @example excelSerialDate(1)           // '1900-01-01'
 * @example excelSerialDate(0, true)     // '1904-01-01'
 */
export function excelSerialDate(serial: number, date1904 = false): IsoDate | undefined {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day > 2_958_465) return undefined; // 9999-12-31
  const { addDays, format } = dateFns();
  if (date1904) return day < 0 ? undefined : format(addDays(EPOCH_1904, day), ISO_PATTERN);
  if (day < 1 || day === 60) return undefined;
  return format(addDays(EPOCH_1900, day < 60 ? day + 1 : day), ISO_PATTERN);
}

/**
 * The ISO date of a moment given in milliseconds since 1970 (UTC), as a workbook's date cells
 * are read: the UTC day it falls on.
 *
 * @example dateOfMoment(Date.UTC(2024, 0, 15)) // '2024-01-15'
 */
export function dateOfMoment(ms: number): IsoDate | undefined {
  const { isValid, format } = dateFns();
  const date = new UtcDate(ms);
  return isValid(date) ? format(date, ISO_PATTERN) : undefined;
}

/**
 * An ISO date formatted with a date-fns pattern, in UTC: reports show `yyyy-MM-dd` (sorts as
 * text, reads the same in Chinese and English); a text that is not an ISO date is returned as given.
 *
 * @example formatIsoDate('2024-01-15')                    // '2024-01-15'
 * @example formatIsoDate('2024-01-15', "yyyy'年'M'月'd'日'") // '2024年1月15日'
 */
export function formatIsoDate(iso: string, pattern = ISO_PATTERN): string {
  // A real ISO date in its own pattern is itself: what every report cell asks for.
  // Not a date at all (a '—' in a date column) is itself too, without date-fns.
  if (!ISO_SHAPE.test(iso) || (pattern === ISO_PATTERN && isIsoDate(iso))) return iso;
  const { parse, isValid, format } = dateFns();
  const date = parse(iso, ISO_PATTERN, REFERENCE);
  return isValid(date) ? format(date, pattern) : iso;
}
