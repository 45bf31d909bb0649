/**
 * Overdue assets (逾期) in a run from a status, by hand on 广开专利 after 8 periods (2021-08-26).
 * 专利客户03's licence C03 pays a level royalty of 2,925,000.00 a quarter (58,500,000.00 over
 * 20 quarters); after 8 its contractual balance is 58,500,000 − 8 × 2,925,000 = 35,100,000.00.
 * 30 days overdue on 2021-08-26, its first missed due date is 2021-07-27: it missed the
 * instalment of period 8 (collection end 2021-08-26), and owes 35,100,000 + 2,925,000 =
 * 38,025,000.00. It reaches 90 days on 2021-07-27 + 90 = 2021-10-25, in period 9 (to 2021-11-26).
 */
import { describe, expect, it } from 'vitest';
import { loadDeal, validateDeal } from '../../src/io/loadDeal.js';
import { prepareDeal } from '../../src/engine/run.js';
import { projectStatus, runFromStatus } from '../../src/engine/status.js';
import { statusFile } from '../../src/engine/statusOutput.js';
import { readStatus } from '../../src/engine/statusInput.js';
import { Status, type StatusFile } from '../../src/schema/status.js';
import { Scenario, type ScenarioSpec } from '../../src/scenario/schema.js';
import type { RunResult } from '../../src/engine/types.js';
import type { PreparedDeal } from '../../src/engine/prepare.js';

const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prepared = prepareDeal(deal!);
const PAST = 8;
const asOf = prepared.periods[PAST - 1]!.date;
const INSTALMENT = 292_500_000;
const baseFile = (p: PreparedDeal = prepared): StatusFile => Status.parse(JSON.parse(JSON.stringify(statusFile(p, projectStatus(p, PAST), asOf))));

/** The base status with C03 overdue `days`, owing `outstanding` yuan. */
function overdue(days: number, outstanding: string, p: PreparedDeal = prepared): StatusFile {
  const s = baseFile(p);
  return { ...s, assets: s.assets.map((a) => (a.id === 'C03' ? Status.shape.assets.parse([{ id: 'C03', status: 'overdue', outstanding, overdueDays: days }])[0]! : a)) };
}

const run = (s: StatusFile, scenario: ScenarioSpec, p: PreparedDeal = prepared): RunResult => {
  const read = readStatus(p, s, 'status.json', scenario);
  expect(read.diagnostics).toEqual([]);
  return runFromStatus(p, read.status!, scenario);
};
const pool = (r: RunResult) => r.pool.periods.map((x) => ({ principal: x.principal, missed: x.missed, defaulted: x.defaulted, recoveries: x.recoveries }));
const scenario = (json: unknown) => Scenario.parse(json);

describe('an overdue asset', () => {
  const base = pool(run(baseFile(), scenario({})));

  it('reads its missed instalments and the period it reaches 90 days in', () => {
    const st = readStatus(prepared, overdue(30, '38025000'), 's.json', scenario({})).status!;
    expect(st.overdue).toEqual([{ asset: 2, days: 30, missed: [7], rollPeriod: 8 }]);
    // 100 days: it missed periods 7 and 8 (first due 2021-05-18), and is past 90 days already: it rolls in period 9.
    const long = readStatus(prepared, overdue(100, '40950000'), 's.json', scenario({})).status!;
    expect(long.overdue).toEqual([{ asset: 2, days: 100, missed: [6, 7], rollPeriod: 8 }]);
  });

  it('cures: its arrears are collected with the next instalment, then it pays as scheduled', () => {
    const cured = pool(run(overdue(30, '38025000'), scenario({ overdue: { mode: 'cure' } })));
    // Period 9 collects C03's missed 2,925,000.00 besides its own: every other period as in the base status.
    expect(cured[0]!.principal - base[0]!.principal).toBe(INSTALMENT);
    expect(cured.slice(1)).toEqual(base.slice(1));
    expect(cured.every((x) => x.defaulted === 0)).toBe(true);
  });

  it('cures in the stated period: what falls due meanwhile is delayed to it, not lost', () => {
    const cured = pool(run(overdue(30, '38025000'), scenario({ overdue: { mode: 'cure', curePeriod: 3 } })));
    // Periods 9 and 10 go without C03's 2,925,000.00; period 11 collects them and the missed one: 4 × 2,925,000.00 in all.
    expect([0, 1, 2].map((k) => cured[k]!.principal - base[k]!.principal)).toEqual([-INSTALMENT, -INSTALMENT, 3 * INSTALMENT]);
    // Missed when due in periods 9 and 10 (a reserve for missed collections covers them), not in 11.
    expect([0, 1, 2].map((k) => cured[k]!.missed - base[k]!.missed)).toEqual([INSTALMENT, INSTALMENT, 0]);
    expect(cured.slice(3)).toEqual(base.slice(3));
    const total = (xs: typeof base) => xs.reduce((t, x) => t + x.principal, 0);
    expect(total(cured) - total(base)).toBe(INSTALMENT);
  });

  it('rolls (the default): pays nothing more and defaults, all it owes, when it reaches 90 days; recovered after the lag', () => {
    const s = scenario({ recovery: { rate: 0.4, lagPeriods: 2 } });
    const from = pool(run(baseFile(), s));
    const result = run(overdue(30, '38025000'), s);
    const rolled = pool(result);
    expect(result.events.find((e) => e.type === 'default' && e.id === 'C03')!.message).toBe('C03 (专利客户03) defaults: balance 38025000.00 outstanding (30 days overdue on the status date: rolls into default)');
    // Period 9: C03's instalment is not collected and 38,025,000.00 defaults.
    expect(rolled[0]!.principal - from[0]!.principal).toBe(-INSTALMENT);
    expect(rolled[0]!.defaulted).toBe(3_802_500_000);
    expect(rolled[0]!.missed - from[0]!.missed).toBe(INSTALMENT);
    // 40% of it, 15,210,000.00, arrives in period 11; C03 pays nothing to its end (period 20).
    expect(rolled[2]!.recoveries - from[2]!.recoveries).toBe(1_521_000_000);
    for (let k = 1; k < from.length; k++) expect(from[k]!.principal - rolled[k]!.principal).toBe(k + PAST < 20 ? INSTALMENT : 0);
  });

  it('rolls on the deal’s own default definition (pool.defaultOverdueDays)', () => {
    // 180 days: 2021-07-27 + 180 = 2022-01-23, in period 10 (to 2022-02-26); until then nothing is collected of C03.
    const input = JSON.parse(JSON.stringify(deal!.spec)) as Record<string, Record<string, unknown>>;
    input['pool']!['defaultOverdueDays'] = 180;
    const v = validateDeal(input, deal!.file, () => ({ assets: [], diagnostics: [] }));
    const p = prepareDeal({ ...v.deal!, assets: deal!.assets });
    expect(readStatus(p, overdue(30, '38025000', p), 's.json', scenario({})).status!.overdue![0]!.rollPeriod).toBe(9);
    const rolled = pool(run(overdue(30, '38025000', p), scenario({}), p));
    expect([rolled[0]!.defaulted, rolled[1]!.defaulted]).toEqual([0, 3_802_500_000]);
    // Period 9's royalty is missed when due; period 10's with the default.
    expect([rolled[0]!.missed - base[0]!.missed, rolled[1]!.missed - base[1]!.missed]).toEqual([INSTALMENT, INSTALMENT]);
    expect(base[0]!.principal - rolled[0]!.principal).toBe(INSTALMENT);
  });

  it('owes by default what the contract says: its balance after the status date and the principal it missed', () => {
    const s = overdue(30, '1');
    const given = s.assets.find((a) => a.id === 'C03')!;
    const bare = { ...s, assets: s.assets.map((a) => (a === given ? { ...a, outstanding: undefined } : a)) };
    const st = readStatus(prepared, bare, 's.json', scenario({})).status!;
    // 35,100,000.00 + 2,925,000.00.
    expect(st.assets[2]).toBe(3_802_500_000);
    expect(pool(run(bare, scenario({})))).toEqual(pool(run(overdue(30, '38025000'), scenario({}))));
  });

  it('needs its days overdue, and something owed; days are for overdue assets only', () => {
    const s = baseFile();
    const withAsset = (a: unknown) => ({ ...s, assets: [Status.shape.assets.parse([a])[0]!] });
    const msgs = (f: StatusFile) => readStatus(prepared, f, 's.json', scenario({})).diagnostics.map((d) => `${d.path}: ${d.message}`);
    expect(msgs(withAsset({ id: 'C03', status: 'overdue', outstanding: '100' }))).toEqual(['assets[0].overdueDays: an overdue asset gives its days overdue (逾期天数), 1 or more']);
    expect(msgs(withAsset({ id: 'C03', status: 'overdue', outstanding: '0', overdueDays: 5 }))[0]).toContain('an overdue asset owes something');
    expect(msgs(withAsset({ id: 'C03', status: 'performing', outstanding: '100', overdueDays: 5 }))).toEqual(['assets[0].overdueDays: is for an overdue asset (this one is performing)']);
  });
});

describe('the defaults a status carries in', () => {
  it('are listed among the run’s events, in their period, marked as from the status', () => {
    const s = baseFile();
    const date = prepared.periods[4]!.collectionEnd;
    const i = s.assets.findIndex((a) => a.id === 'C03');
    s.assets[i] = Status.shape.assets.parse([{ id: 'C03', status: 'defaulted', defaults: [{ date: '2021-01-15', balance: '43875000', recoveredToDate: '1000000', expectedRecovery: '5000000' }] }])[0]!;
    const r = run(s, scenario({}));
    const carried = r.events.filter((e) => e.fromStatus);
    expect(carried).toEqual([
      { period: 6, date: '2021-01-15', type: 'default', id: 'C03', name: '专利客户03', amount: 4_387_500_000, detail: 'default', fromStatus: true, message: 'C03 (专利客户03) defaulted on 2021-01-15 (from the status): balance 43875000.00 outstanding, 1000000.00 recovered to date' },
    ]);
    expect(date < '2021-01-15').toBe(true);
    // Listed first: the run's own events come after the status date.
    expect(r.events[0]).toBe(carried[0]);
    expect(r.events.filter((e) => !e.fromStatus).every((e) => e.period > PAST)).toBe(true);
  });
});

describe('an overdue asset the scenario also defaults', () => {
  const s = scenario({ recovery: { rate: 0.4, lagPeriods: 2 }, defaults: [{ asset: 'C03', period: 12 }] });
  it('defaults at the earlier of its roll and the scenario’s default: nothing delayed is collected in between', () => {
    const rolled = pool(run(overdue(30, '38025000'), s));
    // Rolls in period 9 (before the scenario's 12): all 38,025,000.00 defaults then.
    expect(rolled[0]!.defaulted).toBe(3_802_500_000);
    const early = pool(run(overdue(30, '38025000'), { ...s, defaults: [{ asset: 'C03', period: 9, mode: 'default' }] }));
    expect(early).toEqual(rolled);
  });
});
