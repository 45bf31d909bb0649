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

/**
 * What each of `n` items owed is paid out of what is available: all it is owed when that is
 * enough for all, else its pro-rata share (never more than owed). Arrays are made only to split.
 */
function payProRata(available: Money, n: number, owed: (j: number) => Money, pay: (j: number, amount: Money) => void): void {
  if (n === 1) return pay(0, minMoney(available, owed(0)));
  let total = NIL;
  for (let j = 0; j < n; j++) total = add(total, owed(j));
  if (total <= available) {
    for (let j = 0; j < n; j++) pay(j, owed(j));
    return;
  }
  const paid = allocateFen(available, Array.from({ length: n }, (_, j) => owed(j)));
  for (let j = 0; j < n; j++) pay(j, paid[j]!);
}

/** Whether any of the fees is charged on what is paid (兑付兑息费), found once per step. */
const chargesOnPayments = new WeakMap<object, boolean>();

const HANDLERS: { [T in StepSpec['type']]: Handler<T> } = {
  payFees({ f, step }) {
    const index = indexesOf(step, step.fees, f.ctx.prepared.feeIndex);
    const fees = f.st.fees;
    let charges = chargesOnPayments.get(step);
    if (charges === undefined) chargesOnPayments.set(step, (charges = index.some((j) => fees[j]!.spec.kind === 'percentOfPayment')));
    if (charges) chargeOnPayments(f, index.map((j) => fees[j]!), available(f));
    payProRata(available(f), index.length, (j) => fees[index[j]!]!.due, (j, amount) => payFee(f, fees[index[j]!]!, amount));
  },
  payInterest({ f, step }) {
    const index = indexesOf(step, step.tranches, f.ctx.prepared.trancheIndex);
    const tranches = f.st.tranches;
    payProRata(available(f), index.length, (j) => interestOwed(tranches[index[j]!]!), (j, amount) => payInterest(f, tranches[index[j]!]!, amount));
  },
  payPrincipal(run) {
    const { f, step } = run;
    if (run.principalBlocked) return;
    const index = indexesOf(step, step.tranches, f.ctx.prepared.trancheIndex);
    const tranches = f.st.tranches;
    if (step.mode === 'sequential') {
      // A tranche is paid only once every tranche listed before it is repaid, whatever those
      // are due now (cash not yet due to a senior waits for it).
      for (let j = 0; j < index.length; j++) {
        const t = tranches[index[j]!]!;
        payPrincipal(f, t, minMoney(available(f), payable(f, index[j]!)));
        if (t.balance > 0) break;
      }
    } else {
      payProRata(available(f), index.length, (j) => payable(f, index[j]!), (j, amount) => payPrincipal(f, tranches[index[j]!]!, amount));
    }
    let blocked = false;
    for (let j = 0; j < index.length; j++) if (tranches[index[j]!]!.balance > 0) blocked = true;
    run.principalBlocked = blocked;
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
