/**
 * Building scenarios for stress tests: the deal's base case, grids from CLI ranges, and the
 * preset of the stresses Chinese offering documents print (cn-standard, in preset.ts).
 */
import type { LoadedDeal } from '../deal/loaded.js';
import type { Label } from '../util/label.js';
import { Scenario, type ScenarioInput, type ScenarioSpec } from '../scenario/schema.js';
import { Decimal } from '../util/money.js';
import { InputError } from '../util/errors.js';
import { daysBetween } from '../dates/date.js';
import { MAX_PERIODS } from '../schema/primitives.js';
import { MAX_SCENARIOS } from '../scenario/load.js';
import { expandDates } from '../deal/periods.js';

/** A scenario with the name the reports print for it, in both languages. */
export interface NamedScenario {
  name: Label;
  scenario: ScenarioSpec;
}

/** What the CLI may set of the base case; the rest comes from the deal's `baseCase`. */
export interface BaseCaseOptions {
  defaultRate?: number;
  recoveryRate?: number;
  recoveryLagPeriods?: number;
}

/**
 * The base scenario: the deal's base-case cumulative default rate spread evenly, its recovery
 * rate and lag, unless the options say otherwise.
 */
export function baseScenario(deal: LoadedDeal, options: BaseCaseOptions = {}): ScenarioSpec {
  const base = deal.spec.baseCase;
  const rate = options.defaultRate ?? base?.cumulativeDefaultRate.toNumber() ?? 0;
  return Scenario.parse({
    name: 'base',
    defaultRate: { cumulative: rate, timing: 'even' },
    recovery: {
      rate: options.recoveryRate ?? base?.recoveryRate.toNumber() ?? 0,
      lagPeriods: options.recoveryLagPeriods ?? base?.recoveryLagPeriods ?? 0,
    },
  } satisfies ScenarioInput);
}

/** What the values of a CLI number or range must be. */
export type RangeKind = 'number' | 'percent' | 'whole';

const KINDS: Record<RangeKind, { ok: (x: number) => boolean; one: string; many: string }> = {
  number: { ok: () => true, one: 'a number', many: 'numbers' },
  // 5 means 5%; a trailing % is allowed.
  percent: { ok: (x) => x >= 0 && x <= 100, one: 'a percentage from 0 to 100 (5 means 5%)', many: 'percentages from 0 to 100 (5 means 5%)' },
  // Lags and other counts of periods.
  whole: {
    ok: (x) => Number.isInteger(x) && x >= 0 && x <= MAX_PERIODS,
    one: `a whole number of periods from 0 to ${MAX_PERIODS}`,
    many: `whole numbers of periods from 0 to ${MAX_PERIODS}`,
  },
};

/**
 * The one parser of the stress flags' numbers: `a:b:step` (from, to, step, inclusive),
 * `a,b,c` or `a`. With `kind` 'percent' every value must be a percentage from 0 to 100 (a
 * trailing `%` is allowed); with 'whole', a whole number from 0 (lags in periods). Anything else
 * is an InputError naming the flag and what it takes (exit 2).
 *
 * @example parseRange('0:10:5', '--cdr', 'percent') // [0, 5, 10]
 */
export function parseRange(text: string, flag: string, kind: RangeKind = 'number'): number[] {
  const rule = KINDS[kind];
  const usage = '(write from:to:step, a list like 0,30,50, or one number)';
  const bad = (why: string) => new InputError(`${flag} ${JSON.stringify(text)}: ${why}`);
  const single = !/[:,]/.test(text);
  const num = (s: string) => {
    let t = s.trim();
    if (kind === 'percent') t = t.replace(/%$/, '');
    if (!/^-?\d+(\.\d+)?$/.test(t)) throw bad(single ? `give ${rule.one}` : `${JSON.stringify(s)} is not a number ${usage}`);
    return Number(t);
  };
  const check = (x: number) => {
    if (!rule.ok(x)) throw bad(single ? `give ${rule.one}` : `${x} is not ${rule.one}`);
    return x;
  };
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw bad(`a range needs three parts ${usage}`);
    const [from, to, step] = parts.map(num) as [number, number, number];
    if (!(step > 0)) throw bad(`the step must be greater than 0 ${usage}`);
    if (to < from) throw bad(`the end is below the start ${usage}`);
    check(from);
    check(to);
    if (kind === 'whole' && !Number.isInteger(step)) throw bad(`the step must be a whole number: give ${rule.many}`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 10_000) throw bad(`more than 10,000 values ${usage}`);
    // Multiply rather than add, so 0.1 steps do not drift.
    return Array.from({ length: count }, (_, i) => check(Number((from + i * step).toFixed(10))));
  }
  return text.split(',').map((s) => check(num(s)));
}

/**
 * Parses a CLI range of percentages: `0:30:5` (from, to, step, inclusive), `0,30,50` or `5`,
 * each from 0 to 100, into fractions (0.05 for 5).
 *
 * @example parsePercentRange('0:10:5', '--cdr') // [0, 0.05, 0.1]
 */
export function parsePercentRange(text: string, flag: string): number[] {
  // Through Decimal, so 35.4 becomes 0.354 and not 0.35400000000000004.
  return parseRange(text, flag, 'percent').map((x) => new Decimal(String(x)).div(100).toNumber());
}

/** Parses a CLI range of lags in periods: whole numbers from 0. */
export function parseLagRange(text: string, flag: string): number[] {
  return parseRange(text, flag, 'whole');
}

function one(text: string, flag: string, kind: RangeKind): void {
  if (/[:,]/.test(text)) throw new InputError(`${flag} ${JSON.stringify(text)}: give one value here, ${KINDS[kind].one}`);
}

/** One percentage from 0 to 100 (`5`, `5%`, `35.4`) as a fraction (0.354). */
export function parsePercent(text: string, flag: string): number {
  one(text, flag, 'percent');
  return parsePercentRange(text, flag)[0]!;
}

/** One lag in periods: a whole number from 0. */
export function parseLag(text: string, flag: string): number {
  one(text, flag, 'whole');
  return parseLagRange(text, flag)[0]!;
}

/** The cartesian product of the grid's dimensions over the base scenario. */
export function gridScenarios(
  base: ScenarioSpec,
  grid: { cumulative?: number[]; cdr?: number[]; recovery?: number[]; lag?: number[] },
): NamedScenario[] {
  const rates: ({ cumulative: number } | { annualCdr: number } | undefined)[] = grid.cumulative
    ? grid.cumulative.map((c) => ({ cumulative: c }))
    : grid.cdr
      ? grid.cdr.map((c) => ({ annualCdr: c }))
      : [undefined];
  const recoveries = grid.recovery ?? [undefined];
  const lags = grid.lag ?? [undefined];
  const size = rates.length * recoveries.length * lags.length;
  if (size > MAX_SCENARIOS) {
    throw new InputError(
      `the grid has ${size.toLocaleString('en-US')} scenarios (${rates.length.toLocaleString('en-US')} rates × ${recoveries.length.toLocaleString('en-US')} recoveries × ${lags.length.toLocaleString('en-US')} lags), more than the ${MAX_SCENARIOS.toLocaleString('en-US')} ipabs runs at once: use coarser steps`,
    );
  }
  const out: NamedScenario[] = [];
  for (const r of rates)
    for (const rec of recoveries)
      for (const lag of lags) {
        const parts: Label[] = [];
        const scenario: ScenarioSpec = copyScenario(base);
        if (r && 'cumulative' in r) {
          scenario.defaultRate = { ...(scenario.defaultRate ?? { timing: 'even', overrides: [] }), cumulative: new Decimal(r.cumulative), annualCdr: undefined };
          parts.push({ zh: `累计违约率${pct(r.cumulative)}`, en: `cumulative default ${pct(r.cumulative)}` });
        } else if (r) {
          scenario.defaultRate = { ...(scenario.defaultRate ?? { timing: 'even', overrides: [] }), annualCdr: new Decimal(r.annualCdr), cumulative: undefined };
          parts.push({ zh: `年违约率${pct(r.annualCdr)}`, en: `CDR ${pct(r.annualCdr)}` });
        }
        if (rec !== undefined) {
          scenario.recovery = { ...scenario.recovery, rate: new Decimal(rec) };
          parts.push({ zh: `回收率${pct(rec)}`, en: `recovery ${pct(rec)}` });
        }
        if (lag !== undefined) {
          scenario.recovery = { ...scenario.recovery, lagPeriods: lag };
          parts.push({ zh: `回收滞后${lag}期`, en: `lag ${lag}` });
        }
        const name = parts.length ? { zh: parts.map((p) => p.zh).join('，'), en: parts.map((p) => p.en).join(', ') } : { zh: '基准', en: 'base' };
        scenario.name = name.en;
        out.push({ name, scenario });
      }
  return out;
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(6))}%`;
}

/** A copy of a scenario whose lists and nested objects can be changed without touching the original. */
export function copyScenario(s: ScenarioSpec): ScenarioSpec {
  return {
    ...s,
    defaultRate: s.defaultRate ? { ...s.defaultRate, overrides: [...s.defaultRate.overrides] } : undefined,
    defaults: [...s.defaults],
    recovery: { ...s.recovery },
    supportFailures: [...s.supportFailures],
  };
}

/** Average months per payment period of a deal (for "delayed 6 months" in periods). */
export function monthsPerPeriod(deal: LoadedDeal): number {
  const dates = expandDates(deal.spec.dates.paymentDates);
  if (dates.length < 2) return 12;
  return daysBetween(dates[0]!, dates[dates.length - 1]!) / (dates.length - 1) / (365 / 12);
}
