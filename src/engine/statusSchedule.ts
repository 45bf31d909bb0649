/** An asset's contractual flows scaled to another balance, for a run from a status. */
import type { Decimal } from '../util/money.js';
import { factor, fen, mulRound, type Money } from '../util/fen.js';
import type { MoneySchedule } from '../scenario/poolTypes.js';

/** A schedule scaled by `ratio`: principal by cumulative rounding, so that it still adds up to the balance. */
export function scaledSchedule(s: MoneySchedule, ratio: Decimal): MoneySchedule {
  const f = factor(ratio);
  const principal: Money[] = [];
  const startBalance: Money[] = [];
  let cumulative = 0;
  let before = 0;
  const balance = mulRound(s.balance, f);
  for (let k = 0; k < s.principal.length; k++) {
    startBalance.push(fen(balance - before));
    cumulative += s.principal[k]!;
    const now = mulRound(fen(cumulative), f);
    principal.push(fen(now - before));
    before = now;
  }
  return { balance, principal, interest: s.interest.map((x) => mulRound(x, f)), startBalance, lateFlows: Math.round(s.lateFlows * ratio.toNumber()) };
}

