/**
 * Live deals: the status a projection reaches after some periods (`projectStatus`), and the rest
 * of a deal run from a status (`runFromStatus`). Running from the status a projection reaches
 * gives, for every later period, exactly the flows of that projection: the state is the run's
 * own, and the pool's remaining performance is the scenario's on each asset rebased to the
 * balance the status gives it (unchanged when it is the projection's).
 */
import type { ScenarioSpec } from '../scenario/schema.js';
import { BASE_SCENARIO } from '../scenario/base.js';
import { poolPerformance } from '../scenario/performance.js';
import { NIL, sub, sumMoney } from '../util/fen.js';
import { InputError } from '../util/errors.js';
import { runPeriodOf } from './run.js';
import { prepareDeal, type PreparedDeal } from './prepare.js';
import { finishRun } from './result.js';
import { initialState, runContext, type RunContext, type RunOptions, type RunState } from './state.js';
import { conservationRow } from './conservation.js';
import { remainingPerformance } from './statusPool.js';
import { markRolled, statusDefaultEvents } from './statusEvents.js';
import type { AssetState, EngineStatus, StatusDefault } from './statusTypes.js';
import type { LoadedDeal } from '../deal/loaded.js';
import type { RunResult } from './types.js';

export type { AssetState, EngineStatus, OverdueAsset, StatusDefault } from './statusTypes.js';

function preparedOf(input: LoadedDeal | PreparedDeal): PreparedDeal {
  return 'pool' in input && 'calendar' in input ? input : prepareDeal(input);
}

/**
 * The status a projection under `scenario` reaches after `past` periods (1 ≤ past < the deal's
 * periods). Throws InputError when the deal ends before.
 */
export function projectStatus(input: LoadedDeal | PreparedDeal, past: number, scenario: ScenarioSpec = BASE_SCENARIO): EngineStatus {
  const prepared = preparedOf(input);
  const base = runContext(prepared, scenario, {});
  const ctx: RunContext = { ...base, performance: poolPerformance(base.pool, scenario, { balancesAfter: past - 1 }) };
  const st = initialState(ctx);
  for (let k = 0; k < past; k++) {
    if (k > st.lastIndex) throw new InputError(`the deal ends on ${ctx.periods[st.lastIndex]!.date} (period ${st.lastIndex + 1}): there is no status after it`);
    runPeriodOf(ctx, st, k);
  }
  return statusOf(ctx, st, past);
}

function statusOf(ctx: RunContext, st: RunState, past: number): EngineStatus {
  const perf = ctx.performance;
  const guarantees = ctx.spec.supports.filter((s) => s.kind === 'loanGuarantee');
  const maxDelay = Math.max(-1, ...guarantees.map((g) => (g.kind === 'loanGuarantee' ? g.delayPeriods : 0)));
  const settled = new Set(st.settled);
  const defaults: StatusDefault[] = [];
  for (const e of perf.events) {
    if (e.period >= past) continue;
    const pending = e.arrivals.filter((a) => a.period >= past).map((a) => ({ ...a }));
    const g = st.guaranteed.get(e);
    const claimLater = e.period + maxDelay >= past;
    if (pending.length === 0 && !settled.has(e) && !claimLater && !g) continue;
    const recovered = sumMoney(e.arrivals.filter((a) => a.period < past && a.kind === 'recovery').map((a) => a.amount));
    defaults.push({ asset: e.asset, period: e.period, date: ctx.periods[e.period]!.collectionEnd, balance: e.balance, interestMissed: e.interestMissed, share: e.share, mode: e.mode, pending, recovered, guarantee: g && { ...g }, settled: settled.has(e) });
  }
  return {
    past,
    tranches: st.tranches.map((t) => ({ balance: t.balance, arrears: t.arrears, principalPaid: t.principalPaidTotal, missedInterest: t.missedInterest, missedPrincipal: t.missedPrincipal, pastLegalMaturity: t.pastLegalMaturity })),
    accounts: ctx.accountIds.map((_, i) => st.ledger.balanceAt(i)),
    fees: st.fees.map((f) => f.arrears),
    supports: st.supports.map((s) => ({ drawn: s.drawn, repaid: s.repaid, outstanding: s.outstanding, unpaid: s.unpaid, failed: s.failed, ...(s.failure?.capLeft !== undefined ? { capLeft: s.failure.capLeft } : {}) })),
    state: st.state,
    fired: ctx.spec.triggers.filter((t) => st.fired.has(t.id)).map((t) => t.id),
    cumulativeDefaulted: st.cumulativeDefaulted,
    assets: perf.assetBalances!.slice(),
    defaults,
    assetStates: assetStates(ctx, past, defaults),
  };
}

/** Each asset's state after `past` periods of a projection. */
function assetStates(ctx: RunContext, past: number, pending: StatusDefault[]): AssetState[] {
  const perf = ctx.performance;
  const defaulted = new Set(perf.events.filter((e) => e.period < past).map((e) => e.asset));
  const recovering = new Set(pending.filter((d) => d.pending.length > 0).map((d) => d.asset));
  return ctx.pool.schedules.map((s, i) => {
    if (perf.assetBalances![i]! > 0) return 'performing';
    if (recovering.has(i)) return 'defaulted';
    if (defaulted.has(i)) return 'writtenOff';
    return s.startBalance[past - 1]! - s.principal[past - 1]! > 0 ? 'prepaid' : 'paidOff';
  });
}

/** A run's state at the start of period `status.past`, as the status gives it. */
function stateFromStatus(ctx: RunContext, status: EngineStatus, events: Map<StatusDefault, unknown>): RunState {
  const st = initialState({ ...ctx, opening: [] });
  const p = ctx.periods[status.past - 1]!;
  ctx.accountIds.forEach((id, i) => st.ledger.transfer(0, p.date, `status:${id}`, id, status.accounts[i]!, `${id} balance on the status date`));
  const flows = st.ledger.takeFlows();
  const drawn = sumMoney(status.supports.map((s) => s.drawn));
  const repaid = sumMoney(status.supports.map((s) => s.repaid));
  // Counted from the status date: what the accounts hold came in; what supports advanced and were
  // repaid before it (in their totals) did not.
  st.independentIn = sub(sumMoney(status.accounts), drawn);
  st.independentOut = sub(NIL, repaid);
  st.conservationRows = [conservationRow(0, flows.cashIn, flows.cashOut, NIL, st.ledger.held())];
  st.ledger.resetFlows();
  for (let period = 1; period <= status.past; period++) st.conservationRows.push(conservationRow(period, NIL, NIL, st.ledger.held(), st.ledger.held()));
  st.tranches.forEach((t, i) => {
    const s = status.tranches[i]!;
    Object.assign(t, { balance: s.balance, arrears: s.arrears, principalPaidTotal: s.principalPaid, missedInterest: s.missedInterest, missedPrincipal: s.missedPrincipal, pastLegalMaturity: s.pastLegalMaturity });
  });
  st.fees.forEach((f, i) => (f.arrears = status.fees[i]!));
  st.supports.forEach((x, i) => {
    const s = status.supports[i]!;
    Object.assign(x, { drawn: s.drawn, repaid: s.repaid, outstanding: s.outstanding, unpaid: s.unpaid, failed: s.failed });
    if (x.failure && s.capLeft !== undefined && x.failure.capLeft !== undefined) x.failure.capLeft = s.capLeft;
  });
  st.state = status.state;
  st.fired = new Set(status.fired);
  st.cumulativeDefaulted = status.cumulativeDefaulted;
  st.poolBalance = sumMoney(status.assets);
  for (const d of status.defaults) {
    const e = events.get(d) as Parameters<RunState['guaranteed']['set']>[0];
    if (d.guarantee) st.guaranteed.set(e, { ...d.guarantee });
    if (d.settled) st.settled.push(e);
  }
  return st;
}

/**
 * Runs the rest of a deal from a status: periods `status.past` + 1 on, under `scenario` (its
 * defaults, prepayments and recoveries apply to what the status leaves outstanding; the status's
 * pending recoveries arrive when it says). The result holds the later periods only.
 */
export function runFromStatus(input: LoadedDeal | PreparedDeal, status: EngineStatus, scenario: ScenarioSpec = BASE_SCENARIO, options: RunOptions = {}): RunResult {
  const prepared = preparedOf(input);
  const base = runContext(prepared, scenario, options);
  const { pool, performance, events } = remainingPerformance(base.pool, scenario, status);
  const ctx: RunContext = { ...base, pool, performance };
  const st = stateFromStatus(ctx, status, events);
  st.events.push(...statusDefaultEvents(ctx, status));
  for (let k = status.past; k <= st.lastIndex; k++) runPeriodOf(ctx, st, k);
  const run = finishRun(ctx, st);
  const result = { ...run, events: markRolled(run.events, ctx, status, scenario) };
  // Yields, WALs and durations are measured from the closing at the issue price: not of the rest of a deal.
  const tranches = result.tranches.map((t) => ({ ...t, summary: { ...t.summary, wal: undefined, yield: undefined, macaulayDuration: undefined, modifiedDuration: undefined, convexity: undefined, yieldMethod: undefined, couponFrequency: undefined, yieldConvention: undefined } }));
  return { ...result, tranches };
}
