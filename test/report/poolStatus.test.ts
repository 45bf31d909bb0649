/** The pool on a status date (report/poolStatus.ts, poolStats with a live pool) and validate's status check (cli/validateStatus.ts). */
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal } from '../../src/engine/run.js';
import { projectStatus } from '../../src/engine/status.js';
import { poolStats } from '../../src/analytics/poolStats.js';
import { poolStatusView } from '../../src/report/poolStatus.js';
import { checkStatus } from '../../src/cli/validateStatus.js';
import { sumMoney, toYuan } from '../../src/util/fen.js';
import { sum } from '../../src/util/money.js';
import { atDefaultRate } from '../../src/stress/breakeven.js';
import { baseScenario } from '../../src/stress/scenarios.js';

const deal = loadDeal('deals/wenke-lease-1.json').deal!;
const prepared = prepareDeal(deal);

describe('poolStats with a live pool', () => {
  it('at the closing balances and dates, is the pool at closing', () => {
    const whole = poolStats(deal.spec, deal.assets);
    const live = poolStats(deal.spec, deal.assets, 'zh', { asOf: deal.spec.dates.cutoff, balances: whole.balances, scheduledPrincipal: whole.scheduledPrincipal, scheduledInterest: whole.scheduledInterest, trancheBalances: deal.spec.tranches.map((t) => t.balance) });
    const { cashflows: _a, ...a } = whole;
    const { cashflows: _b, ...b } = live;
    expect(b).toEqual(a);
  });
});

describe('poolStatusView', () => {
  const scenario = { ...atDefaultRate(baseScenario(deal), 0.2), externalSupport: true };
  const status = projectStatus(prepared, 3, scenario);
  const summary = { asOf: prepared.periods[2]!.date, lastPaymentDate: prepared.periods[2]!.date, periodsPast: 3 };
  const view = poolStatusView(prepared, status, summary, 'en');

  it('the remaining flows repay the outstanding balance and bring the pending recoveries, from the period after the status', () => {
    const rows = view.cashflows.rows;
    expect(rows[0]!['period']).toBe(4);
    expect(rows).toHaveLength(prepared.periods.length - 3);
    expect(view.cashflows.total!['principal']).toEqual(toYuan(sumMoney(status.assets)));
    const pending = sumMoney(status.defaults.flatMap((d) => d.pending.filter((a) => a.period < prepared.periods.length).map((a) => a.amount)));
    expect(pending).toBeGreaterThan(0);
    expect(view.cashflows.total!['recoveries']).toEqual(toYuan(pending));
  });

  it('the live pool is the status\'s outstanding balances; the status table counts every asset once', () => {
    expect(sum(view.live.balances)).toEqual(toYuan(sumMoney(status.assets)));
    const table = view.sections[1]! as { rows: Record<string, unknown>[] };
    expect(table.rows.reduce((n, r) => n + (r['count'] as number), 0)).toBe(prepared.pool.schedules.length);
    // Pool-wide defaults take a share of each asset: their recoveries still to come are on the assets' rows, in all the pending.
    expect(sum(table.rows.map((r) => r['pending'] as ReturnType<typeof toYuan>))).toEqual(view.cashflows.total!['recoveries']);
  });
});

describe('checkStatus (validate --status)', () => {
  it('names the deal and the status date; checks only the shape without a deal', () => {
    const ok = checkStatus('deals/status/guangkai-2021-08-26.json', 'deals/guangkai-patent-license.json', loadDeal('deals/guangkai-patent-license.json').deal);
    expect(ok).toMatchObject({ kind: 'status', against: 'deals/guangkai-patent-license.json', asOf: '2021-08-26', periodsPast: 8, diagnostics: [] });
    const shape = checkStatus('deals/status/guangkai-2021-08-26.json', 'x.json', undefined);
    expect(shape.against).toBeUndefined();
    expect(shape.diagnostics).toEqual([]);
  });
});
