/** The rate-shift axis of stress grids: parsing, the scenarios it makes, their names. */
import { describe, expect, it } from 'vitest';
import { applyRateShift, parseRateShifts, withRateShifts } from '../../src/stress/rateShift.js';
import { Scenario } from '../../src/scenario/schema.js';
import { mustLoad } from './fixtures.js';

describe('--rate-shift', () => {
  it('reads basis points as a list or a range, negative ones too', () => {
    expect(parseRateShifts('-100,0,100')).toEqual([-100, 0, 100]);
    expect(parseRateShifts('-100:100:50')).toEqual([-100, -50, 0, 50, 100]);
    expect(() => parseRateShifts('20000')).toThrow(/20000 is beyond ±10000bp/);
    expect(() => parseRateShifts('up')).toThrow(/--rate-shift "up"/);
  });

  it('shifts every index of the deal, on top of a scenario’s own shift, each name saying it', () => {
    const deal = mustLoad('test/fixtures/floating-lpr.json');
    const own = Scenario.parse({ name: 'mine', rates: { LPR1Y: { shiftBp: 25 } } });
    const list = withRateShifts([{ name: { zh: '我的', en: 'mine' }, scenario: own }], deal, [-50, 50]);
    expect(list.map((s) => s.name.en)).toEqual(['mine, rates -50bp', 'mine, rates +50bp']);
    expect(list.map((s) => s.name.zh)).toEqual(['我的，利率-50bp', '我的，利率+50bp']);
    expect(list[1]!.scenario.rates).toEqual({ LPR1Y: { shiftBp: 75 }, LPR5Y: { shiftBp: 50 } });
    // The scenario it came from is not changed.
    expect(own.rates).toEqual({ LPR1Y: { shiftBp: 25 } });
    const s = Scenario.parse({});
    applyRateShift(s, ['X'], 10);
    expect(s.rates).toEqual({ X: { shiftBp: 10 } });
  });
});
