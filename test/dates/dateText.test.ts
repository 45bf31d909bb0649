import { afterEach, describe, expect, it } from 'vitest';
import { DATE_FORMS, dateOfMoment, excelSerialDate, formatIsoDate, readDateText } from '../../src/dates/dateText.js';
import { IsoDate } from '../../src/fields/primitives.js';
import { convertCell } from '../../src/io/tape.js';
import { formatValue } from '../../src/report/format.js';

describe('readDateText: the forms people type', () => {
  it.each([
    ['2024-01-15', '2024-01-15'],
    ['2024-1-5', '2024-01-05'],
    ['2024/1/15', '2024-01-15'],
    ['2024/01/15', '2024-01-15'],
    ['2024.1.15', '2024-01-15'],
    ['2024年1月15日', '2024-01-15'],
    ['2024年01月15日', '2024-01-15'],
    ['2024年1月15', '2024-01-15'],
    ['20240115', '2024-01-15'],
    ['45306', '2024-01-15'],
    ['43297', '2018-07-16'],
    [' 2024/2/29 ', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(readDateText(text)).toBe(iso);
  });

  it.each(['2023-02-30', '2023/2/29', '20230229', '2024-13-01', '15/01/2024', '01/15/2024', 'Jan 15, 2024', '2024', '240115', '2024/1-15', '2024-01-15T00:00', '', '4530', '453060'])(
    'refuses %j',
    (text) => {
      expect(readDateText(text)).toBeUndefined();
    },
  );
});

describe('Excel serial day numbers', () => {
  it('count from 1899-12-30, with Excel’s 1900-02-29 (serial 60) refused', () => {
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toBeUndefined();
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(44579)).toBe('2022-01-18');
    expect(excelSerialDate(0)).toBeUndefined();
  });
  it('drop the time of day and read the 1904 date system', () => {
    expect(excelSerialDate(43297.75)).toBe('2018-07-16');
    expect(excelSerialDate(0, true)).toBe('1904-01-01');
    expect(excelSerialDate(43297 - 1462, true)).toBe('2018-07-16');
  });
});

describe('in UTC whatever the time zone', () => {
  const tz = process.env['TZ'];
  afterEach(() => {
    if (tz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = tz;
  });
  it.each(['America/Sao_Paulo', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai'])('%s', (zone) => {
    process.env['TZ'] = zone;
    expect(readDateText('2018/11/4')).toBe('2018-11-04'); // Brazil's DST began at midnight that day
    expect(readDateText('2024年3月10日')).toBe('2024-03-10');
    expect(excelSerialDate(45306)).toBe('2024-01-15');
    expect(dateOfMoment(Date.UTC(2024, 0, 15))).toBe('2024-01-15');
    expect(formatIsoDate('2024-01-15', "yyyy'年'M'月'd'日'")).toBe('2024年1月15日');
  });
});

describe('formatIsoDate', () => {
  it('formats an ISO date and leaves other text as it is', () => {
    expect(formatIsoDate('2024-01-15')).toBe('2024-01-15');
    expect(formatIsoDate('2024-01-15', 'yyyy/M/d')).toBe('2024/1/15');
    expect(formatIsoDate('—')).toBe('—');
  });
  it('is how reports write a date cell', () => {
    expect(formatValue('2021-01-28', 'date')).toBe('2021-01-28');
    expect(formatValue('not a date', 'date')).toBe('not a date');
  });
});

describe('deal files and tapes read dates alike', () => {
  it('a deal file date in any form becomes YYYY-MM-DD', () => {
    expect(IsoDate.parse('2021/1/28')).toBe('2021-01-28');
    expect(IsoDate.parse('2021年1月28日')).toBe('2021-01-28');
    expect(IsoDate.parse('44224')).toBe('2021-01-28');
  });
  it('a refused date lists the forms', () => {
    const r = IsoDate.safeParse('28/01/2021');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(`must be a real date written ${DATE_FORMS}`);
    expect(IsoDate.safeParse('1899-12-31').error!.issues[0]!.message).toBe('must be a date from 1900-01-01 to 2199-12-31');
  });
  it('a tape date cell: 43297 (an Excel serial saved to CSV) is a date, other text passes on for the schema to refuse', () => {
    expect(convertCell('maturityDate', '43297')).toBe('2018-07-16');
    expect(convertCell('maturityDate', '2024年1月15日')).toBe('2024-01-15');
    expect(convertCell('maturityDate', '15/01/2024')).toBe('15/01/2024');
    expect(convertCell('obligor', '43297')).toBe('43297');
  });
});
