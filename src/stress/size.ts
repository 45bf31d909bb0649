/**
 * Tranche sizing (分层规模测算): the largest balance of each rated tranche, in order of seniority,
 * that still earns its target grade, the rest moved to the next tranche down, the issue size kept.
 *
 * What moves: only the balances of a targeted tranche and of the tranche just below it. Everything
 * else is kept as written: coupons, maturities, the pool and its price (so over-collateralisation
 * is unchanged: the issue size is), reserves' amounts, supports' caps, triggers' thresholds, the
 * waterfall. Fees that accrue on tranche balances (`rateOnBalance` on `tranches` or `issue`) and
 * fees on payments follow the new balances, as the contract's rate says. A tranche with a fixed
 * amortisation schedule (`principal.type: schedule`) cannot be resized: its schedule is a promise
 * in yuan, and no rule says how it would scale; sizing refuses it in words.
 *
 * The test of a grade is one run at its TDR (targetDefaultRate): the tranche is paid timely
 * (repaidInFull on the chosen principal basis) or not. Balances are searched on the step grid by
 * bisection (losses do not fall as a tranche grows), each trial reusing the prepared pool: only
 * the balances change, so the pool's flows and its memoised performance are shared.
 */
import type { PreparedDeal } from '../engine/run.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { TrancheSpec } from '../schema/deal.js';
import { InputError } from '../util/errors.js';
import { add, fmtFen, sub, sumMoney, toYuan, type Money } from '../util/fen.js';
import { Decimal, ZERO } from '../util/money.js';
import { atDefaultRate, repaidInFull, type PrincipalBasis } from './breakeven.js';
import { lowestGradedBreakeven, type LowestBreakeven } from './grade.js';
import { targetDefaultRate, type Notch, type RatingScale } from './ratingScale.js';

/** A tranche and the grade {@link sizeTranches} sizes it to. */
export interface SizeTarget {
  tranche: string;
  notch: Notch;
}

/** The rating scale, base case and scenario of a sizing. */
export interface SizeOptions {
  scale: RatingScale;
  baseRate: Decimal;
  /** The base scenario the default rate is set on (its externalSupport says with or without support). */
  scenario: ScenarioSpec;
  /**
   * Every scenario a grade must hold in (a preset's stresses, the base case among them), each
   * with its default rate set to the TDR; default: the base scenario alone.
   */
  scenarios?: readonly ScenarioSpec[];
  step: Money;
  basis: PrincipalBasis;
  /**
   * Size a live deal from this status: the outstanding balances move (their sum kept), the
   * remaining pool, the accounts, supports and deal state are the status's; a grade's TDR is
   * the scenario's rate from it (as `breakeven --status` searches).
   */
  status?: EngineStatus;
  /** Told after each trial balance: the fraction of the sizing done (estimated: each target's bisection takes about 2 + log₂(steps) trials) and what is being sized. */
  onProgress?: (fraction: number, what: string) => void;
}

/** A tranche's balance before and after sizing. */
export interface SizedTranche {
  id: string;
  before: Money;
  after: Money;
  target?: Notch;
  tdr?: Decimal;
  /** Why the balance stops here: the target (one step more fails it) or the tranche below keeping one step. */
  limitedBy?: 'target' | 'floor';
}

/** What {@link sizeTranches} returns: the new balances and the search it took. */
export interface SizeResult {
  tranches: SizedTranche[];
  /** Waterfall runs of the search. */
  runs: number;
}

/**
 * A step (or any amount) as a structurer writes it: in 万元 when it is a whole number of them.
 *
 * @example stepText(100_000_000 as Money) // '100万元'
 */
export function stepText(m: Money): string {
  return m % 1_000_000 === 0 ? `${m / 1_000_000}万元` : `${fmtFen(m)}元`;
}

/** Tranches rank by class (senior, mezzanine, subordinate), then as listed: the order of seniority. */
export function seniorityOrder(tranches: readonly TrancheSpec[]): number[] {
  const rank = { senior: 0, mezzanine: 1, subordinate: 2 } as const;
  return tranches.map((t, i) => ({ t, i })).sort((a, b) => rank[a.t.class] - rank[b.t.class] || a.i - b.i).map((x) => x.i);
}

/**
 * The prepared deal with other tranche balances (in fen, by tranche index): the same periods,
 * pool, coupons and memoised pool performance; only the balances change. The loaded deal is
 * copied by its property descriptors, so nothing it builds lazily is built here.
 */
export function withBalances(prepared: PreparedDeal, balances: readonly Money[]): PreparedDeal {
  const deal = prepared.deal;
  const tranches = deal.spec.tranches.map((t, i) => (balances[i] === prepared.issued[i] ? t : { ...t, balance: toYuan(balances[i]!) }));
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(deal)) as typeof deal;
  Object.defineProperty(copy, 'spec', { value: { ...deal.spec, tranches }, enumerable: true, writable: true });
  return { ...prepared, deal: copy, issued: balances.slice() };
}

/** A status with other outstanding tranche balances (in fen, by tranche index); what was paid before it is kept. */
export function statusWithBalances(status: EngineStatus, balances: readonly Money[]): EngineStatus {
  return { ...status, tranches: status.tranches.map((t, i) => (t.balance === balances[i] ? t : { ...t, balance: balances[i]! })) };
}

/** The balances a sizing starts from: as issued, or from a status as outstanding on its date. */
export function startBalances(prepared: PreparedDeal, status: EngineStatus | undefined): Money[] {
  return status ? status.tranches.map((t) => t.balance) : prepared.issued.slice();
}

/** What a trial runs: the deal issued at these balances, or from a status the status with these outstanding. */
function trialOf(prepared: PreparedDeal, balances: readonly Money[], status: EngineStatus | undefined): { prepared: PreparedDeal; status?: EngineStatus } {
  return status ? { prepared, status: statusWithBalances(status, balances) } : { prepared: withBalances(prepared, balances) };
}

/** Refuses what cannot be sized, in words: unknown tranches, two targets on one, the most junior, schedules. */
function checkTargets(prepared: PreparedDeal, targets: readonly SizeTarget[], order: readonly number[]): void {
  const tranches = prepared.deal.spec.tranches;
  const ids = tranches.map((t) => t.id).join(', ');
  const seen = new Set<string>();
  for (const t of targets) {
    const i = prepared.trancheIndex.get(t.tranche);
    if (i === undefined) throw new InputError(`--target ${t.tranche}=${t.notch.grade}: no such tranche (the deal has ${ids})`);
    if (seen.has(t.tranche)) throw new InputError(`--target ${t.tranche}: given twice; give each tranche one target`);
    seen.add(t.tranche);
    const pos = order.indexOf(i);
    if (pos === order.length - 1) {
      throw new InputError(`--target ${t.tranche}=${t.notch.grade}: ${t.tranche} is the most junior tranche, so there is no tranche below to take what it gives up; target the tranches above it`);
    }
    for (const j of [i, order[pos + 1]!]) {
      const spec = tranches[j]!;
      if (spec.principal.type === 'schedule') {
        throw new InputError(
          `--target ${t.tranche}=${t.notch.grade}: ${spec.id} amortises on a fixed schedule (tranches[${j}].principal), a promise in yuan that sizing cannot rescale; make it passThrough or bullet, or size another tranche`,
        );
      }
    }
  }
}

/** The scenarios a grade must hold in. */
const scenariosOf = (o: SizeOptions): readonly ScenarioSpec[] => o.scenarios ?? [o.scenario];

/** Whether every tranche in `checked` is paid timely at its TDR with these balances. */
function earns(prepared: PreparedDeal, balances: readonly Money[], checked: readonly { id: string; tdr: Decimal }[], o: SizeOptions, count: () => void): boolean {
  const trial = trialOf(prepared, balances, o.status);
  return checked.every((c) =>
    scenariosOf(o).every((s) => {
      count();
      return repaidInFull(trial.prepared, c.id, atDefaultRate(s, c.tdr.toNumber()), o.basis, trial.status);
    }),
  );
}

/**
 * Sizes the targeted tranches, most senior first: each takes the largest multiple of the step
 * (from one step up to all it shares with the tranche below, less one step the tranche below
 * keeps) at which it and every tranche sized before it still earn their targets; the tranche
 * below takes the rest. An InputError when a target cannot be met even at one step.
 */
export function sizeTranches(prepared: PreparedDeal, targets: readonly SizeTarget[], o: SizeOptions): SizeResult {
  const order = seniorityOrder(prepared.deal.spec.tranches);
  checkTargets(prepared, targets, order);
  const balances = startBalances(prepared, o.status);
  const out: SizedTranche[] = prepared.deal.spec.tranches.map((t, i) => ({ id: t.id, before: balances[i]!, after: balances[i]! }));
  let runs = 0;
  const count = () => void runs++;
  const checked: { id: string; tdr: Decimal }[] = [];
  const sorted = [...targets].sort((a, b) => order.indexOf(prepared.trancheIndex.get(a.tranche)!) - order.indexOf(prepared.trancheIndex.get(b.tranche)!));
  for (const t of sorted) {
    const i = prepared.trancheIndex.get(t.tranche)!;
    const below = order[order.indexOf(i) + 1]!;
    const tdr = targetDefaultRate(t.notch, o.baseRate);
    checked.unshift({ id: t.tranche, tdr });
    const shared = add(balances[i]!, balances[below]!);
    const at = (k: number): Money[] => {
      const b = balances.slice();
      b[i] = (k * o.step) as Money;
      b[below] = sub(shared, b[i]!);
      return b;
    };
    const top = Math.floor(shared / o.step) - 1; // the tranche below keeps at least one step
    if (top < 1 && o.status) {
      throw new InputError(`--target ${t.tranche}=${t.notch.grade}: ${t.tranche} and the tranche below have ${stepText(shared)} outstanding together on the status date, less than two steps of ${stepText(o.step)}: nothing to size${shared === 0 ? ' (both are repaid)' : '; give a smaller --step'}`);
    }
    if (top < 1) {
      throw new InputError(`--target ${t.tranche}=${t.notch.grade}: ${t.tranche} and the tranche below hold ${stepText(shared)} together, less than two steps of ${stepText(o.step)}; give a smaller --step`);
    }
    const trials = 2 + Math.ceil(Math.log2(top + 1));
    let tried = 0;
    const n = sorted.indexOf(t);
    const ok = (k: number) => {
      const earned = earns(prepared, at(k), checked, o, count);
      tried++;
      o.onProgress?.((n + Math.min(1, tried / trials)) / sorted.length, `Size: ${t.tranche}=${t.notch.grade} (${n + 1} of ${sorted.length} targets)`);
      return earned;
    };
    let k: number;
    let limitedBy: SizedTranche['limitedBy'];
    if (ok(top)) {
      k = top;
      limitedBy = 'floor';
    } else if (!ok(1)) {
      throw new InputError(impossible(t, tdr, o, checked));
    } else {
      k = largestPassing(1, top, ok);
      limitedBy = 'target';
    }
    const b = at(k);
    balances[i] = b[i]!;
    balances[below] = b[below]!;
    Object.assign(out[i]!, { target: t.notch, tdr, limitedBy });
  }
  out.forEach((t, i) => (t.after = balances[i]!));
  return { tranches: out, runs };
}

/** The largest k in [lo, hi) with ok(k), given ok(lo) and not ok(hi): bisection. */
function largestPassing(lo: number, hi: number, ok: (k: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

function impossible(t: SizeTarget, tdr: Decimal, o: SizeOptions, checked: readonly { id: string }[]): string {
  const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(4).toString()}%`;
  const others = checked.filter((c) => c.id !== t.tranche).map((c) => c.id);
  const withOthers = others.length > 0 ? ` (with ${others.join(', ')} kept at their targets)` : '';
  return (
    `--target ${t.tranche}=${t.notch.grade} cannot be met: even at one step (${stepText(o.step)}) ${t.tranche} is not paid timely${withOthers} at the ${t.notch.grade} target default rate ` +
    `${pct(tdr)} (${t.notch.multiple.toString()} × base ${pct(o.baseRate)}, ${o.scenario.externalSupport ? 'with' : 'without'} external support, principal by the ${o.basis} maturity); aim lower, or add enhancement`
  );
}

/** A row of the sized structure: a tranche's new balance, share, break-evens and grade. */
export interface StructureRow extends SizedTranche {
  name: string;
  class: TrancheSpec['class'];
  /** Share of the issue. */
  share: Decimal;
  /** Share of the issue ranked below this tranche (次级支持). */
  subordination: Decimal;
  withSupport: LowestBreakeven;
  withoutSupport: LowestBreakeven;
  /** From a status: the break-evens and grades at the outstanding balances before sizing (the tranche as it stands). */
  current?: { withSupport: LowestBreakeven; withoutSupport: LowestBreakeven };
}

/**
 * The structure table of a sized deal: per tranche its balance before and after, share,
 * subordination, and its break-even, multiple and grade with and without external support.
 */
export function structureOf(prepared: PreparedDeal, sized: SizeResult, o: SizeOptions): StructureRow[] {
  const tranches = prepared.deal.spec.tranches;
  const balances = sized.tranches.map((t) => t.after);
  const issue = sumMoney(balances);
  const order = seniorityOrder(tranches);
  const after = trialOf(prepared, balances, o.status);
  const before = o.status && sized.tranches.some((t) => t.before !== t.after) ? trialOf(prepared, sized.tranches.map((t) => t.before), o.status) : undefined;
  return tranches.map((t, i) => {
    const below = order.slice(order.indexOf(i) + 1).map((j) => balances[j]!);
    const of = (m: Money) => (issue === 0 ? ZERO : new Decimal(m).div(issue));
    const grades = gradesOf(after, t.id, o);
    return {
      ...sized.tranches[i]!,
      name: t.name,
      class: t.class,
      share: of(balances[i]!),
      subordination: of(sumMoney(below)),
      ...grades,
      ...(o.status ? { current: before ? gradesOf(before, t.id, o) : grades } : {}),
    };
  });
}

/** A tranche's lowest graded break-evens, with and without external support, in a trial (the deal at some balances, or a status). */
function gradesOf(trial: { prepared: PreparedDeal; status?: EngineStatus }, id: string, o: SizeOptions): Pick<StructureRow, 'withSupport' | 'withoutSupport'> {
  const g = { scale: o.scale, baseRate: o.baseRate, basis: o.basis, status: trial.status };
  const lowest = (externalSupport: boolean) => lowestGradedBreakeven(trial.prepared, id, scenariosOf(o).map((x) => ({ ...x, externalSupport })), g);
  const withSupport = lowest(true);
  // Without supports in the deal, switching them off changes nothing: the same search.
  return { withSupport, withoutSupport: trial.prepared.deal.spec.supports.length === 0 ? withSupport : lowest(false) };
}
