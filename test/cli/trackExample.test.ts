/**
 * The worked example of `ipabs track` (issue 11 item 5): 广开专利 after its 8th payment date
 * (2021-08-26), 专利客户03 having stopped paying after its 5th royalty (assumed), with the actual
 * figures of deals/actuals/guangkai-2021-08-26.csv. The variances and the cumulative default
 * ratio asserted here are worked out BY HAND from the deal file, not read off a run.
 *
 * From deals/guangkai-patent-license.json:
 *  - issue = A 285,950,000.00 + B 15,050,000.00 = 301,000,000.00 (the fees' base "issue");
 *  - 托管费 (custody): 0.02% a year of the issue, ACT/365F;
 *  - 管理费 (mgmt): 0.15% a year of the issue, ACT/365F;
 *  - A: 4% a year, ACT/365F; the pool: 11 royalty contracts, each 20 level quarterly royalties;
 *    C01–C04 total 58,500,000.00 each, so 2,925,000.00 a quarter; the pool's royalties total
 *    391,300,000.00 (= 19,565,000.00 a quarter × 20), the initial pool balance;
 *  - 加速清偿事件 (acceleration): cumulative defaults above 10% of the initial pool.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const args = ['track', 'deals/guangkai-patent-license.json', '--actuals', 'deals/actuals/guangkai-2021-08-26.csv', '--status', 'deals/status/guangkai-2021-08-26.json', '--scenario', 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json'];

interface Json {
  sections: Record<string, { rows: Record<string, string | number | null>[]; values: Record<string, string | number | null> }>;
}

async function json(): Promise<Json> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Json;
}

const row = (j: Json, period: number, item: string, object: string | null) => j.sections['variance']!.rows.find((r) => r['period'] === period && r['item'] === item && r['object'] === object)!;

describe('ipabs track on the worked example reproduces the hand-checked figures', () => {
  it('period 4 (2020-05-26 to 2020-08-26, 92 days): 托管费 paid 1,500.00 above the projection, met by 1,500.00 of deposit interest', async () => {
    const j = await json();
    // Projected 托管费: 301,000,000.00 × 0.0002 × 92/365 = 60,200 × 92/365 = 15,173.6986… → 15,173.70.
    // Actual (the file, assumed): 16,673.70. Variance 16,673.70 − 15,173.70 = 1,500.00.
    expect(row(j, 4, '税费', '托管费')).toMatchObject({ actual: '16673.70', projected: '15173.70', variance: '1500.00', cumulative: '1500.00' });
    // Later periods pay it as projected: the running variance stays 1,500.00 to period 8.
    expect(row(j, 8, '税费', '托管费')).toMatchObject({ variance: '0.00', cumulative: '1500.00' });
    // Deposit interest (其他收入) is not projected: variance 1,500.00 − 0 = 1,500.00.
    expect(row(j, 4, '其他收入', null)).toMatchObject({ actual: '1500.00', projected: '0.00', variance: '1500.00' });
    // Projected 管理费: 301,000,000.00 × 0.0015 × 92/365 = 451,500 × 92/365 = 113,802.739… → 113,802.74; paid as projected.
    expect(row(j, 4, '税费', '管理费')).toMatchObject({ actual: '113802.74', projected: '113802.74', variance: '0.00' });
    // A's interest: balance after period 3 = 285,950,000.00 − 17,058,256.33 − 16,702,505.43 − 16,928,981.48
    // = 235,260,256.76; × 0.04 × 92/365 = 2,371,939.027… → 2,371,939.03. Its principal: collected
    // 19,565,000.00 + 1,500.00 − fees (113,802.74 + 16,673.70 + 12,500.00 + 10,000.00) − 2,371,939.03
    // = 17,041,584.53: the extra fee and the deposit interest cancel, so A is paid as projected.
    expect(row(j, 4, '利息', '优先级资产支持证券')).toMatchObject({ actual: '2371939.03', variance: '0.00' });
    expect(row(j, 4, '本金', '优先级资产支持证券')).toMatchObject({ actual: '17041584.53', variance: '0.00' });
  });

  it('period 8: royalties 300,000.00 short of the projection, a first recovery of 300,000.00', async () => {
    const j = await json();
    // Projected royalties after 专利客户03 stopped: 19,565,000.00 − 2,925,000.00 = 16,640,000.00.
    // Actual (assumed: 专利客户07 paid 300,000.00 late): 16,340,000.00. Variance −300,000.00.
    expect(row(j, 8, '许可费回收', null)).toMatchObject({ actual: '16340000.00', projected: '16640000.00', variance: '-300000.00', cumulative: '-300000.00' });
    // The scenario recovers 20% four periods after the default (period 10): none projected by period 8.
    expect(row(j, 8, '回收金额', null)).toMatchObject({ actual: '300000.00', projected: '0.00', variance: '300000.00' });
    // The reserve pays C03's missed royalty in periods 6, 7 and 8: 15,050,000.00 − 3 × 2,925,000.00 = 6,275,000.00.
    expect(row(j, 8, '期末余额', '风险金')).toMatchObject({ actual: '6275000.00', variance: '0.00' });
  });

  it('the cumulative default ratio: 43,875,000.00 ÷ 391,300,000.00 = 11.2126% from period 6, and the acceleration trigger fires then', async () => {
    const j = await json();
    // 专利客户03 defaults its 15 remaining royalties: 15 × 2,925,000.00 = 43,875,000.00.
    // 43,875,000 / 391,300,000 = 0.11212624584717… (10 places: 0.1121262458), above 10%.
    const d = j.sections['defaults']!.rows;
    expect(d[4]).toMatchObject({ period: 5, actual: '0.00', actualRatio: '0' });
    expect(d[5]).toMatchObject({ period: 6, date: '2021-02-26', actual: '43875000.00', actualRatio: '0.1121262458', projectedRatio: '0.1121262458', variance: '0' });
    expect(j.sections['summary']!.values).toMatchObject({ periods: 8, lastDate: '2021-08-26', unbalanced: 0, fired: 'acceleration', defaultRatio: '0.1121262458' });
    expect(j.sections['triggers']!.rows.filter((r) => r['basis'] === '实际')).toEqual([{ period: 6, date: '2021-02-26', trigger: 'acceleration', name: '加速清偿事件', basis: '实际', event: '触发' }]);
  });

  it('every period balances, and the rest is projected from the status file after the 8th payment date', async () => {
    const j = await json();
    expect(j.sections['balance']!.rows.map((r) => r['gap'])).toEqual(Array(8).fill('0.00'));
    // Period 6: in 16,640,000.00 = out 19,565,000.00 + the reserve's fall (12,125,000.00 − 15,050,000.00).
    expect(j.sections['balance']!.rows[5]).toMatchObject({ cashIn: '16640000.00', cashOut: '19565000.00', opening: '15050000.00', closing: '12125000.00' });
    const rest = j.sections['rest-tranche-A'] as unknown as { rows: { date: string }[] } | undefined;
    expect(rest?.rows[0]?.date).toBe('2021-11-26');
  });

  it('without --status, the status made from the actuals gives the same rest (the senior was paid as projected)', async () => {
    const rest = async (a: string[]) => {
      const r = await runCli([...a, '--format', 'json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out) as Json;
      return Object.fromEntries(Object.entries(j.sections).filter(([id]) => id.startsWith('rest-')));
    };
    const withoutStatus = args.filter((_, i) => i !== args.indexOf('--status') && i !== args.indexOf('--status') + 1);
    expect(await rest(withoutStatus)).toEqual(await rest(args));
  });

  it('the table prints the variances and the ratio', async () => {
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\|\s+4 \| 2020-08-26 \| 税费\s+\| 托管费\s+\| custody\s+\|\s+16,673\.70 \|\s+15,173\.70 \|\s+1,500\.00 \|\s+1,500\.00 \|/);
    expect(r.out).toMatch(/\|\s+8 \| 2021-08-26 \| 许可费回收 \| —\s+\| —\s+\| 16,340,000\.00 \| 16,640,000\.00 \| -300,000\.00 \| -300,000\.00 \|/);
    expect(r.out).toContain('11.2126%');
  });
});
