/**
 * The waterfall interpreter: the steps of the deal's current state, each run by the handler of
 * its type (`HANDLERS`: the compiler refuses a step type without one). Every payment comes out
 * of the collection account and is written to the ledger under its step.
 */
import type { StepSpec } from '../schema/deal.js';
import { InternalError } from '../util/errors.js';
import { allocateFen, atLeastNil, minMoney, NIL, sub, add, type Money } from '../util/fen.js';
import { drawReserve, fundReserve } from './accounts.js';
import { missedNotSettled } from './collect.js';
import { AheadOfSenior, currentSteps } from './coverage.js';
import { dueThrough } from './dues.js';
import { chargeOnPayments, payFee } from './fees.js';
import { indexesOf } from './prepare.js';
import type { Frame } from './state.js';
import { drawSupport, liquidityRepaymentPhase, repaySupport } from './supports.js';
import { interestOwed, payable, payInterest, payPrincipal, payResidual } from './tranches.js';

/** What a step is run with: the period, the waterfall, the step's place in it. */
interface StepRun<T extends StepSpec['type']> {
  f: Frame;
  step: Extract<StepSpec, { type: T }>;
  steps: readonly StepSpec[];
  i: number;
  /** Principal steps come in order of seniority: one waits while a tranche of an earlier one is unpaid. */
  principalBlocked: boolean;
}

type Handler<T extends StepSpec['type']> = (run: StepRun<T>) => void;

const available = (f: Frame): Money => f.st.ledger.balanceAt(0);

/** Splits what is available among amounts owed, pro rata, never more than owed. */
function payProRata(available: Money, owed: readonly Money[]): readonly Money[] {
  if (owed.length === 1) return [minMoney(available, owed[0]!)];
  let total = NIL;
  for (const o of owed) total = add(total, o);
  if (total <= available) return owed;
  return allocateFen(available, owed);
}

const HANDLERS: { [T in StepSpec['type']]: Handler<T> } = {
  payFees({ f, step }) {
    const list = indexesOf(step, step.fees, f.ctx.prepared.feeIndex).map((j) => f.st.fees[j]!);
    chargeOnPayments(f, list, available(f));
    const paid = payProRata(available(f), list.map((fee) => fee.due));
    list.forEach((fee, j) => payFee(f, fee, paid[j]!));
  },
  payInterest({ f, step }) {
    const list = indexesOf(step, step.tranches, f.ctx.prepared.trancheIndex).map((i) => f.st.tranches[i]!);
    const paid = payProRata(available(f), list.map(interestOwed));
    list.forEach((t, j) => payInterest(f, t, paid[j]!));
  },
  payPrincipal(run) {
    const { f, step } = run;
    if (run.principalBlocked) return;
    const index = indexesOf(step, step.tranches, f.ctx.prepared.trancheIndex);
    const list = index.map((i) => f.st.tranches[i]!);
    if (step.mode === 'sequential') {
      // A tranche is paid only once every tranche listed before it is repaid, whatever those
      // are due now (cash not yet due to a senior waits for it).
      for (let j = 0; j < list.length; j++) {
        payPrincipal(f, list[j]!, minMoney(available(f), payable(f, index[j]!)));
        if (list[j]!.balance > 0) break;
      }
    } else {
      const paid = payProRata(available(f), index.map((i) => payable(f, i)));
      list.forEach((t, j) => payPrincipal(f, t, paid[j]!));
    }
    run.principalBlocked = list.some((t) => t.balance > 0);
  },
  fundReserve({ f, step }) {
    fundReserve(f, step.account);
  },
  drawReserve({ f, step, steps, i }) {
    const need = step.for === 'missedCollections' ? missedNotSettled(f) : atLeastNil(sub(dueThrough(f, steps, i + 1, step.covers), available(f)));
    drawReserve(f, step.account, need, step.for);
  },
  callSupport({ f, step, steps, i }) {
    const j = f.ctx.prepared.supportIndex.get(step.support)!;
    const s = f.st.supports[j]!;
    const spec = s.spec;
    if (spec.kind === 'loanGuarantee') throw new InternalError(`callSupport on a loan guarantee ${spec.id}`);
    const need = atLeastNil(sub(dueThrough(f, steps, i + 1, spec.covers), available(f)));
    const undertaking = spec.kind === 'shortfallUndertaking';
    const reason = undertaking ? 'shortfall payment (差额支付)' : 'liquidity advance (流动性支持)';
    const paid = drawSupport(s, need, f.period, f.ctx.prepared.supportDates[j]![f.k]!, reason, f.st.ledger, f.ctx.detail ? f.st.events : undefined);
    if (!undertaking || spec.repaid !== 'never') s.outstanding = add(s.outstanding, paid);
  },
  repaySupport({ f, step }) {
    repaySupport(f, f.st.supports[f.ctx.prepared.supportIndex.get(step.support)!]!);
  },
  payResidual({ f, step }) {
    const t = f.st.tranches[f.ctx.prepared.trancheIndex.get(step.tranche)!]!;
    // While another tranche is outstanding the residual is retained for it, unless the deal
    // pays the subordinate's excess return every period (期间收益).
    const retain = step.whileOthersOutstanding === 'retain' && !f.final && f.st.tranches.some((x) => x !== t && x.balance > 0);
    payResidual(f, t, retain ? NIL : available(f));
  },
};

function runStep<T extends StepSpec['type']>(run: StepRun<T>): void {
  (HANDLERS[run.step.type] as Handler<T>)(run);
}

/**
 * 4. waterfall — liquidity advances repaid senior first (their own phase), then the steps of the
 * current state; coverage gathered as they go.
 */
export function runWaterfall(f: Frame): void {
  const steps = currentSteps(f);
  const ledger = f.st.ledger;
  ledger.enter('liquidityRepayment');
  const ahead = new AheadOfSenior(f, steps, liquidityRepaymentPhase(f));
  const run: StepRun<StepSpec['type']> = { f, step: steps[0]!, steps, i: 0, principalBlocked: false };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    run.step = step;
    run.i = i;
    ledger.enter('waterfall', i, step.type);
    const counts = ahead.counts(i);
    const before = counts ? available(f) : NIL;
    runStep(run);
    if (counts) ahead.moved(step.type, before, available(f));
  }
  ahead.finish(f);
}
