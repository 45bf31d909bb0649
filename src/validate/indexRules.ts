/**
 * Rules of the interest-rate indices and the floating rates that read them: dates in order,
 * forward values marked as assumptions, every index named exists, and every fixing a floating
 * rate needs has a value on or before its date.
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { dealSchedule } from '../deal/periods.js';
import type { LoadedDeal } from '../deal/loaded.js';
import { floatingCoupon, type FloatingRateSpec } from '../fields/floating.js';
import { floatingLoanFixings } from '../pool/floatingLoan.js';
import { rateEnv, type RateEnv } from '../rates/env.js';
import { MissingFixingError, periodRates } from '../rates/reset.js';
import type { DealFile } from '../schema/deal.js';
import type { Severity } from '../util/errors.js';
import { suggest } from './zodIssues.js';

/** What these rules need of a rule's context (ruleContext.ts's RuleContext). */
interface IndexRuleContext {
  deal: LoadedDeal;
  spec: DealFile;
  at(path: readonly PropertyKey[], message: string, severity?: Severity): void;
  onAsset(index: number, field: string, message: string, severity?: Severity): void;
}

function increasing(ctx: IndexRuleContext, values: readonly { date: IsoDate }[], path: readonly PropertyKey[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (compareDates(values[i - 1]!.date, values[i]!.date) >= 0) {
      ctx.at([...path, i, 'date'], `dates must be in increasing order: ${values[i]!.date} does not come after ${values[i - 1]!.date}`);
      return false;
    }
  }
  return true;
}

/** Each index: values in date order, the forward path after the last fixing and marked as assumed. */
function indexValues(ctx: IndexRuleContext): boolean {
  let ok = true;
  for (const [name, index] of Object.entries(ctx.spec.indices ?? {})) {
    const path = ['indices', name];
    if (index.history.length === 0 && index.forward.length === 0) {
      ctx.at(path, `index ${name} has no values: give its fixings (history) or a forward path`);
      ok = false;
      continue;
    }
    ok = increasing(ctx, index.history, [...path, 'history']) && ok;
    ok = increasing(ctx, index.forward, [...path, 'forward']) && ok;
    const last = index.history[index.history.length - 1];
    const first = index.forward[0];
    if (last && first && compareDates(first.date, last.date) <= 0) {
      ctx.at([...path, 'forward', 0, 'date'], `the forward path starts on ${first.date}, not after the last fixing (${last.date})`);
      ok = false;
    }
    if (!index.assumed?.['forward']) {
      index.forward.forEach((v, i) => {
        if (!v.assumed) ctx.at([...path, 'forward', i], `a forward value is not yet published: say what it assumes (an "assumed" note here, or "assumed": { "forward": … } on the index)`, 'warning');
      });
    }
  }
  return ok;
}

/** Every floating rate of the deal with its path in the deal file, tranches then inline or tape assets. */
function floatingRates(spec: DealFile, deal: LoadedDeal): { rate: FloatingRateSpec; tranche?: number; asset?: number }[] {
  const out: { rate: FloatingRateSpec; tranche?: number; asset?: number }[] = [];
  spec.tranches.forEach((t, i) => {
    const f = floatingCoupon(t.coupon);
    if (f) out.push({ rate: f, tranche: i });
  });
  deal.assets.forEach((a, i) => {
    if ('floating' in a && a.floating) out.push({ rate: a.floating, asset: i });
  });
  return out;
}

export const indexRules = (ctx: IndexRuleContext): void => {
  const valuesOk = indexValues(ctx);
  const names = Object.keys(ctx.spec.indices ?? {});
  const floating = floatingRates(ctx.spec, ctx.deal);
  let known = true;
  for (const f of floating) {
    if (names.includes(f.rate.index)) continue;
    known = false;
    const hint = suggest(f.rate.index, names);
    const message = `unknown index "${f.rate.index}"${hint ? ` (did you mean "${hint}"?)` : ''}: ${names.length ? `the deal's indices are ${names.join(', ')}` : 'define it under "indices"'}`;
    if (f.tranche !== undefined) ctx.at(['tranches', f.tranche, 'coupon', 'index'], message);
    else ctx.onAsset(f.asset!, 'floating.index', message);
  }
  if (!valuesOk || !known || floating.length === 0) return;
  const { periods, calendar } = dealSchedule(ctx.spec.dates);
  const env: RateEnv = rateEnv(ctx.spec.indices ?? {}, calendar);
  const starts = periods.map((_, k) => (k === 0 ? ctx.spec.dates.closing : periods[k - 1]!.nominalDate));
  for (const f of floating) {
    try {
      if (f.tranche !== undefined) periodRates(f.rate, starts, env.paths.get(f.rate.index)!, { calendar, anchor: ctx.spec.dates.closing });
      else {
        const a = ctx.deal.assets[f.asset!]!;
        if (a.type === 'pledgeLoan' && a.floating) floatingLoanFixings({ ...a, floating: a.floating }, ctx.spec.dates.cutoff, env);
      }
    } catch (err) {
      if (!(err instanceof MissingFixingError)) throw err;
      if (f.tranche !== undefined) ctx.at(['tranches', f.tranche, 'coupon', 'index'], err.message);
      else ctx.onAsset(f.asset!, 'floating.index', err.message);
    }
  }
};
