/** Rules of the deal's parts on their own: each asset's terms, the accounts, the pool against the tranches, fee rates, `assumed` notes. */
import { ASSET_MODELS, contractualCashflows, contractualOutline, type AssetModel } from '../pool/index.js';
import type { AssetType } from '../pool/registry.js';
import { riskReserveOf } from '../pool/assets/royalty.js';
import { Decimal, sum } from '../util/money.js';
import { suggest } from './zodIssues.js';
import { forEachAssumed } from '../deal/assumptions.js';
import { assertNever } from '../util/never.js';
import type { Rule } from './ruleContext.js';

/** Each asset's own rules, from its type's module in the registry. */
export const assetTerms: Rule = (ctx) => {
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

/** One collection account; a reserve's release and target; no reserve named as one of the engine's own ledger parties. */
export const accountRules: Rule = (ctx) => {
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

/** The pool against the tranches: assets, totals, a senior tranche, coupons, the royalty risk reserve (风险金). */
export const poolAgainstTranches: Rule = (ctx) => {
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

/** Fee rates above 5% are unusual. */
export const feeRules: Rule = (ctx) => {
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
export const assumedNotes: Rule = (ctx) => {
  forEachAssumed(ctx.spec, (holder, path, field) => {
    const isTape = path.length === 3 && path[0] === 'pool' && path[1] === 'tapes';
    const name = field.split('.')[0]!;
    if (!isTape && !Object.hasOwn(holder, name)) {
      const hint = suggest(name, Object.keys(holder).filter((k) => k !== 'assumed'));
      ctx.at([...path, 'assumed', field], `names field "${field}", which this object does not have${hint ? ` (did you mean "${hint}"?)` : ''}`, 'warning');
    }
  });
};
