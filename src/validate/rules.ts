/**
 * Cross-reference rules, run after the shape is valid: small named functions, each adding errors
 * (the deal cannot be run as written) or warnings (legal, but suspicious).
 */
import { cellRef, isSheetFile } from '../util/sheetRef.js';
import { compareDates, type IsoDate } from '../dates/date.js';
import { nominalDates } from '../dates/schedule.js';
import { CalendarRangeError } from '../dates/calendar.js';
import { dealSchedule } from '../deal/periods.js';
import type { DealFile, StepSpec } from '../schema/deal.js';
import type { Condition } from '../schema/triggers.js';
import { ASSET_MODELS, contractualCashflows, contractualOutline, type AssetModel } from '../pool/index.js';
import type { AssetType } from '../pool/registry.js';
import { riskReserveOf } from '../pool/assets/royalty.js';
import { Decimal, sum } from '../util/money.js';
import { formatPath, type Diagnostic, type Severity } from './diagnostics.js';
import { originOf, tapeFilesOf, type AssetOrigin, type LoadedDeal } from '../deal/loaded.js';
import { suggest } from './zodIssues.js';
import { forEachAssumed } from '../deal/assumptions.js';
import { assertNever } from '../util/never.js';
import { indexRules } from './indexRules.js';

export interface RuleContext {
  deal: LoadedDeal;
  spec: DealFile;
  /** A diagnostic at a JSON path of the deal file. */
  at(path: readonly PropertyKey[], message: string, severity?: Severity): void;
  /** A diagnostic on a field of an asset, inline or on a tape line. */
  onAsset(index: number, field: string, message: string, severity?: Severity): void;
  /** An id that names nothing of its kind (an error at a JSON path). */
  unknownRef(path: readonly PropertyKey[], message: string, ref: UnknownRef): void;
}

/** What an unknown reference names: its kind (tranche, fee, account, support, asset) and id. */
export interface UnknownRef {
  kind: string;
  id: string;
}

export type Rule = (ctx: RuleContext) => void;


function checkIncreasing(ctx: RuleContext, dates: readonly IsoDate[], path: readonly PropertyKey[]): void {
  for (let i = 1; i < dates.length; i++) {
    if (compareDates(dates[i - 1]!, dates[i]!) >= 0) {
      ctx.at([...path, i], `dates must be in increasing order: ${dates[i]} does not come after ${dates[i - 1]}`);
      return;
    }
  }
}

const uniqueIds: Rule = (ctx) => {
  const lists: [string, { id: string }[]][] = [
    ['tranches', ctx.spec.tranches],
    ['fees', ctx.spec.fees],
    ['accounts', ctx.spec.accounts],
    ['supports', ctx.spec.supports],
    ['triggers', ctx.spec.triggers],
  ];
  for (const [key, list] of lists) {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) ctx.at([key, i, 'id'], `duplicate id "${item.id}" (also ${key}[${first}].id)`);
      else seen.set(item.id, i);
    });
  }
  const seenCode = new Map<string, number>();
  ctx.spec.tranches.forEach((t, i) => {
    if (t.code === undefined) return;
    const first = seenCode.get(t.code);
    if (first !== undefined) ctx.at(['tranches', i, 'code'], `duplicate security code "${t.code}" (also tranches[${first}].code)`);
    else seenCode.set(t.code, i);
  });
  const seenAsset = new Map<string, number>();
  ctx.deal.assets.forEach((a, i) => {
    const first = seenAsset.get(a.id);
    // A tape read twice is reported once, by repeatedIds, not once per row.
    if (first !== undefined && sameRow(originOf(ctx.deal, first)!, originOf(ctx.deal, i)!)) return;
    if (first !== undefined) ctx.onAsset(i, 'id', `duplicate asset id "${a.id}" (also ${originName(originOf(ctx.deal, first)!, originOf(ctx.deal, i)!)})`);
    else seenAsset.set(a.id, i);
  });
};

/** Two assets read from one line of one file (a tape named twice in pool.tapes). */
function sameRow(a: AssetOrigin, b: AssetOrigin): boolean {
  return a.kind === 'tape' && b.kind === 'tape' && a.file === b.file && a.line === b.line;
}

/** Where an asset was written, said from where another one was: `pool.assets[0]`, `line 2`. */
function originName(origin: AssetOrigin, from: AssetOrigin): string {
  if (origin.kind === 'inline') return formatPath(['pool', 'assets', origin.index]);
  // A workbook's rows are its sheet's rows: `row 7`, or `x.xlsx!Sheet1!7:7` from elsewhere.
  const sheet = isSheetFile(origin.file);
  if (from.kind === 'tape' && from.file === origin.file) return `${sheet ? 'row' : 'line'} ${origin.line}`;
  return sheet ? `${origin.file}${cellRef(origin.line)}` : `${origin.file}:${origin.line}`;
}

/** Each repeat of an id in a list: where it comes up again and where it was first. */
function repeats(ids: readonly string[]): { id: string; index: number; first: number }[] {
  const seen = new Map<string, number>();
  const out: { id: string; index: number; first: number }[] = [];
  ids.forEach((id, index) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else out.push({ id, index, first });
  });
  return out;
}

type Cover = NonNullable<Extract<StepSpec, { type: 'drawReserve' }>['covers']>[number];

/**
 * An id named twice in one list. Where the engine reads the list item by item the repeat pays or
 * counts the item twice, so it is an error: the fees of a payFees step, the tranches of a
 * payInterest or payPrincipal step (pays the interest twice; a pro rata step breaks the ledger),
 * a nextInterest reserve target (its interest counted twice), and within one waterfall a fee in
 * two payFees steps or a tranche in two payInterest or two payPrincipal steps (the later step
 * pays nothing more, but what a support or reserve is drawn for counts the item once per step).
 * A tranche may appear in different waterfalls, and in a payPrincipal step and the payResidual
 * step. A tape named twice in pool.tapes would put its assets in the pool twice: an error on
 * the tape, not one per row. Where the engine reads the list as a set a repeat changes nothing, and it is a warning:
 * a fee's tranches, a guarantee's assets and what it pays, a missedPayment condition's tranches,
 * what supports and reserves cover (except one tranche's principal covered twice with different
 * `when`: only the first counts, an error).
 */
const repeatedIds: Rule = (ctx) => {
  const s = ctx.spec;
  const harmless = (path: readonly PropertyKey[], list: readonly string[] | undefined, kind: string) => {
    for (const r of repeats(list ?? [])) ctx.at([...path, r.index], `${kind} "${r.id}" is listed twice (also ${String(path[path.length - 1])}[${r.first}]); the repeat changes nothing`, 'warning');
  };
  const covers = (path: readonly PropertyKey[], list: readonly Cover[]) => {
    const seen = new Map<string, { at: PropertyKey[]; when?: string }>();
    let allFees: number | undefined;
    list.forEach((c, k) => {
      if (c.item === 'fees' && !c.fees) {
        if (allFees !== undefined) ctx.at([...path, k], `every fee is already covered by covers[${allFees}]; the repeat changes nothing`, 'warning');
        allFees = k;
        return;
      }
      const ids = c.item === 'fees' ? c.fees! : c.tranches;
      ids.forEach((id, j) => {
        const key = `${c.item}:${id}`;
        const here = [...path, k, c.item === 'fees' ? 'fees' : 'tranches', j];
        const before = seen.get(key);
        const when = c.item === 'principal' ? c.when : undefined;
        if (!before) seen.set(key, { at: here.slice(path.length - 1), when });
        else if (before.when !== when) ctx.at(here, `tranche "${id}" is already covered for principal by ${formatPath(before.at)} with "when": "${before.when}"; only the first counts`);
        else ctx.at(here, `${c.item === 'fees' ? 'fee' : 'tranche'} "${id}" is already covered for ${c.item} by ${formatPath(before.at)}; the repeat changes nothing`, 'warning');
      });
    });
  };
  // A tape named twice would put each of its assets in the pool twice.
  const tapeFiles = tapeFilesOf(ctx.deal);
  const readBy = new Map<string, number>();
  [...tapeFiles].sort(([a], [b]) => a - b).forEach(([tape, file]) => {
    const first = readBy.get(file);
    if (first === undefined) readBy.set(file, tape);
    else ctx.at(['pool', 'tapes', tape, 'path'], `the tape ${file} is already read by pool.tapes[${first}]: its assets would be in the pool twice`);
  });
  s.fees.forEach((f, i) => {
    if (f.kind === 'rateOnBalance' || f.kind === 'percentOfPayment') harmless(['fees', i, 'tranches'], f.tranches, 'tranche');
  });
  const target = (path: readonly PropertyKey[], t: DealFile['accounts'][number]['target']) => {
    if (t?.type !== 'nextInterest') return;
    for (const r of repeats(t.tranches)) ctx.at([...path, 'tranches', r.index], `tranche "${r.id}" is already in this target (tranches[${r.first}]): its interest would count twice`);
    for (const r of repeats(t.fees ?? [])) ctx.at([...path, 'fees', r.index], `fee "${r.id}" is already in this target (fees[${r.first}]): it would count twice`);
  };
  s.accounts.forEach((a, i) => target(['accounts', i, 'target'], a.target));
  s.supports.forEach((x, i) => {
    if (x.kind === 'loanGuarantee') {
      harmless(['supports', i, 'assets'], x.assets, 'asset');
      for (const r of repeats(x.pays)) ctx.at(['supports', i, 'pays', r.index], `"${r.id}" is listed twice (also pays[${r.first}]); the repeat changes nothing`, 'warning');
    } else covers(['supports', i, 'covers'], x.covers);
  });
  const condition = (c: Condition, path: readonly PropertyKey[]) => {
    if (c.type === 'missedPayment' || c.type === 'unpaidAtExpectedMaturity') harmless([...path, 'tranches'], c.tranches, 'tranche');
    else if (c.type === 'any' || c.type === 'all') c.conditions.forEach((cc, k) => condition(cc, [...path, 'conditions', k]));
  };
  s.triggers.forEach((t, i) => {
    condition(t.condition, ['triggers', i, 'condition']);
    if (t.effect.type === 'setReserveTarget') target(['triggers', i, 'effect', 'target'], t.effect.target);
  });
  for (const state of ['normal', 'accelerated', 'default'] as const) {
    // Which step of this waterfall first pays each fee, each tranche's interest, its principal.
    const paidBy = { payFees: new Map<string, number>(), payInterest: new Map<string, number>(), payPrincipal: new Map<string, number>() };
    s.waterfalls[state]?.forEach((step, i) => {
      const path = ['waterfalls', state, i];
      if (step.type === 'drawReserve' && step.covers) covers([...path, 'covers'], step.covers);
      if (step.type !== 'payFees' && step.type !== 'payInterest' && step.type !== 'payPrincipal') return;
      const [key, ids, kind, what] =
        step.type === 'payFees' ? (['fees', step.fees, 'fee', 'it would be paid twice'] as const)
        : step.type === 'payInterest' ? (['tranches', step.tranches, 'tranche', 'its interest would be paid twice'] as const)
        : (['tranches', step.tranches, 'tranche', 'its principal would be paid or counted twice'] as const);
      for (const r of repeats(ids)) ctx.at([...path, key, r.index], `${kind} "${r.id}" is already in this step (${key}[${r.first}]): ${what}`);
      const firstStep = paidBy[step.type];
      const pays = step.type === 'payFees' ? 'paid' : step.type === 'payInterest' ? 'paid interest' : 'paid principal';
      new Set(ids).forEach((id) => {
        const earlier = firstStep.get(id);
        if (earlier !== undefined) ctx.at([...path, key, ids.indexOf(id)], `${kind} "${id}" is already ${pays} by waterfalls.${state}[${earlier}]: one ${step.type} step per ${kind} in a waterfall`);
        else firstStep.set(id, i);
      });
    });
  }
};

const dateOrder: Rule = (ctx) => {
  const d = ctx.spec.dates;
  if (compareDates(d.cutoff, d.closing) > 0) ctx.at(['dates', 'closing'], `the closing date ${d.closing} is before the cutoff date ${d.cutoff}`);
  const checkSchedule = (key: 'paymentDates' | 'collectionDates') => {
    const s = d[key];
    if (!s) return undefined;
    if ('dates' in s) {
      checkIncreasing(ctx, s.dates, ['dates', key, 'dates']);
      return s.dates;
    }
    if (compareDates(s.first, s.last) > 0) {
      ctx.at(['dates', key, 'last'], `the last date ${s.last} is before the first date ${s.first}`);
      return undefined;
    }
    return nominalDates(s);
  };
  const payments = checkSchedule('paymentDates');
  const collections = checkSchedule('collectionDates');
  if (collections && collections.length > 0 && d.collectionDates) {
    const firstPath = 'dates' in d.collectionDates ? ['dates', 'collectionDates', 'dates', 0] : ['dates', 'collectionDates', 'first'];
    if (compareDates(collections[0]!, d.cutoff) <= 0) ctx.at(firstPath, `the first collection date ${collections[0]} is not after the cutoff date ${d.cutoff}`);
    else if (payments) {
      // Period k's collections pay out on payment date k: its collection period must end first.
      const k = collections.findIndex((c, i) => i < payments.length && compareDates(c, payments[i]!) > 0);
      if (k >= 0) {
        const path = 'dates' in d.collectionDates ? ['dates', 'collectionDates', 'dates', k] : ['dates', 'collectionDates'];
        ctx.at(path, `collection period ${k + 1} ends on ${collections[k]}, after its payment date ${payments[k]}`);
      }
    }
  }
  if (!payments || payments.length === 0) return;
  const first = payments[0]!;
  const last = payments[payments.length - 1]!;
  const firstPath = 'dates' in d.paymentDates ? ['dates', 'paymentDates', 'dates', 0] : ['dates', 'paymentDates', 'first'];
  if (compareDates(first, d.closing) <= 0) ctx.at(firstPath, `the first payment date ${first} is not after the closing date ${d.closing}`);
  ctx.spec.tranches.forEach((t, i) => {
    if (compareDates(t.expectedMaturity, d.closing) <= 0) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is not after the closing date ${d.closing}`);
    if (compareDates(t.expectedMaturity, last) > 0) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is after the last payment date ${last}`);
    else if (!payments.includes(t.expectedMaturity)) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is not a nominal payment date`, 'warning');
    if (t.legalMaturity !== undefined && compareDates(t.legalMaturity, t.expectedMaturity) < 0) {
      ctx.at(['tranches', i, 'legalMaturity'], `the legal maturity ${t.legalMaturity} is before the expected maturity ${t.expectedMaturity}`);
    }
    if (t.principal.type === 'schedule') {
      t.principal.payments.forEach((p, j) => {
        if (!payments.includes(p.date)) ctx.at(['tranches', i, 'principal', 'payments', j, 'date'], `${p.date} is not a nominal payment date`);
      });
      const total = sum(t.principal.payments.map((p) => p.amount));
      if (!total.eq(t.balance)) ctx.at(['tranches', i, 'principal', 'payments'], `the scheduled principal sums to ${total.toFixed(2)}, not the balance ${t.balance.toFixed(2)}`);
    }
  });
};

/** Each asset's own rules, from its type's module in the registry. */
const assetTerms: Rule = (ctx) => {
  const cutoff = ctx.spec.dates.cutoff;
  ctx.deal.assets.forEach((a, i) => {
    const model = ASSET_MODELS[a.type] as AssetModel<AssetType>;
    if (!model) return assertNever(a as never, 'asset type');
    model.check(a as never, {
      cutoff,
      report: (field, message, severity) => ctx.onAsset(i, field, message, severity),
      contractual: () => contractualCashflows(a, cutoff),
    });
  });
};

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

const references: Rule = (ctx) => {
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

const waterfallSteps: Rule = (ctx) => {
  const s = ctx.spec;
  const tranches = s.tranches.map((t) => t.id);
  const fees = s.fees.map((f) => f.id);
  const accounts = s.accounts.map((a) => a.id);
  const supports = s.supports.map((x) => x.id);
  const called = new Set<string>();
  const repaidBySteps = new Set<string>();
  const feesPaid = new Set<string>();
  for (const state of ['normal', 'accelerated', 'default'] as const) {
    const steps: StepSpec[] | undefined = s.waterfalls[state];
    steps?.forEach((step, i) => {
      const path = ['waterfalls', state, i];
      switch (step.type) {
        case 'payFees':
          checkRefs(ctx, step.fees, fees, 'fee', [...path, 'fees']);
          step.fees.forEach((f) => feesPaid.add(f));
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
            if (step.type === 'callSupport') called.add(x.id);
            else repaidBySteps.add(x.id);
          }
          break;
        default:
          assertNever(step, 'waterfall step');
      }
    });
  }
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
};

const accountRules: Rule = (ctx) => {
  const collection = ctx.spec.accounts.map((a, i) => ({ a, i })).filter(({ a }) => a.kind === 'collection');
  collection.slice(1).forEach(({ i }) => ctx.at(['accounts', i, 'kind'], `a second collection account (the first is accounts[${collection[0]!.i}])`));
  ctx.spec.accounts.forEach((a, i) => {
    if (a.release.type === 'excessOverTarget' && !a.target) ctx.at(['accounts', i, 'release'], 'release "excessOverTarget" needs a target');
    if (a.kind === 'collection' && a.target) ctx.at(['accounts', i, 'target'], 'the collection account takes no target', 'warning');
    // The engine's ledger names its own parties so; a reserve may not take one of them.
    if (a.kind === 'reserve' && (RESERVED_PARTIES.includes(a.id) || a.id.includes(':'))) {
      ctx.at(['accounts', i, 'id'], `"${a.id}" is reserved for the engine's ledger (${RESERVED_PARTIES.join(', ')}, or an id with ":"); choose another id`);
    }
  });
};

const RESERVED_PARTIES = ['collection', 'pool', 'call', 'loss-sharing'];

const poolAgainstTranches: Rule = (ctx) => {
  const s = ctx.spec;
  if (ctx.deal.assets.length === 0) {
    ctx.at(['pool'], 'the pool has no assets: add pool.assets or a pool.tapes entry');
    return;
  }
  const issued = sum(s.tranches.map((t) => t.balance));
  const poolBalance = sum(ctx.deal.assets.map((a) => contractualOutline(a, s.dates.cutoff).balance));
  if (s.pool.purchasePrice !== undefined) {
    if (!issued.eq(s.pool.purchasePrice)) {
      ctx.at(['pool', 'purchasePrice'], `the tranches total ${issued.toFixed(2)}, not the purchase price ${s.pool.purchasePrice.toFixed(2)}`);
    }
  } else if (issued.gt(poolBalance)) {
    ctx.at(['tranches'], `the tranches total ${issued.toFixed(2)}, more than the pool balance ${poolBalance.toFixed(2)}`, 'warning');
  }
  const seniors = s.tranches.filter((t) => t.class === 'senior');
  if (seniors.length === 0) ctx.at(['tranches'], 'no senior tranche', 'warning');
  s.tranches.forEach((t, i) => {
    if (t.coupon instanceof Decimal && t.coupon.gt('0.2')) ctx.at(['tranches', i, 'coupon'], `a coupon of ${t.coupon.times(100).toString()}% is unusually high`, 'warning');
    if (t.class === 'senior' && t.coupon === undefined) ctx.at(['tranches', i, 'coupon'], 'a senior tranche without a coupon', 'warning');
  });
  // 风险金: a reserve funded at closing should match what the royalty contracts set aside.
  const reserves = ctx.deal.assets.map((a) => (a.type === 'royalty' ? riskReserveOf(a) : undefined)).filter((x): x is Decimal => x !== undefined);
  if (reserves.length > 0) {
    const expected = sum(reserves);
    const funded = sum(s.accounts.filter((a) => a.kind === 'reserve').map((a) => a.initialBalance));
    if (!funded.eq(expected)) ctx.at(['accounts'], `the reserves are funded with ${funded.toFixed(2)} at closing, but the royalty contracts set aside ${expected.toFixed(2)} (first-license fee × risk-reserve rate)`, 'warning');
  }
};

const feeRules: Rule = (ctx) => {
  ctx.spec.fees.forEach((f, i) => {
    if ((f.kind === 'rateOnBalance' && f.rate.gt('0.05')) || (f.kind === 'percentOfPayment' && f.rate.gt('0.05'))) {
      ctx.at(['fees', i, 'rate'], `a fee rate of ${f.rate.times(100).toString()}% is unusually high`, 'warning');
    }
  });
};

/**
 * Every key of an `assumed` note must name a field of the object it sits in (a tape's note may
 * also name the fields of its rows).
 */
const assumedNotes: Rule = (ctx) => {
  forEachAssumed(ctx.spec, (holder, path, field) => {
    const isTape = path.length === 3 && path[0] === 'pool' && path[1] === 'tapes';
    const name = field.split('.')[0]!;
    if (!isTape && !Object.hasOwn(holder, name)) {
      const hint = suggest(name, Object.keys(holder).filter((k) => k !== 'assumed'));
      ctx.at([...path, 'assumed', field], `names field "${field}", which this object does not have${hint ? ` (did you mean "${hint}"?)` : ''}`, 'warning');
    }
  });
};

/** Payment dates must fall within the business-day calendar's published years. */
const calendarCoverage: Rule = (ctx) => {
  try {
    const { calendar, periods } = dealSchedule(ctx.spec.dates);
    // After business-day adjustment two payment dates may fall on one day, or a payment may come
    // before the end of the collection period it pays out (what the nominal dates already get
    // wrong is reported by dateOrder).
    const nominalOk = periods.every((p, k) => compareDates(p.collectionEnd, p.nominalDate) <= 0 && (k === 0 || compareDates(periods[k - 1]!.nominalDate, p.nominalDate) < 0));
    if (nominalOk) {
      for (let k = 1; k < periods.length; k++) {
        const a = periods[k - 1]!;
        const b = periods[k]!;
        if (compareDates(a.date, b.date) >= 0) {
          ctx.at(['dates', 'paymentDates'], `payment dates ${a.nominalDate} and ${b.nominalDate} both move to ${b.date} under the "${ctx.spec.dates.businessDayRule}" rule`);
          break;
        }
      }
      const early = periods.find((p) => compareDates(p.collectionEnd, p.date) > 0);
      if (early) {
        ctx.at(['dates', 'businessDayRule'], `period ${early.index} pays on ${early.date} (moved from ${early.nominalDate} under the "${ctx.spec.dates.businessDayRule}" rule), before its collection period ends on ${early.collectionEnd}`);
      }
    }
    const beyond = calendar.beyondDataDates();
    if (beyond.length > 0) {
      ctx.at(['dates', 'calendarBeyondData'], `payment dates from ${beyond[0]} on fall past the last year (${calendar.lastYear}) of published exchange holidays; they are adjusted for weekends only`, 'warning');
    }
    // Counted asset by asset from outlines: a pool of a million loans has tens of millions of flows.
    const lastEnd = periods[periods.length - 1]?.collectionEnd;
    let late = 0;
    let firstLate: IsoDate | undefined;
    for (const a of lastEnd ? ctx.deal.assets : []) {
      const outline = contractualOutline(a, ctx.spec.dates.cutoff);
      if (outline.lastDate === undefined || compareDates(outline.lastDate, lastEnd!) <= 0) continue;
      for (const d of outline.dates()) {
        if (compareDates(d, lastEnd!) <= 0) continue;
        late++;
        if (firstLate === undefined || compareDates(d, firstLate) < 0) firstLate = d;
      }
    }
    if (late > 0) ctx.at(['dates', 'paymentDates'], `${late} pool payment${late > 1 ? 's fall' : ' falls'} after the last collection date ${lastEnd} (the first on ${firstLate}); they are not collected by the deal`, 'warning');
  } catch (err) {
    if (err instanceof CalendarRangeError) ctx.at(['dates', 'paymentDates'], err.message);
    else if (!(err instanceof RangeError)) throw err;
    // Other RangeErrors are broken date rules, which dateOrder reports.
  }
};

export const RULES: readonly Rule[] = [uniqueIds, repeatedIds, dateOrder, calendarCoverage, assetTerms, references, waterfallSteps, accountRules, poolAgainstTranches, feeRules, assumedNotes, indexRules];

/** A rule context that hands each diagnostic to `add`, with what an unknown reference names. */
function contextOf(deal: LoadedDeal, add: (d: Diagnostic, ref?: UnknownRef) => void): RuleContext {
  return {
    deal,
    spec: deal.spec,
    at(path, message, severity = 'error') {
      add({ severity, file: deal.file, path: formatPath(path), message });
    },
    onAsset(index, field, message, severity = 'error') {
      add(assetDiagnostic(deal.file, originOf(deal, index)!, field, message, severity));
    },
    unknownRef(path, message, ref) {
      add({ severity: 'error', file: deal.file, path: formatPath(path), message }, ref);
    },
  };
}

/** Runs every rule on a deal whose shape is valid. */
export function runRules(deal: LoadedDeal): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = contextOf(deal, (d) => out.push(d));
  for (const rule of RULES) {
    try {
      rule(ctx);
    } catch (err) {
      // A rule may trip over what an earlier rule already reported as an error; only a failure
      // on an otherwise valid deal is a bug.
      if (!out.some((d) => d.severity === 'error')) throw err;
    }
  }
  return out;
}

/**
 * Only the unknown references of a deal put together from what was valid of a file that is not
 * (see validate/partial.ts), each with what it names: so one run reports them beside the shape
 * errors. Nothing else is judged (totals and orders would be judged on a part of the deal), and
 * a rule that trips over the partial deal is passed over.
 */
export function unknownReferences(deal: LoadedDeal): { d: Diagnostic; ref: UnknownRef }[] {
  const out: { d: Diagnostic; ref: UnknownRef }[] = [];
  const ctx = contextOf(deal, (d, ref) => {
    if (ref) out.push({ d, ref });
  });
  for (const rule of [references, waterfallSteps]) {
    try {
      rule(ctx);
    } catch {
      // The deal is partial: what this rule would say is left to the run after the fixes.
    }
  }
  return out;
}

export function assetDiagnostic(dealFile: string, origin: AssetOrigin, field: string, message: string, severity: Severity): Diagnostic {
  if (origin.kind === 'inline') return { severity, file: dealFile, path: formatPath(['pool', 'assets', origin.index, ...field.split('.')]), message };
  const column = origin.columns.find((c) => c.field === field || c.field?.startsWith(`${field}.`));
  return { severity, file: origin.file, line: origin.line, column: column ? column.index + 1 : undefined, columnName: column?.header, message: column ? message : `${field}: ${message}` };
}

