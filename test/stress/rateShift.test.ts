/** The rate-shift axis of stress grids: parsing, the scenarios it makes, their names. */
import { describe, expect, it } from 'vitest';
import { applyRateShift, parseRateShifts, withRateShifts } from '../../src/stress/rateShift.js';
import { Scenario } from '../../src/scenario/schema.js';
import { mustLoad } from './fixtures.js';

describe('--rate-shift', () => {
  it('reads basis points as a list or a range, negative ones too', () => {
    expect(parseRateShifts('-100,0,100')).toEqual([{ bp: -100 }, { bp: 0 }, { bp: 100 }]);
    expect(parseRateShifts('-100:100:50').map((s) => s.bp)).toEqual([-100, -50, 0, 50, 100]);
    // Per index: the basis between a pool on the 5-year LPR and a tranche on the 1-year.
    expect(parseRateShifts('LPR5Y=-50,LPR1Y=-25:25:25,0')).toEqual([{ bp: -50, index: 'LPR5Y' }, { bp: -25, index: 'LPR1Y' }, { bp: 0, index: 'LPR1Y' }, { bp: 25, index: 'LPR1Y' }, { bp: 0 }]);
    expect(() => parseRateShifts('LPR5Y=x')).toThrow('--rate-shift "x": give a number');
    expect(() => parseRateShifts('20000')).toThrow(/20000 is beyond ±10000bp/);
    expect(() => parseRateShifts('up')).toThrow(/--rate-shift "up"/);
  });

  it('shifts every index of the deal, on top of a scenario’s own shift, each name saying it', () => {
    const deal = mustLoad('test/fixtures/floating-lpr.json');
    const own = Scenario.parse({ name: 'mine', rates: { LPR1Y: { shiftBp: 25 } } });
    const list = withRateShifts([{ name: { zh: '我的', en: 'mine' }, scenario: own }], deal, [{ bp: -50 }, { bp: 50 }]);
    expect(list.map((s) => s.name.en)).toEqual(['mine, rates -50bp', 'mine, rates +50bp']);
    expect(list.map((s) => s.name.zh)).toEqual(['我的，利率-50bp', '我的，利率+50bp']);
    expect(list[1]!.scenario.rates).toEqual({ LPR1Y: { shiftBp: 75 }, LPR5Y: { shiftBp: 50 } });
    const one = withRateShifts([{ name: { zh: '基准', en: 'base' }, scenario: Scenario.parse({}) }], deal, [{ bp: -50, index: 'LPR5Y' }]);
    expect(one.map((s) => [s.name.en, s.scenario.rates])).toEqual([['base, LPR5Y -50bp', { LPR5Y: { shiftBp: -50 } }]]);
    expect(() => withRateShifts(one, deal, [{ bp: 5, index: 'DR007' }])).toThrow('--rate-shift: the deal has no index DR007 (it has LPR1Y, LPR5Y)');
    // The scenario it came from is not changed.
    expect(own.rates).toEqual({ LPR1Y: { shiftBp: 25 } });
    const s = Scenario.parse({});
    applyRateShift(s, ['X'], 10);
    expect(s.rates).toEqual({ X: { shiftBp: 10 } });
  });
});
