/**
 * Workbook tapes: small .xlsx files made here with exceljs, read through loadDeal (the worker
 * of the built dist/, as the CLI reads them) and through validateDeal with a sheet read in
 * this thread.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDeal, originOf, validateDeal } from '../../src/io/loadDeal.js';
import { readSheet } from '../../src/io/xlsxSheet.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';

const tmp = useTempDir('ipabs-xlsx-');
beforeAll(() => requireFreshDist());

/** A two-loan pledge-loan deal reading `tape` (with the tape entry's other settings). */
function deal(tape: Record<string, unknown>): unknown {
  const d = JSON.parse(readFileSync('test/corpus/41-tape-bad-date-and-rate.json', 'utf8'));
  d.pool.tapes = [{ type: 'pledgeLoan', defaults: { repayment: 'bullet' }, ...tape }];
  return d;
}

type Build = (wb: ExcelJS.Workbook) => void;

/** Writes a workbook and a deal reading it; loads the deal. */
async function load(name: string, build: Build, tape: Record<string, unknown> = {}) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  writeFileSync(join(tmp.dir(), `${name}.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
  const file = tmp.file(`${name}.json`, deal({ path: `${name}.xlsx`, ...tape }));
  const r = loadDeal(file);
  return { ...r, lines: r.diagnostics.map((d) => formatDiagnostic(d).replace(`${tmp.dir()}/`, '')) };
}

const HEADER = ['贷款编号', '借款人', '贷款余额（万元）', '年利率', '起息日', '到期日'];

/** A plain sheet: the header in row 1, then `rows`. */
const plain =
  (rows: unknown[][], sheet = 'Sheet1'): Build =>
  (wb) => {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
  };

describe('an .xlsx tape', () => {
  it('reads a title, a merged two-row header, 万元, a formula, a percentage, date cells, serials and empty rows below', async () => {
    const { deal: d, diagnostics } = await load('full', (wb) => {
      const ws = wb.addWorksheet('贷款清单');
      ws.mergeCells('A1:F1');
      ws.getCell('A1').value = '基础资产清单';
      ['贷款编号', '借款人', '贷款余额（万元）'].forEach((h, i) => {
        const c = 'ABC'[i]!;
        ws.mergeCells(`${c}2:${c}3`);
        ws.getCell(`${c}2`).value = h;
      });
      ws.mergeCells('D2:F2');
      ws.getCell('D2').value = '利率与期限';
      ws.getCell('D3').value = '年利率';
      ws.getCell('E3').value = '起息日';
      ws.getCell('F3').value = '到期日';
      ws.getRow(4).values = ['L01', '借款人01', { formula: '1200*5', result: 6000 }, 0.05, new Date(Date.UTC(2021, 0, 18)), 44579];
      ws.getRow(5).values = ['L02', '借款人02', 400.5, 0.049, new Date(Date.UTC(2021, 0, 18)), 20220118];
      ws.getCell('D4').numFmt = '0.00%';
      ws.getCell('D5').numFmt = '0.0%';
      ws.getCell('E4').numFmt = 'yyyy-mm-dd';
      ws.getCell('E5').numFmt = 'yyyy"年"m"月"d"日"';
      for (let r = 6; r < 9; r++) ws.getRow(r).getCell(2).border = { bottom: { style: 'thin' } };
      ws.getCell('A7').value = '';
    });
    expect(diagnostics).toEqual([]);
    const loans = d!.assets.map((a) => a as unknown as Record<string, unknown>);
    expect(loans.map((a) => [a['id'], String(a['principal']), String(a['rate']), a['startDate'], a['maturityDate']])).toEqual([
      ['L01', '60000000', '0.05', '2021-01-18', '2022-01-18'],
      ['L02', '4005000', '0.049', '2021-01-18', '2022-01-18'],
    ]);
    const origin = originOf(d!, 1);
    expect(origin?.kind === 'tape' && [origin.file.endsWith('full.xlsx!贷款清单'), origin.line]).toEqual([true, 5]);
  });

  it('names the file, the sheet and the cell of a bad value: tape.xlsx!Sheet1!E3', async () => {
    const { deal: d, lines } = await load('bad', plain([
      ['L01', '借款人01', 600, 0.05, '2021-01-18', '2022-01-18'],
      ['L02', '借款人02', 400, 0.05, '2021/13/18', '2022-01-18'],
    ]));
    expect(d).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^error: bad\.xlsx!Sheet1!E3 \(column 起息日\): must be a real date written 2024-01-15, .* \(got the text "2021\/13\/18"\)$/)]);
  });

  it('quotes a sheet name with a space, as Excel does, and groups a column’s errors by row', async () => {
    const rows = [1, 2, 3].map((k) => [`L0${k}`, `借款人0${k}`, 'x', 0.05, '2021-01-18', '2022-01-18']);
    const { lines } = await load('spaced', plain(rows, 'Loan tape'));
    expect(lines).toEqual([expect.stringMatching(/^error: spaced\.xlsx!'Loan tape'!C2 \(column 贷款余额（万元）\): 3 rows: must be an amount .* \(rows 2, 3, 4; row 2 got the text "x"\)$/)]);
  });

  it('reads a workbook larger than one read of the file (1 MiB)', async () => {
    const rows = Array.from({ length: 60 }, (_, k) => [`L${k}`, `借款人${k}`, 100, 0.05, '2021-01-18', '2022-01-18', randomBytes(24_000).toString('base64')]);
    const { deal: d, diagnostics } = await load('large', (wb) => {
      plain(rows)(wb);
      wb.worksheets[0]!.getCell('G1').value = 'blob';
    });
    expect(statSync(join(tmp.dir(), 'large.xlsx')).size).toBeGreaterThan(1.2 * 1024 * 1024);
    expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(d!.assets.length).toBe(60);
  });

  it('says a repeated id is on another row of the sheet', async () => {
    const { lines } = await load('dup', plain([
      ['L01', '借款人01', 600, 0.05, '2021-01-18', '2022-01-18'],
      ['L01', '借款人02', 400, 0.05, '2021-01-18', '2022-01-18'],
    ]));
    expect(lines).toEqual([expect.stringMatching(/^error: dup\.xlsx!Sheet1!A3 \(column 贷款编号\): .*row 2/)]);
  });

  it('chooses a sheet by name or number; the first by default; an unknown one lists them', async () => {
    const two: Build = (wb) => {
      wb.addWorksheet('说明').getCell('A1').value = '说明';
      plain([['L01', '借款人01', 1000, 0.05, '2021-01-18', '2022-01-18']], '贷款清单')(wb);
    };
    expect((await load('byName', two, { sheet: '贷款清单' })).deal?.assets.length).toBe(1);
    expect((await load('byNumber', two, { sheet: 2 })).deal?.assets.length).toBe(1);
    expect((await load('byDefault', two)).lines[0]).toMatch(/^error: byDefault\.xlsx!说明!1:1: the header row names no field of pledgeLoan assets/);
    expect((await load('noSuch', two, { sheet: 'Loans' })).lines).toEqual([
      expect.stringMatching(/: pool\.tapes\[0\]\.sheet: tape .*noSuch\.xlsx: the workbook has no sheet named "Loans" \(its sheets: 1: 说明, 2: 贷款清单\)$/),
    ]);
  });

  it('takes the header row given, and reads a percentage cell in a (%) column as written', async () => {
    const { deal: d, diagnostics } = await load(
      'headerRow',
      (wb) => {
        const ws = wb.addWorksheet('Sheet1');
        ws.getRow(1).values = ['id', 'obligor', 'principal'];
        ws.getRow(4).values = ['id', 'obligor', 'principal', '年利率(%)', 'startDate', 'maturityDate'];
        ws.getRow(5).values = ['L01', '借款人01', 1000000, 4.9, '2021-01-18', '2022-01-18'];
        ws.getRow(6).values = ['L02', '借款人02', 1000000, 0.049, '2021-01-18', '2022-01-18'];
        ws.getCell('D6').numFmt = '0.00%';
      },
      { headerRow: 4 },
    );
    expect(diagnostics).toEqual([]);
    expect(d!.assets.map((a) => String((a as { rate: unknown }).rate))).toEqual(['0.049', '0.049']);
  });

  it('refuses a formula saved without its value, naming its cell', async () => {
    const { lines } = await load('formula', (wb) => {
      plain([['L01', '借款人01', 1000, 0.05, '2021-01-18', '2022-01-18']])(wb);
      wb.worksheets[0]!.getCell('C2').value = { formula: 'SUM(X1:X9)' } as ExcelJS.CellFormulaValue;
    });
    expect(lines).toEqual([expect.stringMatching(/^error: formula\.xlsx!Sheet1!C2 \(column 贷款余额（万元）\): a formula \(=SUM\(X1:X9\)\) saved without its value: open the workbook in Excel/)]);
  });

  it('says so of a file that is not a workbook, a cut one, of .xls, and of sheet on a CSV tape', async () => {
    tmp.file('fake.xlsx', 'id,obligor\n');
    const fake = loadDeal(tmp.file('fake.json', deal({ path: 'fake.xlsx' })));
    expect(fake.diagnostics.map((x) => x.path + ': ' + x.message)).toEqual([expect.stringMatching(/^pool\.tapes\[0\]\.path: tape .*fake\.xlsx: not an \.xlsx workbook exceljs can read/)]);
    const wb = new ExcelJS.Workbook();
    plain([['L01', '借款人01', 1000, 0.05, '2021-01-18', '2022-01-18']])(wb);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    writeFileSync(join(tmp.dir(), 'cut.xlsx'), bytes.subarray(0, bytes.length >> 1));
    const cut = loadDeal(tmp.file('cut.json', deal({ path: 'cut.xlsx' })));
    expect(cut.diagnostics.map((x) => x.path + ': ' + x.message)).toEqual([expect.stringMatching(/^pool\.tapes\[0\]\.path: tape .*cut\.xlsx: not an \.xlsx workbook exceljs can read/)]);
    truncateSync(tmp.file('huge.xlsx', ''), 65 * 1024 * 1024);
    const huge = loadDeal(tmp.file('huge.json', deal({ path: 'huge.xlsx' })));
    expect(huge.diagnostics.map((x) => x.message)).toEqual([expect.stringMatching(/huge\.xlsx: larger than 64 MiB, the most read from a workbook .*: save the sheet as CSV, which is streamed$/)]);
    const xls = loadDeal(tmp.file('old.json', deal({ path: 'old.xls' })));
    expect(xls.diagnostics[0]!.message).toBe('old.xls is an Excel 97–2003 workbook (.xls), which ipabs does not read: save it as an Excel Workbook (.xlsx) or as CSV');
    tmp.file('t.csv', 'id,obligor,principal,rate,startDate,maturityDate\nL01,甲,1000000,0.05,2021-01-18,2022-01-18\n');
    const csv = loadDeal(tmp.file('csv.json', deal({ path: 't.csv', sheet: 1, headerRow: 2 })));
    expect(csv.diagnostics.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'pool.tapes[0].sheet: is for .xlsx tapes; t.csv is read as CSV (remove sheet, or give an .xlsx tape)',
      'pool.tapes[0].headerRow: is for .xlsx tapes; t.csv is read as CSV (remove headerRow, or give an .xlsx tape)',
    ]);
  });

  it('reads a sheet a program read itself (validateDeal with its own tape reader)', async () => {
    const wb = new ExcelJS.Workbook();
    plain([['L01', '借款人01', 1000, 0.05, 44214, '2022/1/18']])(wb);
    const sheet = await readSheet(new Uint8Array(await wb.xlsx.writeBuffer()), undefined);
    const r = validateDeal(deal({ path: 'mine.xlsx' }), 'mine.json', () => ({ diagnostics: [], file: 'mine.xlsx', sheet }));
    expect(r.diagnostics).toEqual([]);
    expect(r.deal!.assets.map((a) => [(a as { startDate: string }).startDate, (a as { maturityDate: string }).maturityDate])).toEqual([['2021-01-18', '2022-01-18']]);
  });
});
