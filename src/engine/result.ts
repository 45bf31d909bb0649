/**
 * Recording: each period's rows (tranches, fees, accounts, pool, coverage, conservation), and at
 * the end the conservation proof and the run's result.
 */
import { coverageMultiple, coverageWholeLife } from '../analytics/coverage.js';
import { trancheSummary } from '../analytics/tranche.js';
import { compareDates } from '../dates/date.js';
import { add, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import { InternalError } from '../util/errors.js';
import { missedNotSettled } from './collect.js';
import { conservationFailure, conservationProof, conservationRow, proveConservation } from './conservation.js';
import { feesAccrued, recordFees } from './fees.js';
import { COLLECTION, type Frame, type RunContext, type RunState } from './state.js';
import { recordTranches } from './tranches.js';
import type { AccountResult, CoveragePeriod, FeeResult, RunResult, SupportResult, TrancheResult } from './types.js';
import { ratioLess } from './ratio.js';
import { floatingCoupons, indexPathsUsed } from './coupons.js';

/** 5. record — tranche, fee, account and pool rows, coverage, conservation of the period. */
export function recordPeriod(f: Frame): void {
  const { ctx, st, k, p, period, perf } = f;
  recordTranches(f);
  recordFees(f);
  st.independentIn = add(add(add(add(add(st.independentIn, perf.principal), perf.interest), f.recoveries), f.compensation), f.callProceeds);
  const flows = st.ledger.takeFlows();
  for (let i = 0; i < (ctx.lean ? 0 : ctx.accountIds.length); i++) {
    st.accountRows[i]!.push({ period, date: p.date, begin: f.accountBegin[i]!, in: flows.accountIn[i]!, out: flows.accountOut[i]!, end: st.ledger.balanceAt(i) });
  }
  st.conservationRows.push(conservationRow(period, flows.cashIn, flows.cashOut, f.heldBegin, st.ledger.held()));
  st.ledger.resetFlows();
  // Excess spread: pool interest less the period's fee and coupon accruals (arrears excluded).
  let couponAccrued = NIL;
  let repaid = true;
  for (const t of st.tranches) {
    couponAccrued = add(couponAccrued, t.accrued);
    if (t.balance !== 0 || t.row.interestShortfall !== 0) repaid = false;
  }
  if (ctx.options.stopWhenRepaid && k < st.lastIndex && repaid) st.lastIndex = k;
  if (!ctx.lean) recordRows(f, sub(sub(perf.interest, feesAccrued(st.fees)), couponAccrued));
}

/** The period's coverage and pool rows (not kept by a lean run). */
function recordRows(f: Frame, excessSpread: Money): void {
  const { st, p, period, perf } = f;
  const coverage = f.coverage!;
  st.coverageRows.push({ period, date: p.date, fundsForSenior: coverage.funds, seniorDue: coverage.due, multiple: coverage.multiple, excessSpread });
  st.poolRows.push({
    period,
    date: p.date,
    nominalDate: p.nominalDate,
    collectionStart: p.collectionStart,
    collectionEnd: p.collectionEnd,
    beginBalance: f.poolBegin,
    scheduledPrincipal: perf.scheduledPrincipal,
    scheduledInterest: perf.scheduledInterest,
    principal: perf.principal,
    interest: perf.interest,
    missed: missedNotSettled(f),
    defaulted: perf.defaulted,
    recoveries: f.recoveries,
    compensation: f.compensation,
    prepaid: perf.prepaid,
    guaranteePayments: f.guaranteePayments,
    callProceeds: f.callProceeds,
    endBalance: st.poolBalance,
    cumulativeDefaulted: st.cumulativeDefaulted,
  });
}

/**
 * Conservation: the periods recorded from the ledger's flows, against totals kept independently
 * from the pool's, fees', tranches' and supports' own records (opening balances included); with
 * the entries kept, they are also replayed independently and must agree period by period.
 */
function proveRun(ctx: RunContext, st: RunState): ReturnType<typeof conservationProof> {
  const { ledger, supports, conservationRows } = st;
  const proof = conservationProof(conservationRows, {
    cashIn: add(st.independentIn, sumMoney(supports.map((s) => s.drawn))),
    cashOut: add(st.independentOut, sumMoney(supports.map((s) => s.repaid))),
    held: ledger.held(),
  });
  const negative = st.tranches.find((t) => t.balance < 0);
  if (!proof.holds || negative) throw new InternalError(conservationFailure(proof, negative?.spec.id));
  if (ctx.detail) {
    const replayed = proveConservation(ledger, st.lastIndex + 1);
    const same = (i: number) => {
      const r = replayed[i]!;
      const c = conservationRows[i]!;
      return r.holds && r.cashIn === c.cashIn && r.cashOut === c.cashOut && r.heldEnd === c.heldEnd;
    };
    if (replayed.length !== conservationRows.length || !replayed.every((_, i) => same(i))) throw new InternalError('the ledger entries do not replay to the accounts’ balances');
  }
  return proof;
}

/** The lowest period multiple: the smallest ratio found exactly, divided once. */
function minimumCoverage(rows: readonly CoveragePeriod[]): Decimal | undefined {
  let low: CoveragePeriod | undefined;
  for (const c of rows) if (c.seniorDue > 0 && (!low || ratioLess(c.fundsForSenior, c.seniorDue, low.fundsForSenior, low.seniorDue))) low = c;
  return low ? (low.multiple ?? coverageMultiple(low.fundsForSenior, low.seniorDue)) : undefined;
}

function feeResults(st: RunState): FeeResult[] {
  return st.fees.map((f) => ({
    id: f.spec.id,
    name: f.spec.name,
    kind: f.spec.kind,
    periods: f.rows,
    totalPaid: sumMoney(f.rows.map((r) => r.paid)),
    unpaid: f.rows.length ? f.rows[f.rows.length - 1]!.arrears : NIL,
  }));
}

function supportResults(st: RunState): SupportResult[] {
  return st.supports.map((s) => ({
    id: s.spec.id,
    name: s.spec.name,
    kind: s.spec.kind,
    provider: s.spec.provider,
    draws: s.draws,
    totalDrawn: s.drawn,
    repaid: s.repaid,
    outstanding: s.outstanding,
    unpaid: s.unpaid,
  }));
}

/** Proves conservation and builds the result. */
export function finishRun(ctx: RunContext, st: RunState): RunResult {
  const { spec, closing, detail, reserves, prepared } = ctx;
  const { cashIn, cashOut, held, periodsChecked, fundedAtClosing, largestDifference } = proveRun(ctx, st);
  // Only a deal with a floating rate says which coupons and index paths it used.
  const floating = prepared.floatingTranches || prepared.floatingPool;
  const coupons = floating ? floatingCoupons(prepared, new Decimal(ctx.scenario.spreadCompressionBp).div(10_000), ctx.scenario.rates) : [];
  const indexPaths = floating ? indexPathsUsed(prepared, ctx.scenario.rates) : undefined;
  const tranches: TrancheResult[] = st.tranches.map((t, i) => ({
    id: t.spec.id,
    name: t.spec.name,
    code: t.spec.code,
    shortName: t.spec.shortName,
    class: t.spec.class,
    balance: prepared.issued[i]!,
    // A floating tranche: its first fixing here (as a fixed coupon, before spread compression), each period's coupon in force in `coupons`.
    coupon: coupons[i] ? coupons[i].first : (t.spec.coupon as Decimal | undefined),
    ...(coupons[i] ? { coupons: coupons[i].inForce } : {}),
    expectedMaturity: t.spec.expectedMaturity,
    periods: t.rows,
    summary: trancheSummary(t.spec, prepared.issued[i]!, t.rows, closing, detail),
  }));
  const accounts: AccountResult[] = [
    { id: COLLECTION, name: ctx.collectionName, kind: 'collection' as const, periods: st.accountRows[0]! },
    ...reserves.map((r, j) => ({ id: r.id, name: r.name, kind: 'reserve' as const, periods: st.accountRows[j + 1]!, drawn: st.reserveDrawn[j]! })),
  ];
  const poolRows = st.poolRows;
  return {
    deal: { id: spec.meta.id, name: spec.meta.name, shortName: spec.meta.shortName, closing },
    scenario: { name: ctx.scenario.name },
    states: st.states,
    tranches,
    pool: {
      periods: poolRows,
      initialBalance: prepared.initialPoolBalance,
      totalCollected: sumMoney(poolRows.map((r) => add(add(r.principal, r.interest), r.recoveries))),
      totalDefaulted: st.cumulativeDefaulted,
      totalRecovered: sumMoney(poolRows.map((r) => r.recoveries)),
      recoveriesAfterEnd: ctx.performance.afterEnd,
    },
    fees: feeResults(st),
    accounts,
    supports: supportResults(st),
    // In date order (a guarantee pays at the collection date, an undertaking days before the
    // payment date); events of one date keep the order they happened in.
    events: ctx.lean ? [] : st.events.map((e, i) => ({ e, i })).sort((a, b) => compareDates(a.e.date, b.e.date) || a.i - b.i).map(({ e }) => e),
    coverage: {
      periods: st.coverageRows,
      // Worked out when read: Monte Carlo and break-even searches never ask.
      get minimum() {
        const minimum = minimumCoverage(st.coverageRows);
        Object.defineProperty(this, 'minimum', { value: minimum, enumerable: true, writable: true });
        return minimum;
      },
      wholeLife: detail ? coverageWholeLife(poolRows, st.fees.flatMap((f) => f.rows), tranches.filter((t) => ctx.seniorIds.includes(t.id)), accounts) : undefined,
    },
    ledger: st.ledger.entries,
    checks: { conservation: true, periods: st.conservationRows, cashIn, cashOut, held, periodsChecked, fundedAtClosing, largestDifference },
    ...(indexPaths ? { indexPaths } : {}),
  };
}
