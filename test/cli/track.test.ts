/**
 * `ipabs track`: a broken actuals file (each kind of error, naming file, line and column), a
 * period that does not balance (all reported, exit 1), a status that disagrees with the actuals,
 * a trigger firing on the actuals only, .xlsx actuals equal to CSV ones, deterministic output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const DEAL = 'deals/guangkai-patent-license.json';
const ACTUALS = 'deals/actuals/guangkai-2021-08-26.csv';
const STATUS = 'deals/status/guangkai-2021-08-26.json';
const SCENARIO = 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json';
const tmp = useTempDir('ipabs-track-');
const lines = () => readFileSync(ACTUALS, 'utf8').trimEnd().split('\n');

/** The example's actuals with `edit` applied to its lines, written as `name`. */
function actuals(name: string, edit: (l: string[]) => string[]): string {
  return tmp.file(name, `${edit(lines()).join('\n')}\n`);
}

const track = (file: string, ...more: string[]) => runCli(['track', DEAL, '--actuals', file, '--scenario', SCENARIO, ...more]);
const replace = (from: string, to: string) => (l: string[]) => l.map((x) => (x === from ? to : x));

describe('ipabs track: a broken actuals file is exit 2, naming the file, line and column', () => {
  const cases: { name: string; edit: (l: string[]) => string[]; message: RegExp }[] = [
    { name: 'column', edit: (l) => [l[0]!.replace('金额', '数额'), ...l.slice(1)], message: /column\.csv:1:4: unknown column "数额"/ },
    { name: 'amount', edit: replace('2019-11-26,税费,托管费,12534.79,', '2019-11-26,税费,托管费,12534.789,'), message: /amount\.csv:4:4: "12534\.789" is not an amount in yuan to the fen/ },
    { name: 'negative', edit: replace('2019-11-26,税费,托管费,12534.79,', '2019-11-26,税费,托管费,-12534.79,'), message: /negative\.csv:4:4: -12534\.79: an amount is not negative/ },
    { name: 'item', edit: replace('2019-11-26,税费,托管费,12534.79,', '2019-11-26,手续费,托管费,12534.79,'), message: /item\.csv:4:2: unknown item "手续费"/ },
    { name: 'object', edit: replace('2019-11-26,税费,托管费,12534.79,', '2019-11-26,税费,保管费,12534.79,'), message: /object\.csv:4:3: unknown fee "保管费" for 税费 \(the deal's: mgmt\/管理费, custody\/托管费/ },
    { name: 'pool-object', edit: replace('2019-11-26,许可费回收,,19565000.00,', '2019-11-26,许可费回收,A,19565000.00,'), message: /pool-object\.csv:2:3: 本金回收 is the pool's: it names no object/ },
    { name: 'date', edit: replace('2019-11-26,税费,托管费,12534.79,', '2019-11-27,税费,托管费,12534.79,'), message: /date\.csv:4: 2019-11-27 is not a payment date of the deal/ },
    { name: 'twice', edit: (l) => [...l, '2019-11-26,税费,托管费,1.00,'], message: /twice\.csv:80: 税费 of custody on 2019-11-26 is given twice \(line 4 too\)/ },
    { name: 'gap', edit: (l) => l.filter((x) => !x.startsWith('2020-02-26')), message: /gap\.csv: no figures for period 2 \(2020-02-26\)/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await track(actuals(`${c.name}.csv`, c.edit));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(c.message);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }

  it('lists every bad line at once', async () => {
    const r = await track(actuals('many.csv', (l) => l.map((x) => x.replace(',12534.79,', ',x,').replace(',15173.70,', ',y,'))));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/many\.csv:4:4: "x"/);
    expect(r.err).toMatch(/many\.csv:13:4: "y"/);
  });

  it('a sheet names its workbook and sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('实际数据');
    ws.addRow(['兑付日', '项目', '对象', '金额']);
    ws.addRow(['2019-11-26', '税费', '保管费', 1]);
    const file = join(tmp.dir(), 'bad.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await track(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.xlsx!实际数据!C2: unknown fee "保管费"/);
  });
});

describe('ipabs track: checks on the figures', () => {
  it('reports every period that does not balance, with the report, and exits 1', async () => {
    const file = actuals('unbalanced.csv', (l) => l.map((x) => x.replace('2020-02-26,税费,审计费,10000.00,', '2020-02-26,税费,审计费,10100.00,').replace('2021-05-26,利息,A,1790907.46,', '2021-05-26,利息,A,1790900.00,')));
    const r = await track(file, '--format', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { sections: { balance: { rows: { period: number; gap: string; check: string }[] }; summary: { values: { unbalanced: number } } } };
    expect(j.sections.balance.rows.filter((x) => x.gap !== '0.00').map((x) => [x.period, x.gap])).toEqual([
      [2, '-100.00'],
      [7, '7.46'],
    ]);
    expect(j.sections.summary.values.unbalanced).toBe(2);
    expect(r.err).toContain('2 findings');
    expect(r.err).toMatch(/period 2 \(2020-02-26\): cash in 19565000\.00 ≠ cash out 19565100\.00 .*-100\.00 went out more than came in/);
    expect(r.err).toMatch(/period 7 \(2021-05-26\): .*7\.46 came in and is not accounted for/);
  });

  it('a reserve whose draw is given must move by it', async () => {
    const r = await track(actuals('draw.csv', replace('2021-05-26,提取,风险金,2925000.00,', '2021-05-26,提取,风险金,2900000.00,')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/period 7 \(2021-05-26\): risk: opening 12125000\.00 \+ topped up 0\.00 − drawn 2900000\.00 = 9225000\.00, but the closing balance is 9200000\.00 \(gap -25000\.00\)/);
  });

  it('a status that disagrees with the actuals is exit 2, naming both figures', async () => {
    // A paid 100.00 more principal in period 2, out of 100.00 more royalties: balanced, but A's balance is not the status's.
    const file = actuals('more.csv', (l) => l.map((x) => x.replace('2020-02-26,许可费回收,,19565000.00,', '2020-02-26,许可费回收,,19565100.00,').replace('2020-02-26,本金,A,16702505.43,', '2020-02-26,本金,A,16702605.43,')));
    const r = await track(file, '--status', STATUS);
    expect(r.code).toBe(2);
    expect(r.err).toContain('tranche A balance: the status has 148251534.01, the actuals 148251434.01 (issued 285950000.00 − principal paid 137698565.99)');
  });

  it('a support draw: beside the projection, in the status made from the actuals, and checked against a status file', async () => {
    // Period 8: the liquidity support advances 100,000.00, paid to A as principal (the period still balances).
    const file = actuals('liquidity.csv', (l) => [...l.map((x) => x.replace('2021-08-26,本金,A,17739965.43,', '2021-08-26,本金,A,17839965.43,')), '2021-08-26,支付,流动性支持,100000.00,']);
    const r = await track(file, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { sections: { variance: { rows: Record<string, unknown>[] } } };
    expect(j.sections.variance.rows).toContainEqual({ period: 8, date: '2021-08-26', item: '支付', object: '流动性支持', objectId: 'liquidity', actual: '100000.00', projected: '0.00', variance: '100000.00', cumulative: '100000.00' });
    const withStatus = await track(file, '--status', STATUS);
    expect(withStatus.code).toBe(2);
    expect(withStatus.err).toContain('support liquidity drawn: the status has 0.00, the actuals 100000.00 (the sum of 支付)');
    expect(withStatus.err).toContain('tranche A balance: the status has 148251534.01, the actuals 148151534.01');
  });

  it('tests the triggers on the actual figures: a missed senior interest payment is an event of default on the next date', async () => {
    // Period 2: A is paid 2,700,000.00 of the 2,711,018.13 due; the 11,018.13 goes to principal (the period still balances).
    const file = actuals('missed.csv', (l) => l.map((x) => x.replace('2020-02-26,利息,A,2711018.13,', '2020-02-26,利息,A,2700000.00,').replace('2020-02-26,本金,A,16702505.43,', '2020-02-26,本金,A,16713523.56,')));
    const r = await track(file, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { sections: { triggers: { rows: Record<string, unknown>[] }; summary: { values: { fired: string } } } };
    expect(j.sections.triggers.rows).toContainEqual({ period: 3, date: '2020-05-26', trigger: 'default-event', name: '违约事件', basis: '实际', event: '触发' });
    expect(j.sections.triggers.rows.filter((x) => x['trigger'] === 'default-event' && x['basis'] === '预测')).toEqual([]);
    expect(j.sections.summary.values.fired).toBe('acceleration, default-event');
  });
});

describe('ipabs track: formats and determinism', () => {
  it('an .xlsx actuals file (typed cells: dates, numbers) gives what the CSV gives', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    lines().forEach((l, i) => {
      const [date, item, object, amount, note] = l.split(',');
      ws.addRow(i === 0 ? [date, item, object, amount, note] : [new Date(`${date}T00:00:00Z`), item, object || null, Number(amount), note || null]);
    });
    const file = join(tmp.dir(), 'actuals.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const fromSheet = await track(file, '--status', STATUS, '--format', 'json');
    const fromCsv = await track(ACTUALS, '--status', STATUS, '--format', 'json');
    expect(fromSheet.err).toBe('');
    expect(fromSheet.code).toBe(0);
    expect(fromSheet.out).toBe(fromCsv.out);
  });

  it('a wide sheet (a line per payment date, a column per figure) gives what the long one gives', async () => {
    // Columns: 兑付日, then "对象 项目" (A 利息, 风险金 期末余额), a pool item alone (许可费回收), a fee alone (托管费).
    const figures = lines().slice(1).map((l) => l.split(','));
    const header = (f: string[]) => (f[2] === '' ? f[1]! : f[1] === '税费' ? f[2]! : `${f[2]} ${f[1]}`);
    const columns = [...new Set(figures.map(header))];
    const dates = [...new Set(figures.map((f) => f[0]!))];
    const rows = dates.map((d) => [d, ...columns.map((c) => figures.find((f) => f[0] === d && header(f) === c)?.[3] ?? '')]);
    const file = tmp.file('wide.csv', `${[['兑付日', ...columns], ...rows].map((r) => r.join(',')).join('\n')}\n`);
    expect(columns).toEqual(expect.arrayContaining(['许可费回收', '托管费', 'A 利息', '风险金 期末余额']));
    const wide = await track(file, '--status', STATUS, '--format', 'json');
    const long = await track(ACTUALS, '--status', STATUS, '--format', 'json');
    expect(wide.err).toBe('');
    expect(wide.out).toBe(long.out);
  });

  it('a wide sheet names a bad cell by its line and column, and an unknown column header', async () => {
    const bad = await track(tmp.file('wide-bad.csv', '兑付日,许可费回收,A 利息,A 红利\n2019-11-26,19565000.00,x,1\n'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/wide-bad\.csv:1:4: unknown column "A 红利"/);
    const cell = await track(tmp.file('wide-cell.csv', '兑付日,许可费回收,A 利息\n2019-11-26,19565000.00,x\n'));
    expect(cell.err).toMatch(/wide-cell\.csv:2:3: "x" is not an amount/);
    // An unknown fee in a header is said once, at its first line.
    const fee = await track(tmp.file('wide-fee.csv', '兑付日,许可费回收,保管费\n2019-11-26,19565000.00,1\n2020-02-26,19565000.00,1\n'));
    expect(fee.err.match(/unknown fee "保管费"/g)).toHaveLength(1);
    expect(fee.err).toMatch(/wide-fee\.csv:2:3: unknown fee "保管费" for 税费/);
  });

  it('gives the same output twice', async () => {
    const a = await track(ACTUALS, '--format', 'csv');
    const b = await track(ACTUALS, '--format', 'csv');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });

  it('--actuals is required', async () => {
    const r = await runCli(['track', DEAL]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("required option '--actuals <file>' not specified");
  });
});
