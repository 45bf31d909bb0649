/**
 * The engine: `runDeal(deal, scenario) → result`. Pure and deterministic: no I/O, no clock.
 * Amounts are whole fen (`Money`) throughout; rates and year fractions were fixed when the deal
 * was prepared (./prepare.ts).
 *
 * Each period runs in one fixed order (the same-day ordering of the whole project), each phase
 * written to the ledger under its name:
 *   1. accrue   — tranche interest and fees for the period, on the opening balances;
 *   2. collect  — the phases `collect` (pool cash of the collection period), `guarantee`
 *                 (保证担保), `recovery` (recoveries, loss sharing), `cleanUpCall` (清仓回购),
 *                 `reserveRelease`, then `vat` (增值税 due on what came in);
 *   3. triggers — test every trigger on what is known now; switch the deal state;
 *   4. waterfall — `liquidityRepayment` (advances repaid senior), then the steps of the current
 *                 state (`waterfall`, with the step); reserves and undertakings are drawn by
 *                 their steps, for what the items they cover lack;
 *   5. record   — tranche, fee, account and support tables, coverage; missed payments noted
 *                 for the next period's triggers.
 * Interest and fees accrue between nominal (unadjusted) payment dates, from the closing date for
 * the first period; cash moves on the business-day adjusted dates.
 */
import type { LoadedDeal } from '../deal/loaded.js';
import { BASE_SCENARIO } from '../scenario/base.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { NIL, sub, type Money } from '../util/fen.js';
import { releasePhase } from './accounts.js';
import { cleanUpCallPhase } from './cleanUpCall.js';
import { collectPhase, recoveryPhase } from './collect.js';
import { accrueFees, chargeVat } from './fees.js';
import { prepareDeal, type PreparedDeal } from './prepare.js';
import { recordPeriod, finishRun } from './result.js';
import { cloneState, initialState, runContext, type Frame, type RunContext, type RunOptions, type RunState } from './state.js';
import { guaranteePhase } from './supports.js';
import { accrueTranches, setPrincipalDue } from './tranches.js';
import { testTriggers } from './triggers.js';
import type { RunResult } from './types.js';
import { runWaterfall } from './waterfall.js';

export { prepareDeal, type PreparedDeal } from './prepare.js';
export type { RunOptions } from './state.js';

/**
 * Runs a deal under a scenario (the base case when none is given). Throws InternalError if
 * cash is not conserved: that would be a bug.
 *
 * @example
 * const { deal } = loadDeal('deals/guangkai-patent-license.json');
 * const result = runDeal(deal!);
 * result.tranches[0].summary.finalPaymentDate; // '2023-08-28'
 */
export function runDeal(input: LoadedDeal | PreparedDeal, scenario: ScenarioSpec = BASE_SCENARIO, options: RunOptions = {}): RunResult {
  const prepared = 'pool' in input && 'calendar' in input ? input : prepareDeal(input);
  const ctx = runContext(prepared, scenario, options);
  const st = initialState(ctx);
  for (let k = 0; k <= st.lastIndex; k++) runPeriod(ctx, st, k);
  return finishRun(ctx, st);
}

/** A run's state at the start of a 0-based period, kept for other runs to resume from. */
export interface Checkpoint {
  period: number;
  state: RunState;
}

/**
 * Where a resumed run starts, and the periods at whose start it keeps a checkpoint (ascending);
 * `ran` is set by the run: the last period it ran (earlier than the deal's last when it stopped
 * once every tranche was repaid).
 */
export interface Resume {
  start?: Checkpoint;
  keepAt?: readonly number[];
  kept?: Checkpoint[];
  ran?: number;
}

/**
 * Runs many scenarios that differ from a base scenario only from some period on (Monte Carlo
 * default patterns): the base run's state at the start of each period is kept, and each
 * scenario resumes from the period where it first differs. Only the pool's performance may
 * differ (named obligor defaults); everything else must be the base scenario's.
 */
export class ResumableRun {
  private readonly snapshots: RunState[] = [];
  /**
   * Whether a run's state at the start of a period depends only on the pool's performance
   * before it, so that scenarios alike up to a period may resume from each other's checkpoints.
   * Not so with a clean-up call (it looks ahead for recoveries still to come) nor with a loan
   * guarantee (its claims are tied to the run's own default events).
   */
  readonly sharesPrefixes: boolean;

  constructor(
    private readonly prepared: PreparedDeal,
    base: ScenarioSpec,
    private readonly options: RunOptions,
  ) {
    const spec = prepared.deal.spec;
    this.sharesPrefixes = !spec.cleanUpCall && !spec.supports.some((s) => s.kind === 'loanGuarantee');
    const ctx = runContext(prepared, base, options);
    const st = initialState(ctx);
    for (let k = 0; k <= st.lastIndex; k++) {
      this.snapshots.push(cloneState(st));
      runPeriod(ctx, st, k);
    }
  }

  /**
   * Runs `scenario`, whose pool performs as the base one's before period `from` (0-based), or,
   * given `resume.start`, as that checkpoint's run did before its period; keeps a checkpoint
   * at the start of each period of `resume.keepAt` that the run reaches.
   */
  run(scenario: ScenarioSpec, from: number, resume: Resume = {}): RunResult {
    const k0 = Math.max(0, Math.min(from, this.snapshots.length - 1));
    const snapshot = this.snapshots[k0];
    const start = resume.start ?? (snapshot ? { period: k0, state: snapshot } : undefined);
    // The pool's periods before the start are never read: not made.
    const ctx = runContext(this.prepared, scenario, this.options, start ? start.period : 0);
    const st = start ? cloneState(start.state) : initialState(ctx);
    const keepAt = resume.keepAt ?? [];
    let next = 0;
    for (let k = start ? start.period : 0; k <= st.lastIndex; k++) {
      while (next < keepAt.length && keepAt[next]! < k) next++;
      if (keepAt[next] === k) resume.kept?.push({ period: k, state: cloneState(st) });
      runPeriod(ctx, st, k);
    }
    resume.ran = st.lastIndex;
    return finishRun(ctx, st);
  }
}

function frame(ctx: RunContext, st: RunState, k: number): Frame {
  const p = ctx.periods[k]!;
  const accountBegin = new Array<Money>(ctx.accountIds.length);
  for (let i = 0; i < accountBegin.length; i++) accountBegin[i] = st.ledger.balanceAt(i);
  return {
    ctx,
    st,
    k,
    p,
    period: p.index,
    perf: ctx.performance.periods[k]!,
    collectionBegin: accountBegin[0]!,
    accountBegin,
    heldBegin: st.ledger.held(),
    poolBegin: st.poolBalance,
    recoveries: NIL,
    compensation: NIL,
    guaranteePayments: NIL,
    guaranteedInterest: undefined,
    callProceeds: NIL,
    collected: NIL,
    released: NIL,
    seniorDue: NIL,
    final: k === st.lastIndex,
    // Set by the waterfall; here so that every frame has one shape.
    coverage: undefined,
  };
}

/** 2. collect — the named phases that bring cash in before the waterfall, in their fixed order. */
function collect(f: Frame): void {
  const ledger = f.st.ledger;
  ledger.enter('collect');
  collectPhase(f);
  ledger.enter('guarantee');
  guaranteePhase(f);
  ledger.enter('recovery');
  recoveryPhase(f);
  ledger.enter('cleanUpCall');
  cleanUpCallPhase(f);
  f.final = f.k === f.st.lastIndex;
  // Everything that came in so far is the pool's (collections, recoveries, loss sharing,
  // guarantee payments, the call).
  f.collected = sub(ledger.balanceAt(0), f.collectionBegin);
  ledger.enter('reserveRelease');
  releasePhase(f);
  ledger.enter('vat');
  chargeVat(f);
  // Dues as the triggers and supports see them.
  setPrincipalDue(f);
}

/** One period of a run, in the fixed order: accrue, collect, triggers, waterfall, record. */
export function runPeriodOf(ctx: RunContext, st: RunState, k: number): void {
  runPeriod(ctx, st, k);
}

function runPeriod(ctx: RunContext, st: RunState, k: number): void {
  const f = frame(ctx, st, k);
  accrueTranches(f);
  accrueFees(f);
  collect(f);
  testTriggers(f);
  runWaterfall(f);
  recordPeriod(f);
}
