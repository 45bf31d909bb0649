/**
 * fast-check generators of whole deals and scenarios for the engine's property tests.
 *
 * A deal is drawn as a record of plain numbers and choices (so fast-check shrinks it field by
 * field) and then built, deterministically, into a JSON-like deal document: the same object a
 * deal file would hold. Every document it builds must pass `validateDeal` without errors; the
 * tests assert that, so a rejected deal is a bug in this generator (or in the validator).
 *
 * Shape of the generated deals:
 *  - dates: cutoff 2019-01-01 … 2022-06-30, closing 0–10 days later, monthly (≤ 24) or quarterly
 *    (≤ 12) payment dates as a rule or a list, optional collection dates a few days earlier (now
 *    and then for the first periods only: the later ones collect nothing);
 *  - 1–8 assets (pledge loans bullet / equal principal / level, level royalties, level leases,
 *    receivables, scheduled flows), now and then of a few fen, whose every flow falls in the
 *    deal's collection window;
 *  - 2–3 tranches (senior, optional mezzanine, subordinate) totalling at most the pool balance,
 *    or exactly a purchase price; principal pass-through, bullet or an exact schedule;
 *  - fees of every kind, an optional reserve, optional supports, optional triggers, and the
 *    waterfalls those need, in a sensible order.
 */
import fc from 'fast-check';
import { addDays, addMonths, compareDates, dateParts, fromDayNumber, lastDayOfMonth, makeDate, toDayNumber, type IsoDate } from '../../src/dates/date.js';
import { DAY_COUNTS } from '../../src/dates/daycount.js';
import { nominalDates } from '../../src/dates/schedule.js';
import { adjust, getCalendar } from '../../src/dates/calendar.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { Asset } from '../../src/schema/pool.js';
import { Decimal, sum } from '../../src/util/money.js';
import { fenToYuan } from '../pool/arbitraries.js';

/** A JSON-like value, as a deal or scenario file holds it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A generated deal: the document and what the scenario generator needs to know about it. */
export interface DealCase {
  input: JsonObject;
  /** Nominal payment dates. */
  paymentDates: IsoDate[];
  cutoff: IsoDate;
  assetIds: string[];
  /** The obligor of each asset, by the index of assetIds. */
  obligorOf: string[];
  obligors: string[];
  supportIds: string[];
  /** The provider of each support, by the index of supportIds. */
  providerOf: string[];
  providers: string[];
}

export interface ScenarioCase {
  deal: DealCase;
  scenario: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Small pieces
// ---------------------------------------------------------------------------------------------

/** Basis points as a decimal-string rate: 435 → "0.0435". */
const rateOf = (bp: number): string => new Decimal(bp).div(10_000).toString();
/** Per-mille as a decimal string: 125 → "0.125". */
const shareOf = (pm: number): string => new Decimal(pm).div(1000).toString();
/** floor(fen × pm / 1000), exactly. */
const partOf = (fen: number, pm: number): number => Math.floor((fen * pm) / 1000);

/** Keeps the keys whose value is defined (a JSON document has no undefined). */
function obj(o: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The elements of `list` whose bit is set in `mask`; all of them when none is. */
function pick<T>(list: readonly T[], mask: number): T[] {
  const chosen = list.filter((_, i) => (mask >> i) & 1);
  return chosen.length ? chosen : [...list];
}

const OBLIGORS = ['深圳甲科技有限公司', '广州乙生物医药有限公司', '北京丙软件有限公司', 'Obligor D', '杭州戊文化传媒有限公司'];
const PROVIDERS = ['深圳市高新投融资担保有限公司', '广州开发区金融控股集团有限公司', '原始权益人'];

const dayCount = fc.constantFrom(...DAY_COUNTS);
const perMille = fc.integer({ min: 0, max: 1000 });

// ---------------------------------------------------------------------------------------------
// Raw records (what fast-check draws and shrinks)
// ---------------------------------------------------------------------------------------------

const datesRaw = fc.record({
  cutoffDay: fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2022-06-30') }),
  closingLag: fc.integer({ min: 0, max: 10 }),
  firstLag: fc.integer({ min: 15, max: 95 }),
  every: fc.constantFrom(1, 3),
  periods: fc.integer({ min: 2, max: 12 }),
  day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('monthEnd' as const)),
  asList: fc.boolean(),
  collectionLag: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  /** Collection dates for only the first share (per-mille) of the periods now and then. */
  collectionShare: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined, freq: 5 }),
  businessDayRule: fc.constantFrom('following', 'modifiedFollowing', 'preceding', 'none'),
  calendar: fc.constantFrom('cn-exchange', 'cn-exchange', 'weekends', 'none'),
});

const ASSET_KINDS = ['loanBullet', 'loanEqual', 'loanLevel', 'royalty', 'lease', 'receivable', 'flow'] as const;

const assetRaw = fc.record({
  kind: fc.constantFrom(...ASSET_KINDS),
  fen: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000 }) }, { weight: 9, arbitrary: fc.integer({ min: 100_000, max: 5_000_000_000 }) }),
  rateBp: fc.integer({ min: 0, max: 1500 }),
  startBack: fc.integer({ min: 0, max: 500 }),
  /** Where in the collection window the asset ends (per-mille). */
  end: perMille,
  /** Where its first payment falls (per-mille of the window). */
  pos: perMille,
  every: fc.constantFrom(1, 3, 6, 12),
  dayCount,
  byTotal: fc.boolean(),
  basis: fc.constantFrom('rent', 'principal'),
  buyBackFen: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
  flows: fc.array(
    fc.record({ pos: perMille, principalFen: fc.integer({ min: 0, max: 1_000_000_000 }), interestFen: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }) }),
    { minLength: 1, maxLength: 5 },
  ),
  obligor: fc.integer({ min: 0, max: OBLIGORS.length - 1 }),
});

const principalRule = fc.constantFrom('passThrough', 'bullet', 'schedule');

const tranchesRaw = fc.record({
  totalPm: fc.integer({ min: 500, max: 1000 }),
  seniorPm: fc.integer({ min: 500, max: 950 }),
  mezzPm: fc.option(fc.integer({ min: 10, max: 200 }), { nil: undefined }),
  purchasePrice: fc.boolean(),
  senior: fc.record({ rule: principalRule, em: perMille, couponBp: fc.integer({ min: 100, max: 800 }), dayCount, ios: fc.boolean(), cuts: fc.array(perMille, { maxLength: 4 }) }),
  mezz: fc.record({ rule: principalRule, em: perMille, couponBp: fc.integer({ min: 200, max: 1000 }), dayCount, ios: fc.boolean(), cuts: fc.array(perMille, { maxLength: 4 }) }),
  sub: fc.record({
    rule: fc.constantFrom('passThrough', 'passThrough', 'bullet'),
    atLast: fc.boolean(),
    em: perMille,
    couponBp: fc.option(fc.integer({ min: 100, max: 1200 }), { nil: undefined }),
  }),
  legal: fc.boolean(),
});

const FEE_KINDS = ['rateOnBalance', 'fixed', 'percentOfPayment', 'vat'] as const;
const feeRaw = fc.record({
  kind: fc.constantFrom(...FEE_KINDS),
  rateBp: fc.integer({ min: 0, max: 50 }),
  vatBp: fc.integer({ min: 300, max: 700 }),
  base: fc.constantFrom('pool', 'tranches', 'issue'),
  trancheMask: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  fixedFen: fc.integer({ min: 0, max: 10_000_000 }),
  per: fc.constantFrom('period', 'year'),
  fixedAccrual: fc.option(fc.constantFrom('equal', 'dayCount'), { nil: undefined }),
  firstPeriod: fc.option(fc.constantFrom('proRata', 'full'), { nil: undefined }),
  of: fc.option(fc.constantFrom('interest', 'principal', 'both'), { nil: undefined }),
  vatBase: fc.constantFrom('poolInterest', 'poolCollections'),
  arrears: fc.option(fc.boolean(), { nil: undefined }),
  dayCount,
});

const reserveRaw = fc.record({
  initialPm: fc.integer({ min: 0, max: 50 }),
  target: fc.option(
    fc.oneof(
      fc.record({ type: fc.constant('fixed' as const), pm: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ type: fc.constant('nextInterest' as const), withMezz: fc.boolean(), feeMask: fc.integer({ min: 0, max: 31 }), multiplePm: fc.integer({ min: 1000, max: 2000 }) }),
      fc.record({ type: fc.constant('shareOfPool' as const), pm: fc.integer({ min: 0, max: 60 }) }),
    ),
    { nil: undefined },
  ),
  release: fc.constantFrom('atEnd', 'excessOverTarget', 'onDate', 'never', 'default'),
  releasePm: perMille,
  drawMissed: fc.boolean(),
  drawShortfall: fc.boolean(),
  fund: fc.constantFrom('none', 'beforePrincipal', 'afterPrincipal'),
});

const coverRaw = fc.record({
  fees: fc.option(fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }), { nil: null }),
  interest: fc.option(fc.boolean(), { nil: undefined }),
  principal: fc.option(fc.record({ withMezz: fc.boolean(), when: fc.option(fc.constantFrom('expectedMaturity', 'due'), { nil: undefined }) }), { nil: undefined }),
});

const supportRaw = fc.record({
  kind: fc.constantFrom('loanGuarantee', 'shortfallUndertaking', 'liquiditySupport'),
  provider: fc.integer({ min: 0, max: PROVIDERS.length - 1 }),
  capFen: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: undefined }),
  assetMask: fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
  sharePm: fc.option(fc.integer({ min: 100, max: 1000 }), { nil: undefined }),
  delay: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  pays: fc.constantFrom<('principal' | 'interest')[] | undefined>(undefined, ['principal'], ['interest'], ['principal', 'interest']),
  businessDaysBefore: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  covers: coverRaw,
  repaid: fc.constantFrom('never', 'fromResidual'),
  repayment: fc.constantFrom('senior', 'junior'),
});

const conditionLeaf = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('cumulativeDefaultRatio' as const), pm: fc.integer({ min: 0, max: 300 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('missedPayment' as const), withMezz: fc.boolean(), item: fc.option(fc.constantFrom('interest', 'principal', 'any'), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('coverageBelow' as const), levelPm: fc.integer({ min: 800, max: 1600 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('onOrAfter' as const), pm: perMille }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('supportFailed' as const), index: fc.nat() }) },
);
type LeafRaw = typeof conditionLeaf extends fc.Arbitrary<infer T> ? T : never;

const triggerRaw = fc.record({
  condition: fc.oneof(
    { weight: 4, arbitrary: conditionLeaf.map((c) => ({ leaf: c })) },
    { weight: 1, arbitrary: fc.record({ combine: fc.constantFrom('any' as const, 'all' as const), of: fc.array(conditionLeaf, { minLength: 1, maxLength: 3 }) }) },
  ),
  effect: fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('switchWaterfall' as const), to: fc.constantFrom('accelerated', 'default') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('setReserveTarget' as const), pm: fc.integer({ min: 0, max: 80 }) }) },
  ),
  curable: fc.option(fc.boolean(), { nil: undefined }),
});

const waterfallRaw = fc.record({
  vatFirst: fc.boolean(),
  splitFees: fc.boolean(),
  interestProRata: fc.boolean(),
  principal: fc.constantFrom('sequential', 'proRataAboveSub', 'sequentialAboveSub'),
  /** Waterfalls defined though no trigger switches to them. */
  extraAccelerated: fc.boolean(),
  extraDefault: fc.boolean(),
});

export const dealRaw = fc.record({
  dates: datesRaw,
  assets: fc.array(assetRaw, { minLength: 1, maxLength: 8 }),
  tranches: tranchesRaw,
  fees: fc.array(feeRaw, { maxLength: 6 }),
  collectionAccount: fc.boolean(),
  /** Per mille of the pool in the collection account at closing (item 11 of issue 7), when it is written. */
  collectionOpeningPm: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
  reserve: fc.option(reserveRaw, { nil: undefined }),
  supports: fc.array(supportRaw, { maxLength: 3 }),
  triggers: fc.array(triggerRaw, { maxLength: 3 }),
  waterfall: waterfallRaw,
  cleanUpCallPm: fc.option(fc.integer({ min: 10, max: 200 }), { nil: undefined }),
});
export type DealRaw = typeof dealRaw extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// Building a deal document
// ---------------------------------------------------------------------------------------------

/** The date on `day` (clamped, or the month end) of the month `months` after `d`'s month. */
function onDay(d: IsoDate, months: number, day: number | 'monthEnd'): IsoDate {
  const shifted = addMonths(d, months);
  const { year, month } = dateParts(shifted);
  const last = lastDayOfMonth(year, month);
  return makeDate(year, month, day === 'monthEnd' ? last : Math.min(day, last));
}

/** The k-th dates `first + k·every` months not after `until`: how many there are (≥ 1). */
function countUntil(first: IsoDate, every: number, until: IsoDate): number {
  let n = 1;
  while (n < 400 && compareDates(addMonths(first, n * every), until) <= 0) n++;
  return n;
}

/**
 * Whether the business-day rule keeps the payment dates apart and after their collection periods
 * (validation rejects it otherwise: a long holiday can pull two dates onto one day).
 */
function keepsOrder(payments: IsoDate[], collections: IsoDate[] | undefined, rule: DealRaw['dates']['businessDayRule'], calendar: DealRaw['dates']['calendar']): boolean {
  const cal = getCalendar(calendar ?? 'cn-exchange', { beyondData: 'weekends' });
  const adjusted = payments.map((p) => adjust(p, rule ?? 'following', cal));
  const ends = payments.map((p, i) => (collections ? collections[Math.min(i, collections.length - 1)]! : p));
  return adjusted.every((a, i) => (i === 0 || compareDates(adjusted[i - 1]!, a) < 0) && compareDates(ends[i]!, a) <= 0);
}

export function buildDeal(raw: DealRaw): DealCase {
  // Dates --------------------------------------------------------------------------------------
  const d = raw.dates;
  const cutoff = fromDayNumber(d.cutoffDay);
  const closing = addDays(cutoff, d.closingLag);
  const first = addDays(closing, d.firstLag);
  const periodCount = d.every === 1 ? d.periods * 2 : d.periods;
  const last = onDay(first, (periodCount - 1) * d.every, d.day);
  const rule = { everyMonths: d.every, day: d.day, first, last };
  const paymentDates = nominalDates(rule);
  // A payment date moved earlier (preceding, modified following) must still come after the end of
  // the collection period it pays out: collections then close ten days before (holidays last up
  // to eight).
  const earlier = d.businessDayRule === 'preceding' || d.businessDayRule === 'modifiedFollowing';
  const lag = Math.max(d.collectionLag ?? 0, earlier ? 10 : 0);
  const collectionCount = d.collectionShare === undefined ? paymentDates.length : Math.max(1, Math.ceil((paymentDates.length * d.collectionShare) / 1000));
  const collectionDates =
    d.collectionLag === undefined && d.collectionShare === undefined && !earlier ? undefined : paymentDates.slice(0, collectionCount).map((p) => addDays(p, -lag));
  const lastCollection = collectionDates ? collectionDates[collectionDates.length - 1]! : last;
  const n = paymentDates.length;
  const span = toDayNumber(lastCollection) - toDayNumber(cutoff);
  /** A day in the collection window (cutoff, lastCollection], at a per-mille position. */
  const inWindow = (pm: number): IsoDate => fromDayNumber(toDayNumber(cutoff) + 1 + Math.floor((pm * (span - 1)) / 1000));
  const dates = obj({
    cutoff,
    closing,
    paymentDates: d.asList ? { dates: paymentDates } : rule,
    collectionDates: collectionDates ? { dates: collectionDates } : undefined,
    businessDayRule: keepsOrder(paymentDates, collectionDates, d.businessDayRule, d.calendar) ? d.businessDayRule : 'none',
    calendar: d.calendar,
  });

  // Assets -------------------------------------------------------------------------------------
  const assets: JsonObject[] = raw.assets.map((a, i) => {
    const id = `P${i + 1}`;
    const common = { id, obligor: OBLIGORS[a.obligor]! };
    const amount = fenToYuan(a.fen);
    const rate = rateOf(a.rateBp);
    const startDate = addDays(cutoff, -a.startBack);
    switch (a.kind) {
      case 'loanBullet':
      case 'loanEqual':
      case 'loanLevel':
        return obj({
          type: 'pledgeLoan',
          ...common,
          principal: amount,
          rate,
          dayCount: a.dayCount,
          startDate,
          maturityDate: inWindow(a.end),
          repayment: a.kind === 'loanBullet' ? 'bullet' : a.kind === 'loanEqual' ? 'equalPrincipal' : 'level',
          paymentEveryMonths: a.every,
        });
      case 'royalty': {
        const firstRoyalty = inWindow(Math.min(a.pos, a.end));
        const max = countUntil(firstRoyalty, a.every, lastCollection);
        const count = 1 + Math.floor(((max - 1) * a.end) / 1000);
        return obj({
          type: 'royalty',
          ...common,
          contractStart: addDays(cutoff, -a.startBack - 1),
          contractEnd: addMonths(firstRoyalty, a.every * count),
          royalties: obj({
            type: 'level',
            ...(a.byTotal ? { total: amount } : { amount: fenToYuan(Math.floor(a.fen / count)) }),
            everyMonths: a.every,
            first: firstRoyalty,
            count,
          }),
        });
      }
      case 'lease': {
        const firstRent = inWindow(Math.min(a.pos, a.end));
        const max = countUntil(firstRent, a.every, lastCollection);
        const count = 1 + Math.floor(((max - 1) * a.end) / 1000);
        return obj({
          type: 'lease',
          ...common,
          leasePrincipal: amount,
          rate,
          startDate,
          rent: { type: 'level', everyMonths: a.every, first: firstRent, count },
          buyBackPrice: a.buyBackFen === undefined ? undefined : fenToYuan(a.buyBackFen),
          balanceBasis: a.basis,
        });
      }
      case 'receivable':
        return obj({ type: 'receivable', ...common, face: amount, dueDate: inWindow(a.end) });
      case 'flow': {
        const flows = [...a.flows]
          .map((f) => ({ date: inWindow(f.pos), f }))
          .sort((x, y) => compareDates(x.date, y.date))
          .map(({ date, f }) => obj({ date, principal: fenToYuan(f.principalFen), interest: f.interestFen === undefined ? undefined : fenToYuan(f.interestFen) }));
        return obj({ type: 'scheduledFlow', ...common, flows });
      }
    }
  });
  const poolFen = sum(assets.map((a) => contractualCashflows(Asset.parse(a), cutoff).balance))
    .times(100)
    .toNumber();

  // Tranches -----------------------------------------------------------------------------------
  const t = raw.tranches;
  const totalFen = partOf(poolFen, t.totalPm);
  const seniorFen = partOf(totalFen, t.seniorPm);
  const mezzFen = t.mezzPm === undefined ? undefined : Math.min(partOf(totalFen, t.mezzPm), totalFen - seniorFen);
  const subFen = totalFen - seniorFen - (mezzFen ?? 0);
  const indexAt = (pm: number, from = 0) => from + Math.floor(((n - 1 - from) * pm) / 1000);
  const seniorEm = indexAt(t.senior.em);
  const mezzEm = indexAt(t.mezz.em, seniorEm);
  const subEm = t.sub.atLast ? n - 1 : indexAt(t.sub.em, mezzFen === undefined ? seniorEm : mezzEm);
  /** A principal rule; a schedule pays `fen` exactly, on payment dates up to the expected maturity. */
  const principalOf = (rule: string, fen: number, em: number, cuts: number[]): Json => {
    if (rule !== 'schedule') return { type: rule };
    const idx = [...new Set([...cuts.map((c) => Math.floor((c * em) / 1000)), em])].sort((a, b) => a - b);
    const part = Math.floor(fen / idx.length);
    return {
      type: 'schedule',
      payments: idx.map((k, j) => ({ date: paymentDates[k]!, amount: fenToYuan(j === idx.length - 1 ? fen - part * (idx.length - 1) : part) })),
    };
  };
  const legal = (em: number) => (t.legal ? addMonths(paymentDates[em]!, 24) : undefined);
  const tranches: JsonObject[] = [
    obj({
      id: 'A',
      name: '优先级资产支持证券',
      class: 'senior',
      balance: fenToYuan(seniorFen),
      coupon: rateOf(t.senior.couponBp),
      dayCount: t.senior.dayCount,
      interestOnShortfall: t.senior.ios,
      principal: principalOf(t.senior.rule, seniorFen, seniorEm, t.senior.cuts),
      expectedMaturity: paymentDates[seniorEm]!,
      legalMaturity: legal(seniorEm),
    }),
  ];
  if (mezzFen !== undefined) {
    tranches.push(
      obj({
        id: 'M',
        name: '中间级资产支持证券',
        class: 'mezzanine',
        balance: fenToYuan(mezzFen),
        coupon: rateOf(t.mezz.couponBp),
        dayCount: t.mezz.dayCount,
        interestOnShortfall: t.mezz.ios,
        principal: principalOf(t.mezz.rule, mezzFen, mezzEm, t.mezz.cuts),
        expectedMaturity: paymentDates[mezzEm]!,
        legalMaturity: legal(mezzEm),
      }),
    );
  }
  tranches.push(
    obj({
      id: 'B',
      name: '次级资产支持证券',
      class: 'subordinate',
      balance: fenToYuan(subFen),
      coupon: t.sub.couponBp === undefined ? undefined : rateOf(t.sub.couponBp),
      principal: { type: t.sub.rule },
      expectedMaturity: paymentDates[subEm]!,
      legalMaturity: legal(subEm),
    }),
  );
  const trancheIds = tranches.map((x) => x.id as string);
  const seniorAndMezz = trancheIds.filter((id) => id !== 'B');

  // Fees ---------------------------------------------------------------------------------------
  const fees: JsonObject[] = raw.fees.map((f, i) => {
    const common = { id: `F${i + 1}`, name: ['管理费', '托管费', '评级费', '兑付兑息费', '增值税及附加', '审计费'][i]!, arrears: f.arrears };
    switch (f.kind) {
      case 'rateOnBalance':
        return obj({
          kind: 'rateOnBalance',
          ...common,
          rate: rateOf(f.rateBp),
          base: f.base,
          tranches: f.base !== 'pool' && f.trancheMask !== undefined ? pick(trancheIds, f.trancheMask) : undefined,
          dayCount: f.dayCount,
        });
      case 'fixed':
        return obj({
          kind: 'fixed',
          ...common,
          amount: fenToYuan(f.fixedFen),
          per: f.per,
          accrual: f.fixedAccrual,
          dayCount: f.fixedAccrual === 'dayCount' ? f.dayCount : undefined,
          firstPeriod: f.fixedAccrual === 'dayCount' ? undefined : f.firstPeriod,
        });
      case 'percentOfPayment':
        return obj({
          kind: 'percentOfPayment',
          ...common,
          rate: rateOf(f.rateBp),
          of: f.of,
          tranches: f.trancheMask === undefined ? undefined : pick(trancheIds, f.trancheMask),
        });
      case 'vat':
        return obj({ kind: 'vat', ...common, rate: rateOf(f.vatBp), base: f.vatBase });
    }
  });
  const feeIds = fees.map((f) => f.id as string);
  const vatIds = fees.filter((f) => f.kind === 'vat').map((f) => f.id as string);
  const otherFeeIds = feeIds.filter((id) => !vatIds.includes(id));

  // Accounts -----------------------------------------------------------------------------------
  const accounts: JsonObject[] = [];
  if (raw.collectionAccount) {
    const collection: JsonObject = { id: 'collection', name: '专项计划账户', kind: 'collection' };
    if (raw.collectionOpeningPm > 0) collection['initialBalance'] = fenToYuan(partOf(poolFen, raw.collectionOpeningPm));
    accounts.push(collection);
  }
  const r = raw.reserve;
  let reserveTarget: JsonObject | undefined;
  if (r) {
    if (r.target?.type === 'fixed') reserveTarget = { type: 'fixed', amount: fenToYuan(partOf(poolFen, r.target.pm)) };
    else if (r.target?.type === 'shareOfPool') reserveTarget = { type: 'shareOfPool', rate: shareOf(r.target.pm) };
    else if (r.target?.type === 'nextInterest') {
      const { feeMask, withMezz, multiplePm } = r.target;
      const targetFees = feeIds.filter((_, i) => (feeMask >> i) & 1);
      reserveTarget = obj({
        type: 'nextInterest',
        tranches: withMezz ? seniorAndMezz : ['A'],
        fees: targetFees.length ? targetFees : undefined,
        multiple: shareOf(multiplePm),
      });
    }
    const release: Json | undefined =
      r.release === 'default' || (r.release === 'excessOverTarget' && !reserveTarget)
        ? undefined
        : r.release === 'onDate'
          ? { type: 'onDate', date: paymentDates[indexAt(r.releasePm)]! }
          : { type: r.release };
    accounts.push(obj({ id: 'reserve', name: '风险金账户', kind: 'reserve', initialBalance: fenToYuan(partOf(poolFen, r.initialPm)), target: reserveTarget, release }));
  }

  // Supports -----------------------------------------------------------------------------------
  const assetIds = assets.map((a) => a.id as string);
  const supports: JsonObject[] = raw.supports.map((s, i) => {
    const common = { id: `S${i + 1}`, name: `增信${i + 1}`, provider: PROVIDERS[s.provider]!, cap: s.capFen === undefined ? undefined : fenToYuan(s.capFen) };
    if (s.kind === 'loanGuarantee') {
      return obj({
        kind: 'loanGuarantee',
        ...common,
        assets: s.assetMask === undefined ? undefined : pick(assetIds, s.assetMask),
        share: s.sharePm === undefined ? undefined : shareOf(s.sharePm),
        delayPeriods: s.delay,
        pays: s.pays,
      });
    }
    const covers: JsonObject[] = [];
    if (s.covers.fees !== null) covers.push(obj({ item: 'fees', fees: s.covers.fees === undefined || feeIds.length === 0 ? undefined : pick(feeIds, s.covers.fees) }));
    if (s.covers.interest !== undefined) covers.push({ item: 'interest', tranches: s.covers.interest ? seniorAndMezz : ['A'] });
    if (s.covers.principal !== undefined) covers.push(obj({ item: 'principal', tranches: s.covers.principal.withMezz ? seniorAndMezz : ['A'], when: s.covers.principal.when }));
    if (covers.length === 0) covers.push({ item: 'interest', tranches: ['A'] });
    if (s.kind === 'shortfallUndertaking') return obj({ kind: 'shortfallUndertaking', ...common, businessDaysBefore: s.businessDaysBefore, covers, repaid: s.repaid });
    return obj({ kind: 'liquiditySupport', ...common, covers, repayment: s.repayment });
  });
  const supportIds = supports.map((s) => s.id as string);
  const called = supports.filter((s) => s.kind !== 'loanGuarantee');
  const undertakings = called.filter((s) => s.kind === 'shortfallUndertaking').map((s) => s.id as string);
  const liquidity = called.filter((s) => s.kind === 'liquiditySupport').map((s) => s.id as string);
  const repaidSenior = called.filter((s) => s.kind === 'liquiditySupport' && s.repayment === 'senior').map((s) => s.id as string);
  const repaidJunior = called
    .filter((s) => (s.kind === 'liquiditySupport' && s.repayment !== 'senior') || (s.kind === 'shortfallUndertaking' && s.repaid === 'fromResidual'))
    .map((s) => s.id as string);

  // Triggers -----------------------------------------------------------------------------------
  const leaf = (c: LeafRaw): JsonObject => {
    switch (c.type) {
      case 'cumulativeDefaultRatio':
        return { type: c.type, above: shareOf(c.pm) };
      case 'missedPayment':
        return obj({ type: c.type, tranches: c.withMezz ? seniorAndMezz : ['A'], item: c.item });
      case 'coverageBelow':
        return { type: c.type, level: shareOf(c.levelPm) };
      case 'onOrAfter':
        return { type: c.type, date: paymentDates[indexAt(c.pm)]! };
      case 'supportFailed':
        // Without supports, a stand-in that never holds in a sensible deal.
        return supportIds.length ? { type: c.type, support: supportIds[c.index % supportIds.length]! } : { type: 'cumulativeDefaultRatio', above: '1' };
    }
  };
  const triggers: JsonObject[] = [];
  const switchesTo = new Set<string>();
  raw.triggers.forEach((x, i) => {
    const condition = 'leaf' in x.condition ? leaf(x.condition.leaf) : { type: x.condition.combine, conditions: x.condition.of.map(leaf) };
    let effect: JsonObject;
    if (x.effect.type === 'setReserveTarget') {
      if (!r) return;
      effect = { type: 'setReserveTarget', account: 'reserve', target: { type: 'fixed', amount: fenToYuan(partOf(poolFen, x.effect.pm)) } };
    } else {
      effect = { type: 'switchWaterfall', to: x.effect.to };
      switchesTo.add(x.effect.to);
    }
    triggers.push(obj({ id: `T${i + 1}`, name: ['加速清偿事件', '违约事件', '权利完善事件'][i]!, condition, effect, curable: x.curable }));
  });

  // Waterfalls ---------------------------------------------------------------------------------
  const w = raw.waterfall;
  const hasMezz = mezzFen !== undefined;
  const feeSteps = (): JsonObject[] => {
    const steps: JsonObject[] = [];
    const rest = w.vatFirst ? otherFeeIds : feeIds;
    if (w.vatFirst && vatIds.length) steps.push({ type: 'payFees', fees: vatIds });
    if (rest.length > 1 && w.splitFees) {
      const half = Math.ceil(rest.length / 2);
      steps.push({ type: 'payFees', fees: rest.slice(0, half) }, { type: 'payFees', fees: rest.slice(half) });
    } else if (rest.length) steps.push({ type: 'payFees', fees: rest });
    return steps;
  };
  const supportSteps = (): JsonObject[] => [...undertakings, ...liquidity].map((s) => ({ type: 'callSupport', support: s }));
  const reserveDraw = (which: 'missedCollections' | 'shortfall'): JsonObject[] =>
    r && (which === 'missedCollections' ? r.drawMissed : r.drawShortfall) ? [{ type: 'drawReserve', account: 'reserve', for: which }] : [];
  const fund = (when: string): JsonObject[] => (r && reserveTarget && r.fund === when ? [{ type: 'fundReserve', account: 'reserve' }] : []);
  const repay = (ids: string[]): JsonObject[] => ids.map((s) => ({ type: 'repaySupport', support: s }));
  const subInterest: JsonObject[] = t.sub.couponBp === undefined ? [] : [{ type: 'payInterest', tranches: ['B'] }];

  const normal: JsonObject[] = [
    ...reserveDraw('missedCollections'),
    ...repay(repaidSenior),
    ...feeSteps(),
    ...reserveDraw('shortfall'),
    ...supportSteps(),
    ...(hasMezz && !w.interestProRata ? [{ type: 'payInterest', tranches: ['A'] }, { type: 'payInterest', tranches: ['M'] }] : [{ type: 'payInterest', tranches: seniorAndMezz }]),
    ...fund('beforePrincipal'),
  ];
  if (w.principal === 'sequential') normal.push({ type: 'payPrincipal', tranches: trancheIds, mode: 'sequential' }, ...subInterest);
  else {
    normal.push({ type: 'payPrincipal', tranches: seniorAndMezz, mode: w.principal === 'proRataAboveSub' ? 'proRata' : 'sequential' }, ...subInterest, { type: 'payPrincipal', tranches: ['B'] });
  }
  normal.push(...fund('afterPrincipal'), ...repay(repaidJunior), { type: 'payResidual', tranche: 'B' });

  const accelerated: JsonObject[] = [
    ...repay(repaidSenior),
    ...feeSteps(),
    ...reserveDraw('shortfall'),
    ...supportSteps(),
    { type: 'payInterest', tranches: ['A'] },
    { type: 'payPrincipal', tranches: ['A'] },
    ...(hasMezz ? [{ type: 'payInterest', tranches: ['M'] }, { type: 'payPrincipal', tranches: ['M'] }] : []),
    ...repay(repaidJunior),
    ...subInterest,
    { type: 'payPrincipal', tranches: ['B'] },
    { type: 'payResidual', tranche: 'B' },
  ];
  const defaultSteps: JsonObject[] = [
    ...feeSteps(),
    ...reserveDraw('shortfall'),
    ...supportSteps(),
    { type: 'payInterest', tranches: seniorAndMezz },
    { type: 'payPrincipal', tranches: seniorAndMezz, mode: 'sequential' },
    ...subInterest,
    { type: 'payPrincipal', tranches: ['B'], mode: 'sequential' },
    ...repay(repaidJunior),
    { type: 'payResidual', tranche: 'B' },
  ];
  const waterfalls = obj({
    normal,
    accelerated: switchesTo.has('accelerated') || w.extraAccelerated ? accelerated : undefined,
    default: switchesTo.has('default') || w.extraDefault ? defaultSteps : undefined,
  });

  const input = obj({
    schemaVersion: 1,
    meta: { id: 'generated', name: '生成的知识产权资产支持专项计划', structure: 'mixed' },
    dates,
    pool: obj({ purchasePrice: t.purchasePrice ? fenToYuan(totalFen) : undefined, assets }),
    tranches,
    fees,
    accounts,
    supports,
    triggers,
    waterfalls,
    cleanUpCall: raw.cleanUpCallPm === undefined ? undefined : { poolBalanceBelow: shareOf(raw.cleanUpCallPm) },
  });
  return {
    input,
    paymentDates,
    cutoff,
    assetIds,
    obligorOf: assets.map((a) => a.obligor as string),
    obligors: [...new Set(assets.map((a) => a.obligor as string))],
    supportIds,
    providerOf: supports.map((s) => s.provider as string),
    providers: [...new Set(supports.map((s) => s.provider as string))],
  };
}

/** Deals, as documents. */
export const dealCase: fc.Arbitrary<DealCase> = dealRaw.map(buildDeal);

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

const ASSET_TYPES = ['pledgeLoan', 'royalty', 'lease', 'receivable', 'scheduledFlow'] as const;
const LOSS_MODELS = ['浦东', '中山', '广州55', '广州5311', '广州541', '苏州知保通', '德国'] as const;

/** A rate in basis points, as the scenario file writes it. */
const bpRate = (max: number) => fc.integer({ min: 0, max }).map(rateOf);

/** The pool-wide parts of the scenario language, each present now and then. */
const poolWideRaw = fc.record({
  defaultRate: fc.option(
    fc.record({
      rate: fc.oneof(fc.record({ cumulative: bpRate(5000) }), fc.record({ annualCdr: bpRate(3000) })),
      timing: fc.option(
        fc.oneof(
          fc.constant('even' as const),
          fc.record({ frontLoaded: bpRate(5000) }),
          fc.record({ backLoaded: bpRate(5000) }),
          // Explicit weights are not all zero (validation rejects that).
          fc.record({ explicit: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 8 }).map((w) => (w.some((x) => x > 0) ? w : [1, ...w.slice(1)])) }),
        ),
        { nil: undefined },
      ),
      overrides: fc.array(
        fc.record({
          assetType: fc.option(fc.constantFrom(...ASSET_TYPES), { nil: undefined }),
          obligor: fc.option(fc.integer({ min: 0, max: OBLIGORS.length - 1 }), { nil: undefined }),
          rate: fc.oneof(fc.record({ cumulative: bpRate(8000) }), fc.record({ annualCdr: bpRate(5000) })),
        }),
        { maxLength: 2 },
      ),
    }),
    { nil: undefined, freq: 3 },
  ),
  recovery: fc.option(
    fc.record({
      rate: fc.option(bpRate(10_000), { nil: undefined }),
      lagPeriods: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      delayed: fc.option(fc.record({ share: bpRate(10_000), extraPeriods: fc.integer({ min: 1, max: 4 }) }), { nil: undefined }),
      lossSharing: fc.option(fc.oneof(fc.record({ model: fc.constantFrom(...LOSS_MODELS) }), fc.record({ lenderShare: bpRate(10_000) })), { nil: undefined }),
    }),
    { nil: undefined, freq: 3 },
  ),
  prepaymentCpr: fc.option(bpRate(4000), { nil: undefined, freq: 4 }),
  collections: fc.option(
    fc.record({
      assetTypes: fc.option(fc.uniqueArray(fc.constantFrom(...ASSET_TYPES), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      delayPeriods: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      haircut: fc.option(bpRate(5000), { nil: undefined }),
    }),
    { nil: undefined, freq: 4 },
  ),
  spreadCompressionBp: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined, freq: 4 }),
  externalSupport: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
});

export const scenarioRaw = fc.record({
  name: fc.option(fc.constantFrom('压力情景', 'stress'), { nil: undefined }),
  defaults: fc.array(
    fc.record({
      byObligor: fc.boolean(),
      index: fc.nat(),
      /** Per-mille of the periods, and one past the last now and then (ignored by the engine). */
      periodPm: fc.integer({ min: 0, max: 1100 }),
      mode: fc.option(fc.constantFrom('default', 'stopPaying'), { nil: undefined }),
      recoveryPct: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      lag: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
  failures: fc.array(
    fc.record({ byProvider: fc.boolean(), index: fc.nat(), fromPm: perMille, capFen: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: undefined }) }),
    { maxLength: 2 },
  ),
  poolWide: fc.option(poolWideRaw, { nil: undefined }),
});
export type ScenarioRaw = typeof scenarioRaw extends fc.Arbitrary<infer T> ? T : never;

/**
 * One entry per member: validation refuses an entry that reaches an asset (a support) an earlier
 * entry reaches, by its id or its group (obligor, provider). An entry that would is moved to the
 * next group or member no entry reaches yet, and dropped when there is none, so a scenario still
 * mixes entries by group and by member.
 */
function claimOnce<T extends { byGroup: boolean; index: number }>(
  entries: readonly T[],
  members: readonly string[],
  groupOf: readonly string[],
  groups: readonly string[],
): (T & { name: { group: string } | { member: string } })[] {
  const claimed = new Set<number>();
  const out: (T & { name: { group: string } | { member: string } })[] = [];
  for (const e of entries) {
    const names = e.byGroup ? groups : members;
    const reach = (name: string) => (e.byGroup ? groupOf.flatMap((g, k) => (g === name ? [k] : [])) : [members.indexOf(name)]);
    for (let step = 0; step < names.length; step++) {
      const name = names[(e.index + step) % names.length]!;
      const hits = reach(name);
      if (hits.some((k) => claimed.has(k))) continue;
      hits.forEach((k) => claimed.add(k));
      out.push({ ...e, name: e.byGroup ? { group: name } : { member: name } });
      break;
    }
  }
  return out;
}

/** The overrides with none that an earlier one covers entirely (validation refuses those: they never apply). */
function overridesThatApply<T extends { assetType?: string; obligor?: string }>(overrides: readonly T[]): T[] {
  const out: T[] = [];
  for (const o of overrides) {
    const covered = out.some((e) => (e.assetType === undefined || e.assetType === o.assetType) && (e.obligor === undefined || e.obligor === o.obligor));
    if (!covered) out.push(o);
  }
  return out;
}

export function buildScenario(deal: DealCase, raw: ScenarioRaw): JsonObject {
  const n = deal.paymentDates.length;
  const named = claimOnce(
    raw.defaults.map((x) => ({ ...x, byGroup: x.byObligor })),
    deal.assetIds,
    deal.obligorOf,
    deal.obligors,
  );
  const defaults = named.map((x) =>
    obj({
      ...('group' in x.name ? { obligor: x.name.group } : { asset: x.name.member }),
      // Validation rejects a default after the last period; the generator keeps within the deal.
      period: Math.min(n, 1 + Math.floor((n * x.periodPm) / 1000)),
      mode: x.mode,
      recoveryRate: x.recoveryPct === undefined ? undefined : new Decimal(x.recoveryPct).div(100).toString(),
      recoveryLagPeriods: x.lag,
    }),
  );
  const from0 = toDayNumber(deal.cutoff);
  const span = toDayNumber(deal.paymentDates[n - 1]!) - from0;
  const supportFailures = deal.supportIds.length
    ? claimOnce(
        raw.failures.map((f) => ({ ...f, byGroup: f.byProvider })),
        deal.supportIds,
        deal.providerOf,
        deal.providers,
      ).map((f) =>
        obj({
          ...('group' in f.name ? { provider: f.name.group } : { support: f.name.member }),
          from: fromDayNumber(from0 + Math.floor((span * f.fromPm) / 1000)),
          cap: f.capFen === undefined ? undefined : fenToYuan(f.capFen),
        }),
      )
    : [];
  const w = raw.poolWide;
  return obj({
    name: raw.name,
    defaultRate:
      w?.defaultRate === undefined
        ? undefined
        : obj({
            ...w.defaultRate.rate,
            timing: w.defaultRate.timing,
            // Overrides name obligors of this deal (validation rejects unknown ones).
            // and none that an earlier one covers entirely.
            overrides: overridesThatApply(
              w.defaultRate.overrides.map((o) => ({ assetType: o.assetType, obligor: o.obligor === undefined ? undefined : deal.obligors[o.obligor % deal.obligors.length]!, rate: o.rate })),
            ).map((o) => obj({ assetType: o.assetType, obligor: o.obligor, ...o.rate })),
          }),
    defaults,
    recovery: w?.recovery === undefined ? undefined : obj({ ...w.recovery }),
    prepayment: w?.prepaymentCpr === undefined ? undefined : { cpr: w.prepaymentCpr },
    collections: w?.collections === undefined ? undefined : obj({ ...w.collections }),
    spreadCompressionBp: w?.spreadCompressionBp,
    supportFailures,
    externalSupport: w?.externalSupport,
  });
}

/** A deal and a scenario for it. */
export const scenarioCase: fc.Arbitrary<ScenarioCase> = fc
  .tuple(dealRaw, scenarioRaw)
  .map(([d, s]) => {
    const deal = buildDeal(d);
    return { deal, scenario: buildScenario(deal, s) };
  });
