/** Rules of references: every id a deal names (tranches, fees, accounts, supports, assets) exists and is of the right kind. */
import type { StepSpec } from '../schema/deal.js';
import type { Condition } from '../schema/triggers.js';
import { assertNever } from '../util/never.js';
import { suggest } from './zodIssues.js';
import type { Rule, RuleContext } from './ruleContext.js';

/** Checks `ids` against the known ones of a kind; suggests the nearest id. */
function checkRefs(ctx: RuleContext, ids: readonly string[] | undefined, known: readonly string[], kind: string, path: readonly PropertyKey[]): void {
  (ids ?? []).forEach((id, k) => checkRef(ctx, id, known, kind, [...path, k]));
}

/** The known ids as a set, made once per list: a guarantee may name every loan of a large pool. */
const knownSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function checkRef(ctx: RuleContext, id: string, known: readonly string[], kind: string, path: readonly PropertyKey[]): boolean {
  let set = knownSets.get(known);
  if (!set) knownSets.set(known, (set = new Set(known)));
  if (set.has(id)) return true;
  const hint = suggest(id, known);
  const help = hint ? ` (did you mean "${hint}"?)` : known.length ? ` (known: ${known.join(', ')})` : ` (the deal has no ${kind}s)`;
  ctx.unknownRef(path, `unknown ${kind} "${id}"${help}`, { kind, id });
  return false;
}

/** The ids fees, accounts, supports and triggers name. */
export const references: Rule = (ctx) => {
  const s = ctx.spec;
  const tranches = s.tranches.map((t) => t.id);
  const fees = s.fees.map((f) => f.id);
  const accounts = s.accounts.map((a) => a.id);
  const supports = s.supports.map((x) => x.id);
  const assets = ctx.deal.assets.map((a) => a.id);
  s.fees.forEach((f, i) => {
    if ((f.kind === 'rateOnBalance' || f.kind === 'percentOfPayment') && f.tranches) checkRefs(ctx, f.tranches, tranches, 'tranche', ['fees', i, 'tranches']);
  });
  s.accounts.forEach((a, i) => {
    if (a.target?.type === 'nextInterest') {
      checkRefs(ctx, a.target.tranches, tranches, 'tranche', ['accounts', i, 'target', 'tranches']);
      checkRefs(ctx, a.target.fees, fees, 'fee', ['accounts', i, 'target', 'fees']);
    }
  });
  s.supports.forEach((x, i) => {
    if (x.kind === 'loanGuarantee') checkRefs(ctx, x.assets, assets, 'asset', ['supports', i, 'assets']);
    else {
      x.covers.forEach((c, k) => {
        if (c.item === 'fees') checkRefs(ctx, c.fees, fees, 'fee', ['supports', i, 'covers', k, 'fees']);
        else checkRefs(ctx, c.tranches, tranches, 'tranche', ['supports', i, 'covers', k, 'tranches']);
      });
    }
  });
  const checkCondition = (c: Condition, path: PropertyKey[]) => {
    if (c.type === 'missedPayment' || c.type === 'unpaidAtExpectedMaturity') checkRefs(ctx, c.tranches, tranches, 'tranche', [...path, 'tranches']);
    else if (c.type === 'supportFailed') checkRef(ctx, c.support, supports, 'support', [...path, 'support']);
    else if (c.type === 'any' || c.type === 'all') c.conditions.forEach((cc, k) => checkCondition(cc, [...path, 'conditions', k]));
  };
  s.triggers.forEach((t, i) => {
    checkCondition(t.condition, ['triggers', i, 'condition']);
    if (t.effect.type === 'switchWaterfall' && !s.waterfalls[t.effect.to]) {
      ctx.at(['triggers', i, 'effect', 'to'], `switches to the "${t.effect.to}" waterfall, but waterfalls.${t.effect.to} is not defined`);
    }
    if (t.effect.type === 'setReserveTarget' && checkRef(ctx, t.effect.account, accounts, 'account', ['triggers', i, 'effect', 'account'])) {
      const account = t.effect.account;
      if (s.accounts.find((a) => a.id === account)!.kind !== 'reserve') ctx.at(['triggers', i, 'effect', 'account'], `account "${account}" is the collection account, not a reserve: it has no target`);
    }
  });
};

/** The ids of a deal's lists, and what its waterfall steps did with them (filled in by {@link stepReferences}). */
interface StepIds {
  tranches: string[];
  fees: string[];
  accounts: string[];
  supports: string[];
  called: Set<string>;
  repaidBySteps: Set<string>;
  feesPaid: Set<string>;
}

/** The ids waterfall steps name, and what no step pays, calls or repays. */
export const waterfallSteps: Rule = (ctx) => {
  const s = ctx.spec;
  const ids: StepIds = {
    tranches: s.tranches.map((t) => t.id),
    fees: s.fees.map((f) => f.id),
    accounts: s.accounts.map((a) => a.id),
    supports: s.supports.map((x) => x.id),
    called: new Set(),
    repaidBySteps: new Set(),
    feesPaid: new Set(),
  };
  for (const state of ['normal', 'accelerated', 'default'] as const) {
    const steps: StepSpec[] | undefined = s.waterfalls[state];
    steps?.forEach((step, i) => stepReferences(ctx, step, ['waterfalls', state, i], ids));
  }
  neverPaidOrCalled(ctx, ids);
};

/** The ids one waterfall step names; records what it pays, calls or repays. */
function stepReferences(ctx: RuleContext, step: StepSpec, path: PropertyKey[], ids: StepIds): void {
  const s = ctx.spec;
  const { tranches, fees, accounts, supports } = ids;
  switch (step.type) {
    case 'payFees':
      checkRefs(ctx, step.fees, fees, 'fee', [...path, 'fees']);
      step.fees.forEach((f) => ids.feesPaid.add(f));
      break;
    case 'payInterest':
      checkRefs(ctx, step.tranches, tranches, 'tranche', [...path, 'tranches']);
      step.tranches.forEach((id, k) => {
        const t = s.tranches.find((x) => x.id === id);
        if (t && t.coupon === undefined) ctx.at([...path, 'tranches', k], `tranche "${id}" has no coupon: its interest due is always zero`, 'warning');
      });
      break;
    case 'payPrincipal':
      checkRefs(ctx, step.tranches, tranches, 'tranche', [...path, 'tranches']);
      break;
    case 'payResidual':
      if (checkRef(ctx, step.tranche, tranches, 'tranche', [...path, 'tranche'])) {
        const t = s.tranches.find((x) => x.id === step.tranche)!;
        if (t.class !== 'subordinate') ctx.at([...path, 'tranche'], `the residual goes to "${t.id}", which is not a subordinate tranche`, 'warning');
      }
      break;
    case 'fundReserve':
    case 'drawReserve':
      if (step.type === 'drawReserve') {
        step.covers?.forEach((c, k) => {
          if (c.item === 'fees') checkRefs(ctx, c.fees, fees, 'fee', [...path, 'covers', k, 'fees']);
          else checkRefs(ctx, c.tranches, tranches, 'tranche', [...path, 'covers', k, 'tranches']);
        });
      }
      if (checkRef(ctx, step.account, accounts, 'account', [...path, 'account'])) {
        const a = s.accounts.find((x) => x.id === step.account)!;
        if (a.kind !== 'reserve') ctx.at([...path, 'account'], `account "${a.id}" is the collection account, not a reserve`);
        else if (step.type === 'fundReserve' && !a.target) ctx.at([...path, 'account'], `reserve "${a.id}" has no target to fund it to`);
      }
      break;
    case 'callSupport':
    case 'repaySupport':
      if (checkRef(ctx, step.support, supports, 'support', [...path, 'support'])) {
        const x = s.supports.find((y) => y.id === step.support)!;
        if (x.kind === 'loanGuarantee') ctx.at([...path, 'support'], `"${x.id}" is a loan guarantee: it pays into collections when a loan defaults, not as a waterfall step`);
        if (step.type === 'repaySupport' && x.kind === 'shortfallUndertaking' && x.repaid === 'never') ctx.at([...path, 'support'], `"${x.id}" is never repaid (repaid: "never")`, 'warning');
        if (step.type === 'callSupport') ids.called.add(x.id);
        else ids.repaidBySteps.add(x.id);
      }
      break;
    default:
      assertNever(step, 'waterfall step');
  }
}

/** Warnings: a support never called (junior liquidity support never repaid), a fee never paid, a tranche the normal waterfall never pays. */
function neverPaidOrCalled(ctx: RuleContext, ids: StepIds): void {
  const s = ctx.spec;
  const { called, repaidBySteps, feesPaid } = ids;
  s.supports.forEach((x, i) => {
    if (x.kind !== 'loanGuarantee' && !called.has(x.id)) ctx.at(['supports', i], `support "${x.id}" is never called by a callSupport step`, 'warning');
  });
  s.supports.forEach((x, i) => {
    if (x.kind === 'liquiditySupport' && x.repayment === 'junior' && called.has(x.id) && !repaidBySteps.has(x.id)) {
      ctx.at(['supports', i, 'repayment'], `liquidity support "${x.id}" is repaid junior, but no repaySupport step repays it: its advances are never repaid`, 'warning');
    }
  });
  s.fees.forEach((f, i) => {
    if (!feesPaid.has(f.id)) ctx.at(['fees', i], `fee "${f.id}" is never paid by a payFees step`, 'warning');
  });
  const normal = s.waterfalls.normal;
  s.tranches.forEach((t, i) => {
    const paid = normal.some((st) => (st.type === 'payPrincipal' && st.tranches.includes(t.id)) || (st.type === 'payResidual' && st.tranche === t.id));
    if (!paid) ctx.at(['tranches', i], `tranche "${t.id}" is never paid principal in the normal waterfall`, 'warning');
    const paysInterest = normal.some((st) => st.type === 'payInterest' && st.tranches.includes(t.id));
    if (t.coupon !== undefined && !paysInterest) ctx.at(['tranches', i, 'coupon'], `tranche "${t.id}" has a coupon, but no payInterest step of the normal waterfall pays it`, 'warning');
  });
}
