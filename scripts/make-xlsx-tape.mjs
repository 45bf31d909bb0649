#!/usr/bin/env node
/**
 * Makes deals/gaoxintou-ip-2.tape.xlsx, the workbook tape of the sample deal
 * deals/gaoxintou-ip-2-xlsx.json, from the CSV tape of deals/gaoxintou-ip-2.json, laid out as an
 * originator's Excel tape often is: a notes sheet first, then the sheet 贷款清单 with a merged
 * title, a two-row header (cells merged down, a group header merged across), balances in 万元
 * (one of them a formula with its value saved), the rate as a percentage cell, start dates as
 * date cells, maturity dates as Excel serial numbers, and formatted empty rows below the table.
 * The loans' rate and dates are the CSV deal's defaults (published 12-month terms, assumed 5%),
 * so both deals run alike (test/io/xlsxSample.test.ts). Run: node scripts/make-xlsx-tape.mjs
 * (the file's bytes differ from run to run, by the zip entries' times; its cells do not).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const CSV = 'deals/gaoxintou-ip-2.tape.csv';
const OUT = 'deals/gaoxintou-ip-2.tape.xlsx';
const deal = JSON.parse(readFileSync('deals/gaoxintou-ip-2.json', 'utf8'));
const { rate, startDate, maturityDate } = deal.pool.tapes[0].defaults;

const [header, ...rows] = readFileSync(CSV, 'utf8').replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
if (header.join() !== '贷款编号,借款人,行业,地区,质押知识产权类型,贷款余额') throw new Error(`${CSV}: unexpected header ${header.join()}`);

/** Excel's serial day number of an ISO date (1900 date system, dates after 1900-02-28). */
const serial = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569;
const utcDate = (iso) => new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));

const wb = new ExcelJS.Workbook();
wb.creator = 'ipabs scripts/make-xlsx-tape.mjs';
wb.created = wb.modified = new Date(Date.UTC(2021, 0, 18));

const notes = wb.addWorksheet('说明');
notes.getCell('A1').value = '本工作簿由 scripts/make-xlsx-tape.mjs 从 gaoxintou-ip-2.tape.csv 生成；基础资产清单在工作表「贷款清单」。';

const ws = wb.addWorksheet('贷款清单');
ws.mergeCells('A1:I1');
ws.getCell('A1').value = '深圳市福田区—高新投知识产权第2期资产支持专项计划 基础资产清单';
ws.mergeCells('A2:I2');
ws.getCell('A2').value = '单位：万元；利率为年利率';
// A two-row header: the loan's own columns merged down rows 3–4, 利率与期限 across G3:I3.
const own = ['贷款编号', '借款人', '行业', '地区', '质押知识产权类型', '贷款余额（万元）'];
own.forEach((name, i) => {
  const col = String.fromCharCode(65 + i);
  ws.mergeCells(`${col}3:${col}4`);
  ws.getCell(`${col}3`).value = name;
});
ws.mergeCells('G3:I3');
ws.getCell('G3').value = '利率与期限';
ws.getCell('G4').value = '年利率';
ws.getCell('H4').value = '起息日';
ws.getCell('I4').value = '到期日';

rows.forEach((cells, k) => {
  const r = ws.getRow(5 + k);
  const [id, obligor, industry, region, ipTypes, principal] = cells;
  const wan = Number(principal) / 10_000;
  r.getCell(1).value = id;
  r.getCell(2).value = obligor;
  r.getCell(3).value = industry;
  r.getCell(4).value = region;
  r.getCell(5).value = ipTypes;
  // The first balance a formula (its value saved with it, as Excel saves it), the others numbers.
  r.getCell(6).value = k === 0 ? { formula: `${principal}/10000`, result: wan } : wan;
  r.getCell(6).numFmt = '#,##0.00';
  r.getCell(7).value = Number(rate);
  r.getCell(7).numFmt = '0.00%';
  r.getCell(8).value = utcDate(startDate);
  r.getCell(8).numFmt = 'yyyy-mm-dd';
  r.getCell(9).value = serial(maturityDate);
});
// Formatted but empty rows below the table, as a template leaves them.
for (let r = 5 + rows.length; r < 5 + rows.length + 5; r++) {
  for (let c = 1; c <= 9; c++) ws.getRow(r).getCell(c).border = { bottom: { style: 'thin' } };
  ws.getRow(r).getCell(1).value = '';
}
ws.columns.forEach((c) => (c.width = 16));

await wb.xlsx.writeFile(OUT);
console.log(`wrote ${OUT}: ${rows.length} loans`);
