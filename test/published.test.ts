/**
 * The published figures of the two source deals, as `cases.md` prints them, out of the pool
 * statistics at the published rounding. Amounts in 万元.
 */
import { describe, expect, it } from 'vitest';
import { loadDeal, type LoadedDeal } from '../src/io/loadDeal.js';
import { poolStats } from '../src/analytics/poolStats.js';
import { Decimal, WAN } from '../src/util/money.js';

function load(file: string): LoadedDeal {
  const { deal, diagnostics } = loadDeal(file);
  expect(diagnostics).toEqual([]);
  return deal!;
}
const wan = (d: Decimal, dp = 2) => d.div(WAN).toFixed(dp);
const pct = (d: Decimal, dp: number) => d.times(100).toFixed(dp, Decimal.ROUND_HALF_UP);

describe('高新投知识产权2号 (tables 4-2 to 4-5)', () => {
  const deal = load('deals/gaoxintou-ip-2.json');
  const s = poolStats(deal.spec, deal.assets);
  it('pool table 4-3', () => {
    expect(wan(s.balance)).toBe('13900.00');
    expect(s.obligorCount).toBe(10);
    expect(s.assetCount).toBe(10);
    expect(wan(s.largestAsset)).toBe('4000.00');
    expect(wan(s.averageAsset)).toBe('1390.00');
    expect(wan(s.largestObligor.amount)).toBe('4000.00');
    expect(wan(s.averageObligor)).toBe('1390.00');
    expect(pct(s.topObligors.find((t) => t.n === 5)!.share, 2)).toBe('87.05');
    const industries = s.strata.find((x) => x.key === 'industry')!.rows;
    expect(pct(industries.slice(0, 3).reduce((a, r) => a.plus(r.share), new Decimal(0)), 2)).toBe('100.00');
  });
  it('industry table 4-4', () => {
    const rows = s.strata.find((x) => x.key === 'industry')!.rows.map((r) => [r.label, wan(r.amount, 0), pct(r.share, 1), r.count, pct(r.countShare, 1)]);
    expect(rows).toEqual([
      ['信息技术业', '6200', '44.6', 4, '40.0'],
      ['建筑业', '4200', '30.2', 2, '20.0'],
      ['制造业', '3500', '25.2', 4, '40.0'],
    ]);
  });
  it('pledged IP types (figure 4-5)', () => {
    const rows = s.strata.find((x) => x.key === 'ipType')!.rows.map((r) => [r.label, r.count, wan(r.amount, 0), pct(r.share, 1)]);
    expect(rows).toEqual([
      ['实用新型', 2, '4100', '29.5'],
      ['发明专利 + 实用新型', 3, '3800', '27.3'],
      ['发明专利', 3, '3000', '21.6'],
      ['软件著作权', 2, '3000', '21.6'],
    ]);
  });
  it('tranches table 4-2', () => {
    expect(s.tranches.map((t) => [t.name, wan(t.balance, 0), pct(t.share, 1), t.expectedMaturity])).toEqual([
      ['福高1A1', '13800', '99.3', '2022-01-28'],
      ['福高1次', '100', '0.7', '2022-01-28'],
    ]);
    expect(wan(s.issueBalance, 0)).toBe('13900');
  });
});

describe('广开专利 (tables 4-5 to 4-7)', () => {
  const deal = load('deals/guangkai-patent-license.json');
  const s = poolStats(deal.spec, deal.assets);
  it('pool table 4-6', () => {
    expect(wan(s.balance, 0)).toBe('39130');
    expect(s.obligorCount).toBe(11);
    expect(s.assetCount).toBe(11);
    expect(wan(s.largestAsset, 0)).toBe('5850');
    expect(wan(s.averageAsset, 0)).toBe('3557');
    expect(wan(s.royalty!.riskReserve, 0)).toBe('1505');
    expect(pct(s.royalty!.riskReserveRatio, 1)).toBe('5.0');
  });
  it('patent types table 4-7', () => {
    const rows = s.strata.find((x) => x.key === 'ipType')!.rows.map((r) => [r.label, wan(r.amount, 0), pct(r.share, 1), r.count, pct(r.countShare, 1)]);
    expect(rows).toEqual([
      ['发明专利', '38090', '97.3', 10, '90.9'],
      ['实用新型', '1040', '2.7', 1, '9.1'],
    ]);
  });
  it('industries (figure 4-7): seven, 软件信息 largest, three at 5,850', () => {
    const rows = s.strata.find((x) => x.key === 'industry')!.rows;
    expect(rows).toHaveLength(7);
    expect([rows[0]!.label, wan(rows[0]!.amount, 0), pct(rows[0]!.share, 1)]).toEqual(['软件信息', '9620', '24.6']);
    expect(rows.slice(1, 4).map((r) => [r.label, wan(r.amount, 0), pct(r.share, 1)]).sort()).toEqual([
      ['橡胶和塑胶制品', '5850', '15.0'],
      ['研究和试验发展', '5850', '15.0'],
      ['计算机及通讯', '5850', '15.0'],
    ]);
  });
  it('tranches table 4-5', () => {
    expect(s.tranches.map((t) => [t.class, wan(t.balance, 0), pct(t.share, 0), t.expectedMaturity, t.rating ?? null])).toEqual([
      ['senior', '28595', '95', '2023-08-26', 'AAA'],
      ['subordinate', '1505', '5', '2024-08-26', null],
    ]);
    expect(wan(s.issueBalance, 0)).toBe('30100');
  });
});
