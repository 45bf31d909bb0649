/**
 * The workbook format on hand-built reports: valid and unique sheet names, numbers stored as
 * numbers with their formats, dates as dates, text as text (never a formula), frozen headers,
 * widths that fit CJK text, the cover first and the notes last, and the same bytes every time.
 */
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readWorkbook } from './xlsxFigures.js';
import { FenCell } from '../../src/report/fenCell.js';
import type { Report, TableSection } from '../../src/report/model.js';
import { InputError } from '../../src/util/errors.js';
import { cleanSheetName, MAX_SHEET_NAME, numberFormat, renderXlsx } from '../../src/report/xlsx/index.js';
import { xlsxCell } from '../../src/report/xlsx/cells.js';
import { SheetNames } from '../../src/report/xlsx/sheetNames.js';
import { FIXED_DOS_DATE, FIXED_DOS_TIME, fixZipTimes } from '../../src/report/xlsx/zipTimes.js';
import type { Money } from '../../src/util/fen.js';
import { Decimal } from '../../src/util/money.js';

const fen = (n: number) => new FenCell(n as Money);

const REPORT: Report = {
  title: { zh: '测试计划 现金流', en: 'Test deal: cash flows' },
  subtitle: [{ zh: '测试资产支持专项计划', en: 'Test ABS plan' }, { zh: '情景：基准情景', en: 'Scenario: base case' }],
  sections: [
    {
      type: 'table',
      id: 'flows',
      title: { zh: '现金流/期 [优先级]', en: 'Flows: senior [A]' },
      columns: [
        { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
        { key: 'date', header: { zh: '兑付日', en: 'Date' }, kind: 'date' },
        { key: 'name', header: { zh: '名称', en: 'Name' }, kind: 'text' },
        { key: 'paid', header: { zh: '本金', en: 'Principal' }, kind: 'money' },
        { key: 'rate', header: { zh: '利率', en: 'Rate' }, kind: 'rate' },
        { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
        { key: 'multiple', header: { zh: '倍数', en: 'Multiple' }, kind: 'number' },
      ],
      rows: [
        { period: 1, date: '2024-01-15', name: '=HYPERLINK("http://x")', paid: fen(123456789), rate: new Decimal('0.0435'), share: new Decimal(62).div(139), multiple: new Decimal('1.23456789') },
        { period: 2, date: 'n/a', name: '北京某某文化传媒有限公司\u0007', paid: undefined, rate: 'n/a', share: null, multiple: 2 },
      ],
      total: { name: '合计', paid: fen(123456789) },
    },
    {
      type: 'kv',
      id: 'summary',
      title: { zh: '概览', en: 'Summary' },
      items: [
        { key: 'balance', label: { zh: '余额', en: 'Balance' }, value: new Decimal('13900000.005'), kind: 'money' },
        { key: 'count', label: { zh: '户数', en: 'Obligors' }, value: 12, kind: 'int' },
      ],
    },
  ],
  notes: [{ zh: '假设 pool.tapes[0]：回收率为假设值', en: 'Assumed pool.tapes[0]: the recovery rate' }],
};

async function workbook(report: Report, lang: 'zh' | 'en', unit: 'yuan' | 'wan' = 'yuan'): Promise<ExcelJS.Workbook> {
  return readWorkbook(await renderXlsx(report, { lang, unit }));
}

describe('sheet names', () => {
  it('drop the characters Excel refuses, keep 31 characters, never cut a surrogate pair', () => {
    expect(cleanSheetName('现金流/期 [优先级]', 'S')).toBe('现金流 期 优先级');
    expect(cleanSheetName('a:b*c?d\\e', 'S')).toBe('a b c d e');
    expect(cleanSheetName("'quoted'", 'S')).toBe('quoted');
    expect(cleanSheetName('[]', 'S')).toBe('S');
    expect(cleanSheetName('History', 'S')).toBe('S');
    expect(cleanSheetName('x'.repeat(40), 'S')).toHaveLength(MAX_SHEET_NAME);
    const emoji = 'x'.repeat(30) + '😀';
    expect(cleanSheetName(emoji, 'S')).toBe('x'.repeat(30));
  });

  it('are unique without regard to case, numbered within 31 characters', () => {
    const names = new SheetNames();
    const long = '优先级资产支持证券现金流'.repeat(3);
    const given = [names.name('Flows', 'S'), names.name('flows', 'S'), names.name('FLOWS', 'S'), names.name(long, 'S'), names.name(long, 'S')];
    expect(given.slice(0, 3)).toEqual(['Flows', 'flows (2)', 'FLOWS (3)']);
    expect(given[4]).toMatch(/ \(2\)$/);
    for (const n of given) expect(n.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(new Set(given.map((n) => n.toLowerCase())).size).toBe(given.length);
  });
});

describe('cells', () => {
  it('number formats follow the kind and the column’s decimals', () => {
    expect(numberFormat('money', undefined)).toBe('#,##0.00');
    expect(numberFormat('money', 0)).toBe('#,##0');
    expect(numberFormat('percent', undefined)).toBe('0.00%');
    expect(numberFormat('rate', undefined)).toBe('0.0000%');
    expect(numberFormat('percent', 4)).toBe('0.0000%');
    expect(numberFormat('number', undefined)).toBe('0.0000');
    expect(numberFormat('number', 2)).toBe('0.00');
    expect(numberFormat('int', undefined)).toBe('#,##0');
  });

  it('amounts to the fen in yuan or 10,000 yuan; fractions to 10 places; ints rounded half-up', () => {
    expect(xlsxCell(fen(123456789), 'money', undefined, 'yuan')).toEqual({ value: 1234567.89, numFmt: '#,##0.00', width: '1,234,567.89'.length });
    expect(xlsxCell(fen(-123456789), 'money', undefined, 'wan')).toEqual({ value: -123.456789, numFmt: '#,##0.00', width: '-123.46'.length });
    expect(xlsxCell(1234.5, 'money', undefined, 'yuan')).toEqual({ value: 1234.5, numFmt: '#,##0.00', width: '1,234.50'.length });
    expect(xlsxCell(0.1 + 0.2, 'money', undefined, 'yuan').value).toBe(0.3);
    expect(xlsxCell(new Decimal('0.005'), 'money', undefined, 'yuan').value).toBe(0.01);
    expect(xlsxCell(new Decimal('-0.004'), 'money', undefined, 'yuan').value).toBe(0);
    expect(xlsxCell(new Decimal(62).div(139), 'percent', undefined, 'yuan')).toEqual({ value: 0.4460431655, numFmt: '0.00%', width: '44.60%'.length });
    expect(xlsxCell(new Decimal('1.23456789'), 'number', undefined, 'yuan')).toEqual({ value: 1.23456789, numFmt: '0.0000', width: '1.2346'.length });
    expect(xlsxCell(12345, 'int', undefined, 'yuan')).toEqual({ value: 12345, numFmt: '#,##0', width: '12,345'.length });
    expect(xlsxCell(2.5, 'int', undefined, 'yuan').value).toBe(3);
    expect(xlsxCell(new Decimal('-0.0000000000001'), 'number', undefined, 'yuan').value).toBe(0);
    expect(Object.is(xlsxCell(new Decimal('-0.0000000000001'), 'number', undefined, 'yuan').value, -0)).toBe(false);
  });

  it('dates as dates at 00:00 UTC; anything else as the text CSV shows', () => {
    expect(xlsxCell('2024-02-29', 'date', undefined, 'yuan')).toEqual({ value: new Date(Date.UTC(2024, 1, 29)), numFmt: 'yyyy-mm-dd', width: 10 });
    expect(xlsxCell('2023-02-29', 'date', undefined, 'yuan')).toEqual({ value: '2023-02-29', width: 10 });
    expect(xlsxCell('n/a', 'money', undefined, 'yuan')).toEqual({ value: 'n/a', width: 3 });
    expect(xlsxCell(null, 'money', undefined, 'yuan')).toEqual({ value: null, width: 0 });
    expect(xlsxCell('北京', 'text', undefined, 'yuan')).toEqual({ value: '北京', width: 4 });
    expect(xlsxCell('a\u0007b', 'text', undefined, 'yuan').value).toBe('a\\u0007b');
  });
});

describe('a workbook', () => {
  it('has the cover first, a sheet per section, the notes last, named in the language', async () => {
    expect((await workbook(REPORT, 'zh')).worksheets.map((w) => w.name)).toEqual(['封面', '现金流 期 优先级', '概览', '假设与说明']);
    expect((await workbook(REPORT, 'en')).worksheets.map((w) => w.name)).toEqual(['Cover', 'Flows senior A', 'Summary', 'Assumptions and notes']);
  });

  it('says the deal and the scenario on the cover, and lists each sheet with its full title and unit', async () => {
    const cover = (await workbook(REPORT, 'zh', 'wan')).worksheets[0]!;
    const texts = cover.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : r));
    expect(texts).toEqual([
      ['测试计划 现金流'],
      ['测试资产支持专项计划'],
      ['情景：基准情景'],
      undefined,
      ['金额单位', '万元'],
      undefined,
      ['工作表', '内容'],
      ['现金流 期 优先级', '现金流/期 [优先级]（单位：万元）'],
      ['概览', '概览（单位：万元）'],
      ['假设与说明', '假设与说明'],
    ]);
  });

  it('stores numbers with formats, dates as dates, formula-like text as text; total in bold; header frozen', async () => {
    const ws = (await workbook(REPORT, 'en')).getWorksheet('Flows senior A')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Period', 'Date', 'Name', 'Principal (CNY)', 'Rate', 'Share', 'Multiple']);
    const r2 = ws.getRow(2);
    expect([1, 2, 3, 4, 5, 6, 7].map((i) => r2.getCell(i).value)).toEqual([1, new Date(Date.UTC(2024, 0, 15)), '=HYPERLINK("http://x")', 1234567.89, 0.0435, 0.4460431655, 1.23456789]);
    expect(r2.getCell(3).formula).toBeUndefined();
    expect([1, 2, 4, 5, 6, 7].map((i) => r2.getCell(i).numFmt)).toEqual(['#,##0', 'yyyy-mm-dd', '#,##0.00', '0.0000%', '0.00%', '0.0000']);
    const r3 = ws.getRow(3);
    expect([2, 3, 4, 5, 6].map((i) => r3.getCell(i).value)).toEqual(['n/a', '北京某某文化传媒有限公司\\u0007', null, 'n/a', null]);
    expect(ws.getRow(4).getCell(4).font).toMatchObject({ bold: true, name: 'Calibri', size: 11 });
    expect(ws.getRow(1).getCell(1).font).toMatchObject({ bold: true, name: 'Calibri' });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getRow(4).getCell(4).value).toBe(1234567.89);
    expect(ws.views).toMatchObject([{ state: 'frozen', xSplit: 1, ySplit: 1 }]);
    expect(ws.autoFilter).toBe('A1:G3');
  });

  it('fits column widths to the text, a CJK character counting two', async () => {
    const ws = (await workbook(REPORT, 'zh')).getWorksheet('现金流 期 优先级')!;
    // 北京某某文化传媒有限公司 and the escaped bell: 12 CJK characters (24) + 6, + 2 of margin.
    expect(ws.getColumn(3).width).toBe(32);
    expect(ws.getColumn(1).width).toBe(6);
    // 1,234,567.89 (12) is wider than 本金（元） (5 full-width characters: 10).
    expect(ws.getColumn(4).width).toBe(14);
  });

  it('writes a key-value section as Item/Value with each value’s own format', async () => {
    const ws = (await workbook(REPORT, 'en')).getWorksheet('Summary')!;
    expect(ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toEqual([
      ['Item', 'Value'],
      ['Balance (CNY)', 13900000.01],
      ['Obligors', 12],
    ]);
    expect([ws.getCell('B2').numFmt, ws.getCell('B3').numFmt]).toEqual(['#,##0.00', '#,##0']);
    expect(ws.views).toMatchObject([{ state: 'frozen', ySplit: 1 }]);
  });

  it('ends with the assumptions and notes', async () => {
    const ws = (await workbook(REPORT, 'zh')).worksheets.at(-1)!;
    expect(ws.getColumn(1).values.slice(1)).toEqual(['假设与说明', '假设 pool.tapes[0]：回收率为假设值', expect.stringContaining('金额精确到分')]);
  });
});

describe('a table longer than a sheet', () => {
  it('is refused before anything is written, saying what to do', async () => {
    const flows = REPORT.sections[0] as TableSection;
    const long: Report = { ...REPORT, sections: [{ ...flows, id: 'assetFlows', rows: new Array<Record<string, never>>(1_048_575).fill({}), total: {} }] };
    await expect(renderXlsx(long, { lang: 'en', unit: 'yuan' })).rejects.toThrow(
      new InputError('the section assetFlows has 1048576 rows, more than an Excel sheet holds (1048575 under the header): write it with --format csv, or leave it out'),
    );
    const fits: Report = { ...long, sections: [{ ...flows, rows: [], total: undefined }] };
    await expect(renderXlsx(fits, { lang: 'en', unit: 'yuan' })).resolves.toBeInstanceOf(Buffer);
  });
});

describe('the same report gives the same bytes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const at = async (iso: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(iso));
    try {
      return await renderXlsx(REPORT, { lang: 'zh', unit: 'yuan' });
    } finally {
      vi.useRealTimers();
    }
  };

  it('whatever the clock says when it is written', async () => {
    const a = await at('2026-12-01T03:00:00Z');
    const b = await at('2031-06-15T17:45:13Z');
    expect(a.equals(b)).toBe(true);
  });

  it('because every zip entry carries 1980-01-01 00:00 and the document dates are fixed', async () => {
    const zip = await at('2026-12-01T03:00:00Z');
    let entries = 0;
    for (let i = zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')); i >= 0; i = zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'), i + 4)) {
      expect([zip.readUInt16LE(i + 12), zip.readUInt16LE(i + 14)]).toEqual([FIXED_DOS_TIME, FIXED_DOS_DATE]);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    const wb = await readWorkbook(zip);
    expect([wb.created.toISOString(), wb.modified.toISOString(), wb.creator]).toEqual(['1980-01-01T00:00:00.000Z', '1980-01-01T00:00:00.000Z', 'ipabs']);
  });

  it('fixZipTimes refuses what is not a zip archive', () => {
    expect(() => fixZipTimes(Buffer.from('not a zip at all, not even close to one'))).toThrow(/not a zip archive/);
  });
});
