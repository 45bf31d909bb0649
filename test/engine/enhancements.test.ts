/**
 * Credit enhancements of the two published deals, each proved against figures worked out BY HAND
 * from the deals' terms (royalty amounts, coupon × balance × days / 365, fee rates …), never
 * against snapshots of the engine's own output.
 *
 * Amounts are in yuan (元); comments also give 万元 where the report does. Cash is rounded to the
 * fen half up (四舍五入) wherever one accrual is computed, as a payment notice would.
 *
 * Where a figure depends on the whole path of a pass-through tranche (each quarter's principal
 * depends on last quarter's interest, which depends on the balance …) the test re-derives the path
 * with the small hand models below: a quarter-by-quarter recurrence written from the deal's terms,
 * not from the engine's code. Every key figure is also written out as a literal with its
 * arithmetic in a comment.
 */
import { describe, expect, it } from 'vitest';
import { runDeal } from './inYuan.js';
import type { YuanRunResult as RunResult, YuanTrancheResult as TrancheResult } from './inYuan.js';
import { loadDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { loadInlineDeal, quarterlyDealInput, receivables } from '../fixtures/quarterlyDeal.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { Decimal, toFen } from '../../src/util/money.js';

// ───────────────────────────── helpers ─────────────────────────────

type Value = Decimal | string | number;
const D = (x: Value) => new Decimal(x);
/** Rounds to the fen, half up. */
const fen = (x: Value) => toFen(D(x));
/** Two-decimal yuan string, for exact comparisons. */
const y = (x: Value) => D(x).toFixed(2);
const ZERO = D(0);
const sumOf = (xs: Iterable<Decimal>) => {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
};

function load(file: string): LoadedDeal {
  const { deal, diagnostics } = loadDeal(file);
  expect(deal, JSON.stringify(diagnostics)).toBeDefined();
  return deal!;
}

/** Runs a scenario (parsed, so its defaults apply) and proves conservation on the result. */
function run(deal: LoadedDeal, scenario: ScenarioInput = {}): RunResult {
  const r = runDeal(deal, Scenario.parse(scenario));
  expectConserved(r);
  return r;
}

/**
 * 9. Conservation, from the result's own tables and independently of `checks`:
 *   Σ in  = reserves funded at closing + pool principal, interest, recoveries, call proceeds
 *           + everything the supports paid (guarantees included);
 *   Σ out = fees paid + tranche interest, principal and residual + support repayments;
 *   held  = what the accounts hold after the last date;
 *   and Σ in = Σ out + held.
 */
function expectConserved(r: RunResult): void {
  expect(r.checks.conservation).toBe(true);
  // What was proven: the closing and every payment date, nothing off.
  expect(r.checks.periodsChecked).toBe(r.pool.periods.length + 1);
  expect(y(r.checks.largestDifference)).toBe('0.00');
  // Every account's opening balance (reserves, the collection account) was funded at closing.
  const funded = sumOf(r.accounts.map((a) => a.periods[0]!.begin));
  expect(y(r.checks.fundedAtClosing)).toBe(y(funded));
  const pool = sumOf(r.pool.periods.map((p) => p.principal.plus(p.interest).plus(p.recoveries).plus(p.callProceeds)));
  const supports = sumOf(r.supports.map((s) => sumOf(s.draws.map((d) => d.amount))));
  const cashIn = funded.plus(pool).plus(supports);
  const fees = sumOf(r.fees.flatMap((f) => f.periods.map((p) => p.paid)));
  const tranches = sumOf(r.tranches.flatMap((t) => t.periods.map((p) => p.interestPaid.plus(p.principalPaid).plus(p.residualPaid))));
  const cashOut = fees.plus(tranches).plus(sumOf(r.supports.map((s) => s.repaid)));
  const held = sumOf(r.accounts.map((a) => a.periods[a.periods.length - 1]!.end));
  expect(y(cashIn)).toBe(y(cashOut.plus(held)));
  expect(y(r.checks.cashIn)).toBe(y(cashIn));
  expect(y(r.checks.cashOut)).toBe(y(cashOut));
  expect(y(r.checks.held)).toBe(y(held));
  // Each period too: what came in = what went out + the change in what is held.
  for (const c of r.checks.periods) expect(c.holds, `period ${c.period}`).toBe(true);
}

const tranche = (r: RunResult, id: string): TrancheResult => r.tranches.find((t) => t.id === id)!;
const support = (r: RunResult, id: string) => r.supports.find((s) => s.id === id)!;
const account = (r: RunResult, id: string) => r.accounts.find((a) => a.id === id)!;
const feesDue = (r: RunResult, k: number) => sumOf(r.fees.map((f) => f.periods[k - 1]!.due));
const feesPaid = (r: RunResult) => sumOf(r.fees.map((f) => f.totalPaid));

/** Calendar days between two ISO dates, by the JavaScript clock (independent of the engine). */
const daysBetween = (a: string, b: string) => (Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000;

// ───────────────────────── 广开专利: the terms ─────────────────────────

const GUANGKAI = 'deals/guangkai-patent-license.json';
const KONG = '广州开发区金融控股集团有限公司（开发区金控）';
const ISSUE = D(301_000_000); // 30,100万: senior 28,595万 + subordinate 1,505万
const SENIOR = D(285_950_000);
const RESERVE = D(15_050_000); // 风险金 1,505万 = 5% × 30,100万 of first-license fees

/**
 * Quarterly royalty per contract: receivable / 20 quarters (each receivable = 1.3 × first-license fee).
 *   C01–C04 5,850万 / 20 = 292.5万; C05 2,600万 → 130万; C06 2,730万 → 136.5万; C07 2,340万 → 117万;
 *   C08 2,080万 → 104万; C09 3,380万 → 169万; C10 1,560万 → 78万; C11 1,040万 → 52万.
 *   Pool: 39,130万 / 20 = 1,956.5万 a quarter.
 */
const ROYALTY: Record<string, number> = {
  C01: 2_925_000, C02: 2_925_000, C03: 2_925_000, C04: 2_925_000, C05: 1_300_000, C06: 1_365_000,
  C07: 1_170_000, C08: 1_040_000, C09: 1_690_000, C10: 780_000, C11: 520_000,
};
const POOL_QUARTER = 19_565_000;

/**
 * Payment dates: the 26th of Feb/May/Aug/Nov from 2019-11-26 to 2024-08-26 (the 16th date is the
 * senior's expected maturity 2023-08-26). Interest and fees accrue between nominal dates, from the
 * closing 2019-09-11 for the first:
 *   2019-09-11→11-26: 19 + 31 + 26 = 76;   Aug→Nov, Nov→Feb, May→Aug: 92;
 *   Feb→May: 3 + 31 + 30 + 26 = 90 in a leap year (2020, 2024), 89 otherwise.
 */
const GK_DATES = [
  '2019-11-26', '2020-02-26', '2020-05-26', '2020-08-26', '2020-11-26', '2021-02-26', '2021-05-26', '2021-08-26', '2021-11-26', '2022-02-26',
  '2022-05-26', '2022-08-26', '2022-11-26', '2023-02-26', '2023-05-26', '2023-08-26', '2023-11-26', '2024-02-26', '2024-05-26', '2024-08-26',
];
const GK_DAYS = [76, 92, 90, 92, 92, 92, 89, 92, 92, 92, 89, 92, 92, 92, 89, 92, 92, 92, 90, 92];

/**
 * Fees for a period of d days (on the issue of 30,100万, ACT/365F), and the fixed fees by contract:
 *   管理费 0.15% (451,500 a year), 托管费 0.02% (60,200), 跟踪评级费 50,000 a year, 审计费 40,000 a year:
 *   601,700 a year = 0.1999% ≈ 0.2% of the issue. The fixed fees are paid in equal quarterly shares,
 *   12,500 + 10,000 = 22,500 a quarter, leap year or not; the first period (2019-09-11 → 11-26, 76 days)
 *   is a stub of the regular quarter 2019-08-26 → 11-26 (92 days): 12,500 × 76/92 = 10,326.09 and
 *   10,000 × 76/92 = 8,260.87.
 *   92 days: 113,802.74 + 15,173.70 + 22,500.00 = 151,476.44
 *   90 days: 111,328.77 + 14,843.84 + 22,500.00 = 148,672.61
 *   89 days: 110,091.78 + 14,678.90 + 22,500.00 = 147,270.68
 *   76 days:  94,010.96 + 12,534.79 + 18,586.96 = 125,132.71 (the first period)
 */
function gkFees(days: number, mgmtRate = '0.0015', first = false): Decimal {
  const t = D(days).div(365);
  const fixed = first ? fen(D(12_500).times(76).div(92)).plus(fen(D(10_000).times(76).div(92))) : D(22_500);
  return fen(ISSUE.times(mgmtRate).times(t)).plus(fen(ISSUE.times('0.0002').times(t))).plus(fixed);
}

interface GkRow {
  k: number;
  collected: Decimal;
  missed: Decimal;
  reserveDraw: Decimal;
  reserveEnd: Decimal;
  fees: Decimal;
  interest: Decimal;
  undertaking: Decimal;
  principalA: Decimal;
  beginA: Decimal;
  endA: Decimal;
  toB: Decimal;
}

/**
 * The 广开专利 waterfall by hand, quarter by quarter:
 *   cash      = royalties of the licensees still paying
 *             + 风险金 draw = min(reserve left, royalties missed)   [drawReserve missedCollections]
 *             + on the 20th date, the reserve released              [release atEnd]
 *   fees      = gkFees(days)
 *   interest  = senior balance × 4% × days / 365 (to the fen)
 *   差额支付  = what fees + senior interest + (on and after 2023-08-26) the senior balance lack,
 *               if 开发区金控 pays
 *   principal = everything left, to the senior (pass-through) until repaid, then to the subordinate.
 * The accelerated waterfall differs only by a drawReserve(shortfall) step, and the reserve is empty
 * by then in every scenario here (asserted below), so the same recurrence serves both states.
 */
function guangkaiByHand(o: { stopped?: string[]; from?: number; undertakingPays?: boolean; mgmtRate?: string } = {}): GkRow[] {
  const stopped = o.stopped ?? [];
  const from = o.from ?? 99;
  let reserve = RESERVE;
  let balA = SENIOR;
  const rows: GkRow[] = [];
  for (let k = 1; k <= 20; k++) {
    const d = GK_DAYS[k - 1]!;
    const missed = D(k >= from ? sumOf(stopped.map((c) => D(ROYALTY[c]!))) : 0);
    const collected = D(POOL_QUARTER).minus(missed);
    const reserveDraw = Decimal.min(reserve, missed);
    reserve = reserve.minus(reserveDraw);
    let cash = collected.plus(reserveDraw);
    if (k === 20) {
      cash = cash.plus(reserve);
      reserve = ZERO;
    }
    const fees = gkFees(d, o.mgmtRate, k === 1);
    const interest = fen(balA.times('0.04').times(d).div(365));
    const seniorPrincipalDue = k >= 16 ? balA : ZERO;
    const undertaking = o.undertakingPays ? Decimal.max(ZERO, fees.plus(interest).plus(seniorPrincipalDue).minus(cash)) : ZERO;
    let left = cash.plus(undertaking).minus(fees);
    expect(left.gte(interest), `period ${k}: the hand model assumes fees and interest are covered`).toBe(true);
    left = left.minus(interest);
    const principalA = Decimal.min(left, balA);
    const beginA = balA;
    balA = balA.minus(principalA);
    rows.push({ k, collected, missed, reserveDraw, reserveEnd: reserve, fees, interest, undertaking, principalA, beginA, endA: balA, toB: left.minus(principalA) });
  }
  return rows;
}

/** The engine's senior table matches the hand recurrence, period by period, to the fen. */
function expectSeniorAsByHand(r: RunResult, hand: GkRow[], upTo = 20): void {
  const A = tranche(r, 'A');
  for (const h of hand.slice(0, upTo)) {
    const p = A.periods[h.k - 1]!;
    expect(y(p.beginBalance), `A begin, period ${h.k}`).toBe(y(h.beginA));
    expect(y(p.interestPaid), `A interest, period ${h.k}`).toBe(y(h.interest));
    expect(y(p.principalPaid), `A principal, period ${h.k}`).toBe(y(h.principalA));
    expect(y(feesDue(r, h.k)), `fees, period ${h.k}`).toBe(y(h.fees));
  }
}

describe('hand inputs', () => {
  it('the day counts and royalty amounts used by hand are the deals’ own terms', () => {
    GK_DATES.forEach((date, i) => expect(daysBetween(i === 0 ? '2019-09-11' : GK_DATES[i - 1]!, date)).toBe(GK_DAYS[i]));
    // 39,130万 = 20 × 1,956.5万; the eleven royalties sum to 1,956.5万
    expect(Object.values(ROYALTY).reduce((a, b) => a + b, 0)).toBe(POOL_QUARTER);
    expect(POOL_QUARTER * 20).toBe(391_300_000);
    expect(y(gkFees(92))).toBe('151476.44');
    expect(y(gkFees(90))).toBe('148672.61');
    expect(y(gkFees(89))).toBe('147270.68');
    expect(y(gkFees(76, '0.0015', true))).toBe('125132.71');
    const deal = load(GUANGKAI);
    deal.assets.forEach((a) => {
      if (a.type !== 'royalty' || a.royalties.type !== 'level') throw new Error('level royalties expected');
      expect(y(a.royalties.total!.div(a.royalties.count))).toBe(y(ROYALTY[a.id]!));
    });
  });

  it('广开专利 base case: the senior is paid as the hand recurrence says and retires on 2023-08-28', () => {
    const r = run(load(GUANGKAI));
    const hand = guangkaiByHand({ undertakingPays: true });
    expectSeniorAsByHand(r, hand);
    // First coupon: 28,595万 × 4% × 76/365 = 11,438,000 × 76/365 = 2,381,610.958… → 2,381,610.96
    expect(y(tranche(r, 'A').periods[0]!.interestDue)).toBe('2381610.96');
    expect(tranche(r, 'A').summary.finalPaymentDate).toBe('2023-08-28');
  });
});

// ───────────────────────── 广开专利: the enhancements ─────────────────────────

describe('广开专利: 风险金 (risk reserve)', () => {
  // 专利客户01 (C01, 5,850万 receivable = 292.5万 a quarter) stops paying from period 3.
  const scenario: ScenarioInput = { defaults: [{ obligor: '专利客户01', period: 3, mode: 'stopPaying' }] };

  it('1. pays exactly the missed royalty, 292.5万 a quarter, for 5 full quarters and 42.5万 of the 6th', () => {
    const deal = load(GUANGKAI);
    const r = run(deal, scenario);
    const base = run(deal);
    const risk = account(r, 'risk');
    // 1,505万 / 292.5万 = 5 quarters (1,462.5万) and 1,505 − 1,462.5 = 42.5万 of the 6th.
    // Reserve after each date (万元): 1,505 (P1, P2), 1,212.5, 920, 627.5, 335, 42.5, 0 (P3–P8), then 0.
    const expectedOut = ['0', '0', '2925000', '2925000', '2925000', '2925000', '2925000', '425000', ...Array(12).fill('0')];
    const expectedEnd = ['15050000', '15050000', '12125000', '9200000', '6275000', '3350000', '425000', '0', ...Array(11).fill('0'), '0'];
    expect(risk.periods.map((p) => y(p.out))).toEqual(expectedOut.map(y));
    expect(risk.periods.map((p) => y(p.end))).toEqual(expectedEnd.map(y));
    expect(risk.periods.every((p) => p.in.isZero())).toBe(true); // never topped up
    // The pool misses exactly C01's royalty every quarter from period 3.
    r.pool.periods.forEach((p, i) => expect(y(p.missed)).toBe(y(i >= 2 ? 2_925_000 : 0)));
    expect(r.events.filter((e) => e.type === 'reserveDraw').map((e) => [e.period, e.id])).toEqual([3, 4, 5, 6, 7, 8].map((k) => [k, 'risk']));

    // The senior is paid as in the base case while the reserve makes the missed royalty good
    // (periods 3–7: 1,956.5万 − 292.5万 + 292.5万 = 1,956.5万 of cash, as in the base case) …
    const A = tranche(r, 'A');
    const A0 = tranche(base, 'A');
    for (let k = 1; k <= 7; k++) {
      expect(y(A.periods[k - 1]!.interestPaid)).toBe(y(A0.periods[k - 1]!.interestPaid));
      expect(y(A.periods[k - 1]!.principalPaid)).toBe(y(A0.periods[k - 1]!.principalPaid));
    }
    // … and in period 8 the senior's principal is 292.5万 − 42.5万 = 250万 short of the base case:
    // base 17,739,965.43 − 2,500,000 = 15,239,965.43 (interest is on the same balance).
    expect(y(A0.periods[7]!.principalPaid.minus(A.periods[7]!.principalPaid))).toBe('2500000.00');
    expect(y(A.periods[7]!.principalPaid)).toBe('15239965.43');

    // The whole senior path against the hand recurrence.
    const hand = guangkaiByHand({ stopped: ['C01'], from: 3, undertakingPays: true });
    expect(hand.map((h) => y(h.reserveEnd))).toEqual(expectedEnd.map(y));
    expectSeniorAsByHand(r, hand);
    expect(tranche(r, 'A').summary.loss.isZero()).toBe(true);
  });

  it('the licensee’s failure is 13.45% of the pool: the 加速清偿事件 (above 10%) fires in period 3', () => {
    // cumulativeDefaultRatio counts C01's whole remaining receivable: 18 × 292.5万 = 5,265万;
    // 5,265 / 39,130 = 13.455% > 10%. See the report: the deal's note calls the condition
    // "cumulative missed royalties", which would be 292.5万 × n and stay under 10% until period 16.
    const r = run(load(GUANGKAI), scenario);
    expect(y(r.pool.periods[2]!.defaulted)).toBe('52650000.00');
    expect(r.events.find((e) => e.type === 'trigger')).toMatchObject({ period: 3, id: 'acceleration' });
    expect(r.states.map((s) => s.state)).toEqual([...Array(2).fill('normal'), ...Array(18).fill('accelerated')]);
  });
});

describe('广开专利: 差额支付承诺 (shortfall undertaking) at the expected maturity', () => {
  // A bigger failure: 专利客户01 and 专利客户02 (292.5万 each) stop paying from period 3.
  //   cash from period 3: 1,956.5万 − 585万 = 1,371.5万 a quarter;
  //   风险金: 585万 in P3 (→ 920万), 585万 in P4 (→ 335万), 335万 in P5 (→ 0).
  const scenario: ScenarioInput = {
    defaults: [
      { obligor: '专利客户01', period: 3, mode: 'stopPaying' },
      { obligor: '专利客户02', period: 3, mode: 'stopPaying' },
    ],
  };

  it('2. pays what the senior lacks on 2023-08-26 (drawn 2023-08-21), and the senior is repaid on 2023-08-28', () => {
    const r = run(load(GUANGKAI), scenario);
    const hand = guangkaiByHand({ stopped: ['C01', 'C02'], from: 3, undertakingPays: true });
    expect(hand.slice(2, 5).map((h) => y(h.reserveDraw))).toEqual(['5850000.00', '5850000.00', '3350000.00']);
    expect(y(hand[15]!.reserveEnd)).toBe('0.00'); // the accelerated waterfall's drawReserve(shortfall) finds nothing
    expect(account(r, 'risk').periods.slice(2, 5).map((p) => y(p.out))).toEqual(['5850000.00', '5850000.00', '3350000.00']);
    expectSeniorAsByHand(r, hand, 16);

    // Before the 16th date the pool alone pays fees and the coupon: no draw.
    const draws = support(r, 'undertaking').draws;
    expect(draws).toHaveLength(1);
    const draw = draws[0]!;
    // The undertaking's trigger date: 5 exchange business days before Monday 2023-08-28
    // (Fri 25, Thu 24, Wed 23, Tue 22, Mon 21).
    expect(draw).toMatchObject({ period: 16, date: '2023-08-21' });

    // By hand, on the 16th date (92 days from 2023-05-26):
    //   cash              = 1,956.5万 − 585万                          = 13,715,000.00
    //   fees              = 151,476.44 (see gkFees)
    //   senior balance    = 82,859,581.27 (hand recurrence, periods 1–15)
    //   senior interest   = 82,859,581.27 × 4% × 92/365               =    835,406.19
    //   draw              = 151,476.44 + 835,406.19 + 82,859,581.27 − 13,715,000.00 = 70,131,463.90
    const h16 = hand[15]!;
    expect(y(h16.beginA)).toBe('82859581.27');
    expect(y(h16.interest)).toBe('835406.19');
    expect(y(h16.fees)).toBe('151476.44');
    expect(y(h16.collected)).toBe('13715000.00');
    expect(y(D('151476.44').plus('835406.19').plus('82859581.27').minus(13_715_000))).toBe('70131463.90');
    expect(y(draw.amount)).toBe('70131463.90');
    expect(y(draw.requested)).toBe('70131463.90');

    // The same from the result's own rows: what the senior's interest and principal due and the
    // fees need, less the cash of the period (pool collections + reserve draws).
    const A16 = tranche(r, 'A').periods[15]!;
    const pool16 = r.pool.periods[15]!;
    const available = pool16.principal.plus(pool16.interest).plus(account(r, 'risk').periods[15]!.out);
    expect(y(feesDue(r, 16).plus(A16.interestDue).plus(A16.principalDue).minus(available))).toBe(y(draw.amount));

    // The senior is repaid in full on the 16th date, nothing lost.
    expect(y(A16.principalPaid)).toBe('82859581.27');
    expect(y(A16.endBalance)).toBe('0.00');
    expect(tranche(r, 'A').summary.finalPaymentDate).toBe('2023-08-28');
    expect(tranche(r, 'A').summary.loss.isZero()).toBe(true);
    // The undertaking is not repaid (repaid: never), and nothing went unpaid.
    expect(support(r, 'undertaking').repaid.isZero()).toBe(true);
    expect(support(r, 'undertaking').unpaid.isZero()).toBe(true);
    expect(support(r, 'liquidity').draws).toHaveLength(0); // the undertaking, called first, covers the coupon
  });
});

describe('广开专利: the provider 开发区金控 fails', () => {
  // Four licensees (C01–C04, 292.5万 each) stop from period 3 and 开发区金控 pays nothing.
  const scenario: ScenarioInput = {
    defaults: ['专利客户01', '专利客户02', '专利客户03', '专利客户04'].map((obligor) => ({ obligor, period: 3, mode: 'stopPaying' as const })),
    supportFailures: [{ provider: KONG, from: '2019-01-01' }],
  };

  it('3. the subordinate loses everything, then the senior loses its unpaid balance after the last date', () => {
    const r = run(load(GUANGKAI), scenario);
    const hand = guangkaiByHand({ stopped: ['C01', 'C02', 'C03', 'C04'], from: 3, undertakingPays: false });
    expectSeniorAsByHand(r, hand);

    // Cash that ever comes in:
    //   royalties  2 × 1,956.5万 + 18 × (1,956.5万 − 1,170万 = 786.5万) = 3,913万 + 14,157万 = 18,070万
    //   风险金     1,170万 (P3) + 335万 (P4)                             =  1,505万
    //   total                                                           = 19,575万 = 195,750,000
    expect(y(r.checks.cashIn)).toBe('195750000.00');
    // Fees over the 20 dates: 125,132.71 (the first, 76 d) + 2 × 148,672.61 (90 d) + 3 × 147,270.68 (89 d)
    //   + 14 × 151,476.44 (92 d) = 2,984,960.13; all paid.
    expect(y(D('125132.71').plus(D('148672.61').times(2)).plus(D('147270.68').times(3)).plus(D('151476.44').times(14)))).toBe('2984960.13');
    expect(y(feesPaid(r))).toBe('2984960.13');
    // Senior interest over the 20 dates (hand recurrence, each quarter balance × 4% × days/365):
    const interest = sumOf(hand.map((h) => h.interest));
    expect(y(interest)).toBe('39370575.03');
    // Everything else went to the senior's principal, and it was not enough:
    //   principal paid = 195,750,000 − 2,984,960.13 − 39,370,575.03 = 153,394,464.84
    //   loss           = 285,950,000 − 153,394,464.84                = 132,555,535.16
    const A = tranche(r, 'A');
    expect(y(A.summary.principalPaid)).toBe('153394464.84');
    expect(y(A.summary.loss)).toBe('132555535.16');
    expect(y(A.summary.loss)).toBe(y(A.periods[19]!.endBalance)); // loss = unpaid balance after the last date
    expect(A.summary.interestShortfall.isZero()).toBe(true); // every coupon was paid from the royalties

    // The subordinate (1,505万) got nothing at all.
    const B = tranche(r, 'B');
    expect(y(B.summary.loss)).toBe('15050000.00');
    expect(B.summary.principalPaid.isZero() && B.summary.residualPaid.isZero() && B.summary.interestPaid.isZero()).toBe(true);

    // The undertaking was asked, from the 16th date, for the senior balance the pool lacked, and paid nothing.
    //   16th date: 151,476.44 + 1,648,760.72 + 163,531,973.73 − 7,865,000 = 157,467,210.89
    const u = support(r, 'undertaking');
    expect(u.draws.map((d) => d.period)).toEqual([16, 17, 18, 19, 20]);
    expect(u.draws.every((d) => d.amount.isZero())).toBe(true);
    expect(y(hand[15]!.beginA)).toBe('163531973.73');
    expect(y(hand[15]!.interest)).toBe('1648760.72');
    expect(y(u.draws[0]!.requested)).toBe(y(D('151476.44').plus('1648760.72').plus('163531973.73').minus(7_865_000)));
    expect(y(u.draws[0]!.requested)).toBe('157467210.89');
    expect(r.events.filter((e) => e.type === 'supportShortfall')).toHaveLength(5);
    expect(u.totalDrawn.isZero()).toBe(true);
  });

  /*
   * ENGINE BUG (reporting): `supports[].unpaid` adds up every period's unpaid request. A failed
   * undertaking is asked again each date for the same still-missing senior balance, so the same
   * shortfall is counted five times: 157,467,210.89 + 151,341,301.95 + 145,153,630.42 +
   * 138,868,955.28 + 132,555,535.16 = 725,386,633.70, 2.4 times the whole 30,100万 deal. What the
   * provider failed to pay is at most the largest single request (157,467,210.89 on the expected
   * maturity) and at least what the senior finally lost (132,555,535.16).
   */
  it('the undertaking’s unpaid amount counts the missing senior balance once, not once per date', () => {
    const r = run(load(GUANGKAI), scenario);
    const u = support(r, 'undertaking');
    expect(u.unpaid.lte('157467210.89'), `unpaid ${y(u.unpaid)}`).toBe(true);
    expect(u.unpaid.gte('132555535.16'), `unpaid ${y(u.unpaid)}`).toBe(true);
  });
});

describe('广开专利: fees and the senior’s maturity', () => {
  it('4a. with the deal’s fees (0.2% a year) the pool alone retires the senior on 2023-08-28', () => {
    const r = run(load(GUANGKAI));
    // By the 16th date the pool collects 16 × 1,956.5万 = 31,304万 = 313,040,000. The senior needs
    //   principal                                 285,950,000.00
    //   interest (hand recurrence, 16 coupons)     24,387,215.35
    //   fees: 125,132.71 + 148,672.61 + 3 × 147,270.68 + 11 × 151,476.44 = 2,381,858.20
    //   total                                     312,719,073.55  ≤ 313,040,000
    // so no undertaking draw, and 313,040,000 − 312,719,073.55 = 320,926.45 goes on to the subordinate.
    const hand = guangkaiByHand({ undertakingPays: true });
    const int16 = sumOf(hand.slice(0, 16).map((h) => h.interest));
    const fees16 = sumOf(hand.slice(0, 16).map((h) => h.fees));
    expect(y(int16)).toBe('24387215.35');
    expect(y(fees16)).toBe(y(D('125132.71').plus('148672.61').plus(D('147270.68').times(3)).plus(D('151476.44').times(11))));
    expect(y(fees16)).toBe('2381858.20');
    expect(y(D(313_040_000).minus(SENIOR).minus(int16).minus(fees16))).toBe('320926.45');
    expect(hand.every((h) => h.undertaking.isZero())).toBe(true);

    expect(support(r, 'undertaking').draws).toHaveLength(0);
    expect(support(r, 'liquidity').draws).toHaveLength(0);
    const A = tranche(r, 'A');
    expect(y(A.summary.interestPaid)).toBe('24387215.35');
    expect(A.summary.finalPaymentDate).toBe('2023-08-28');
    expect(y(sumOf(r.fees.flatMap((f) => f.periods.slice(0, 16).map((p) => p.paid))))).toBe('2381858.20');
    expect(y(tranche(r, 'B').periods[15]!.principalPaid)).toBe('320926.45');
  });

  /** The deal with the management fee at 0.35%: 0.35% + 0.02% + 9万/30,100万 = 0.3999% ≈ 0.4% a year. */
  function withFeesAt04(): LoadedDeal {
    const deal = load(GUANGKAI);
    const fees = deal.spec.fees.map((f) => (f.id === 'mgmt' && f.kind === 'rateOnBalance' ? { ...f, rate: D('0.0035') } : f));
    return { ...deal, spec: { ...deal.spec, fees } };
  }

  it('4b. at 0.4% a year the pool falls short on the 16th date: the undertaking pays the gap, or the senior slips to 2023-11-27', () => {
    // 管理费 at 0.35%: 1,053,500 a year; per period 76 d 219,358.90, 92 d 265,539.73, 90 d 259,767.12, 89 d 256,880.82.
    // Fees by the 16th date: 250,480.65 (the first, 76 d) + 297,110.96 (90 d) + 3 × 294,059.72 (89 d) + 11 × 303,213.43 (92 d)
    //   = 4,765,118.50: 2,383,260.30 more than at 0.2%, far above the 320,926.45 to spare.
    const hand = guangkaiByHand({ mgmtRate: '0.0035', undertakingPays: true });
    expect(y(gkFees(92, '0.0035'))).toBe('303213.43');
    const fees16 = sumOf(hand.slice(0, 16).map((h) => h.fees));
    expect(y(fees16)).toBe(y(D('250480.65').plus('297110.96').plus(D('294059.72').times(3)).plus(D('303213.43').times(11))));
    expect(y(fees16)).toBe('4765118.50');
    // The senior amortizes slower, so pays a little more interest: 16 coupons = 24,572,538.47.
    const int16 = sumOf(hand.slice(0, 16).map((h) => h.interest));
    expect(y(int16)).toBe('24572538.47');
    // 16th date: the senior owes 21,294,745.83 + 214,697.71 (× 4% × 92/365), fees 303,213.43, cash 1,956.5万:
    //   draw = 303,213.43 + 214,697.71 + 21,294,745.83 − 19,565,000 = 2,247,656.97
    // equivalently, over the 16 dates: 285,950,000 + 24,572,538.47 + 4,765,118.50 − 313,040,000 = 2,247,656.97
    expect(y(hand[15]!.beginA)).toBe('21294745.83');
    expect(y(hand[15]!.interest)).toBe('214697.71');
    expect(y(hand[15]!.undertaking)).toBe('2247656.97');
    expect(y(SENIOR.plus(int16).plus(fees16).minus(313_040_000))).toBe('2247656.97');

    // With 开发区金控 paying: drawn 2023-08-21, the senior still retires on 2023-08-28.
    const paid = run(withFeesAt04());
    expectSeniorAsByHand(paid, hand, 16);
    expect(support(paid, 'undertaking').draws.map((d) => [d.period, d.date, y(d.amount)])).toEqual([[16, '2023-08-21', '2247656.97']]);
    expect(tranche(paid, 'A').summary.finalPaymentDate).toBe('2023-08-28');

    // With 开发区金控 failing: 2,247,656.97 of principal is left after the 16th date and paid on the
    // 17th (2023-11-26, a Sunday → Monday 2023-11-27) with 92 days' interest:
    //   2,247,656.97 × 4% × 92/365 = 22,661.31.
    const failed = run(withFeesAt04(), { supportFailures: [{ provider: KONG, from: '2019-01-01' }] });
    const A = tranche(failed, 'A');
    expect(y(A.periods[15]!.endBalance)).toBe('2247656.97');
    expect(y(A.periods[16]!.interestPaid)).toBe(y(fen(D('2247656.97').times('0.04').times(92).div(365))));
    expect(y(A.periods[16]!.interestPaid)).toBe('22661.31');
    expect(y(A.periods[16]!.principalPaid)).toBe('2247656.97');
    expect(A.summary.finalPaymentDate).toBe('2023-11-27');
    expect(A.summary.loss.isZero()).toBe(true);
    expect(y(support(failed, 'undertaking').draws[0]!.requested)).toBe('2247656.97');
    expect(support(failed, 'undertaking').totalDrawn.isZero()).toBe(true);
  });
});

// ───────────────────────── 高新投知识产权2号: the terms ─────────────────────────

const GAOXINTOU = 'deals/gaoxintou-ip-2.json';
const GTY = '深圳市高新投融资担保有限公司';
/** Loan balances (the tape): 4,000 + 2,500 + 2,100 + 2,000 + 1,500 + 600 + 500 + 400 + 200 + 100 = 13,900万. */
const LOANS: Record<string, number> = {
  L01: 40_000_000, L02: 25_000_000, L03: 21_000_000, L04: 20_000_000, L05: 15_000_000,
  L06: 6_000_000, L07: 5_000_000, L08: 4_000_000, L09: 2_000_000, L10: 1_000_000,
};
/**
 * Loans: 5%, ACT/365F, 2021-01-18 → 2022-01-18, interest quarterly on the 18th, principal at maturity.
 *   loan quarters: 01-18→04-18 = 13 + 28 + 31 + 18 = 90; →07-18 = 12 + 31 + 30 + 18 = 91;
 *                  →10-18 = 13 + 31 + 30 + 18 = 92; →2022-01-18 = 13 + 30 + 31 + 18 = 92.
 * Plan: payment dates the 28th from 2021-04-28 to 2022-01-28 (closing 2021-01-28), all business days;
 *   01-28→04-28 = 90, →07-28 = 91, →10-28 = 92, →2022-01-28 = 92. Each loan date falls in the
 *   collection period of the plan date ten days later.
 */
const LOAN_DAYS = [90, 91, 92, 92];
const GX_DATES = ['2021-04-28', '2021-07-28', '2021-10-28', '2022-01-28'];
const GX_DAYS = [90, 91, 92, 92];

/** One loan's quarterly interest: balance × 5% × days / 365, to the fen. */
const loanInterest = (id: string, k: number) => fen(D(LOANS[id]!).times('0.05').times(LOAN_DAYS[k - 1]!).div(365));

interface GxRow {
  k: number;
  cash: Decimal;
  vat: Decimal;
  fees: Decimal;
  interestDue: Decimal;
  interestPaid: Decimal;
  undertaking: Decimal;
  principalA: Decimal;
  beginA: Decimal;
  endA: Decimal;
  toB: Decimal;
  endB: Decimal;
}

/**
 * The 高新投 waterfall by hand (normal and default waterfalls allocate alike here):
 *   cash      = interest of the performing loans (+ their principal on the 4th date)
 *             + 保证合同: a defaulted loan's balance and the quarter's interest it missed, if paid
 *   VAT       = pool interest × 3.26%
 *   fees      = (A + B balance) × (0.10% + 0.05%) × days / 365 (each to the fen) + 12,500 (50,000 a year in
 *               equal quarterly shares: the closing 2021-01-28 is a regular quarter before the first date)
 *   interest  = A balance × 3.5% × days / 365, plus arrears
 *   差额支付  = what VAT + fees + A interest (+ A balance on 2022-01-28) lack, if paid — the SENIOR's
 *               items only, as the undertaking's covers say
 *   principal = everything left to A (pass-through), then B, then B's residual.
 */
function gaoxintouByHand(o: { defaulted?: string; at?: number; guaranteePays: boolean; undertakingPays: boolean }): GxRow[] {
  let balA = D(138_000_000);
  let balB = D(1_000_000);
  let arrears = ZERO;
  const rows: GxRow[] = [];
  for (let k = 1; k <= 4; k++) {
    const d = GX_DAYS[k - 1]!;
    const performing = Object.keys(LOANS).filter((id) => !(o.defaulted === id && k >= o.at!));
    const poolInterest = sumOf(performing.map((id) => loanInterest(id, k)));
    const poolPrincipal = k === 4 ? sumOf(performing.map((id) => D(LOANS[id]!))) : ZERO;
    const guarantee = o.guaranteePays && o.defaulted && k === o.at ? D(LOANS[o.defaulted]!).plus(loanInterest(o.defaulted, k)) : ZERO;
    const cash = poolInterest.plus(poolPrincipal).plus(guarantee);
    // VAT is on the plan's interest income: the loans' interest and the interest in a guarantee payment.
    const guaranteeInterest = guarantee.isZero() ? ZERO : loanInterest(o.defaulted!, k);
    const vat = fen(poolInterest.plus(guaranteeInterest).times('0.0326'));
    const base = balA.plus(balB);
    const fees = fen(base.times('0.001').times(d).div(365)).plus(fen(base.times('0.0005').times(d).div(365))).plus(D(12_500));
    const interestDue = fen(balA.times('0.035').times(d).div(365)).plus(arrears);
    const principalDueA = k === 4 ? balA : ZERO;
    const undertaking = o.undertakingPays ? Decimal.max(ZERO, vat.plus(fees).plus(interestDue).plus(principalDueA).minus(cash)) : ZERO;
    let left = cash.plus(undertaking).minus(vat).minus(fees);
    expect(left.gte(0)).toBe(true);
    const interestPaid = Decimal.min(left, interestDue);
    arrears = interestDue.minus(interestPaid);
    left = left.minus(interestPaid);
    const principalA = Decimal.min(left, balA);
    const beginA = balA;
    balA = balA.minus(principalA);
    left = left.minus(principalA);
    const toB = left;
    const principalB = k === 4 || balA.isZero() ? Decimal.min(left, balB) : ZERO;
    balB = balB.minus(principalB);
    rows.push({ k, cash, vat, fees, interestDue, interestPaid, undertaking, principalA, beginA, endA: balA, toB, endB: balB });
  }
  return rows;
}

function expectGxSeniorAsByHand(r: RunResult, hand: GxRow[], upTo = 4): void {
  const A = tranche(r, 'A1');
  for (const h of hand.slice(0, upTo)) {
    const p = A.periods[h.k - 1]!;
    expect(y(p.beginBalance), `A1 begin, period ${h.k}`).toBe(y(h.beginA));
    expect(y(p.interestDue), `A1 interest due, period ${h.k}`).toBe(y(h.interestDue));
    expect(y(p.interestPaid), `A1 interest paid, period ${h.k}`).toBe(y(h.interestPaid));
    expect(y(p.principalPaid), `A1 principal, period ${h.k}`).toBe(y(h.principalA));
    expect(y(feesDue(r, h.k)), `VAT and fees, period ${h.k}`).toBe(y(h.vat.plus(h.fees)));
  }
}

describe('高新投 hand inputs', () => {
  it('day counts, loan interest and the base case', () => {
    GX_DATES.forEach((date, i) => expect(daysBetween(i === 0 ? '2021-01-28' : GX_DATES[i - 1]!, date)).toBe(GX_DAYS[i]));
    ['2021-04-18', '2021-07-18', '2021-10-18', '2022-01-18'].forEach((date, i, all) =>
      expect(daysBetween(i === 0 ? '2021-01-18' : all[i - 1]!, date)).toBe(LOAN_DAYS[i]),
    );
    expect(Object.values(LOANS).reduce((a, b) => a + b, 0)).toBe(139_000_000);
    // First quarter: 13,900万 × 5% × 90/365 = 6,950,000 × 90/365 = 1,713,698.63
    expect(y(sumOf(Object.keys(LOANS).map((id) => loanInterest(id, 1))))).toBe('1713698.63');
    const r = run(load(GAOXINTOU));
    expectGxSeniorAsByHand(r, gaoxintouByHand({ guaranteePays: true, undertakingPays: true }));
    expect(tranche(r, 'A1').summary.finalPaymentDate).toBe('2022-01-28');
  });
});

// ───────────────────────── 高新投: the enhancements ─────────────────────────

const L01_DEFAULTS: ScenarioInput['defaults'] = [{ obligor: '借款人01', period: 2 }];

describe('高新投: 保证合同 (loan guarantee)', () => {
  it('5. pays L01’s 4,000万 and the quarter’s missed interest; both tranches are paid in full', () => {
    const r = run(load(GAOXINTOU), { defaults: L01_DEFAULTS });
    // L01's interest for 2021-04-18 → 07-18 (91 days): 40,000,000 × 5% × 91/365 = 498,630.136… → 498,630.14
    // The guarantee pays 40,000,000 + 498,630.14 = 40,498,630.14 on the 2nd date (delay 0).
    expect(y(loanInterest('L01', 2))).toBe('498630.14');
    const g = support(r, 'guarantee');
    expect(g.draws.map((d) => [d.period, d.date, y(d.amount), y(d.requested)])).toEqual([[2, '2021-07-28', '40498630.14', '40498630.14']]);
    expect(y(r.pool.periods[1]!.guaranteePayments)).toBe('40498630.14');
    expect(y(r.pool.periods[1]!.missed)).toBe('498630.14');
    expect(y(r.pool.periods[1]!.defaulted)).toBe('40000000.00');
    // The other nine loans (9,900万) pay 9,900万 × 5% × 91/365 = 1,234,109.59 that quarter.
    expect(y(r.pool.periods[1]!.interest)).toBe('1234109.59');

    // 2nd date by hand: cash 1,234,109.59 + 40,498,630.14 = 41,732,739.73;
    //   VAT on the interest received, the loans' and the guarantor's:
    //     (1,234,109.59 + 498,630.14) × 3.26% = 1,732,739.73 × 3.26% = 56,487.315… → 56,487.32;
    //   fees on A1 + B = 137,597,037.81 + 1,000,000 = 138,597,037.81 for 91 days:
    //     × 0.10% → 34,554.33, × 0.05% → 17,277.16, and the quarter's 12,500.00 (64,331.49 in all);
    //   A1 interest 137,597,037.81 × 3.5% × 91/365 = 1,200,675.52;
    //   A1 principal = 41,732,739.73 − 56,487.32 − 64,331.49 − 1,200,675.52 = 40,411,245.40.
    const hand = gaoxintouByHand({ defaulted: 'L01', at: 2, guaranteePays: true, undertakingPays: true });
    expect(y(hand[1]!.principalA)).toBe('40411245.40');
    expectGxSeniorAsByHand(r, hand);
    expect(hand.every((h) => h.undertaking.isZero())).toBe(true);
    expect(support(r, 'undertaking').draws).toHaveLength(0);

    const A = tranche(r, 'A1');
    const B = tranche(r, 'B');
    expect(A.summary.loss.isZero() && B.summary.loss.isZero()).toBe(true);
    expect(y(A.summary.principalPaid)).toBe('138000000.00');
    expect(y(B.summary.principalPaid)).toBe('1000000.00');
    expect(A.summary.finalPaymentDate).toBe('2022-01-28');
    expect(r.states.every((s) => s.state === 'normal')).toBe(true);
  });
});

describe('高新投: 差额支付承诺函 when the guarantee fails', () => {
  // Only the guarantee fails (its provider also gives the undertaking, so fail it by id).
  const scenario: ScenarioInput = { defaults: L01_DEFAULTS, supportFailures: [{ support: 'guarantee', from: '2021-01-01' }] };

  it('6. the undertaking makes good the senior coupon each date and, at the expected maturity, its principal', () => {
    const r = run(load(GAOXINTOU), scenario);
    const g = support(r, 'guarantee');
    expect(g.totalDrawn.isZero()).toBe(true);
    expect(y(g.draws[0]!.requested)).toBe('40498630.14');
    const hand = gaoxintouByHand({ defaulted: 'L01', at: 2, guaranteePays: false, undertakingPays: true });
    expectGxSeniorAsByHand(r, hand);

    // 2nd date (drawn 5 business days before Wed 2021-07-28: 2021-07-21):
    //   cash 1,234,109.59 (nine loans); needs VAT 40,231.97 + fees 64,331.49 + A1 interest 1,200,675.52
    //   = 1,305,238.98 → draw 71,129.39.
    // 3rd date (2021-10-21): cash 1,247,671.23 (9,900万 × 5% × 92/365);
    //   VAT 1,247,671.23 × 3.26% = 40,674.08; fees on 138,597,037.81 for 92 days
    //   34,934.05 + 17,467.02 + 12,500.00 = 64,901.07;
    //   + A1 interest 137,597,037.81 × 3.5% × 92/365 = 1,213,869.76 → 1,319,444.91 − 1,247,671.23 = 71,773.68.
    const u = support(r, 'undertaking').draws;
    expect(y(hand[1]!.undertaking)).toBe(y(D('40231.97').plus('64331.49').plus('1200675.52').minus('1234109.59')));
    expect(y(hand[1]!.undertaking)).toBe('71129.39');
    expect(y(hand[2]!.undertaking)).toBe(y(D('40674.08').plus('64901.07').plus('1213869.76').minus('1247671.23')));
    expect(y(hand[2]!.undertaking)).toBe('71773.68');
    expect(u.slice(0, 2).map((d) => [d.period, d.date, y(d.amount)])).toEqual([
      [2, '2021-07-21', '71129.39'],
      [3, '2021-10-21', '71773.68'],
    ]);
    expect(u[2]).toMatchObject({ period: 4, date: '2022-01-21' });

    // The senior is repaid in full at its expected maturity and no coupon is missed: no 违约事件.
    const A = tranche(r, 'A1');
    expect(A.summary.loss.isZero()).toBe(true);
    expect(A.summary.interestShortfall.isZero()).toBe(true);
    expect(A.summary.finalPaymentDate).toBe('2022-01-28');
    expect(r.states.every((s) => s.state === 'normal')).toBe(true);
  });

  /*
   * ENGINE BUG: the undertaking also pays the SUBORDINATE's principal. On 2022-01-28:
   *   cash       99,000,000 (nine loans' principal) + 1,247,671.23 interest = 100,247,671.23
   *   needs      VAT 40,674.08 + fees 64,901.07 + A1 interest 1,213,869.76 + A1 balance 137,597,037.81
   *              = 138,916,482.72
   *   draw       138,916,482.72 − 100,247,671.23 = 38,668,811.49
   * The engine drew 39,668,811.49, exactly 1,000,000 (福高1次's balance) more, and the subordinate
   * is repaid in full by the guarantor. Cause: the normal waterfall pays A1 and B in one sequential
   * payPrincipal step; as that step is "covered" (it names A1), `dueThrough` counts the principal due
   * of every tranche in it, B's too. The undertaking covers fees, A1 interest and A1 principal only
   * (差额支付 for the senior's return and principal); the subordinate should lose its 100万.
   */
  it('the undertaking pays only what the senior lacks, not the subordinate’s principal', () => {
    const r = run(load(GAOXINTOU), scenario);
    const hand = gaoxintouByHand({ defaulted: 'L01', at: 2, guaranteePays: false, undertakingPays: true });
    expect(y(hand[3]!.undertaking)).toBe('38668811.49');
    expect(y(support(r, 'undertaking').draws[2]!.amount)).toBe('38668811.49');
    expect(y(tranche(r, 'B').summary.loss)).toBe('1000000.00');
  });
});

describe('高新投: guarantor and undertaking both fail (高新投担保 fails)', () => {
  const scenario: ScenarioInput = { defaults: L01_DEFAULTS, supportFailures: [{ provider: GTY, from: '2021-01-01' }] };

  it('7. the subordinate loses its 100万, then the senior loses what the nine loans cannot pay', () => {
    const r = run(load(GAOXINTOU), scenario);
    const hand = gaoxintouByHand({ defaulted: 'L01', at: 2, guaranteePays: false, undertakingPays: false });
    expectGxSeniorAsByHand(r, hand);
    expect(r.supports.every((s) => s.totalDrawn.isZero())).toBe(true);

    // Cash that comes in: interest 1,713,698.63 + 1,234,109.59 + 1,247,671.23 + 1,247,671.23
    //   + the nine loans' principal 99,000,000 = 104,443,150.68.
    expect(y(r.checks.cashIn)).toBe('104443150.68');
    expect(y(sumOf(hand.map((h) => h.cash)))).toBe('104443150.68');
    // Out of it, date by date:
    //   1: 1,713,698.63 − VAT 55,866.58 − fees 63,910.96 − A1 interest 1,190,958.90 → principal 402,962.19
    //   2: 1,234,109.59 − 40,231.97 − 64,331.49 = 1,129,546.13 of the 1,200,675.52 coupon: 71,129.39 missed
    //   3: 1,247,671.23 − 40,674.08 − 64,901.07 = 1,142,096.08 of 1,213,869.76 + 71,129.39 = 1,284,999.15:
    //      142,903.07 missed
    //   4: 100,247,671.23 − 40,674.08 − 64,901.07 − (1,213,869.76 + 142,903.07 = 1,356,772.83)
    //      = 98,785,323.25 of principal
    expect(y(hand[1]!.interestPaid)).toBe('1129546.13');
    expect(y(hand[2]!.interestDue)).toBe('1284999.15');
    expect(y(hand[2]!.interestPaid)).toBe('1142096.08');
    expect(y(hand[3]!.interestDue)).toBe('1356772.83');
    expect(y(hand[3]!.principalA)).toBe('98785323.25');
    // Senior loss = 137,597,037.81 − 98,785,323.25 = 38,811,714.56
    //   (= 138,000,000 − 402,962.19 − 98,785,323.25)
    const A = tranche(r, 'A1');
    expect(y(A.summary.loss)).toBe(y(D(138_000_000).minus('402962.19').minus('98785323.25')));
    expect(y(A.summary.loss)).toBe('38811714.56');
    expect(y(A.periods[3]!.endBalance)).toBe('38811714.56');
    expect(A.summary.interestShortfall.isZero()).toBe(true); // the arrears were caught up on the last date
    const B = tranche(r, 'B');
    expect(y(B.summary.loss)).toBe('1000000.00');
    expect(B.summary.principalPaid.isZero() && B.summary.residualPaid.isZero()).toBe(true);
  });

  it('8a. the missed senior coupon of the 2nd date fires the 违约事件 on the 3rd: the default waterfall runs', () => {
    const deal = load(GAOXINTOU);
    const r = run(deal, scenario);
    expect(r.events.filter((e) => e.type === 'trigger' || e.type === 'stateChange').map((e) => [e.period, e.type, e.id ?? ''])).toEqual([
      [3, 'trigger', 'default-event'],
      [3, 'stateChange', ''],
    ]);
    expect(r.states.map((s) => [s.period, s.date, s.state])).toEqual([
      [1, '2021-04-28', 'normal'],
      [2, '2021-07-28', 'normal'],
      [3, '2021-10-28', 'default'],
      [4, '2022-01-28', 'default'],
    ]);
    const A = tranche(r, 'A1');
    const B = tranche(r, 'B');
    // In the default waterfall the subordinate receives nothing while the senior is outstanding,
    // and the senior's principal takes all the cash left after VAT, fees and its coupon.
    for (const k of [3, 4]) {
      const b = B.periods[k - 1]!;
      expect(b.principalPaid.plus(b.residualPaid).plus(b.interestPaid).isZero()).toBe(true);
      const a = A.periods[k - 1]!;
      const pool = r.pool.periods[k - 1]!;
      expect(y(a.principalPaid)).toBe(y(pool.principal.plus(pool.interest).minus(feesDue(r, k)).minus(a.interestPaid)));
    }
    // On the sample deal the default waterfall allocates exactly as the normal one would (the senior
    // is pass-through, and B is paid after it in both), so the switch has no visible effect here:
    // the same run without the trigger gives the same tables. Hence the inline deal below.
    const noTrigger: LoadedDeal = { ...deal, spec: { ...deal.spec, triggers: [] } };
    const r0 = run(noTrigger, scenario);
    expect(r0.states.every((s) => s.state === 'normal')).toBe(true);
    for (const t of ['A1', 'B']) {
      expect(tranche(r0, t).periods.map((p) => [y(p.interestPaid), y(p.principalPaid), y(p.residualPaid)])).toEqual(
        tranche(r, t).periods.map((p) => [y(p.interestPaid), y(p.principalPaid), y(p.residualPaid)]),
      );
    }
  });
});

// ───────────────────── 8b. a trigger that changes the waterfall visibly ─────────────────────

/**
 * A small deal: five receivables of 2,000万 each, repaid 500万 a quarter on 03-31, 06-30, 09-30,
 * 12-31 (2025); a senior of 6,000万 at 4% and a subordinate of 2,000万 at 8%, both pass-through,
 * 30/360 so a quarter is exactly 1/4 year. Normal waterfall: both coupons, then principal pro rata
 * (6,000 : 2,000 = 3 : 1). Accelerated (加速清偿, on cumulative defaults above 10% of the pool):
 * senior coupon, senior principal, and only then the subordinate.
 */
function miniDeal(withTrigger: boolean): LoadedDeal {
  const input = quarterlyDealInput({ id: 'mini-acceleration', name: '加速清偿测试计划' }, {
    pool: { assets: receivables(5, '5000000.00') },
    tranches: [
      { id: 'A', name: '优先级', class: 'senior', balance: '60000000.00', coupon: '0.04', dayCount: '30/360', expectedMaturity: '2026-01-01' },
      { id: 'B', name: '次级', class: 'subordinate', balance: '20000000.00', coupon: '0.08', dayCount: '30/360', expectedMaturity: '2026-01-01' },
    ],
    triggers: withTrigger
      ? [{ id: 'acceleration', name: '加速清偿事件', condition: { type: 'cumulativeDefaultRatio', above: '0.10' }, effect: { type: 'switchWaterfall', to: 'accelerated' } }]
      : [],
    waterfalls: {
      normal: [
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payInterest', tranches: ['B'] },
        { type: 'payPrincipal', tranches: ['A', 'B'], mode: 'proRata' },
        { type: 'payResidual', tranche: 'B' },
      ],
      accelerated: [
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payPrincipal', tranches: ['A'] },
        { type: 'payInterest', tranches: ['B'] },
        { type: 'payPrincipal', tranches: ['B'] },
        { type: 'payResidual', tranche: 'B' },
      ],
    },
  });
  return loadInlineDeal(input, 'mini.json');
}

describe('8b. 加速清偿事件 on an inline deal: the waterfall changes', () => {
  // 债务人05 defaults in period 2 with nothing recovered: its 1,500万 left is 15% of the 10,000万 pool.
  const scenario: ScenarioInput = { defaults: [{ obligor: '债务人05', period: 2 }] };
  const tableOf = (t: TrancheResult) => t.periods.map((p) => [y(p.interestPaid), y(p.principalPaid), y(p.residualPaid), y(p.endBalance)]);

  it('before the trigger both tranches are paid pro rata; after it the subordinate waits for the senior', () => {
    const r = run(miniDeal(true), scenario);
    expect(r.events.filter((e) => e.type === 'trigger').map((e) => [e.period, e.id])).toEqual([[2, 'acceleration']]);
    expect(r.states.map((s) => s.state)).toEqual(['normal', 'accelerated', 'accelerated', 'accelerated']);
    expect(y(r.pool.periods[1]!.cumulativeDefaulted)).toBe('15000000.00'); // 1,500 / 10,000 = 15% > 10%

    // Period 1 (normal): cash 2,500万.
    //   A coupon 6,000万 × 4% / 4 = 600,000; B coupon 2,000万 × 8% / 4 = 400,000;
    //   principal 25,000,000 − 1,000,000 = 24,000,000 pro rata 3 : 1 → A 18,000,000, B 6,000,000;
    //   balances A 42,000,000, B 14,000,000.
    // Period 2 (accelerated): cash 4 × 500万 = 2,000万.
    //   A coupon 42,000,000 × 1% = 420,000; A principal 20,000,000 − 420,000 = 19,580,000 → A 22,420,000;
    //   B coupon 14,000,000 × 2% = 280,000 due, nothing left: unpaid.
    // Period 3: cash 2,000万. A coupon 224,200; A principal 19,775,800 → A 2,644,200;
    //   B coupon 280,000 + 280,000 arrears = 560,000 due, unpaid.
    // Period 4 (last): cash 2,000万. A coupon 26,442; A principal 2,644,200 → repaid;
    //   left 20,000,000 − 2,670,642 = 17,329,358: B coupon 280,000 + 560,000 = 840,000;
    //   B principal 14,000,000; residual 17,329,358 − 840,000 − 14,000,000 = 2,489,358.
    expect(tableOf(tranche(r, 'A'))).toEqual([
      ['600000.00', '18000000.00', '0.00', '42000000.00'],
      ['420000.00', '19580000.00', '0.00', '22420000.00'],
      ['224200.00', '19775800.00', '0.00', '2644200.00'],
      ['26442.00', '2644200.00', '0.00', '0.00'],
    ]);
    expect(tableOf(tranche(r, 'B'))).toEqual([
      ['400000.00', '6000000.00', '0.00', '14000000.00'],
      ['0.00', '0.00', '0.00', '14000000.00'],
      ['0.00', '0.00', '0.00', '14000000.00'],
      ['840000.00', '14000000.00', '2489358.00', '0.00'],
    ]);
    expect(tranche(r, 'B').periods.map((p) => y(p.interestShortfall))).toEqual(['0.00', '280000.00', '560000.00', '0.00']);
    // Σ in 2,500万 + 3 × 2,000万 = 8,500万 = A 60,000,000 + 1,270,642 + B 20,000,000 + 1,240,000 + 2,489,358.
    expect(y(r.checks.cashIn)).toBe('85000000.00');
    expect(y(D(60_000_000).plus(1_270_642).plus(20_000_000).plus(1_240_000).plus(2_489_358))).toBe('85000000.00');
  });

  it('without the trigger the subordinate keeps taking its coupon and a quarter of the principal', () => {
    const r = run(miniDeal(false), scenario);
    expect(r.states.every((s) => s.state === 'normal')).toBe(true);
    // Period 2 (normal): cash 2,000万; A coupon 420,000, B coupon 280,000;
    //   principal 20,000,000 − 700,000 = 19,300,000 pro rata 42 : 14 = 3 : 1 → A 14,475,000, B 4,825,000.
    const A2 = tranche(r, 'A').periods[1]!;
    const B2 = tranche(r, 'B').periods[1]!;
    expect([y(A2.interestPaid), y(A2.principalPaid)]).toEqual(['420000.00', '14475000.00']);
    expect([y(B2.interestPaid), y(B2.principalPaid)]).toEqual(['280000.00', '4825000.00']);
    // Period 1 is the same with or without the trigger (it has not fired yet).
    const withTrigger = run(miniDeal(true), scenario);
    expect(tableOf(tranche(r, 'A'))[0]).toEqual(tableOf(tranche(withTrigger, 'A'))[0]);
    expect(tableOf(tranche(r, 'B'))[0]).toEqual(tableOf(tranche(withTrigger, 'B'))[0]);
  });
});

// ───────────────────── 9. conservation on every scenario ─────────────────────

describe('9. conservation', () => {
  const gk: ScenarioInput[] = [
    {},
    { defaults: [{ obligor: '专利客户01', period: 3, mode: 'stopPaying' }] },
    { defaults: [{ obligor: '专利客户01', period: 3, mode: 'stopPaying' }], supportFailures: [{ provider: KONG, from: '2019-01-01' }] },
    { defaults: ['专利客户01', '专利客户02', '专利客户03', '专利客户04', '专利客户05'].map((obligor) => ({ obligor, period: 1, mode: 'stopPaying' as const })) },
    { defaults: ['专利客户01', '专利客户02', '专利客户03', '专利客户04', '专利客户05'].map((obligor) => ({ obligor, period: 1 })), supportFailures: [{ provider: KONG, from: '2019-01-01' }] },
  ];
  const gx: ScenarioInput[] = [
    {},
    { defaults: L01_DEFAULTS },
    { defaults: L01_DEFAULTS, supportFailures: [{ support: 'guarantee', from: '2021-01-01' }] },
    { defaults: L01_DEFAULTS, supportFailures: [{ provider: GTY, from: '2021-01-01' }] },
    { defaults: [{ obligor: '借款人01', period: 1, recoveryRate: 0.4, recoveryLagPeriods: 2 }, { obligor: '借款人02', period: 3 }], supportFailures: [{ provider: GTY, from: '2021-09-01', cap: '10000000.00' }] },
  ];

  it('Σ cash in = Σ out + held, for every scenario of this file and a few more', () => {
    const guangkai = load(GUANGKAI);
    const gaoxintou = load(GAOXINTOU);
    for (const s of gk) run(guangkai, s);
    for (const s of gx) run(gaoxintou, s);
    run(miniDeal(true), { defaults: [{ obligor: '债务人05', period: 2 }] });
    run(miniDeal(false), { defaults: [{ obligor: '债务人05', period: 2 }] });
  });
});
