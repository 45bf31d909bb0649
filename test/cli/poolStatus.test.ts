/** `ipabs pool DEAL --status STATUS`, from the built CLI: the pool left on a status date. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../../src/contract/index.js';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const EXAMPLE = 'deals/status/guangkai-2021-08-26.json';
const tmp = useTempDir('ipabs-pool-status-');
const pool = (args: string[]) => {
  const r = bin(['pool', ...args, '--format', 'json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const v = JSON.parse(r.out);
  expect(contractProblems('pool', v)).toEqual([]);
  return v.sections;
};
const kv = (s: { values: Record<string, unknown> }) => s.values;

describe('ipabs pool --status (spawned)', () => {
  it('the worked example: 专利客户03 defaulted, out of the outstanding balance, its pending recovery in the flows', () => {
    const s = pool([GK, '--status', EXAMPLE, '--cashflows']);
    const status = kv(s.liveStatus);
    expect(status).toMatchObject({ asOf: '2021-08-26', lastPaymentDate: '2021-08-26', periodsPast: 8, periodsLeft: 12, outstanding: '199680000.00', cumulativeDefaulted: '43875000.00', pendingRecoveries: '8775000.00' });
    expect(s.assetStatus.rows.map((r: Record<string, unknown>) => [r.status, r.inOutstanding, r.count, r.balance, r.defaulted, r.pending])).toEqual([
      ['正常', '是', 10, '199680000.00', '0.00', '0.00'],
      ['违约', '否', 1, '0.00', '43875000.00', '8775000.00'],
    ]);
    expect(kv(s.summary)).toMatchObject({ balance: '199680000.00', contracts: 10, obligors: 10, issueBalance: '163301534.01' });
    expect(s.tranches.rows[0]).toMatchObject({ id: 'A', balance: '148251534.01' });
    // The remaining contractual flows: from period 9, principal summing to the outstanding balance, the recovery in period 10.
    const rows = s.cashflows.rows;
    expect(rows[0].period).toBe(9);
    expect(rows[0].beginBalance).toBe('199680000.00');
    expect(rows.at(-1).endBalance).toBe('0.00');
    expect(s.cashflows.total.principal).toBe('199680000.00');
    expect(rows[1]).toMatchObject({ period: 10, recoveries: '8775000.00' });
    // No stratum counts the defaulted contract.
    expect(s.industry.total.count).toBe(10);
  });

  it('from the base status on the first payment date: the closing pool less the first period\'s principal', () => {
    const base = tmp.file('base.json', '');
    expect(bin(['run', GK, '--status-at', '2019-11-26', '--out', base]).code).toBe(0);
    const live = pool([GK, '--status', base, '--cashflows']);
    const whole = pool([GK, '--cashflows']);
    expect(kv(live.liveStatus).periodsPast).toBe(1);
    expect(live.cashflows.rows[0]).toEqual({ ...whole.cashflows.rows[1], recoveries: '0.00' });
    expect(kv(live.summary).balance).toBe(whole.cashflows.rows[0].endBalance);
  });

  it('counts overdue assets in the outstanding balance, by days band', () => {
    const s = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    s.assets = s.assets.filter((a: { id: string }) => a.id !== 'C04' && a.id !== 'C05');
    tmp.file('od.csv', '资产编号,资产状态,逾期天数\nC04,逾期,45\nC05,逾期,100\n');
    const file = tmp.file('od.json', { ...s, assetTape: 'od.csv' });
    const sec = pool([GK, '--status', file, '--lang', 'en']);
    const rows = sec.assetStatus.rows.map((r: Record<string, unknown>) => [r.status, r.inOutstanding, r.count]);
    expect(rows).toEqual([
      ['Performing', 'yes', 8],
      ['Overdue 31–60 days', 'yes', 1],
      ['Overdue over 90 days', 'yes', 1],
      ['Defaulted', 'no', 1],
    ]);
    expect(kv(sec.summary).contracts).toBe(10);
  });

  it('leaves obligors that owe nothing more out of the concentration tables', () => {
    const s = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const gone = ['C01', 'C02', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09'];
    s.assets = s.assets.map((a: { id: string }) => (gone.includes(a.id) ? { id: a.id, status: 'prepaid' } : a));
    const sec = pool([GK, '--status', tmp.file('few.json', s)]);
    expect(sec.topObligors.rows).toHaveLength(2);
    expect(kv(sec.summary)).toMatchObject({ obligors: 2, contracts: 2, balance: '15600000.00' });
    expect(sec.assetStatus.rows.map((r: Record<string, unknown>) => [r.status, r.count])).toEqual([['正常', 2], ['违约', 1], ['提前还款', 8]]);
  });

  it('every output format works and is deterministic; the report says the status date', () => {
    for (const format of ['table', 'csv', 'md', 'html', 'json']) {
      const a = bin(['pool', GK, '--status', EXAMPLE, '--cashflows', '--format', format, '--lang', 'en']);
      expect(a.code).toBe(0);
      expect(bin(['pool', GK, '--status', EXAMPLE, '--cashflows', '--format', format, '--lang', 'en']).out).toBe(a.out);
      if (format !== 'json' && format !== 'csv') expect(a.out).toContain('as of 2021-08-26, 8 periods past');
    }
    const x = tmp.file('p.xlsx', '');
    expect(bin(['pool', GK, '--status', EXAMPLE, '--out', x]).code).toBe(0);
    const bytes = readFileSync(x);
    expect(bin(['pool', GK, '--status', EXAMPLE, '--out', x]).code).toBe(0);
    expect(readFileSync(x).equals(bytes)).toBe(true);
  });

  it('refuses --asset-flows and a bad status (exit 2)', () => {
    const r = bin(['pool', GK, '--status', EXAMPLE, '--asset-flows']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--asset-flows');
    const bad = bin(['pool', GK, '--status', tmp.file('bad.json', { asOf: '2030-01-01', tranches: [] })]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('does not fit the deal');
  });
});
