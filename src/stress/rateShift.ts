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

/**
 * Parses `--rate-shift`: basis points, a list (`-100,0,100`) or a range (`-100:100:50`).
 *
 * @example parseRateShifts('-100,0,100') // [-100, 0, 100]
 */
export function parseRateShifts(text: string, flag = '--rate-shift'): number[] {
  const shifts = parseRange(text, flag, 'number');
  const bad = shifts.find((bp) => Math.abs(bp) > MAX_SHIFT_BP);
  if (bad !== undefined) throw new InputError(`${flag} ${JSON.stringify(text)}: ${bad} is beyond ±${MAX_SHIFT_BP}bp`);
  return shifts;
}

/** Shifts every named index of a scenario by `bp` basis points (on top of any path it replaces). */
export function applyRateShift(scenario: ScenarioSpec, indices: readonly string[], bp: number): void {
  const rates = { ...(scenario.rates ?? {}) };
  for (const name of indices) rates[name] = { ...rates[name], shiftBp: (rates[name]?.shiftBp ?? 0) + bp };
  scenario.rates = rates;
}

/** Each scenario of `list` under each shift of every index of the deal: the list × the shifts. */
export function withRateShifts(list: readonly NamedScenario[], deal: LoadedDeal, shifts: readonly number[]): NamedScenario[] {
  const indices = Object.keys(deal.spec.indices ?? {});
  if (indices.length === 0) throw new InputError('--rate-shift: the deal has no interest-rate indices (no floating coupon or loan rate to shift)');
  const size = list.length * shifts.length;
  if (size > MAX_SCENARIOS) {
    throw new InputError(`--rate-shift makes ${size.toLocaleString('en-US')} scenarios (${list.length.toLocaleString('en-US')} × ${shifts.length} shifts), more than the ${MAX_SCENARIOS.toLocaleString('en-US')} ipabs runs at once`);
  }
  return list.flatMap((s) =>
    shifts.map((bp) => {
      const scenario = copyScenario(s.scenario);
      applyRateShift(scenario, indices, bp);
      const signed = `${bp > 0 ? '+' : ''}${bp}bp`;
      const name = { zh: `${s.name.zh}，利率${signed}`, en: `${s.name.en}, rates ${signed}` };
      scenario.name = name.en;
      return { name, scenario };
    }),
  );
}
