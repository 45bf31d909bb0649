/**
 * A stress grid row is the single run of the same scenario: `ipabs stress DEAL --cumulative
 * 0:20:10 --recovery 0,30 --format json` against `runDeal` with the equivalent scenario written
 * by hand.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDeal } from '../engine/inYuan.js';
import { Scenario } from '../../src/scenario/schema.js';
import { gridScenarios, parsePercentRange, parseRange } from '../../src/stress/scenarios.js';
import { runCli, sampleDeals } from '../helpers.js';
import { sample } from './fixtures.js';

interface StressJson {
  sections: { stress: { rows: Record<string, string | null>[] } };
}

describe('ipabs stress grid', () => {
  for (const file of sampleDeals()) {
    it(`${basename(file)}: each row of --cumulative 0:20:10 --recovery 0,30 is the run of that scenario`, async () => {
      const { deal, prepared } = sample(file);
      const { code, out, err } = await runCli(['stress', file, '--cumulative', '0:20:10', '--recovery', '0,30', '--format', 'json']);
      expect(err).toBe('');
      expect(code).toBe(0);
      const rows = (JSON.parse(out) as StressJson).sections.stress.rows;
      // Cumulative rates outside, recoveries inside: 0/0, 0/30, 10/0, 10/30, 20/0, 20/30.
      const grid = [0, 0.1, 0.2].flatMap((cumulative) => [0, 0.3].map((recovery) => ({ cumulative, recovery })));
      expect(rows.map((r) => r['scenario'])).toEqual(grid.map((g) => `累计违约率${g.cumulative * 100}%，回收率${g.recovery * 100}%`));
      const lag = deal.spec.baseCase?.recoveryLagPeriods ?? 0;
      grid.forEach((g, i) => {
        const row = rows[i]!;
        const scenario = Scenario.parse({ defaultRate: { cumulative: g.cumulative, timing: 'even' }, recovery: { rate: g.recovery, lagPeriods: lag } });
        const r = runDeal(prepared, scenario);
        for (const t of r.tranches) {
          const where = `${row['scenario']} ${t.id}`;
          expect(row[`${t.id}:loss`], where).toBe(t.summary.loss.toFixed(2));
          expect(row[`${t.id}:final`], where).toBe(t.summary.finalPaymentDate ?? null);
          if (t.summary.wal === undefined) expect(row[`${t.id}:wal`], where).toBeNull();
          else expect(Number(row[`${t.id}:wal`]), where).toBeCloseTo(t.summary.wal, 9);
          expect(row[`${t.id}:lossRate`], where).toBe(t.summary.loss.div(t.balance).toDecimalPlaces(10).toString());
        }
        expect(row['defaulted']).toBe(r.pool.totalDefaulted.toFixed(2));
        const drawn = (kind: string) => r.supports.filter((s) => s.kind === kind).reduce((a, s) => a + s.totalDrawn.toNumber(), 0).toFixed(2);
        expect(row['guarantee']).toBe(drawn('loanGuarantee'));
        expect(row['undertaking']).toBe(drawn('shortfallUndertaking'));
        expect(row['liquidity']).toBe(drawn('liquiditySupport'));
      });
    });
  }

  it('builds the grid as the cartesian product over the base scenario, in order', () => {
    const base = Scenario.parse({ defaultRate: { cumulative: 0.03, timing: { frontLoaded: 0.1 } }, recovery: { rate: 0.3, lagPeriods: 2 }, spreadCompressionBp: 25 });
    const list = gridScenarios(base, { cdr: [0.05, 0.1], recovery: [0, 0.5], lag: [1, 3] });
    expect(list).toHaveLength(8);
    expect(list.map((s) => s.name.en)).toEqual([
      'CDR 5%, recovery 0%, lag 1',
      'CDR 5%, recovery 0%, lag 3',
      'CDR 5%, recovery 50%, lag 1',
      'CDR 5%, recovery 50%, lag 3',
      'CDR 10%, recovery 0%, lag 1',
      'CDR 10%, recovery 0%, lag 3',
      'CDR 10%, recovery 50%, lag 1',
      'CDR 10%, recovery 50%, lag 3',
    ]);
    const last = list[7]!.scenario;
    // The CDR replaces the cumulative rate; the rest of the base is kept.
    expect(last.defaultRate?.annualCdr?.toNumber()).toBe(0.1);
    expect(last.defaultRate?.cumulative).toBeUndefined();
    expect(last.defaultRate?.timing).toEqual(base.defaultRate!.timing);
    expect(last.recovery.rate.toNumber()).toBe(0.5);
    expect(last.recovery.lagPeriods).toBe(3);
    expect(last.spreadCompressionBp).toBe(25);
    // The base is not touched.
    expect(base.defaultRate?.cumulative?.toNumber()).toBe(0.03);
    expect(base.recovery.rate.toNumber()).toBe(0.3);
  });

  it('parses ranges: from:to:step inclusive without drift, lists, single numbers', () => {
    expect(parsePercentRange('0:20:10', '--cumulative')).toEqual([0, 0.1, 0.2]);
    expect(parseRange('0:1:0.1', '--x')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(parseRange('0:0.3:0.1', '--x')).toEqual([0, 0.1, 0.2, 0.3]);
    expect(parsePercentRange('0,30,50', '--recovery')).toEqual([0, 0.3, 0.5]);
    expect(parsePercentRange('5', '--cdr')).toEqual([0.05]);
    expect(() => parseRange('0:abc:5', '--cdr')).toThrow('--cdr "0:abc:5": "abc" is not a number');
    expect(() => parseRange('10:0:5', '--cdr')).toThrow('the end is below the start');
    expect(() => parseRange('0:10', '--cdr')).toThrow('a range needs three parts');
    expect(() => parseRange('0:100000:1', '--cdr')).toThrow('more than 10,000 values');
  });
});
