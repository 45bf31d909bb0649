/** Rules of ids: each unique in its list, and none listed twice where a repeat would pay or count twice. */
import { isSheetFile, cellRef } from '../util/sheetRef.js';
import type { DealFile, StepSpec } from '../schema/deal.js';
import type { Condition } from '../schema/triggers.js';
import { formatPath } from './diagnostics.js';
import { originOf, tapeFilesOf, type AssetOrigin } from '../deal/loaded.js';
import type { Rule, RuleContext } from './ruleContext.js';

/** Ids unique among tranches, fees, accounts, supports, triggers, security codes and assets. */
export const uniqueIds: Rule = (ctx) => {
  const lists: [string, { id: string }[]][] = [
    ['tranches', ctx.spec.tranches],
    ['fees', ctx.spec.fees],
    ['accounts', ctx.spec.accounts],
    ['supports', ctx.spec.supports],
    ['triggers', ctx.spec.triggers],
  ];
  for (const [key, list] of lists) {
    for (const r of repeats(list.map((item) => item.id))) ctx.at([key, r.index, 'id'], `duplicate id "${r.id}" (also ${key}[${r.first}].id)`);
  }
  const coded = ctx.spec.tranches.flatMap((t, i) => (t.code === undefined ? [] : [{ code: t.code, i }]));
  for (const r of repeats(coded.map((c) => c.code))) {
    ctx.at(['tranches', coded[r.index]!.i, 'code'], `duplicate security code "${r.id}" (also tranches[${coded[r.first]!.i}].code)`);
  }
  for (const r of repeats(ctx.deal.assets.map((a) => a.id))) {
    const [first, here] = [originOf(ctx.deal, r.first)!, originOf(ctx.deal, r.index)!];
    // A tape read twice is reported once, by repeatedIds, not once per row.
    if (!sameRow(first, here)) ctx.onAsset(r.index, 'id', `duplicate asset id "${r.id}" (also ${originName(first, here)})`);
  }
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
export const repeatedIds: Rule = (ctx) => {
  const s = ctx.spec;
  repeatedTapes(ctx);
  s.fees.forEach((f, i) => {
    if (f.kind === 'rateOnBalance' || f.kind === 'percentOfPayment') harmlessRepeats(ctx, ['fees', i, 'tranches'], f.tranches, 'tranche');
  });
  s.accounts.forEach((a, i) => repeatedInTarget(ctx, ['accounts', i, 'target'], a.target));
  s.supports.forEach((x, i) => {
    if (x.kind === 'loanGuarantee') {
      harmlessRepeats(ctx, ['supports', i, 'assets'], x.assets, 'asset');
      for (const r of repeats(x.pays)) ctx.at(['supports', i, 'pays', r.index], `"${r.id}" is listed twice (also pays[${r.first}]); the repeat changes nothing`, 'warning');
    } else repeatedCovers(ctx, ['supports', i, 'covers'], x.covers);
  });
  s.triggers.forEach((t, i) => {
    repeatedInCondition(ctx, t.condition, ['triggers', i, 'condition']);
    if (t.effect.type === 'setReserveTarget') repeatedInTarget(ctx, ['triggers', i, 'effect', 'target'], t.effect.target);
  });
  for (const state of ['normal', 'accelerated', 'default'] as const) repeatedInWaterfall(ctx, state);
};

/** A repeat in a list the engine reads as a set: a warning. */
function harmlessRepeats(ctx: RuleContext, path: readonly PropertyKey[], list: readonly string[] | undefined, kind: string): void {
  for (const r of repeats(list ?? [])) ctx.at([...path, r.index], `${kind} "${r.id}" is listed twice (also ${String(path[path.length - 1])}[${r.first}]); the repeat changes nothing`, 'warning');
}

/** What a support or reserve covers, twice: a warning, or an error for one tranche's principal under two `when`s. */
function repeatedCovers(ctx: RuleContext, path: readonly PropertyKey[], list: readonly Cover[]): void {
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
}

/** A tape named twice would put each of its assets in the pool twice. */
function repeatedTapes(ctx: RuleContext): void {
  const readBy = new Map<string, number>();
  [...tapeFilesOf(ctx.deal)].sort(([a], [b]) => a - b).forEach(([tape, file]) => {
    const first = readBy.get(file);
    if (first === undefined) readBy.set(file, tape);
    else ctx.at(['pool', 'tapes', tape, 'path'], `the tape ${file} is already read by pool.tapes[${first}]: its assets would be in the pool twice`);
  });
}

/** A nextInterest reserve target naming a tranche or fee twice counts it twice: an error. */
function repeatedInTarget(ctx: RuleContext, path: readonly PropertyKey[], t: DealFile['accounts'][number]['target']): void {
  if (t?.type !== 'nextInterest') return;
  for (const r of repeats(t.tranches)) ctx.at([...path, 'tranches', r.index], `tranche "${r.id}" is already in this target (tranches[${r.first}]): its interest would count twice`);
  for (const r of repeats(t.fees ?? [])) ctx.at([...path, 'fees', r.index], `fee "${r.id}" is already in this target (fees[${r.first}]): it would count twice`);
}

function repeatedInCondition(ctx: RuleContext, c: Condition, path: readonly PropertyKey[]): void {
  if (c.type === 'missedPayment' || c.type === 'unpaidAtExpectedMaturity') harmlessRepeats(ctx, [...path, 'tranches'], c.tranches, 'tranche');
  else if (c.type === 'any' || c.type === 'all') c.conditions.forEach((cc, k) => repeatedInCondition(ctx, cc, [...path, 'conditions', k]));
}

/** Repeats within one waterfall: in a step's list, or a fee or tranche in two steps of one kind. */
function repeatedInWaterfall(ctx: RuleContext, state: 'normal' | 'accelerated' | 'default'): void {
  // Which step of this waterfall first pays each fee, each tranche's interest, its principal.
  const paidBy = { payFees: new Map<string, number>(), payInterest: new Map<string, number>(), payPrincipal: new Map<string, number>() };
  ctx.spec.waterfalls[state]?.forEach((step, i) => {
    const path = ['waterfalls', state, i];
    if (step.type === 'drawReserve' && step.covers) repeatedCovers(ctx, [...path, 'covers'], step.covers);
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
