/**
 * The rate-shift axis of `ipabs stress --rate-shift -100,0,100`: every scenario of the list
 * (a grid, a preset or a file) run again with every index of the deal shifted by each amount,
 * in basis points, on top of what the scenario does to the rates already.
 */
import type { LoadedDeal } from '../deal/loaded.js';
import { MAX_SCENARIOS } from '../scenario/load.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { InputError } from '../util/errors.js';
import { copyScenario, parseRange, type NamedScenario } from './scenarios.js';

/** The largest shift: ±10,000bp (100%), as the scenario file allows. */
const MAX_SHIFT_BP = 10_000;

/** One value of the axis: a shift in basis points, of one index or (without a name) of every index. */
export interface RateShift {
  bp: number;
  index?: string;
}

/**
 * Parses `--rate-shift`: basis points on every index, as a list (`-100,0,100`) or a range
 * (`-100:100:50`), or per index (`LPR5Y=-50,LPR1Y=50`: each item one scenario, shifting that
 * index only, e.g. the basis between a pool on the 5-year LPR and a tranche on the 1-year).
 *
 * @example parseRateShifts('-100,0,100') // [{ bp: -100 }, { bp: 0 }, { bp: 100 }]
 * @example parseRateShifts('LPR5Y=-50,0') // [{ bp: -50, index: 'LPR5Y' }, { bp: 0 }]
 */
export function parseRateShifts(text: string, flag = '--rate-shift'): RateShift[] {
  const items = text.includes('=') ? text.split(',').map((item) => /^\s*([A-Za-z][A-Za-z0-9_.-]*)\s*=(.*)$/.exec(item) ?? [item, undefined, item]) : [[text, undefined, text] as const];
  const shifts = items.flatMap(([, index, value]) => parseRange(value!.trim(), flag, 'number').map((bp) => (index ? { bp, index } : { bp })));
  const bad = shifts.find((s) => Math.abs(s.bp) > MAX_SHIFT_BP);
  if (bad !== undefined) throw new InputError(`${flag} ${JSON.stringify(text)}: ${bad.bp} is beyond ±${MAX_SHIFT_BP}bp`);
  return shifts;
}

/** Shifts every named index of a scenario by `bp` basis points (on top of any path it replaces). */
export function applyRateShift(scenario: ScenarioSpec, indices: readonly string[], bp: number): void {
  const rates = { ...(scenario.rates ?? {}) };
  for (const name of indices) rates[name] = { ...rates[name], shiftBp: (rates[name]?.shiftBp ?? 0) + bp };
  scenario.rates = rates;
}

/** Each scenario of `list` under each shift of the deal's indices: the list × the shifts. */
export function withRateShifts(list: readonly NamedScenario[], deal: LoadedDeal, shifts: readonly RateShift[]): NamedScenario[] {
  const indices = Object.keys(deal.spec.indices ?? {});
  if (indices.length === 0) throw new InputError('--rate-shift: the deal has no interest-rate indices (no floating coupon or loan rate to shift)');
  const unknown = shifts.find((s) => s.index !== undefined && !indices.includes(s.index));
  if (unknown) throw new InputError(`--rate-shift: the deal has no index ${unknown.index} (it has ${indices.join(', ')})`);
  const size = list.length * shifts.length;
  if (size > MAX_SCENARIOS) {
    throw new InputError(`--rate-shift makes ${size.toLocaleString('en-US')} scenarios (${list.length.toLocaleString('en-US')} × ${shifts.length} shifts), more than the ${MAX_SCENARIOS.toLocaleString('en-US')} ipabs runs at once`);
  }
  return list.flatMap((s) =>
    shifts.map(({ bp, index }) => {
      const scenario = copyScenario(s.scenario);
      applyRateShift(scenario, index ? [index] : indices, bp);
      const signed = `${bp > 0 ? '+' : ''}${bp}bp`;
      const name = { zh: `${s.name.zh}，${index ?? '利率'}${signed}`, en: `${s.name.en}, ${index ?? 'rates'} ${signed}` };
      scenario.name = name.en;
      return { name, scenario };
    }),
  );
}
