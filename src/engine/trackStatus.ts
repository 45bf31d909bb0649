/**
 * Where the actual figures leave a deal after their last period, and its status: checked against
 * a status file (`track --status`: every figure both give must agree, a mismatch names both), or
 * made from them (no `--status`: tranches — balances and unpaid interest —, accounts, supports,
 * cumulative defaults and triggers from the actuals, fee arrears where 应付税费 is given; the
 * assets and other fee arrears as the projection under the scenario reaches that date — an
 * assumption the report states).
 */
import { Decimal } from '../util/money.js';
import { fmtFen, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { lineKey, type ActualPeriod } from './actuals.js';
import type { PreparedDeal } from './prepare.js';
import { projectStatus } from './status.js';
import type { EngineStatus } from './statusTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { DealState } from './types.js';
import type { NamedDefault } from './actualsAssets.js';

/** What the actuals say of the deal after their last period. */
export interface ActualsEnd {
  past: number;
  /** Per tranche (deal order): principal paid to date and the balance left. */
  principalPaid: Money[];
  balances: Money[];
  /** Per ledger account (collection, then reserves): the closing balance. */
  accounts: Money[];
  /** Per support: drawn, repaid and asked-for-not-paid to date. */
  drawn: Money[];
  repaid: Money[];
  unpaid: Money[];
  /** Per tranche: interest due on the last actual date (应付利息, else the projection's) less paid, at least zero. */
  unpaidInterest: Money[];
  /** Per tranche: whether the last actual date gives its 应付利息 (its unpaid interest is then the actuals' own). */
  interestGiven: boolean[];
  /** Per fee: its arrears after the last actual date when that date gives its 应付税费 (due less paid, carried when the fee carries arrears), else undefined. */
  feeArrears: (Money | undefined)[];
  cumulativeDefaulted: Money;
  fired: string[];
  state: DealState;
}

/** The end of the actuals: sums over the periods, the last closing balances, the triggers in force. */
export function actualsEnd(prepared: PreparedDeal, periods: readonly ActualPeriod[], closing: ReadonlyMap<string, Money>, accountIds: readonly string[], triggers: { fired: string[]; state: DealState }, projectedLast: ReadonlyMap<string, Money>): ActualsEnd {
  const spec = prepared.deal.spec;
  const total = (item: string, id?: string) => sumMoney(periods.map((p) => p.lines.get(lineKey(item, id)) ?? NIL));
  const principalPaid = spec.tranches.map((t) => total('principalPaid', t.id));
  const last = periods[periods.length - 1]!.lines;
  return {
    past: periods.length,
    principalPaid,
    balances: principalPaid.map((paid, i) => sub(prepared.issued[i]!, paid)),
    accounts: accountIds.map((a) => closing.get(a) ?? NIL),
    drawn: spec.supports.map((s) => total('supportDrawn', s.id)),
    repaid: spec.supports.map((s) => total('supportRepaid', s.id)),
    unpaid: spec.supports.map((s) => total('supportUnpaid', s.id)),
    unpaidInterest: spec.tranches.map((t) => {
      const due = last.get(lineKey('interestDue', t.id)) ?? projectedLast.get(lineKey('interestDue', t.id)) ?? NIL;
      const left = sub(due, last.get(lineKey('interestPaid', t.id)) ?? NIL);
      return left > 0 ? left : NIL;
    }),
    interestGiven: spec.tranches.map((t) => last.has(lineKey('interestDue', t.id))),
    feeArrears: spec.fees.map((f) => {
      const due = last.get(lineKey('feeDue', f.id));
      if (due === undefined || !f.arrears) return due === undefined ? undefined : NIL;
      const left = sub(due, last.get(lineKey('feePaid', f.id)) ?? NIL);
      return left > 0 ? left : NIL;
    }),
    cumulativeDefaulted: total('defaulted'),
    fired: triggers.fired,
    state: triggers.state,
  };
}

const yuan = (m: Money) => fmtFen(m);

/** Where a status file and the actuals disagree, each naming both figures (none: they agree). */
export function statusMismatches(prepared: PreparedDeal, status: EngineStatus, end: ActualsEnd, accountIds: readonly string[], named: readonly NamedDefault[] = []): string[] {
  const spec = prepared.deal.spec;
  const out: string[] = [];
  const differ = (what: string, inStatus: Money, inActuals: Money, how: string) => {
    if (inStatus !== inActuals) out.push(`${what}: the status has ${yuan(inStatus)}, the actuals ${yuan(inActuals)} (${how})`);
  };
  const lastDate = prepared.periods[end.past - 1]!.date;
  if (status.past !== end.past) out.push(`the status is after ${status.past} payment dates (${prepared.periods[status.past - 1]!.date}), the actuals after ${end.past} (${prepared.periods[end.past - 1]!.date})`);
  spec.tranches.forEach((t, i) => {
    differ(`tranche ${t.id} balance`, status.tranches[i]!.balance, end.balances[i]!, `issued ${yuan(prepared.issued[i]!)} − principal paid ${yuan(end.principalPaid[i]!)}`);
    differ(`tranche ${t.id} principal paid`, status.tranches[i]!.principalPaid, end.principalPaid[i]!, 'the sum of 本金');
    if (end.interestGiven[i]) differ(`tranche ${t.id} unpaid interest`, status.tranches[i]!.arrears, end.unpaidInterest[i]!, `应付利息 − 利息 on ${lastDate}`);
  });
  spec.fees.forEach((f, j) => {
    const arrears = end.feeArrears[j];
    if (arrears !== undefined) differ(`fee ${f.id} arrears`, status.fees[j]!, arrears, f.arrears ? `应付税费 − 税费 on ${lastDate}` : 'the fee carries no arrears');
  });
  accountIds.forEach((a, j) => differ(`account ${a}`, status.accounts[j]!, end.accounts[j]!, 'the last 期末余额'));
  spec.supports.forEach((s, j) => {
    differ(`support ${s.id} drawn`, status.supports[j]!.drawn, end.drawn[j]!, 'the sum of 支付');
    differ(`support ${s.id} repaid`, status.supports[j]!.repaid, end.repaid[j]!, 'the sum of 偿还');
  });
  differ('cumulative defaults', status.cumulativeDefaulted, end.cumulativeDefaulted, 'the sum of 违约金额');
  for (const d of named) {
    const inStatus = sumMoney(status.defaults.filter((x) => x.asset === d.asset).map((x) => x.balance));
    differ(`asset ${d.id} defaulted`, inStatus, d.balance, `its 违约金额 on ${prepared.periods[d.k]!.date}`);
    const recovered = sumMoney(status.defaults.filter((x) => x.asset === d.asset).map((x) => x.recovered));
    differ(`asset ${d.id} recovered to date`, recovered, d.recovered, 'the sum of its 回收金额');
  }
  const fired = [...status.fired].sort().join(', ');
  const actual = [...end.fired].sort().join(', ');
  if (fired !== actual) out.push(`triggers in force: the status has ${fired || 'none'}, the actuals fire ${actual || 'none'}`);
  return out;
}

/**
 * The status the actuals leave (no status file): the projection's status after the same periods,
 * with what the actuals say of tranches, accounts, supports, defaults and triggers.
 */
export function statusFromActuals(prepared: PreparedDeal, end: ActualsEnd, scenario: ScenarioSpec): EngineStatus {
  const projected = projectStatus(prepared, end.past, scenario);
  return {
    ...projected,
    tranches: projected.tranches.map((t, i) => ({ ...t, balance: end.balances[i]!, principalPaid: end.principalPaid[i]!, arrears: end.unpaidInterest[i]!, missedInterest: end.unpaidInterest[i]! > 0 })),
    accounts: end.accounts,
    fees: projected.fees.map((f, j) => end.feeArrears[j] ?? f),
    supports: projected.supports.map((s, j) => {
      const outstanding = sub(sub(s.outstanding, sub(s.drawn, end.drawn[j]!)), sub(end.repaid[j]!, s.repaid));
      return { ...s, drawn: end.drawn[j]!, repaid: end.repaid[j]!, outstanding: outstanding < 0 ? NIL : outstanding, unpaid: end.unpaid[j]!, failed: s.failed || end.unpaid[j]! > 0 };
    }),
    state: end.state,
    fired: end.fired,
    cumulativeDefaulted: end.cumulativeDefaulted,
  };
}

/** The cumulative default ratio (累计违约率): cumulative defaulted over the initial pool balance. */
export function defaultRatio(prepared: PreparedDeal, cumulative: Money): Decimal {
  const base = prepared.initialPoolBalance;
  return base === 0 ? new Decimal(0) : new Decimal(cumulative).div(base);
}
