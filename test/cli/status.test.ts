/** `ipabs run --status-at` and `--status` from the built CLI: the round trip, reports, errors in words (exit 2). */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const STOP = 'deals/scenarios/guangkai-two-licensees-stop.json';
const tmp = useTempDir('ipabs-status-');

describe('ipabs run --status (spawned)', () => {
  it('writes the status on a date and runs the rest of the deal from it: the later periods are the projection’s', () => {
    const out = `${tmp.dir()}/status.json`;
    const w = bin(['run', GK, '--scenario', STOP, '--status-at', '2021-12-31', '--out', out]);
    expect(w.err).toBe('');
    expect(w.code).toBe(0);
    const status = JSON.parse(readFileSync(out, 'utf8'));
    expect([status.asOf, status.lastPaymentDate, status.state.waterfall]).toEqual(['2021-12-31', '2021-11-26', 'accelerated']);
    const whole = JSON.parse(bin(['run', GK, '--scenario', STOP, '--format', 'json']).out);
    const from = bin(['run', GK, '--scenario', STOP, '--status', out, '--format', 'json']);
    expect(from.err).toBe('');
    const rest = JSON.parse(from.out);
    expect(rest.status).toEqual({ asOf: '2021-12-31', lastPaymentDate: '2021-11-26', periodsPast: 9 });
    const later = (r: { tranches: { periods: { period: number }[] }[] }) => r.tranches.map((t) => t.periods.filter((p) => p.period > 9));
    expect(later(rest)).toEqual(later(whole));
    expect(rest.tranches[0].periods[0].period).toBe(10);
  });

  it('says the status date and the periods past in the report', () => {
    const out = tmp.file('base.json', '');
    bin(['run', GK, '--status-at', '2021-02-26', '--out', out]);
    const r = bin(['run', GK, '--status', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('From a status: as of 2021-02-26, 6 periods past (last payment date 2021-02-26)');
  });

  it('refuses a status that does not fit the deal, naming the file and JSON path (exit 2)', () => {
    const status = { asOf: '2021-12-31', tranches: [{ id: 'A', balance: '999999999.00' }, { id: 'Z', balance: 0 }], assets: [{ id: 'C99', status: 'performing', outstanding: 1 }] };
    const file = tmp.file('bad.json', status);
    const r = bin(['run', GK, '--status', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('tranches[0].balance: 999999999.00 is above the tranche\'s issued balance 285950000.00');
    expect(r.err).toContain('tranches[1].id: unknown tranche "Z"');
    expect(r.err).toContain('assets[0].id: unknown asset "C99"');
    expect(r.err).not.toContain('    at ');
  });

  it('reads asset statuses from a tape with Chinese headers, naming its CSV line', () => {
    tmp.file('assets.csv', '资产编号,资产状态,剩余本金,逾期天数,违约日,违约金额,已回收金额,预计回收金额\nC03,正常,1000,,,,,\nC04,违约,0,,2023-01-01,100,0,50\n');
    const file = tmp.file('tape.json', { asOf: '2021-12-31', assetTape: 'assets.csv', tranches: [{ id: 'A', balance: '100000000.00' }, { id: 'B', balance: '15050000.00' }] });
    const r = bin(['run', GK, '--status', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('assets.csv:3');
    expect(r.err).toContain('2023-01-01 is after the status date 2021-12-31');
  });

  it('refuses a --status-at date outside the deal', () => {
    const r = bin(['run', GK, '--status-at', '2019-10-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('before the deal\'s first payment date');
  });

  it('stress --status runs each scenario on the rest of the deal; from the base status, the base row is the whole run’s', () => {
    const out = tmp.file('for-stress.json', '');
    bin(['run', GK, '--status-at', '2021-02-26', '--out', out]);
    const rows = (args: string[]) => JSON.parse(bin(['stress', GK, '--cumulative', '0', '--format', 'json', ...args]).out).sections;
    const from = bin(['stress', GK, '--cumulative', '0,20', '--status', out, '--lang', 'en']);
    expect(from.code).toBe(0);
    expect(from.out).toContain('From a status: as of 2021-02-26, 6 periods past');
    // The same losses, payment dates and support draws; WAL is left out from a status, and coverage is of the later periods.
    const pick = (r: Record<string, unknown>[]) => r.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.endsWith(':wal') && k !== 'minCoverage')));
    expect(pick(rows(['--status', out]).stress.rows)).toEqual(pick(rows([]).stress.rows));
    // Sharded too (test/cli/statusShards.test.ts merges the parts): shard 1/2 writes its part.
    expect(JSON.parse(bin(['stress', GK, '--status', out, '--shard', '1/2']).out).format).toBe('ipabs-part');
  });

  it('breakeven --status searches on the rest of the deal and says the status', () => {
    const out = tmp.file('for-breakeven.json', '');
    bin(['run', GK, '--status-at', '2021-02-26', '--out', out]);
    const r = bin(['breakeven', GK, '--status', out, '--tranche', 'A', '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('From a status: as of 2021-02-26, 6 periods past');
  });

  it('is in --help, and its schema is printed', () => {
    expect(bin(['run', '--help']).out).toContain('--status-at <date>');
    expect(JSON.parse(bin(['schema', '--status']).out).title).toBe('ipabs status file');
  });
});

describe('an .xlsx status tape (spawned)', () => {
  it('runs as its CSV runs, and names a bad cell tape.xlsx!Sheet!cell', async () => {
    const base = tmp.file('x-base.json', '');
    expect(bin(['run', GK, '--status-at', '2021-08-26', '--out', base]).code).toBe(0);
    const json = JSON.parse(readFileSync(base, 'utf8'));
    const others = json.assets.filter((a: { id: string }) => a.id !== 'C04' && a.id !== 'C05');
    tmp.file('x.csv', '资产编号,资产状态,剩余本金（万元）,逾期天数\nC04,逾期,,45\nC05,正常,"1,000",\n');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('状态');
    ws.addRow(['资产状态表']);
    ws.addRow(['资产编号', '资产状态', '剩余本金（万元）', '逾期天数']);
    ws.addRow(['C04', '逾期', null, 45]);
    ws.addRow(['C05', '正常', 1000]);
    writeFileSync(`${tmp.dir()}/x.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
    const csv = bin(['run', GK, '--status', tmp.file('x-csv.json', { ...json, assets: others, assetTape: 'x.csv' }), '--format', 'json']);
    expect(csv.err).toBe('');
    const xlsx = bin(['run', GK, '--status', tmp.file('x-xlsx.json', { ...json, assets: others, assetTape: { path: 'x.xlsx', sheet: '状态', headerRow: 2 } }), '--format', 'json']);
    expect(xlsx.err).toBe('');
    expect(xlsx.out).toBe(csv.out);
    ws.getCell('D3').value = 'x';
    writeFileSync(`${tmp.dir()}/x.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
    const bad = bin(['run', GK, '--status', `${tmp.dir()}/x-xlsx.json`]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('x.xlsx!状态!D3 (column 逾期天数)');
  });
});

describe('an overdue asset from a status tape (spawned)', () => {
  it('cures in the next period under overdue.mode cure, and rolls into default by default', () => {
    // The base status on 2021-08-26 (8 periods past), C04 listed on a tape as 30 days overdue (逾期), what it owes left to the contract.
    const base = tmp.file('od-base.json', '');
    expect(bin(['run', GK, '--status-at', '2021-08-26', '--out', base]).code).toBe(0);
    const json = JSON.parse(readFileSync(base, 'utf8'));
    tmp.file('od.csv', '资产编号,资产状态,逾期天数\nC04,逾期,30\n');
    const file = tmp.file('od.json', { ...json, assets: json.assets.filter((a: { id: string }) => a.id !== 'C04'), assetTape: 'od.csv' });
    const cure = tmp.file('cure.json', { name: 'cure', overdue: { mode: 'cure' } });
    const pool = (args: string[]) => JSON.parse(bin(['run', GK, '--format', 'json', ...args]).out).pool.periods as { principal: string; defaulted: string }[];
    const asScheduled = pool(['--status', base]);
    const cured = pool(['--status', file, '--scenario', cure]);
    // C04's level royalty (the 4th licence): its missed one is collected with the next.
    const royalty = Number(JSON.parse(readFileSync(GK, 'utf8')).pool.assets.find((a: { id: string }) => a.id === 'C04').royalties.total) / 20;
    expect((Number(cured[0]!.principal) - Number(asScheduled[0]!.principal)).toFixed(2)).toBe(royalty.toFixed(2));
    const rolled = pool(['--status', file]);
    expect(Number(rolled[0]!.defaulted)).toBeGreaterThan(0);
    expect((Number(asScheduled[0]!.principal) - Number(rolled[0]!.principal)).toFixed(2)).toBe(royalty.toFixed(2));
  });
});
