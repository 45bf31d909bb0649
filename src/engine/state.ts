/**
 * What a run knows: the context that does not change during it (the prepared deal, the pool's
 * performance under the scenario, the factors of the scenario's coupons) and the state it
 * changes as it goes (balances, rows, the ledger), which `cloneState` copies cheaply so a run
 * can resume from any period (Monte Carlo).
 */
import type { DealPeriod } from '../deal/periods.js';
import type { IsoDate } from '../dates/date.js';
import type { LoadedDeal } from '../deal/loaded.js';
import type { FeeSpec, SupportSpec, TrancheSpec } from '../schema/deal.js';
import type { MoneyDefaultEvent, MoneyPoolPerformance, MoneyPoolPeriod, MoneyPreparedPool } from '../scenario/poolTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { NIL, sumMoney, type Factor, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import { conservationRow, type ConservationPeriod } from './conservation.js';
import { Ledger } from './ledger.js';
import { amountOf, type PreparedDeal } from './prepare.js';
import { couponFactors, ratePath } from './coupons.js';
import { poolPerformance } from '../scenario/performance.js';
import type { AccountPeriod, CoveragePeriod, DealState, FeePeriod, PoolPeriodResult, RunEvent, RunResult, SupportDraw, TranchePeriod } from './types.js';

/** The collection account's id in the ledger, whatever the deal calls it. */
export const COLLECTION = 'collection';

export interface RunOptions {
  /**
   * false: keep no ledger entries and skip yield and duration (stress runs need losses and WAL),
   * and each period's coverage multiple (the lowest, `coverage.minimum`, is kept); conservation
   * is still proven every period from the ledger's flows.
   */
  detail?: boolean;
  /**
   * Stop after the first payment date on which every tranche is repaid with no interest left
   * unpaid: nothing later changes a loss or a WAL (Monte Carlo needs no more). Later residual
   * payments are then not run.
   */
  stopWhenRepaid?: boolean;
  /**
   * true: keep only what Monte Carlo and break-even searches read: the tranches (rows and
   * summaries: losses, WAL, interest shortfalls), the deal states, the supports and the pool's
   * defaulted total; no fee, account, pool or coverage rows and no events are kept (those lists
   * are empty and the pool's collected and recovered totals zero). Implies `detail: false`.
   * Conservation is proven every period all the same.
   */
  lean?: boolean;
}

export type ReserveTargetSpec = NonNullable<LoadedDeal['spec']['accounts'][number]['target']>;
export type ReserveSpec = LoadedDeal['spec']['accounts'][number];

/** What a run needs that does not change during it. */
export interface RunContext {
  prepared: PreparedDeal;
  spec: LoadedDeal['spec'];
  scenario: ScenarioSpec;
  periods: DealPeriod[];
  n: number;
  closing: IsoDate;
  /** The pool's contractual flows on the scenario's rate path (the prepared pool unless a loan floats). */
  pool: MoneyPreparedPool;
  performance: MoneyPoolPerformance;
  /** Per tranche and period: (coupon + spread) × year fraction. */
  coupons: Factor[][];
  reserves: ReserveSpec[];
  options: RunOptions;
  detail: boolean;
  /** RunOptions.lean. */
  lean: boolean;
  /** The ledger's internal accounts: the collection account first, then the reserves. */
  accountIds: string[];
  seniors: number[];
  seniorIds: string[];
  collectionName: string;
  /** Every account with its opening balance and the ledger account it is held in. */
  opening: { id: string; name: string; ledgerId: string; initialBalance: Money }[];
}

export interface TrancheState {
  spec: TrancheSpec;
  /** Its place in the deal's tranches. */
  index: number;
  balance: Money;
  arrears: Money;
  accrued: Money;
  principalPaidTotal: Money;
  rows: TranchePeriod[];
  /** This period's row, filled as the period runs. */
  row: TranchePeriod;
  missedInterest: boolean;
  missedPrincipal: boolean;
  /** Principal was still outstanding on the legal maturity (法定到期日): noted once. */
  pastLegalMaturity: boolean;
}

export interface FeeState {
  spec: FeeSpec;
  /** The tranches whose balances or payments the fee is charged on (indexes). */
  named: number[];
  arrears: Money;
  accrued: Money;
  due: Money;
  rows: FeePeriod[];
  paidThisPeriod: Money;
}

export interface SupportState {
  spec: SupportSpec;
  /** The most it pays over the deal's life. */
  cap?: Money;
  drawn: Money;
  repaid: Money;
  outstanding: Money;
  unpaid: Money;
  draws: SupportDraw[];
  failed: boolean;
  failure?: { from: IsoDate; capLeft?: Money };
  /** External support switched off by the scenario: it pays nothing and records nothing. */
  off: boolean;
}

/** Everything a run changes as it goes: copied whole by `cloneState` to resume a run. */
export interface RunState {
  ledger: Ledger;
  events: RunEvent[];
  tranches: TrancheState[];
  fees: FeeState[];
  supports: SupportState[];
  /** Per reserve (in the order of ctx.reserves): its target now. */
  reserveTargets: (ReserveTargetSpec | undefined)[];
  /** Per ledger account (ctx.accountIds): its rows. */
  accountRows: AccountPeriod[][];
  /** Per reserve: what it paid out for missed collections and shortfalls (not its releases). */
  reserveDrawn: Money[];
  conservationRows: ConservationPeriod[];
  poolRows: PoolPeriodResult[];
  coverageRows: CoveragePeriod[];
  states: RunResult['states'];
  state: DealState;
  fired: Set<string>;
  cumulativeDefaulted: Money;
  poolBalance: Money;
  lastIndex: number;
  called: boolean;
  independentIn: Money;
  independentOut: Money;
  /** Per default: what its guarantee was asked and paid, to split later recoveries with the guarantor. */
  guaranteed: Map<MoneyDefaultEvent, { claim: Money; paid: Money }>;
  /** Defaults a guarantor has paid off in full: their later contractual payments are no longer missed. */
  settled: MoneyDefaultEvent[];
}

/** What one period works with: its dates, the pool's performance, the cash that came in. */
export interface Frame {
  ctx: RunContext;
  st: RunState;
  /** 0-based period index, and the period. */
  k: number;
  p: DealPeriod;
  period: number;
  perf: MoneyPoolPeriod;
  /** The collection account's balance at the start of the period. */
  collectionBegin: Money;
  accountBegin: Money[];
  heldBegin: Money;
  poolBegin: Money;
  recoveries: Money;
  compensation: Money;
  guaranteePayments: Money;
  /** The interest in what guarantors paid (a fraction of a fen is possible): VAT's base. */
  guaranteedInterest: Decimal | undefined;
  callProceeds: Money;
  /** Everything the pool paid in this period (SeniorFundsParts.collections). */
  collected: Money;
  /** What the reserves released into the collection account this period. */
  released: Money;
  /** The senior's interest and principal due on this date (coverage's denominator). */
  seniorDue: Money;
  /** The deal's last payment date (its end, or a clean-up call). */
  final: boolean;
  coverage?: { funds: Money; due: Money; multiple?: Decimal };
}

/** What a run's context takes from the deal alone, worked out once per prepared deal. */
type DealParts = Pick<RunContext, 'reserves' | 'accountIds' | 'seniors' | 'seniorIds' | 'collectionName' | 'opening'> & {
  listEvents: (asset: number) => boolean;
  /** Coupon factors by spread compression in basis points. */
  coupons: Map<number, Factor[][]>;
};

const dealParts = new WeakMap<PreparedDeal, DealParts>();

function partsOf(prepared: PreparedDeal): DealParts {
  let parts = dealParts.get(prepared);
  if (parts) return parts;
  const spec = prepared.deal.spec;
  const reserves = spec.accounts.filter((a) => a.kind === 'reserve');
  const seniors = spec.tranches.flatMap((t, i) => (t.class === 'senior' ? [i] : []));
  parts = {
    reserves,
    accountIds: [COLLECTION, ...reserves.map((r) => r.id)],
    seniors,
    seniorIds: seniors.map((i) => spec.tranches[i]!.id),
    collectionName: spec.accounts.find((a) => a.kind === 'collection')?.name ?? '专项计划账户',
    opening: spec.accounts.map((a) => ({ id: a.id, name: a.name, ledgerId: a.kind === 'collection' ? COLLECTION : a.id, initialBalance: amountOf(a.initialBalance) })),
    listEvents: guaranteed(spec.supports, prepared.deal.assets),
    coupons: new Map(),
  };
  dealParts.set(prepared, parts);
  return parts;
}

/** The context of a run of `scenario`; `from`: the first period the run reads (a run resumed there: see PerformanceOptions.from). */
export function runContext(prepared: PreparedDeal, scenario: ScenarioSpec, options: RunOptions, from = 0): RunContext {
  const spec = prepared.deal.spec;
  const parts = partsOf(prepared);
  const bp = scenario.spreadCompressionBp;
  // A scenario's own rate path is its own; the deal's path is shared by every scenario of a spread.
  let coupons = scenario.rates ? undefined : parts.coupons.get(bp);
  if (!coupons) {
    coupons = couponFactors(prepared, new Decimal(bp).div(10_000), scenario.rates);
    if (!scenario.rates) parts.coupons.set(bp, coupons);
  }
  const pool = prepared.floatingPool && scenario.rates ? ratePath(prepared, scenario.rates).pool : prepared.pool;
  return {
    prepared,
    spec,
    scenario,
    periods: prepared.periods,
    n: prepared.periods.length,
    closing: spec.dates.closing,
    pool,
    performance: poolPerformance(pool, scenario, { listEvents: (options.detail ?? true) ? undefined : parts.listEvents, from }),
    coupons,
    reserves: parts.reserves,
    options,
    detail: !options.lean && (options.detail ?? true),
    lean: options.lean ?? false,
    accountIds: parts.accountIds,
    seniors: parts.seniors,
    seniorIds: parts.seniorIds,
    collectionName: parts.collectionName,
    opening: parts.opening,
  };
}

function emptyRow(): TranchePeriod {
  return { period: 0, date: '', nominalDate: '', beginBalance: NIL, interestDue: NIL, interestPaid: NIL, principalDue: NIL, principalPaid: NIL, residualPaid: NIL, endBalance: NIL, interestShortfall: NIL };
}

/**
 * The assets whose defaults a run without detail reads one by one: those under a loan
 * guarantee (its claims are per asset); the recoveries of the others are summed per period.
 */
function guaranteed(supports: readonly SupportSpec[], assets: LoadedDeal['assets']): (asset: number) => boolean {
  const ids = new Set<string>();
  for (const s of supports) {
    if (s.kind !== 'loanGuarantee') continue;
    if (!s.assets) return () => true;
    for (const id of s.assets) ids.add(id);
  }
  return (i) => ids.size > 0 && ids.has(assets[i]!.id);
}

/** The state at closing: balances as issued, reserves funded. */
export function initialState(ctx: RunContext): RunState {
  const { spec, reserves, closing, prepared, scenario } = ctx;
  const ledger = new Ledger(ctx.accountIds, ctx.detail);
  // Closing: every account's opening balance is paid in (风险金 held back from the first-license
  // fees, cash already in the collection account, …), from its own funding party.
  for (const a of ctx.opening) ledger.transfer(0, closing, `funding:${a.id}`, a.ledgerId, a.initialBalance, `${a.name} funded at closing`);
  const closingFlows = ledger.takeFlows();
  const conservationRows = [conservationRow(0, closingFlows.cashIn, closingFlows.cashOut, NIL, ledger.held())];
  ledger.resetFlows();
  return {
    ledger,
    events: [],
    tranches: spec.tranches.map((t, i) => ({ spec: t, index: i, balance: prepared.issued[i]!, arrears: NIL, accrued: NIL, principalPaidTotal: NIL, rows: [], row: emptyRow(), missedInterest: false, missedPrincipal: false, pastLegalMaturity: false })),
    fees: spec.fees.map((f) => ({ spec: f, named: namedTranches(f, spec.tranches), arrears: NIL, accrued: NIL, due: NIL, rows: [], paidThisPeriod: NIL })),
    supports: spec.supports.map((s) => ({ spec: s, cap: s.cap === undefined ? undefined : amountOf(s.cap), drawn: NIL, repaid: NIL, outstanding: NIL, unpaid: NIL, draws: [], failed: false, failure: failureOf(s, scenario), off: !scenario.externalSupport })),
    reserveTargets: reserves.map((r) => r.target),
    accountRows: ctx.accountIds.map(() => []),
    reserveDrawn: reserves.map(() => NIL),
    conservationRows,
    poolRows: [],
    coverageRows: [],
    states: [],
    state: 'normal',
    fired: new Set(),
    cumulativeDefaulted: NIL,
    poolBalance: prepared.initialPoolBalance,
    lastIndex: ctx.n - 1,
    called: false,
    independentIn: sumMoney(ctx.opening.map((a) => a.initialBalance)),
    independentOut: NIL,
    guaranteed: new Map(),
    settled: [],
  };
}

function namedTranches(f: FeeSpec, tranches: readonly TrancheSpec[]): number[] {
  return tranches.flatMap((t, i) => (!('tranches' in f) || !f.tranches || f.tranches.includes(t.id) ? [i] : []));
}

/** A support's failure under the scenario: from a date it pays nothing, or up to a cap. */
function failureOf(s: SupportSpec, scenario: ScenarioSpec): SupportState['failure'] {
  const f = scenario.supportFailures.find((x) => x.support === s.id || (x.provider !== undefined && x.provider === s.provider));
  return f ? { from: f.from, capLeft: f.cap === undefined ? undefined : amountOf(f.cap) } : undefined;
}

/**
 * A copy of a run's state that shares nothing mutable with it. Rows already recorded are never
 * changed again, so the lists are copied but not the rows. Each object is written out field by
 * field in the order `initialState` makes it (no spreading): copies then share the shapes
 * (hidden classes) of the originals, and the period loop's optimised code serves both.
 */
export function cloneState(st: RunState): RunState {
  return {
    ledger: st.ledger.clone(),
    events: st.events.slice(),
    tranches: st.tranches.map(cloneTranche),
    fees: st.fees.map(cloneFee),
    supports: st.supports.map(cloneSupport),
    reserveTargets: st.reserveTargets.slice(),
    accountRows: st.accountRows.map((rows) => rows.slice()),
    reserveDrawn: st.reserveDrawn.slice(),
    conservationRows: st.conservationRows.slice(),
    poolRows: st.poolRows.slice(),
    coverageRows: st.coverageRows.slice(),
    states: st.states.slice(),
    state: st.state,
    fired: new Set(st.fired),
    cumulativeDefaulted: st.cumulativeDefaulted,
    poolBalance: st.poolBalance,
    lastIndex: st.lastIndex,
    called: st.called,
    independentIn: st.independentIn,
    independentOut: st.independentOut,
    guaranteed: new Map(st.guaranteed),
    settled: st.settled.slice(),
  };
}

function cloneTranche(t: TrancheState): TrancheState {
  return {
    spec: t.spec,
    index: t.index,
    balance: t.balance,
    arrears: t.arrears,
    accrued: t.accrued,
    principalPaidTotal: t.principalPaidTotal,
    rows: t.rows.slice(),
    row: t.row,
    missedInterest: t.missedInterest,
    missedPrincipal: t.missedPrincipal,
    pastLegalMaturity: t.pastLegalMaturity,
  };
}

function cloneFee(f: FeeState): FeeState {
  return { spec: f.spec, named: f.named, arrears: f.arrears, accrued: f.accrued, due: f.due, rows: f.rows.slice(), paidThisPeriod: f.paidThisPeriod };
}

function cloneSupport(s: SupportState): SupportState {
  const failure = s.failure ? { from: s.failure.from, capLeft: s.failure.capLeft } : undefined;
  return { spec: s.spec, cap: s.cap, drawn: s.drawn, repaid: s.repaid, outstanding: s.outstanding, unpaid: s.unpaid, draws: s.draws.slice(), failed: s.failed, failure, off: s.off };
}
