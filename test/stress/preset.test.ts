/**
 * The cn-standard preset: default rate up ×1.25/×1.5/×2 exactly, prepayment rows only for pools
 * that can prepay, and every scenario with and without external support when the deal has any.
 */
import { describe, expect, it } from 'vitest';
import { baseScenario } from '../../src/stress/scenarios.js';
import { poolPrepays, presetScenarios, withAndWithoutSupport } from '../../src/stress/preset.js';
import { stressTable } from '../../src/stress/table.js';
import { Decimal } from '../../src/util/money.js';
import { sample } from './fixtures.js';

const GAOXINTOU = 'deals/gaoxintou-ip-2.json';
const GUANGKAI = 'deals/guangkai-patent-license.json';
const IQIYI = 'deals/iqiyi-supply-chain.json';
const WENKE = 'deals/wenke-lease-1.json';

function preset(file: string, cpr?: string) {
  const { deal } = sample(file);
  const base = baseScenario(deal);
  if (cpr) base.prepayment = { cpr: new Decimal(cpr) };
  return { deal, base, list: presetScenarios('cn-standard', deal, base) };
}

describe('cn-standard', () => {
  it('starts with the base case and 违约率上升 25%, 50%, 100%: the base default rate × 1.25, × 1.5, × 2, exactly', () => {
    const { base, list } = preset(GAOXINTOU);
    expect(list.slice(0, 4).map((s) => s.name.zh)).toEqual(['基准情景', '违约率上升25%', '违约率上升50%', '违约率上升100%']);
    expect(list.slice(1, 4).map((s) => s.name.en)).toEqual(['default rate ×1.25', 'default rate ×1.5', 'default rate ×2']);
    expect(base.defaultRate!.cumulative!.toString()).toBe('0.03');
    expect(list.slice(0, 4).map((s) => s.scenario.defaultRate!.cumulative!.toString())).toEqual(['0.03', '0.0375', '0.045', '0.06']);
    // Recovery and timing stay the base case's; the base is not changed.
    expect(list[3]!.scenario.recovery.rate.toString()).toBe('0.3');
    expect(base.defaultRate!.cumulative!.toString()).toBe('0.03');
  });

  it('combines the default-rate increase with the recovery and timing stresses, and ends with the harshest', () => {
    const { list } = preset(GAOXINTOU);
    const names = list.map((s) => s.name.zh);
    expect(names).toContain('违约率上升50% + 回收率下降30%');
    expect(names).toContain('违约率上升50% + 违约时间前置20%');
    expect(names).toContain('违约率上升100% + 回收率下降50% + 违约时间前置20%');
    const last = list[list.length - 1]!.scenario;
    expect(last.defaultRate!.cumulative!.toString()).toBe('0.06');
    expect(last.recovery.rate.isZero()).toBe(true);
    expect(last.defaultRate!.timing).toEqual({ frontLoaded: new Decimal(0.2) });
    expect(last.spreadCompressionBp).toBe(50);
    expect(last.recovery.delayed?.share.toString()).toBe('0.3');
  });

  it('caps a raised default rate at 100%', () => {
    const { deal } = sample(GAOXINTOU);
    const base = baseScenario(deal, { defaultRate: 0.6 });
    const doubled = presetScenarios('cn-standard', deal, base).find((s) => s.name.en === 'default rate ×2')!;
    expect(doubled.scenario.defaultRate!.cumulative!.toString()).toBe('1');
  });

  it('has prepayment rows only where the pool can prepay (loans, leases), not for royalties or receivables', () => {
    expect(poolPrepays(sample(GAOXINTOU).deal)).toBe(true);
    expect(poolPrepays(sample(WENKE).deal)).toBe(true);
    expect(poolPrepays(sample(GUANGKAI).deal)).toBe(false);
    expect(poolPrepays(sample(IQIYI).deal)).toBe(false);
    const prepayRows = (file: string) => preset(file).list.filter((s) => s.scenario.prepayment !== undefined).map((s) => s.name.zh);
    expect(prepayRows(GAOXINTOU)).toEqual(['年早偿率5%', '年早偿率10%', '违约率上升50% + 年早偿率10%']);
    expect(prepayRows(GUANGKAI)).toEqual([]);
    expect(prepayRows(IQIYI)).toEqual([]);
    expect(preset(GAOXINTOU).list.find((s) => s.name.zh === '年早偿率10%')!.scenario.prepayment!.cpr.toString()).toBe('0.1');
  });

  it('with a base-case prepayment rate: no prepayment, and twice the rate', () => {
    const rows = preset(WENKE, '0.08').list.filter((s) => /早偿/.test(s.name.zh));
    expect(rows.map((s) => [s.name.zh, s.scenario.prepayment!.cpr.toString()])).toEqual([
      ['早偿率为0', '0'],
      ['早偿率上升100%', '0.16'],
      ['违约率上升50% + 早偿率上升100%', '0.16'],
    ]);
  });
});

describe('with and without external support', () => {
  it('pairs each scenario with its copy without support; 高新投 shows what the guarantee absorbs', () => {
    const { deal, prepared } = sample(GAOXINTOU);
    const { list } = preset(GAOXINTOU);
    const pairs = withAndWithoutSupport(deal, list);
    expect(pairs).toHaveLength(list.length * 2);
    expect(pairs[1]!.name).toEqual({ zh: '基准情景（不含外部增信）', en: 'base case (no external support)' });
    expect(pairs.filter((_, i) => i % 2 === 0).every((s) => s.scenario.externalSupport)).toBe(true);
    expect(pairs.filter((_, i) => i % 2 === 1).every((s) => !s.scenario.externalSupport)).toBe(true);
    // The original scenarios are not changed.
    expect(list.every((s) => s.scenario.externalSupport)).toBe(true);
    const rows = stressTable(prepared, pairs.slice(0, 4));
    const lossOf = (r: (typeof rows)[number]) => r.tranches.find((t) => t.id === 'A1')!.loss;
    // With the guarantee the senior loses nothing; without it, it does: the rows now differ.
    expect(lossOf(rows[0]!).isZero()).toBe(true);
    expect(lossOf(rows[1]!).gt(0)).toBe(true);
    expect(lossOf(rows[2]!).isZero()).toBe(true);
    expect(lossOf(rows[3]!).gt(lossOf(rows[1]!))).toBe(true);
  });

  it('leaves the list alone for a deal without supports, or scenarios already without support', () => {
    const { deal } = sample(IQIYI);
    expect(deal.spec.supports).toEqual([]);
    const { list } = preset(IQIYI);
    expect(withAndWithoutSupport(deal, list)).toEqual(list);
    const g = sample(GAOXINTOU).deal;
    const off = preset(GAOXINTOU).list.map((s) => ({ ...s, scenario: { ...s.scenario, externalSupport: false } }));
    expect(withAndWithoutSupport(g, off)).toEqual(off);
  });
});
