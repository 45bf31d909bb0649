/**
 * fast-check generators of valid assets (built through the zod schemas so defaults apply) and the
 * invariant every contractual schedule must keep.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { addDays, addMonths, compareDates, fromDayNumber, toDayNumber, type IsoDate } from '../../src/dates/date.js';
import { DAY_COUNTS } from '../../src/dates/daycount.js';
import { Lease, PledgeLoan, Receivable, Royalty, ScheduledFlow, IP_TYPES } from '../../src/schema/pool.js';
import type { AssetSpec } from '../../src/schema/deal.js';
import type { ContractualCashflows } from '../../src/pool/index.js';
import { Decimal, sum, ZERO } from '../../src/util/money.js';

/** A whole number of fen written as a yuan string, e.g. 123456 → "1234.56". */
export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Amounts in fen: mostly realistic loan sizes, sometimes tiny (0–99 fen) or huge (up to 10 bn yuan). */
export const fenAmount = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 10_000_000 }) },
  { weight: 5, arbitrary: fc.integer({ min: 10_000_000, max: 10_000_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1_000_000_000_000 }) },
);
export const yuan = fenAmount.map(fenToYuan);
/** Positive amounts (at least one fen). */
export const positiveYuan = fenAmount.filter((f) => f > 0).map(fenToYuan);

/** Annual rates 0–24% in basis points, as decimal strings ("0.0435"); 0 often. */
export const rate = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2400 }) },
).map((bp) => new Decimal(bp).div(10_000).toString());

export const every = fc.constantFrom(1, 3, 6, 12);

/** Cutoff dates 2010–2035, with month ends over-represented (to exercise clamping). */
export const cutoffDate = fc.oneof(
  fc.integer({ min: toDayNumber('2010-01-01'), max: toDayNumber('2035-12-31') }).map(fromDayNumber),
  fc.tuple(fc.integer({ min: 2010, max: 2035 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => addDays(addMonths(`${y}-${String(m).padStart(2, '0')}-01`, 1), -1)),
);

const day = (d: IsoDate, n: number) => addDays(d, n);

/**
 * Splits `totalFen` into `count` non-negative whole-fen parts at random cut points (independent
 * of `allocate`, so the pool tests do not lean on the code they test).
 */
export function splitFen(totalFen: number, cuts: number[]): number[] {
  const points = [0, ...cuts.map((c) => Math.floor(c * totalFen)).sort((a, b) => a - b), totalFen];
  return points.slice(1).map((p, i) => p - points[i]!);
}

const common = {
  obligor: fc.constantFrom('借款人A', '深圳某科技有限公司', 'Obligor B'),
  industry: fc.option(fc.constantFrom('制造业', '信息技术业', '建筑业', '批发和零售业'), { nil: undefined }),
  region: fc.option(fc.constantFrom('福田区', '南山区', '北京市'), { nil: undefined }),
  ip: fc.option(fc.record({ types: fc.uniqueArray(fc.constantFrom(...IP_TYPES), { minLength: 1, maxLength: 3 }) }), { nil: undefined }),
};

function strip<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** A pledge loan and a cutoff before or during it (never after its maturity). */
export const pledgeLoanCase = fc
  .record({
    cutoff: cutoffDate,
    startOffset: fc.integer({ min: -2000, max: 120 }),
    termMonths: fc.integer({ min: 1, max: 120 }),
    oddDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 45 })),
    principalFen: fenAmount,
    rate,
    every,
    dayCount: fc.option(fc.constantFrom(...DAY_COUNTS), { nil: undefined }),
    repayment: fc.constantFrom('bullet', 'equalPrincipal', 'level', 'schedule'),
    schedCuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
    schedDates: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 13, maxLength: 13 }),
    before: fc.array(fc.record({ back: fc.integer({ min: 0, max: 400 }), fen: fenAmount }), { maxLength: 3 }),
    shuffle: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
    ...common,
  })
  .filter((c) => compareDates(addDays(addMonths(day(c.cutoff, c.startOffset), c.termMonths), c.oddDays), c.cutoff) > 0)
  .map((c) => {
    const startDate = day(c.cutoff, c.startOffset);
    const maturityDate = addDays(addMonths(startDate, c.termMonths), c.oddDays);
    let schedule: { date: string; principal: string }[] | undefined;
    if (c.repayment === 'schedule') {
      // Principal due after the cutoff (and after the start) sums to the balance; a few payments
      // before the cutoff are history and are ignored. Written in a shuffled order.
      const from = compareDates(startDate, c.cutoff) > 0 ? startDate : c.cutoff;
      const span = toDayNumber(maturityDate) - toDayNumber(from);
      const parts = splitFen(c.principalFen, c.schedCuts);
      const dates = parts.map((_, i) => fromDayNumber(toDayNumber(from) + 1 + Math.floor(c.schedDates[i]! * (span - 1))));
      const after = parts.map((p, i) => ({ date: dates[i]!, principal: fenToYuan(p) }));
      const hist = c.before.map((b) => ({ date: day(c.cutoff, -b.back), principal: fenToYuan(b.fen) }));
      const all = [...after, ...hist];
      // A deterministic shuffle driven by the generated numbers.
      for (let i = all.length - 1; i > 0; i--) {
        const j = c.shuffle[i % c.shuffle.length]! % (i + 1);
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      schedule = all;
    }
    const asset = PledgeLoan.parse(
      strip({
        type: 'pledgeLoan',
        id: 'L1',
        obligor: c.obligor,
        industry: c.industry,
        region: c.region,
        ip: c.ip,
        principal: fenToYuan(c.principalFen),
        rate: c.rate,
        dayCount: c.dayCount,
        startDate,
        maturityDate,
        repayment: c.repayment,
        paymentEveryMonths: c.every,
        schedule,
      }),
    );
    return { asset: asset as AssetSpec, cutoff: c.cutoff };
  });

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** A royalty contract: level with `amount` or `total`, or an explicit schedule; cutoff anywhere. */
export const royaltyCase = fc
  .record({
    cutoff: cutoffDate,
    firstOffset: fc.integer({ min: -800, max: 400 }),
    everyMonths: fc.oneof(every, fc.integer({ min: 1, max: 24 })),
    count: fc.integer({ min: 1, max: 120 }),
    kind: fc.constantFrom('amount', 'total', 'schedule'),
    amount: yuan,
    payments: fc.array(fc.record({ offset: fc.integer({ min: -500, max: 2000 }), amount: yuan }), { minLength: 1, maxLength: 20 }),
    ...common,
  })
  .map((c) => {
    const first = day(c.cutoff, c.firstOffset);
    const royalties =
      c.kind === 'schedule'
        ? { type: 'schedule', payments: c.payments.map((p) => ({ date: day(c.cutoff, p.offset), amount: p.amount })) }
        : { type: 'level', everyMonths: c.everyMonths, first, count: c.count, [c.kind]: c.amount };
    const asset = Royalty.parse(
      strip({
        type: 'royalty',
        id: 'R1',
        obligor: c.obligor,
        industry: c.industry,
        region: c.region,
        ip: c.ip,
        contractStart: day(first, -30),
        // Deal-file dates run to 2199; a long schedule's contract end is clamped there.
        contractEnd: minDate(addMonths(first, c.everyMonths * c.count), '2199-12-31'),
        royalties,
      }),
    );
    return { asset: asset as AssetSpec, cutoff: c.cutoff };
  });

/** A lease: level or equal-principal rents from after the cutoff, or a schedule; either balance basis. */
export const leaseCase = fc
  .record({
    cutoff: cutoffDate,
    firstOffset: fc.integer({ min: 1, max: 400 }),
    everyMonths: every,
    count: fc.integer({ min: 1, max: 120 }),
    kind: fc.constantFrom('level', 'equalPrincipal', 'schedule'),
    principalFen: fenAmount,
    rate,
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
    offsets: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 13, maxLength: 13 }),
    interests: fc.array(yuan, { minLength: 13, maxLength: 13 }),
    before: fc.array(fc.record({ back: fc.integer({ min: 0, max: 400 }), principal: yuan, interest: yuan }), { maxLength: 3 }),
    basis: fc.option(fc.constantFrom('rent', 'principal'), { nil: undefined }),
    buyBackPrice: fc.option(yuan, { nil: undefined }),
    ...common,
  })
  .map((c) => {
    const leasePrincipal = fenToYuan(c.principalFen);
    const rent =
      c.kind === 'schedule'
        ? {
            type: 'schedule',
            payments: [
              ...splitFen(c.principalFen, c.cuts).map((p, i) => ({ date: day(c.cutoff, c.offsets[i]!), principal: fenToYuan(p), interest: c.interests[i]! })),
              ...c.before.map((b) => ({ date: day(c.cutoff, -b.back), principal: b.principal, interest: b.interest })),
            ],
          }
        : { type: c.kind, everyMonths: c.everyMonths, first: day(c.cutoff, c.firstOffset), count: c.count };
    const asset = Lease.parse(
      strip({
        type: 'lease',
        id: 'S1',
        obligor: c.obligor,
        industry: c.industry,
        region: c.region,
        ip: c.ip,
        leasePrincipal,
        rate: c.rate,
        startDate: day(c.cutoff, -10),
        rent,
        balanceBasis: c.basis,
        buyBackPrice: c.buyBackPrice,
      }),
    );
    return { asset: asset as AssetSpec, cutoff: c.cutoff };
  });

export const receivableCase = fc
  .record({ cutoff: cutoffDate, dueOffset: fc.integer({ min: -100, max: 1500 }), face: yuan, ...common })
  .map((c) => ({
    asset: Receivable.parse(
      strip({ type: 'receivable', id: 'F1', obligor: c.obligor, industry: c.industry, region: c.region, ip: c.ip, face: c.face, dueDate: day(c.cutoff, c.dueOffset) }),
    ) as AssetSpec,
    cutoff: c.cutoff,
  }));

export const scheduledFlowCase = fc
  .record({
    cutoff: cutoffDate,
    flows: fc.array(fc.record({ offset: fc.integer({ min: -400, max: 3000 }), principal: yuan, interest: fc.option(yuan, { nil: undefined }) }), {
      minLength: 1,
      maxLength: 20,
    }),
    ...common,
  })
  .map((c) => ({
    asset: ScheduledFlow.parse(
      strip({
        type: 'scheduledFlow',
        id: 'X1',
        obligor: c.obligor,
        industry: c.industry,
        region: c.region,
        ip: c.ip,
        flows: c.flows.map((f) => strip({ date: day(c.cutoff, f.offset), principal: f.principal, interest: f.interest })),
      }),
    ) as AssetSpec,
    cutoff: c.cutoff,
  }));

/** Any asset of the five types with its cutoff. */
export const anyAssetCase = fc.oneof(pledgeLoanCase, royaltyCase, leaseCase, receivableCase, scheduledFlowCase);

function isWholeFen(d: Decimal): boolean {
  return d.isFinite() && d.decimalPlaces() <= 2;
}

/**
 * The invariants of a contractual schedule: principal sums to the balance exactly, every amount
 * is whole fen and non-negative (not even −0), dates are after the cutoff and in order, and the
 * running balance never goes negative.
 */
export function expectValidSchedule(cf: ContractualCashflows, cutoff: IsoDate): void {
  expect(isWholeFen(cf.balance), `balance ${cf.balance.toString()} is whole fen`).toBe(true);
  expect(cf.balance.isNegative(), 'balance is not negative').toBe(false);
  expect(sum(cf.flows.map((f) => f.principal)).toFixed(2)).toBe(cf.balance.toFixed(2));
  let left = cf.balance;
  let prev: IsoDate | undefined;
  for (const f of cf.flows) {
    for (const [what, v] of [['principal', f.principal], ['interest', f.interest]] as const) {
      expect(isWholeFen(v), `${what} ${v.toString()} on ${f.date} is whole fen`).toBe(true);
      expect(v.isNegative(), `${what} ${v.toString()} on ${f.date} is not negative`).toBe(false);
    }
    expect(compareDates(f.date, cutoff), `${f.date} is after the cutoff ${cutoff}`).toBe(1);
    if (prev !== undefined) expect(compareDates(prev, f.date), `${prev} then ${f.date}`).toBeLessThanOrEqual(0);
    prev = f.date;
    left = left.minus(f.principal);
    expect(left.gte(ZERO), `running balance ${left.toString()} after ${f.date}`).toBe(true);
  }
  expect(left.isZero()).toBe(true);
}
