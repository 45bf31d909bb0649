/**
 * The supports table of a run from a status: what a support paid before the status date is a
 * brought-forward line, so the rows add up to the total (every draw of the deal's life); a run
 * from closing is unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal, runDeal } from '../../src/engine/run.js';
import { projectStatus, runFromStatus } from '../../src/engine/status.js';
import { validateScenario } from '../../src/scenario/load.js';
import { runReport } from '../../src/report/runReport.js';
import type { TableSection } from '../../src/report/model.js';
import { Decimal } from '../../src/util/money.js';

const deal = loadDeal('deals/gaoxintou-ip-2.json').deal!;
const prepared = prepareDeal(deal);
const scenario = validateScenario(JSON.parse(readFileSync('deals/scenarios/cumulative-10pct-front-loaded.json', 'utf8')), 'scenario.json', deal).scenario!;
const supports = (r: ReturnType<typeof runDeal>, lang: 'zh' | 'en' = 'en') => runReport(r, lang).sections.find((s) => s.id === 'supports') as TableSection;
const sum = (rows: Record<string, unknown>[], key: string) => rows.reduce((t, r) => t.plus((r[key] as Decimal | undefined) ?? 0), new Decimal(0));

describe('run --status: the supports table', () => {
  it('has a brought-forward line for the draws before the status date, and its rows add up to the total', () => {
    // 高新投知识产权2号 under the front-loaded 10%: the guarantee pays on every date from 2021-04-28.
    // Status after 2 periods (2021-07-28): paid before it, 2021-04-28 4,924,979.44 (1,417,260.27 +
    // 885,787.67 + 744,061.64 + 708,630.14 + 531,472.60 + 212,589.04 + 177,157.53 + 141,726.03 +
    // 70,863.01 + 35,431.51) and 2021-07-28 4,925,645.89 (1,417,452.05 + 885,907.53 + 744,162.33 +
    // 708,726.03 + 531,544.52 + 212,617.81 + 177,181.51 + 141,745.21 + 70,872.60 + 35,436.30):
    // 9,850,625.33. After it, twice 2,111,276.71 (607,561.64 + 379,726.03 + 318,969.86 + 303,780.82
    // + 227,835.62 + 91,134.25 + 75,945.21 + 60,756.16 + 30,378.08 + 15,189.04) = 4,222,553.42.
    const whole = runDeal(prepared, scenario);
    const rest = { ...runFromStatus(prepared, projectStatus(prepared, 2, scenario), scenario), status: { asOf: '2021-08-01', lastPaymentDate: '2021-07-28', periodsPast: 2 } };
    const t = supports(rest);
    expect(t.rows[0]).toMatchObject({ support: '保证合同', date: '2021-07-28', requested: undefined, reason: 'paid before the status date (brought forward)' });
    expect((t.rows[0]!['amount'] as Decimal).toFixed(2)).toBe('9850625.33');
    expect(sum(t.rows, 'amount').toFixed(2)).toBe('14073178.75');
    expect((t.total!['amount'] as Decimal).toFixed(2)).toBe('14073178.75');
    expect((t.total!['amount'] as Decimal).toFixed(2)).toBe((supports(whole).total!['amount'] as Decimal).toFixed(2));
    expect((t.total!['requested'] as Decimal).toFixed(2)).toBe('4222553.42');
    expect(sum(t.rows, 'requested').toFixed(2)).toBe('4222553.42');
    expect(supports(rest, 'zh').rows[0]!['reason']).toBe('存续状态日前累计已支付（承前）');
    // The undertaking, never drawn, keeps its one empty line.
    expect(t.rows.filter((r) => r['support'] === '差额支付承诺函')).toHaveLength(1);
  });

  it('a run from closing has no brought-forward line', () => {
    const t = supports(runDeal(prepared, scenario));
    expect(t.rows.some((r) => String(r['reason']).includes('brought forward'))).toBe(false);
    expect(sum(t.rows, 'amount').toFixed(2)).toBe((t.total!['amount'] as Decimal).toFixed(2));
  });
});
