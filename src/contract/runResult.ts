/**
 * The JSON contract of `ipabs run --format json`: a zod schema that is at once the serializer
 * (`z.encode` of a RunResult gives the JSON), the reader (`z.decode`) and the source of
 * `schemas/run-result.schema.json`. Amounts are yuan as decimal strings with two decimals, dates
 * YYYY-MM-DD (`date` the day cash moves, `nominalDate` the schedule date), ratios decimal strings,
 * figures (WAL, yield, durations) numbers to 10 places; an optional value is `null`, never
 * missing. Fields are only ever added (see RESULT_SCHEMA_VERSION), never renamed or removed.
 */
import { z } from 'zod';
import type { RunResult } from '../engine/types.js';
import { complete, leaves, orNull, schemaVersion } from './fields.js';
import { RESULT_SCHEMA_VERSION } from '../report/kinds.js';
import { lazy } from './lazy.js';
import { perHundred } from '../analytics/perHundred.js';
import { Decimal } from '../util/money.js';

const period = () => z.number().int().min(0).meta({ description: 'The payment date’s number, 1 for the first (0 for the closing).' });

const tranche = () => {
  const { money, ratio, figure, date } = leaves();
  const periods = z.object({
    period: period(),
    date,
    nominalDate: date,
    beginBalance: money,
    interestDue: money.meta({ description: 'This period’s accrual plus arrears brought forward.' }),
    interestPaid: money,
    principalDue: money,
    principalPaid: money,
    residualPaid: money.meta({ description: 'What is left for the subordinate after everything else (超额收益).' }),
    endBalance: money,
    interestShortfall: money.meta({ description: 'Unpaid interest carried to the next date.' }),
  });
  const summary = complete({
    finalPaymentDate: orNull(date),
    principalPaid: money,
    interestPaid: money,
    residualPaid: money,
    loss: money.meta({ description: 'Principal not repaid by the last payment date.' }),
    interestShortfall: money.meta({ description: 'Interest still unpaid after the last payment date.' }),
    principalWindow: orNull(z.object({ first: date, last: date })),
    wal: orNull(figure).meta({ description: 'Weighted average life in years from the closing date (ACT/365F).' }),
    yield: orNull(figure).meta({ description: 'Yield at the issue price (par unless the deal gives one), settled on the closing date, by yieldConvention (PBoC 2007: compounded at the coupon frequency, simple interest in the last coupon period).' }),
    macaulayDuration: orNull(figure).meta({ description: 'Years, by yieldConvention.' }),
    modifiedDuration: orNull(figure).meta({ description: '−(dP/dy)/P in years, by yieldConvention.' }),
    convexity: orNull(figure).meta({ description: '(d²P/dy²)/P in years², by yieldConvention.' }),
    yieldMethod: orNull(z.enum(['compound', 'simple', 'annual'])).meta({ description: 'compound: at the coupon frequency, first period d/TS (more than one payment left); simple: one payment within a year (last coupon period); annual: one payment more than a year away.' }),
    couponFrequency: orNull(z.number().int()).meta({ description: 'Coupons a year the yield compounds at.' }),
    yieldConvention: orNull(z.string()).meta({ description: 'The yield convention, named: "PBoC 2007: compounded 4×/yr, first period d/TS".' }),
  });
  const per100 = z
    .codec(z.string().regex(/^-?\d+\.\d{4}$/), z.custom<Decimal>((v) => Decimal.isDecimal(v)), { decode: (t) => new Decimal(t), encode: (d) => d.toFixed(4) })
    .meta({ description: 'Yuan per 100 yuan of issued face, four decimals, rounded half up: "0.8329".' });
  const perHundred = z
    .array(z.object({ period: period(), date, interest: per100, principal: per100, residual: per100, total: per100, remainingFace: per100 }))
    .meta({ description: '每百元本息: the payments per 100 yuan of issued face; principal rounded cumulatively so it sums to 100.0000 when repaid.' });
  return complete({
    id: z.string(),
    name: z.string(),
    code: orNull(z.string()).meta({ description: '证券代码, when the deal gives one.' }),
    shortName: orNull(z.string()).meta({ description: '证券简称, when the deal gives one.' }),
    class: z.string(),
    balance: money,
    coupon: orNull(ratio).meta({ description: 'The coupon as the deal states it (before spread compression); a floating tranche’s first fixing.' }),
    // Present for a floating tranche only, so fixed-rate results keep their bytes.
    coupons: z.array(ratio).optional().meta({ description: 'A floating tranche only: the coupon in force each period (its fixing, plus any spread compression).' }),
    expectedMaturity: date,
    periods: z.array(periods),
    summary,
    perHundred,
  });
};

const pool = () => {
  const { money, date } = leaves();
  const periods = z.object({
    period: period(),
    date,
    nominalDate: date,
    collectionStart: date,
    collectionEnd: date,
    beginBalance: money,
    scheduledPrincipal: money,
    scheduledInterest: money,
    principal: money,
    interest: money,
    missed: money.meta({ description: 'Contractual payments not received when due.' }),
    defaulted: money,
    recoveries: money,
    compensation: money.meta({ description: 'Paid by the other parties of a loss-sharing model (government fund, insurer …).' }),
    prepaid: money.meta({ description: 'Principal prepaid (included in principal).' }),
    guaranteePayments: money.meta({ description: 'Paid by loan guarantors (保证担保) for defaulted assets.' }),
    callProceeds: money.meta({ description: 'Paid by the buyer of a clean-up call (清仓回购).' }),
    endBalance: money,
    cumulativeDefaulted: money,
  });
  return z.object({
    initialBalance: money,
    totalCollected: money,
    totalDefaulted: money,
    totalRecovered: money,
    recoveriesAfterEnd: money.meta({ description: 'Recoveries that would arrive after the last payment date: never collected.' }),
    periods: z.array(periods),
  });
};

const parties = () => {
  const { money, date } = leaves();
  const fee = z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    totalPaid: money,
    unpaid: money,
    periods: z.array(z.object({ period: period(), date, due: money, paid: money, arrears: money })),
  });
  const account = z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['collection', 'reserve']),
    drawn: money.optional().meta({ description: 'A reserve’s draws for missed collections and shortfalls (its releases not included); reserves only.' }),
    periods: z.array(z.object({ period: period(), date, begin: money, in: money, out: money, end: money })),
  });
  const support = complete({
    id: z.string(),
    name: orNull(z.string()),
    kind: z.string(),
    provider: z.string(),
    totalDrawn: money,
    repaid: money,
    outstanding: money,
    unpaid: money.meta({ description: 'Asked for but not paid (provider failure or cap).' }),
    draws: z.array(z.object({ period: period(), date, requested: money, amount: money, reason: z.string() })),
  });
  return { fees: z.array(fee), accounts: z.array(account), supports: z.array(support) };
};

const events = () => {
  const { money, date } = leaves();
  const type = z.enum(['trigger', 'default', 'supportShortfall', 'cleanUpCall', 'reserveDraw', 'reserveRelease', 'stateChange', 'legalMaturity']);
  const event = z.object({
    period: period(),
    date,
    type,
    id: z.string().optional().meta({ description: 'The asset, trigger, account or support concerned.' }),
    name: z.string().optional(),
    amount: money.optional().meta({ description: 'The amount concerned (a defaulted balance, a draw, a release, what a support paid).' }),
    requested: money.optional().meta({ description: 'What a support was asked for.' }),
    detail: z.string().optional().meta({ description: 'The kind within the type: default/stopPaying/pool, fires/cured, the new state, missedCollections/shortfall, failed/cap.' }),
    fromStatus: z.boolean().optional().meta({ description: 'With --status: a default the status carries in (before the status date), not one the run projects.' }),
    message: z.string().meta({ description: 'The event in English, for programs and logs.' }),
  });
  return z.array(event);
};

const proof = () => {
  const { money, ratio, date } = leaves();
  const coverage = complete({
    minimum: orNull(ratio),
    wholeLife: orNull(ratio),
    periods: z.array(
      complete({ period: period(), date, fundsForSenior: money, seniorDue: money, multiple: orNull(ratio).meta({ description: 'fundsForSenior / seniorDue; null when nothing is due.' }), excessSpread: money }),
    ),
  });
  const checks = z.object({
    conservation: z.boolean(),
    cashIn: money,
    cashOut: money,
    held: money,
    periodsChecked: z.number().int(),
    fundedAtClosing: money,
    largestDifference: money,
    periods: z.array(z.object({ period: period(), cashIn: money, cashOut: money, heldBegin: money, heldEnd: money, holds: z.boolean() })),
  });
  const ledger = z.array(
    z.object({
      period: period(),
      date,
      from: z.string(),
      to: z.string(),
      amount: money,
      reason: z.string(),
      // Written by the integer engine (branch h-engine): make `phase` required once it is merged.
      phase: z.string().optional().meta({ description: 'What moved the cash: funding, collect, guarantee, recovery, cleanUpCall, reserveRelease, vat, liquidityRepayment, waterfall.' }),
      step: z.number().int().optional().meta({ description: 'In the waterfall phase: the step’s 0-based index in the state’s waterfall.' }),
      stepType: z.string().optional().meta({ description: 'In the waterfall phase: the step’s type.' }),
    }),
  );
  return { coverage, checks, ledger };
};

/** The schema of `ipabs run --format json`, built on first use. */
export const runResultSchema = lazy(() => {
  const { date } = leaves();
  const { fees, accounts, supports } = parties();
  const { coverage, checks, ledger } = proof();
  return z.object({
    schemaVersion: schemaVersion(),
    deal: z.object({ id: z.string(), name: z.string(), shortName: z.string().optional(), closing: date }),
    scenario: z.object({ name: z.string().optional() }),
    tranches: z.array(tranche()),
    pool: pool(),
    fees,
    accounts,
    supports,
    events: events(),
    states: z.array(z.object({ period: period(), date, state: z.enum(['normal', 'accelerated', 'default']) })),
    coverage,
    checks,
    ledger: ledger.optional().meta({ description: 'Every cash movement, with --ledger only.' }),
    indexPaths: z
      .array(z.object({ name: z.string(), shiftBp: z.number().optional(), values: z.array(z.object({ date, value: leaves().ratio, projected: z.boolean() })) }))
      .optional()
      .meta({ description: 'Only when a rate floats: the index paths the run read (projected values are assumptions, shifted as the scenario says).' }),
    status: z
      .object({ asOf: date, lastPaymentDate: date, periodsPast: z.number().int().min(1) })
      .optional()
      .meta({ description: 'Only with --status: the status the run starts from (its date, the last payment date passed, the periods already past); the tables hold the later periods.' }),
  });
});

/** What a run result is to its JSON contract (checked by the compiler: a RunResult is one). */
export type RunResultValue = z.output<ReturnType<typeof runResultSchema>>;

/**
 * The JSON value of `ipabs run --format json`: the result encoded through
 * {@link runResultSchema}, so the output is what the schema says; `ledger` adds every cash
 * movement.
 *
 * @example
 * runJson(runDeal(deal)).tranches[0].balance // '285950000.00'
 */
export function runJson(result: RunResult, options: { ledger?: boolean } = {}): z.input<ReturnType<typeof runResultSchema>> {
  const tranches = result.tranches.map((t) => ({ ...t, perHundred: perHundred(t.periods, t.balance) }));
  const value: RunResultValue = { schemaVersion: RESULT_SCHEMA_VERSION, ...result, tranches, ledger: options.ledger ? result.ledger : undefined };
  return z.encode(runResultSchema(), value);
}

/** {@link runJson} as the CLI writes it: two-space indents, a final newline. */
export function runJsonText(result: RunResult, options: { ledger?: boolean } = {}): string {
  return `${JSON.stringify(runJson(result, options), null, 2)}\n`;
}
