/**
 * The scenarios of the stress commands: the base case from flags, a scenario file, a grid of
 * flag ranges or a preset, and the line a report says of the base case.
 */
import type { Command } from 'commander';
import { readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import type { Label } from '../report/model.js';
import { scenarioItems, validateScenarioList } from '../scenario/load.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { baseScenario, gridScenarios, parseLag, parseLagRange, parsePercent, parsePercentRange, type NamedScenario } from '../stress/scenarios.js';
import { PRESETS, presetScenarios, type PresetName } from '../stress/preset.js';
import { InputError } from '../validate/diagnostics.js';
import { fileError } from './load.js';
import { cliLoadOptions } from './inputOptions.js';

export interface BaseOptions {
  defaultRate?: string;
  recovery?: string;
  lag?: string;
  support?: boolean;
}

export interface ChoiceOptions extends BaseOptions {
  preset?: string;
  scenarios?: string;
  cdr?: string;
  cumulative?: string;
}

/** A flag's value that is a list or range (`0,30,50`, `0:30:10`): a grid in ipabs stress. */
const isList = (text: string | undefined): text is string => text !== undefined && /[:,]/.test(text);

/** The base case of the flags; `lists` false: a list in --recovery or --lag is refused (a grid only in ipabs stress). */
export function base(deal: LoadedDeal, o: BaseOptions, lists = true): ScenarioSpec {
  if (!lists) {
    for (const [flag, v] of [['--recovery', o.recovery], ['--lag', o.lag]] as const) {
      if (isList(v)) throw new InputError(`${flag} ${JSON.stringify(v)}: give one value here (lists make grids only in ipabs stress)`);
    }
  }
  const s = baseScenario(deal, {
    defaultRate: o.defaultRate !== undefined ? parsePercent(o.defaultRate, '--default-rate') : undefined,
    recoveryRate: o.recovery !== undefined && !isList(o.recovery) ? parsePercent(o.recovery, '--recovery') : undefined,
    recoveryLagPeriods: o.lag !== undefined && !isList(o.lag) ? parseLag(o.lag, '--lag') : undefined,
  });
  if (o.support === false) s.externalSupport = false;
  return s;
}

/**
 * Scenarios from a file, each validated against the deal; every invalid one is reported, not
 * only the first. A file says everything itself: nothing of the base case is merged in.
 */
function scenariosFromFile(file: string, deal: LoadedDeal): NamedScenario[] {
  const json = readJsonFile(file, file, cliLoadOptions());
  if (json.value === undefined) throw fileError(file, json.diagnostics);
  const v = validateScenarioList(json.value, file, deal);
  if (!v.scenarios) {
    const { items } = scenarioItems(json.value);
    const heading =
      items.length === 0
        ? undefined
        : v.single
          ? `${file} is not a valid scenario`
          : `${file} is not a valid scenario list (${v.invalid} of ${items.length} scenario${items.length === 1 ? '' : 's'} ${v.invalid === 1 ? 'has' : 'have'} errors)`;
    throw fileError(file, v.diagnostics, heading);
  }
  return v.scenarios.map((scenario, i) => {
    const name = scenario.name ?? `scenario ${i + 1}`;
    return { name: { zh: name, en: name }, scenario };
  });
}

/** The scenarios of `--scenarios FILE`, refusing the flags that build scenarios (they would be lost). */
function fromFile(deal: LoadedDeal, o: ChoiceOptions & { scenarios: string }): { list: NamedScenario[]; describe: Label } {
  const given = ([['--default-rate', o.defaultRate], ['--recovery', o.recovery], ['--lag', o.lag], ['--preset', o.preset], ['--cdr', o.cdr], ['--cumulative', o.cumulative]] as const)
    .filter(([, v]) => v !== undefined)
    .map(([flag]) => flag);
  if (given.length > 0) {
    const flags = given.length === 1 ? given[0]! : `${given.slice(0, -1).join(', ')} and ${given[given.length - 1]!}`;
    throw new InputError(
      `--scenarios ${o.scenarios} takes whole scenarios from the file, so ${flags} would be ignored: write ${given.length === 1 ? 'it' : 'them'} into the file's scenarios, or drop --scenarios (only --no-support applies over a file)`,
    );
  }
  const list = scenariosFromFile(o.scenarios, deal);
  if (o.support === false) for (const s of list) s.scenario.externalSupport = false;
  return { list, describe: { zh: `情景文件 ${o.scenarios}`, en: `scenario file ${o.scenarios}` } };
}

/** The scenarios the flags choose: a file, a grid, a preset (`defaultPreset`: cn-standard when nothing else is given) or the base case. */
export function chooseScenarios(deal: LoadedDeal, o: ChoiceOptions, defaultPreset: boolean): { list: NamedScenario[]; describe: Label; preset?: true } {
  if (o.scenarios !== undefined) return fromFile(deal, { ...o, scenarios: o.scenarios });
  const b = base(deal, o);
  const grid = {
    cdr: o.cdr !== undefined ? parsePercentRange(o.cdr, '--cdr') : undefined,
    cumulative: o.cumulative !== undefined ? parsePercentRange(o.cumulative, '--cumulative') : undefined,
    recovery: isList(o.recovery) ? parsePercentRange(o.recovery, '--recovery') : undefined,
    lag: isList(o.lag) ? parseLagRange(o.lag, '--lag') : undefined,
  };
  if (grid.cdr && grid.cumulative) throw new InputError('give --cdr (annual) or --cumulative, not both');
  const isGrid = Object.values(grid).some((v) => v !== undefined);
  if (isGrid && o.preset) throw new InputError('give a grid or --preset, not both');
  if (isGrid) return { list: gridScenarios(b, grid), describe: { zh: '情景网格', en: 'scenario grid' } };
  const preset = o.preset ?? (defaultPreset ? 'cn-standard' : undefined);
  if (preset) {
    if (!(PRESETS as readonly string[]).includes(preset)) throw new InputError(`unknown preset ${JSON.stringify(preset)} (known: ${PRESETS.join(', ')})`);
    return { list: presetScenarios(preset as PresetName, deal, b), describe: { zh: `预设情景 ${preset}`, en: `preset ${preset}` }, preset: true };
  }
  return { list: [{ name: { zh: '基准情景', en: 'base case' }, scenario: b }], describe: { zh: '基准情景', en: 'base case' } };
}

/** What a report says of the base case a grid or preset builds on. */
export function baseLine(s: ScenarioSpec): Label {
  const rate = s.defaultRate?.cumulative ? `${s.defaultRate.cumulative.times(100).toString()}%` : '0%';
  const rec = `${s.recovery.rate.times(100).toString()}%`;
  return {
    zh: `基准：累计违约率${rate}（均匀分布），回收率${rec}，回收滞后${s.recovery.lagPeriods}期${s.externalSupport ? '' : '，不含外部增信'}`,
    en: `Base: cumulative default rate ${rate} (even), recovery ${rec}, lag ${s.recovery.lagPeriods} periods${s.externalSupport ? '' : ', no external support'}`,
  };
}

/** The base-case flags of stress and breakeven. */
export const addBaseOptions = (c: Command) =>
  c
    .option('--default-rate <pct>', 'cumulative default rate of the base case, per cent of the initial pool (default: the deal’s baseCase)')
    .option('--recovery <pct>', 'recovery rate, per cent (a range like 0,30,50 makes a grid)')
    .option('--lag <periods>', 'recovery lag in periods (a range like 0,2 makes a grid)')
    .option('--no-support', 'switch off external support: guarantees, undertakings, liquidity support');
