/**
 * Does each period of actual figures balance? Cash in (collections, recoveries, guarantee and
 * support payments, other income) = cash out (taxes and fees, interest, principal, residual,
 * support repayments) + what the accounts hold more at the end than at the start. An account
 * whose closing balance is not given holds what it held. A reserve whose draws or top-ups are
 * given must also move by them. Every period is checked and every gap reported.
 */
import type { IsoDate } from '../dates/date.js';
import { ACTUAL_ITEMS } from '../io/actualsItems.js';
import { add, fmtFen, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { lineKey, type ActualPeriod } from './actuals.js';

/** One period's balance: in, out, the accounts' change, and the gap (in − out − change; zero when it balances). */
export interface PeriodBalance {
  period: number;
  date: IsoDate;
  cashIn: Money;
  cashOut: Money;
  opening: Money;
  closing: Money;
  gap: Money;
}

/** A period that does not balance, in words. */
export interface Finding {
  period: number;
  date: IsoDate;
  message: string;
}

/** Each account's closing balance on each period (by id): given, or carried from the one before. */
export function closingBalances(periods: readonly ActualPeriod[], accounts: readonly string[], opening: ReadonlyMap<string, Money>): Map<string, Money>[] {
  const out: Map<string, Money>[] = [];
  let last = new Map(accounts.map((a) => [a, opening.get(a) ?? NIL]));
  for (const p of periods) {
    last = new Map(accounts.map((a) => [a, p.lines.get(lineKey('closing', a)) ?? last.get(a)!]));
    out.push(last);
  }
  return out;
}

/** The sum of a period's lines that flow one way. */
function flowOf(p: ActualPeriod, flow: 'in' | 'out'): Money {
  const items = new Set(ACTUAL_ITEMS.filter((i) => i.flow === flow).map((i) => i.key));
  return sumMoney([...p.lines].filter(([key]) => items.has(key.split('|')[0]!)).map(([, v]) => v));
}

/** A reserve's movement check: opening + top-ups − draws = closing, when draws or top-ups are given. */
function accountFindings(p: ActualPeriod, accounts: readonly string[], open: ReadonlyMap<string, Money>, close: ReadonlyMap<string, Money>): Finding[] {
  const out: Finding[] = [];
  for (const a of accounts) {
    const draw = p.lines.get(lineKey('draw', a));
    const topUp = p.lines.get(lineKey('topUp', a));
    if (draw === undefined && topUp === undefined) continue;
    const expected = sub(add(open.get(a)!, topUp ?? NIL), draw ?? NIL);
    if (expected !== close.get(a)) {
      out.push({ period: p.k + 1, date: p.date, message: `${a}: opening ${fmtFen(open.get(a)!)} + topped up ${fmtFen(topUp ?? NIL)} − drawn ${fmtFen(draw ?? NIL)} = ${fmtFen(expected)}, but the closing balance is ${fmtFen(close.get(a)!)} (gap ${fmtFen(sub(close.get(a)!, expected))})` });
    }
  }
  return out;
}

/** Every period's balance and the findings of those that do not balance. */
export function balanceActuals(periods: readonly ActualPeriod[], accounts: readonly string[], opening: ReadonlyMap<string, Money>): { rows: PeriodBalance[]; findings: Finding[]; closings: Map<string, Money>[] } {
  const closings = closingBalances(periods, accounts, opening);
  const rows: PeriodBalance[] = [];
  const findings: Finding[] = [];
  periods.forEach((p, i) => {
    const open = i === 0 ? new Map(accounts.map((a) => [a, opening.get(a) ?? NIL])) : closings[i - 1]!;
    const held0 = sumMoney(accounts.map((a) => open.get(a)!));
    const held1 = sumMoney(accounts.map((a) => closings[i]!.get(a)!));
    const cashIn = flowOf(p, 'in');
    const cashOut = flowOf(p, 'out');
    const gap = sub(sub(cashIn, cashOut), sub(held1, held0));
    rows.push({ period: p.k + 1, date: p.date, cashIn, cashOut, opening: held0, closing: held1, gap });
    if (gap !== 0) {
      findings.push({ period: p.k + 1, date: p.date, message: `cash in ${fmtFen(cashIn)} ≠ cash out ${fmtFen(cashOut)} + held at the end ${fmtFen(held1)} − held at the start ${fmtFen(held0)}: ${fmtFen(gap)} ${gap > 0 ? 'came in and is not accounted for' : 'went out more than came in'}` });
    }
    findings.push(...accountFindings(p, accounts, open, closings[i]!));
  });
  return { rows, findings, closings };
}
