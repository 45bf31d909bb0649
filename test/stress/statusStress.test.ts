/**
 * Obligor tests and Monte Carlo on the rest of a live deal: obligors that owe nothing on the
 * status date are left out, defaults fall after it, and a pattern without defaults is the run
 * from the status.
 */
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal } from '../../src/engine/run.js';
import { projectStatus, runFromStatus } from '../../src/engine/status.js';
import { Scenario } from '../../src/scenario/schema.js';
import { obligorsBySize, topObligorTests } from '../../src/stress/obligors.js';
import { mcObligors } from '../../src/stress/montecarlo.js';
import { statusPatterns } from '../../src/stress/mcStatus.js';
import { patternTranche } from '../../src/stress/mcAggregate.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { requireFreshDist } from './fixtures.js';

const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prepared = prepareDeal(deal!);
// 专利客户01 and 02 stop paying in period 3: after 9 periods they owe nothing that can default again.
const stop = Scenario.parse({ defaults: ['专利客户01', '专利客户02'].map((obligor) => ({ obligor, period: 3, mode: 'stopPaying' })) });
const status = projectStatus(prepared, 9, stop);
const stopped = (name: string) => deal!.assets.flatMap((a, i) => (a.obligor === name ? [i] : []));

describe('obligor tests from a status', () => {
  it('size the obligors by what they owe on the status date and leave out those owing nothing', () => {
    expect(stopped('专利客户01').every((i) => status.assets[i] === 0)).toBe(true);
    const names = obligorsBySize(prepared, status).map((o) => o.name);
    expect(names).not.toContain('专利客户01');
    expect(names).not.toContain('专利客户02');
    expect(names.length).toBe(obligorsBySize(prepared).length - 2);
    const owed = obligorsBySize(prepared, status).reduce((t, o) => t + o.balance.toNumber() * 100, 0);
    expect(Math.round(owed)).toBe(status.assets.reduce((t, b) => t + b, 0));
  });

  it('run the largest obligor’s default from the status', () => {
    const base = baseScenario(deal!);
    const [one] = topObligorTests(prepared, base, 1, 10, status);
    const defaulted = runFromStatus(prepared, status, { ...base, defaultRate: undefined, defaults: [{ obligor: one!.obligors[0]!.key, period: 10, mode: 'default' }] }, { detail: false });
    for (const t of defaulted.tranches) expect(one!.losses.get(t.id)!.loss.toNumber()).toBe(t.summary.loss / 100);
  });
});

describe('Monte Carlo from a status', () => {
  it('draws defaults only after the status, of obligors still owing', () => {
    const obligors = mcObligors(prepared, { override: 0.1 }, status);
    for (const o of obligors) expect(o.periods.every((k) => k >= 9)).toBe(true);
    expect(obligors.find((o) => o.name === '专利客户01')!.periods).toEqual([]);
    const whole = mcObligors(prepared, { override: 0.1 });
    expect(whole.find((o) => o.name === '专利客户01')!.periods[0]).toBe(0);
  });

  it('runs a pattern without defaults as the run from the status', async () => {
    const base = Scenario.parse({});
    const obligors = mcObligors(prepared, { override: 0.1 }, status);
    const [none, one] = await statusPatterns(prepared, status, base, obligors, 2)([[], [[2, 10, 5000]]]);
    expect(none).toEqual(runFromStatus(prepared, status, base, { lean: true }).tranches.map(patternTranche));
    expect(one).toHaveLength(prepared.deal.spec.tranches.length);
  });
});

describe('Monte Carlo from a status on worker threads', () => {
  it('gives what this thread gives: the workers are sent the status itself (its Decimals restored)', async () => {
    requireFreshDist();
    const { runPatternsParallel } = (await import(pathToFileURL(resolve('dist/stress/parallel.js')).href)) as typeof import('../../src/stress/parallel.js');
    // A default whose recovery is still to come on the status date: the status holds its exact share (a Decimal).
    const pendingRecovery = Scenario.parse({ defaults: [{ obligor: '专利客户03', period: 5 }], recovery: { rate: 0.3, lagPeriods: 8 } });
    const st = projectStatus(prepared, 9, pendingRecovery);
    expect(st.defaults.length).toBeGreaterThan(0);
    const base = Scenario.parse({});
    const obligors = mcObligors(prepared, { override: 0.3 }, st);
    const patterns = Array.from({ length: 300 }, (_, i) => [[i % obligors.length, 9 + (i % 5), 2000 + i]] as [number, number, number][]);
    const here = await statusPatterns(prepared, st, base, obligors, 2)(patterns);
    const threads = await runPatternsParallel({ deal: prepared.deal, baseInput: {}, obligors, lag: 2, status: st }, patterns, 2);
    expect(threads).toEqual(here);
  });
});
