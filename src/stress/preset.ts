/**
 * The preset of standard stresses (cn-standard): what a structurer expects to see before the
 * rating committee, each applied to the deal's base case. Default rate up first, as rating
 * reports' sensitivity tables start with it; then recovery down, default timing, spread
 * compression, delayed recoveries, prepayment where the pool can prepay, and combinations.
 * Every scenario is run with and without external support when the deal has any
 * ({@link withAndWithoutSupport}), so the reader sees what the enhancement carries.
 */
import type { LoadedDeal } from '../deal/loaded.js';
import type { AssetType } from '../pool/registry.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { Label } from '../util/label.js';
import { Decimal, ONE, ZERO } from '../util/money.js';
import { InputError } from '../util/errors.js';
import { copyScenario, monthsPerPeriod, type NamedScenario } from './scenarios.js';

export const PRESETS = ['cn-standard'] as const;
export type PresetName = (typeof PRESETS)[number];

/**
 * Which assets a borrower can pay early: a pledge loan (提前还款) and a lease (提前留购) can;
 * a licence fee or royalty, a receivable and a given schedule of flows fall due on their dates. Every asset
 * type must say, so a new type is not silently left out of the prepayment stresses.
 */
const PREPAYS = { pledgeLoan: true, lease: true, royalty: false, receivable: false, scheduledFlow: false } as const satisfies Record<AssetType, boolean>;

/** True when some asset of the pool can prepay. */
export function poolPrepays(deal: LoadedDeal): boolean {
  return deal.assets.some((a) => PREPAYS[a.type as AssetType]);
}

/**
 * Annual prepayment rates (CPR) of the prepayment stresses when the base case has none: the
 * project's assumption (IP pledge loans and leases rarely prepay; these show what early
 * repayment would do to the excess spread and to the senior's life).
 */
const PREPAYMENT_CPRS = [5, 10] as const;

type Change = Label & { apply: (s: ScenarioSpec) => void };

const LOADED = {
  frontLoaded: { zh: '前置', en: 'front', timing: (x: Decimal) => ({ frontLoaded: x }) },
  backLoaded: { zh: '后置', en: 'back', timing: (x: Decimal) => ({ backLoaded: x }) },
} as const;

/** The default rate (cumulative or annual, and each override's) times `m`, at most 100%. */
function scaledDefaults(s: ScenarioSpec, m: Decimal): void {
  const scale = (r: Decimal | undefined) => (r === undefined ? undefined : Decimal.min(ONE, r.times(m)));
  const dr = s.defaultRate;
  if (!dr) return;
  s.defaultRate = {
    ...dr,
    cumulative: scale(dr.cumulative),
    annualCdr: scale(dr.annualCdr),
    overrides: dr.overrides.map((o) => ({ ...o, cumulative: scale(o.cumulative), annualCdr: scale(o.annualCdr) })),
  };
}

/** The changes the preset combines, built for one deal and base case. */
function changes(deal: LoadedDeal, base: ScenarioSpec) {
  const delay = Math.max(1, Math.round(6 / monthsPerPeriod(deal)));
  const defaultsUp = (factor: string): Change => {
    const m = new Decimal(factor);
    return { zh: `违约率上升${m.minus(1).times(100).toString()}%`, en: `default rate ×${factor}`, apply: (s) => scaledDefaults(s, m) };
  };
  const recoveryDown = (x: number): Change => ({
    zh: `回收率下降${x}%`,
    en: `recovery down ${x}%`,
    apply: (s) => (s.recovery = { ...s.recovery, rate: base.recovery.rate.times(1 - x / 100) }),
  });
  const recoveryZero: Change = { zh: '回收率为0', en: 'recovery zero', apply: (s) => (s.recovery = { ...s.recovery, rate: ZERO }) };
  const timing = (kind: keyof typeof LOADED, x: number): Change => ({
    zh: `违约时间${LOADED[kind].zh}${x}%`,
    en: `defaults ${LOADED[kind].en}-loaded ${x}%`,
    apply: (s) => {
      const dr = s.defaultRate ?? { timing: 'even' as const, overrides: [] };
      s.defaultRate = { ...dr, timing: LOADED[kind].timing(new Decimal(x / 100)) };
    },
  });
  const spread = (bp: number): Change => ({ zh: `利差缩减${bp}bp`, en: `spread compression ${bp}bp`, apply: (s) => (s.spreadCompressionBp = bp) });
  const delayed: Change = {
    zh: '30%回收款延迟6个月',
    en: '30% of recoveries delayed 6 months',
    apply: (s) => (s.recovery = { ...s.recovery, delayed: { share: new Decimal(0.3), extraPeriods: delay } }),
  };
  const cpr = (x: Decimal, zh: string, en: string): Change => ({ zh, en, apply: (s) => (s.prepayment = { cpr: x }) });
  const baseCpr = base.prepayment?.cpr;
  // With a base prepayment rate: none at all, and twice it; without: the assumed rates.
  const prepayments: Change[] = !poolPrepays(deal)
    ? []
    : baseCpr && baseCpr.gt(0)
      ? [cpr(ZERO, '早偿率为0', 'no prepayment'), cpr(Decimal.min(ONE, baseCpr.times(2)), '早偿率上升100%', 'prepayment rate ×2')]
      : PREPAYMENT_CPRS.map((x) => cpr(new Decimal(x).div(100), `年早偿率${x}%`, `prepayment ${x}% a year`));
  return { defaultsUp, recoveryDown, recoveryZero, timing, spread, delayed, prepayments };
}

/**
 * cn-standard, each applied to the base case: default rate ×1.25, ×1.5 and ×2 (违约率上升);
 * recovery down 10/20/30/50% and to zero; default timing front- and back-loaded by 10/20%;
 * spread compression 25/50bp; 30% of recoveries delayed 6 months; prepayment (a base-case CPR
 * at zero and doubled, else 5% and 10% a year) only where the pool holds loans or leases;
 * and combinations, ending with the harshest.
 */
export function presetScenarios(preset: PresetName, deal: LoadedDeal, base: ScenarioSpec): NamedScenario[] {
  if (preset !== 'cn-standard') throw new InputError(`unknown preset ${JSON.stringify(preset)} (known: ${PRESETS.join(', ')})`);
  const c = changes(deal, base);
  const sets: Change[][] = [
    [],
    [c.defaultsUp('1.25')],
    [c.defaultsUp('1.5')],
    [c.defaultsUp('2')],
    [c.recoveryDown(10)],
    [c.recoveryDown(20)],
    [c.recoveryDown(30)],
    [c.recoveryDown(50)],
    [c.recoveryZero],
    [c.timing('frontLoaded', 10)],
    [c.timing('frontLoaded', 20)],
    [c.timing('backLoaded', 10)],
    [c.timing('backLoaded', 20)],
    [c.spread(25)],
    [c.spread(50)],
    [c.delayed],
    ...c.prepayments.map((p) => [p]),
    [c.defaultsUp('1.5'), c.recoveryDown(30)],
    [c.defaultsUp('1.5'), c.timing('frontLoaded', 20)],
    [c.defaultsUp('1.5'), c.recoveryDown(30), c.timing('frontLoaded', 20)],
    ...c.prepayments.slice(-1).map((p) => [c.defaultsUp('1.5'), p]),
    [c.recoveryDown(30), c.timing('frontLoaded', 20)],
    [c.recoveryDown(30), c.spread(50)],
    [c.recoveryDown(50), c.timing('frontLoaded', 20), c.spread(50)],
    [c.recoveryZero, c.timing('frontLoaded', 20), c.spread(50), c.delayed],
    [c.defaultsUp('2'), c.recoveryDown(50), c.timing('frontLoaded', 20)],
    [c.defaultsUp('2'), c.recoveryZero, c.timing('frontLoaded', 20), c.spread(50), c.delayed],
  ];
  return sets.map((set) => {
    const scenario = copyScenario(base);
    for (const change of set) change.apply(scenario);
    const name = set.length ? { zh: set.map((x) => x.zh).join(' + '), en: set.map((x) => x.en).join(' + ') } : { zh: '基准情景', en: 'base case' };
    scenario.name = name.en;
    return { name, scenario };
  });
}

/** The words of a scenario run without external support. */
const NO_SUPPORT: Label = { zh: '不含外部增信', en: 'no external support' };

/**
 * Each scenario followed by the same scenario without external support, when the deal has any
 * support and the scenarios keep it: side by side, the rows show what the guarantee or
 * undertaking absorbs. Otherwise the list as it is.
 */
export function withAndWithoutSupport(deal: LoadedDeal, list: readonly NamedScenario[]): NamedScenario[] {
  if (deal.spec.supports.length === 0 || list.every((s) => !s.scenario.externalSupport)) return [...list];
  return list.flatMap((s) => {
    if (!s.scenario.externalSupport) return [s];
    const name = { zh: `${s.name.zh}（${NO_SUPPORT.zh}）`, en: `${s.name.en} (${NO_SUPPORT.en})` };
    return [s, { name, scenario: { ...copyScenario(s.scenario), externalSupport: false, name: name.en } }];
  });
}
