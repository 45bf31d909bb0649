/**
 * The status tape through the pool tapes' pipeline: an .xlsx sheet (a title row, headerRow,
 * Excel serials and date cells, numbers, 万元) gives the statuses its CSV gives (GBK, 2021/1/15,
 * 2021年1月15日, 1,234.50); problems are named file:line or tape.xlsx!Sheet!cell.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStatusFile } from '../../src/io/statusFile.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';

const tmp = useTempDir('ipabs-status-tape-');
beforeAll(() => requireFreshDist());

const TRANCHES = [{ id: 'A', balance: '100000000.00' }, { id: 'B', balance: '15050000.00' }];
const statusWith = (name: string, assetTape: unknown) => tmp.file(`${name}.json`, { asOf: '2021-08-26', assetTape, tranches: TRANCHES });
const lines = (file: string) => loadStatusFile(file).diagnostics.map((d) => formatDiagnostic(d).replace(`${tmp.dir()}/`, ''));

const CSV = [
  '资产编号,资产状态,剩余本金（万元）,逾期天数,违约日,违约金额,已回收金额,预计回收金额',
  'C01,正常,"3,510",,,,,',
  'C02,逾期,3802.5,30,,,,',
  'C03,违约,0,,2021/1/15,"43,875,000.00","1,000,000",5000000',
  'C04,,0,,2021年2月1日,"1,234.50",0,',
].join('\r\n');
/** The same text in GBK, as a Chinese Excel saves it (from python3: CSV.encode('gbk')). */
const CSV_GBK =
  '18qy+rHgusUs18qy+te0zKwsyqPT4LG+vfCjqM3y1KqjqSzT4sbazOzK/SzOpdS8yNUszqXUvL3wtu4s0tG72MrVvfC27izUpLzGu9jK1b3wtu4NCkMwMSzV/bOjLCIzLDUxMCIsLCwsLA0KQzAyLNPixtosMzgwMi41LDMwLCwsLA0KQzAzLM6l1LwsMCwsMjAyMS8xLzE1LCI0Myw4NzUsMDAwLjAwIiwiMSwwMDAsMDAwIiw1MDAwMDAwDQpDMDQsLDAsLDIwMjHE6jLUwjHI1SwiMSwyMzQuNTAiLDAs';

/** A sheet of the same statuses: a title row above the header, typed cells, a date serial and a date cell. */
async function workbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产状态');
  ws.addRow(['2021年8月26日资产状态表']);
  ws.addRow(['资产编号', '资产状态', '剩余本金（万元）', '逾期天数', '违约日', '违约金额', '已回收金额', '预计回收金额']);
  ws.addRow(['C01', '正常', 3510]);
  ws.addRow(['C02', '逾期', 3802.5, 30]);
  // 2021-01-15 as an Excel serial (days since 1899-12-30): 44211.
  ws.addRow(['C03', '违约', 0, null, 44211, 43875000, 1000000, 5000000]);
  ws.addRow(['C04', null, 0, null, new Date(Date.UTC(2021, 1, 1)), 1234.5, 0]);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('a status tape', () => {
  it('an .xlsx sheet (sheet, headerRow) gives exactly the statuses of its CSV in GBK', async () => {
    writeFileSync(join(tmp.dir(), 'assets.csv'), CSV);
    writeFileSync(join(tmp.dir(), 'assets-gbk.csv'), Buffer.from(CSV_GBK, 'base64'));
    expect(new TextDecoder('gbk').decode(Buffer.from(CSV_GBK, 'base64'))).toBe(CSV);
    await workbook(join(tmp.dir(), 'assets.xlsx'));
    const csv = loadStatusFile(statusWith('csv', 'assets.csv'));
    expect(csv.diagnostics).toEqual([]);
    const gbkRead = loadStatusFile(statusWith('gbk', { path: 'assets-gbk.csv', encoding: 'gbk' }));
    expect(gbkRead.diagnostics).toEqual([]);
    const xlsx = loadStatusFile(statusWith('xlsx', { path: 'assets.xlsx', sheet: '资产状态', headerRow: 2 }));
    expect(xlsx.diagnostics).toEqual([]);
    const found = loadStatusFile(statusWith('found', 'assets.xlsx'));
    expect(found.status!.assets).toEqual(xlsx.status!.assets);
    expect(xlsx.status!.assets).toEqual(csv.status!.assets);
    expect(gbkRead.status!.assets).toEqual(csv.status!.assets);
    const a = csv.status!.assets;
    expect(a.map((x) => [x.id, x.status, x.outstanding?.toFixed(2), x.overdueDays])).toEqual([
      ['C01', 'performing', '35100000.00', undefined],
      ['C02', 'overdue', '38025000.00', 30],
      ['C03', 'defaulted', '0.00', undefined],
      ['C04', 'defaulted', '0.00', undefined],
    ]);
    expect(a[2]!.defaults.map((d) => [d.date, d.balance.toFixed(2), d.recoveredToDate.toFixed(2), d.expectedRecovery?.toFixed(2)])).toEqual([['2021-01-15', '43875000.00', '1000000.00', '5000000.00']]);
    expect(a[3]!.defaults[0]!.date).toBe('2021-02-01');
    expect(xlsx.tape!.file).toBe('assets.xlsx!资产状态');
    expect(xlsx.tape!.lines).toEqual([3, 4, 5, 6]);
    expect(csv.tape!.lines).toEqual([2, 3, 4, 5]);
  });

  it('names a bad cell file:line:column in a CSV and tape.xlsx!Sheet!cell in a sheet', async () => {
    writeFileSync(join(tmp.dir(), 'bad.csv'), '资产编号,逾期天数,违约日\nC01,x,\nC02,,2021-13-45\n');
    expect(lines(statusWith('bad-csv', 'bad.csv'))).toEqual([
      'error: bad.csv:2:2 (column 逾期天数): must be a number (got the text "x")',
      expect.stringMatching(/^error: bad\.csv:3:3 \(column 违约日\): must be a real date written 2024-01-15, 2024\/1\/15/),
      'error: bad.csv:3:3 (column 违约日): 违约金额 (no column): is required',
    ]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['资产编号', '逾期天数']);
    ws.addRow(['C01', 'x']);
    writeFileSync(join(tmp.dir(), 'bad.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    expect(lines(statusWith('bad-xlsx', 'bad.xlsx'))[0]).toMatch(/^error: bad\.xlsx!S!B2 \(column 逾期天数\): /);
  });

  it('refuses a column that is not a status field, and sheet settings on a CSV', () => {
    writeFileSync(join(tmp.dir(), 'odd.csv'), '资产编号,逾期天\nC01,5\n');
    expect(lines(statusWith('odd', 'odd.csv'))[0]).toMatch(/^error: odd\.csv:1:2 \(column 逾期天\): not a column of a status tape.*known: 资产编号/);
    writeFileSync(join(tmp.dir(), 'plain.csv'), '资产编号\nC01\n');
    expect(lines(statusWith('sheeted', { path: 'plain.csv', sheet: 1 }))[0]).toContain('sheet and headerRow are for .xlsx tapes');
  });
});

