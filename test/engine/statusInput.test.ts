/** A status read against its deal: pending recoveries by the lag, assets rebased, what is not listed. */
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal } from '../../src/engine/run.js';
import { projectStatus, runFromStatus } from '../../src/engine/status.js';
import { statusFile } from '../../src/engine/statusOutput.js';
import { readStatus } from '../../src/engine/statusInput.js';
import { Status, type StatusFile } from '../../src/schema/status.js';
import { BASE_SCENARIO } from '../../src/scenario/base.js';
import { validateScenario } from '../../src/scenario/load.js';
import { readFileSync } from 'node:fs';

const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prepared = prepareDeal(deal!);
const past = 8;
const asOf = prepared.periods[past - 1]!.date;
/** The base projection's status after 8 periods, as a file. */
const baseFile = (): StatusFile => Status.parse(JSON.parse(JSON.stringify(statusFile(prepared, projectStatus(prepared, past), asOf))));
const read = (s: StatusFile) => readStatus(prepared, s, 'status.json', BASE_SCENARIO);

describe('readStatus', () => {
  it('takes an unlisted asset as performing as scheduled', () => {
    const full = read(baseFile()).status!;
    const bare = read({ ...baseFile(), assets: [] }).status!;
    expect(bare.assets).toEqual(full.assets);
    expect(bare.past).toBe(8);
  });

  it('brings a defaulted asset’s expected recovery in after the scenario’s lag, not before the next period', () => {
    const s = baseFile();
    const i = s.assets.findIndex((a) => a.id === 'C03');
    const date = prepared.periods[4]!.collectionEnd;
    s.assets[i] = Status.shape.assets.parse([{ id: 'C03', status: 'defaulted', outstanding: 0, defaults: [{ date, balance: '1000000', recoveredToDate: '100000', expectedRecovery: '400000' }] }])[0]!;
    // Without pool.cumulativeDefaulted, the assets' defaults add up to it.
    const st = read({ ...s, pool: {} }).status!;
    const d = st.defaults.find((x) => x.asset === i)!;
    // Default in period 5 (0-based 4), lag 2 in the base case (6 < 8): arrives in the next period.
    expect([d.period, d.pending]).toEqual([4, [{ period: 8, amount: 30_000_000, kind: 'recovery' }]]);
    expect(st.cumulativeDefaulted).toBe(100_000_000);
    const r = runFromStatus(prepared, st, BASE_SCENARIO);
    expect(r.pool.periods[0]!.recoveries).toBe(30_000_000);
    expect(r.pool.periods.every((p) => p.period > 8)).toBe(true);
  });

  it('scales an asset’s remaining flows to the balance the status gives it', () => {
    const s = baseFile();
    const i = s.assets.findIndex((a) => a.status === 'performing');
    const whole = runFromStatus(prepared, read(s).status!, BASE_SCENARIO);
    s.assets[i] = { ...s.assets[i]!, outstanding: s.assets[i]!.outstanding!.div(2) };
    const half = runFromStatus(prepared, read(s).status!, BASE_SCENARIO);
    const collected = (r: typeof whole) => r.pool.periods.reduce((t, p) => t + p.principal, 0);
    expect(collected(whole) - collected(half)).toBe(Math.round(Number(s.assets[i]!.outstanding!.times(100))));
  });

  it('lets an asset the scenario wrote off before the status date, but the status says performs, keep its contractual flows', () => {
    const v = validateScenario(JSON.parse(readFileSync('deals/scenarios/guangkai-two-licensees-stop.json', 'utf8')), 's.json', deal!);
    const st = read(baseFile()).status!;
    const stopped = runFromStatus(prepared, st, v.scenario!);
    const base = runFromStatus(prepared, st, BASE_SCENARIO);
    // The two licensees stop in period 3, long before the status: the status, where they perform, wins.
    expect(stopped.pool.periods.map((p) => [p.principal, p.interest])).toEqual(base.pool.periods.map((p) => [p.principal, p.interest]));
  });

  it('refuses dates outside the deal and a status date before its last payment date', () => {
    const s = { ...baseFile(), asOf: '2020-01-01', lastPaymentDate: asOf };
    expect(read(s).diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([`asOf: 2020-01-01 is before the last payment date ${asOf}`]);
    const early = { ...baseFile(), asOf: '2019-10-01', lastPaymentDate: undefined };
    expect(read(early).diagnostics[0]!.message).toContain('no period is past');
    const late = { ...baseFile(), lastPaymentDate: '2021-01-01' };
    expect(read(late).diagnostics[0]!.message).toContain('is not a payment date of the deal');
  });
});
