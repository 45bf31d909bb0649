/**
 * Property tests of the engine on generated deals and scenarios (see ./arbitraries.ts):
 *   0. the generator makes only deals and scenarios the validator accepts;
 *   1. cash is conserved every period, and Σ in = Σ out + held from the result's own tables;
 *      (1b) the pool balance rolls forward; (1c) no cash is left behind after the last date
 *      but in a reserve that is never released; (1d) no support money passes on as a residual;
 *   2. no balance is ever negative;
 *   3. interest due = interest paid + shortfall carried, and the shortfall is due next period;
 *   4. sequential principal: no junior principal while a tranche ahead of it still has a balance
 *      it is owed (its whole balance when pass-through, accelerated, final or past its expected
 *      maturity; otherwise what its bullet or schedule makes due: see the note at the test);
 *   5. every amount is a whole number of fen;
 *   6. the same input gives the same bytes; (6b) so does a run resumed from the base run's state,
 *      and a run stopped once every tranche is repaid has the same losses;
 *   7. principal paid never exceeds the balance; loss = balance − Σ principal paid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { prepareDeal, ResumableRun, runDeal } from './inYuan.js';
import type { YuanRunResult as RunResult } from './inYuan.js';
import { runJson } from './inYuan.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { ScenarioSpec } from '../../src/scenario/schema.js';
import type { StepSpec } from '../../src/schema/deal.js';
import { compareDates } from '../../src/dates/date.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { Decimal, sum, ZERO } from '../../src/util/money.js';
import { dealCase, scenarioCase, type JsonObject, type ScenarioCase } from './arbitraries.js';

/** Runs per property (the whole file takes under 10 s); IPABS_PROPERTY_RUNS=2000 for a deeper search. */
const RUNS = Number(process.env['IPABS_PROPERTY_RUNS'] ?? 50);

const noTapes = () => ({ diagnostics: [], reason: 'no such file' });

/** Validates a generated deal; a deal with errors is a generator bug (or a validator bug). */
function load(input: JsonObject): LoadedDeal {
  const { deal, diagnostics } = validateDeal(input, 'generated.json', noTapes);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!deal || errors.length) throw new Error(`generated deal rejected:\n${errors.map(formatDiagnostic).join('\n')}\n${JSON.stringify(input)}`);
  return deal;
}

function scenarioFor(input: JsonObject, deal: LoadedDeal): ScenarioSpec {
  const { scenario, diagnostics } = validateScenario(input, 'scenario.json', deal);
  if (!scenario) throw new Error(`generated scenario rejected:\n${diagnostics.map(formatDiagnostic).join('\n')}\n${JSON.stringify(input)}`);
  return scenario;
}

function run(c: ScenarioCase): { deal: LoadedDeal; scenario: ScenarioSpec; result: RunResult } {
  const deal = load(c.deal.input);
  const scenario = scenarioFor(c.scenario, deal);
  return { deal, scenario, result: runDeal(deal, scenario) };
}

const property = (check: (c: ScenarioCase, ran: ReturnType<typeof run>) => void) =>
  fc.property(scenarioCase, (c) => {
    check(c, run(c));
  });

/** Exact equality of two amounts (not of their rounded forms). */
const eq = (a: Decimal, b: Decimal, what: string) => expect(a.eq(b), `${what}: ${a.toString()} ≠ ${b.toString()}`).toBe(true);

describe('generated deals', () => {
  it('0. are valid deals, with valid scenarios', () => {
    fc.assert(
      fc.property(scenarioCase, (c) => {
        const deal = load(c.deal.input);
        scenarioFor(c.scenario, deal);
        // The tranches total at most the pool balance, or exactly the purchase price.
        const issued = sum(deal.spec.tranches.map((t) => t.balance));
        if (deal.spec.pool.purchasePrice !== undefined) eq(issued, deal.spec.pool.purchasePrice, 'issued = purchase price');
        expect(issued.lte(runDeal(deal).pool.initialBalance)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('0. cover every asset type, principal rule, fee kind, support kind, trigger and step type', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(dealCase, (c) => {
        const deal = load(c.input);
        const s = deal.spec;
        for (const a of deal.assets) seen.add(`asset:${a.type}${a.type === 'pledgeLoan' ? `:${a.repayment}` : ''}`);
        for (const t of s.tranches) seen.add(`principal:${t.principal.type}`);
        for (const f of s.fees) seen.add(`fee:${f.kind}${f.kind === 'rateOnBalance' ? `:${f.base}` : f.kind === 'fixed' ? `:${f.per}` : ''}`);
        for (const a of s.accounts) seen.add(`account:${a.kind}${a.target ? `:${a.target.type}` : ''}:${a.release.type}`);
        for (const a of s.accounts) if (a.kind === 'collection' && a.initialBalance.gt(0)) seen.add('account:collection:opening');
        for (const x of s.supports) seen.add(`support:${x.kind}`);
        for (const t of s.triggers) seen.add(`trigger:${t.condition.type}`);
        for (const w of Object.values(s.waterfalls)) for (const st of w ?? []) seen.add(`step:${st.type}${st.type === 'payPrincipal' ? `:${st.mode}` : ''}`);
      }),
      { numRuns: 300 },
    );
    for (const k of [
      'asset:pledgeLoan:bullet', 'asset:pledgeLoan:equalPrincipal', 'asset:pledgeLoan:level', 'asset:royalty', 'asset:lease', 'asset:receivable', 'asset:scheduledFlow',
      'principal:passThrough', 'principal:bullet', 'principal:schedule',
      'fee:rateOnBalance:pool', 'fee:rateOnBalance:tranches', 'fee:rateOnBalance:issue', 'fee:fixed:period', 'fee:fixed:year', 'fee:percentOfPayment', 'fee:vat',
      'account:collection:opening', 'account:reserve:fixed:atEnd', 'account:reserve:nextInterest:excessOverTarget', 'account:reserve:shareOfPool:onDate', 'account:reserve:never',
      'support:loanGuarantee', 'support:shortfallUndertaking', 'support:liquiditySupport',
      'trigger:cumulativeDefaultRatio', 'trigger:missedPayment', 'trigger:coverageBelow',
      'step:payFees', 'step:payInterest', 'step:payPrincipal:sequential', 'step:payPrincipal:proRata', 'step:fundReserve', 'step:drawReserve', 'step:callSupport', 'step:repaySupport', 'step:payResidual',
    ]) {
      expect([...seen].some((x) => x === k || x.startsWith(`${k}:`)), k).toBe(true);
    }
  });
});

describe('engine properties on generated deals and scenarios', () => {
  it('1. conserves cash every period, from the ledger and from the tables', () => {
    fc.assert(
      property((_, { deal, result: r }) => {
        expect(r.checks.conservation).toBe(true);
        for (const c of r.checks.periods) expect(c.holds, `ledger conservation in period ${c.period}`).toBe(true);
        // What was proven: the closing and every period run, nothing off.
        expect(r.checks.periodsChecked).toBe(r.pool.periods.length + 1);
        eq(r.checks.largestDifference, ZERO, 'largest difference');

        // Whole life, from the tables alone: every account's opening balance is funded at closing.
        const funded = sum(deal.spec.accounts.map((a) => a.initialBalance));
        eq(r.checks.fundedAtClosing, funded, 'checks.fundedAtClosing');
        const pool = sum(r.pool.periods.map((p) => p.principal.plus(p.interest).plus(p.recoveries).plus(p.compensation).plus(p.guaranteePayments).plus(p.callProceeds)));
        const guarantees = r.supports.filter((s) => s.kind === 'loanGuarantee');
        const others = r.supports.filter((s) => s.kind !== 'loanGuarantee');
        for (const s of r.supports) eq(s.totalDrawn, sum(s.draws.map((d) => d.amount)), `${s.id} drawn = Σ draws`);
        eq(sum(guarantees.map((s) => s.totalDrawn)), sum(r.pool.periods.map((p) => p.guaranteePayments)), 'guarantee draws = pool guarantee payments');
        const supportDraws = sum(others.map((s) => s.totalDrawn));
        const feesPaid = sum(r.fees.flatMap((f) => f.periods.map((p) => p.paid)));
        for (const f of r.fees) eq(f.totalPaid, sum(f.periods.map((p) => p.paid)), `${f.id} total paid`);
        const investors = sum(r.tranches.flatMap((t) => t.periods.map((p) => p.interestPaid.plus(p.principalPaid).plus(p.residualPaid))));
        const repaid = sum(r.supports.map((s) => s.repaid));
        const held = sum(r.accounts.map((a) => a.periods[a.periods.length - 1]?.end ?? ZERO));
        const cashIn = funded.plus(pool).plus(supportDraws);
        const cashOut = feesPaid.plus(investors).plus(repaid);
        eq(cashIn, cashOut.plus(held), 'Σ in = Σ out + held');
        eq(r.checks.cashIn, cashIn, 'checks.cashIn');
        eq(r.checks.cashOut, cashOut, 'checks.cashOut');
        eq(r.checks.held, held, 'checks.held');

        // Every period: accounts roll forward, and what they gain is what came in less what went out.
        const periods = r.pool.periods.length;
        for (const a of r.accounts) {
          expect(a.periods.length).toBe(periods);
          // Each account opens with its balance funded at closing (the collection account too).
          const spec = deal.spec.accounts.find((x) => x.kind === a.kind && (x.kind === 'collection' || x.id === a.id));
          let prev = spec ? spec.initialBalance : ZERO;
          for (const p of a.periods) {
            eq(p.begin, prev, `${a.id} period ${p.period} begins where it ended`);
            eq(p.begin.plus(p.in).minus(p.out), p.end, `${a.id} period ${p.period}: begin + in − out = end`);
            prev = p.end;
          }
        }
        for (let k = 0; k < periods; k++) {
          const period = r.pool.periods[k]!.period;
          const change = sum(r.accounts.map((a) => a.periods[k]!.end.minus(a.periods[k]!.begin)));
          const p = r.pool.periods[k]!;
          const inflow = p.principal.plus(p.interest).plus(p.recoveries).plus(p.compensation).plus(p.guaranteePayments).plus(p.callProceeds)
            .plus(sum(others.flatMap((s) => s.draws.filter((d) => d.period === period).map((d) => d.amount))));
          const outflow = sum(r.fees.map((f) => f.periods[k]!.paid))
            .plus(sum(r.tranches.map((t) => t.periods[k]!.interestPaid.plus(t.periods[k]!.principalPaid).plus(t.periods[k]!.residualPaid))))
            .plus(sum(r.ledger.filter((e) => e.period === period && e.to.startsWith('support:')).map((e) => e.amount)));
          eq(change, inflow.minus(outflow), `period ${period}: Δheld = in − out`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('1b. rolls the pool balance forward: what is collected, defaults or is called never exceeds it', () => {
    fc.assert(
      property((_, { scenario, result: r }) => {
        let prev = r.pool.initialBalance;
        let cumulative = ZERO;
        for (const p of r.pool.periods) {
          eq(p.beginBalance, prev, `pool period ${p.period} begins where the last ended`);
          expect(p.endBalance.lte(p.beginBalance), `pool period ${p.period}: ${p.beginBalance.toFixed(2)} → ${p.endBalance.toFixed(2)}`).toBe(true);
          expect(p.prepaid.lte(p.principal), `pool period ${p.period}: prepaid ≤ principal`).toBe(true);
          cumulative = cumulative.plus(p.defaulted);
          eq(p.cumulativeDefaulted, cumulative, `pool period ${p.period} cumulative defaults`);
          // Collection delays and haircuts move or lose payments; without them the balance falls by
          // exactly what is collected, defaults or is bought back.
          if (!scenario.collections) {
            eq(p.beginBalance.minus(p.principal).minus(p.defaulted).minus(p.callProceeds), p.endBalance, `pool period ${p.period}: begin − principal − defaulted − call = end`);
          }
          prev = p.endBalance;
        }
        const out = sum(r.pool.periods.map((p) => p.principal.plus(p.defaulted).plus(p.callProceeds)));
        expect(out.plus(prev).lte(r.pool.initialBalance), `Σ principal + defaulted + call + end ${out.plus(prev).toFixed(2)} ≤ initial ${r.pool.initialBalance.toFixed(2)}`).toBe(true);
        const recovered = sum(r.pool.periods.map((p) => p.recoveries.plus(p.compensation)));
        expect(recovered.lte(r.pool.totalDefaulted), `recoveries and compensation ${recovered.toFixed(2)} ≤ defaulted ${r.pool.totalDefaulted.toFixed(2)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('1c. leaves no cash behind after the last payment date but in a reserve that is never released', () => {
    fc.assert(
      property((_, { deal, result: r }) => {
        const lastState = r.states[r.states.length - 1]!.state;
        const steps: StepSpec[] = deal.spec.waterfalls[lastState] ?? deal.spec.waterfalls.normal;
        for (const a of r.accounts) {
          const end = a.periods[a.periods.length - 1]!.end;
          if (a.kind === 'collection') {
            if (steps[steps.length - 1]?.type === 'payResidual') eq(end, ZERO, 'the collection account after the residual');
          } else if (deal.spec.accounts.find((x) => x.id === a.id)!.release.type !== 'never') {
            eq(end, ZERO, `reserve ${a.id} after the last payment date`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('1d. never draws a shortfall or liquidity support on a date the subordinate takes a residual', () => {
    fc.assert(
      property((_, { result: r }) => {
        // A support pays what the items it covers lack; none of it may pass on as 超额收益.
        const residual = (period: number) => sum(r.tranches.map((t) => t.periods[period - 1]?.residualPaid ?? ZERO));
        for (const s of r.supports) {
          if (s.kind === 'loanGuarantee') continue;
          for (const d of s.draws) {
            if (d.amount.gt(0)) expect(residual(d.period).isZero(), `${s.id} pays ${d.amount.toFixed(2)} in period ${d.period}, when ${residual(d.period).toFixed(2)} goes to the residual`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('2. never has a negative balance', () => {
    fc.assert(
      property((_, { result: r }) => {
        const nonNeg = (v: Decimal, what: string) => expect(v.lt(0), `${what} = ${v.toFixed(2)} is negative`).toBe(false);
        for (const t of r.tranches) {
          for (const p of t.periods) {
            for (const k of ['beginBalance', 'endBalance', 'interestDue', 'interestPaid', 'principalDue', 'principalPaid', 'residualPaid', 'interestShortfall'] as const) nonNeg(p[k], `tranche ${t.id} period ${p.period} ${k}`);
          }
          nonNeg(t.summary.loss, `tranche ${t.id} loss`);
        }
        for (const a of r.accounts) for (const p of a.periods) for (const k of ['begin', 'in', 'out', 'end'] as const) nonNeg(p[k], `account ${a.id} period ${p.period} ${k}`);
        for (const f of r.fees) {
          for (const p of f.periods) for (const k of ['due', 'paid', 'arrears'] as const) nonNeg(p[k], `fee ${f.id} period ${p.period} ${k}`);
          nonNeg(f.unpaid, `fee ${f.id} unpaid`);
        }
        for (const s of r.supports) {
          for (const k of ['totalDrawn', 'repaid', 'outstanding', 'unpaid'] as const) nonNeg(s[k], `support ${s.id} ${k}`);
          for (const d of s.draws) {
            nonNeg(d.amount, `support ${s.id} draw`);
            expect(d.amount.lte(d.requested), `support ${s.id} pays no more than asked`).toBe(true);
          }
          expect(s.repaid.lte(s.totalDrawn), `support ${s.id} repaid at most what it lent`).toBe(true);
        }
        for (const p of r.pool.periods) {
          for (const k of ['beginBalance', 'endBalance', 'scheduledPrincipal', 'scheduledInterest', 'principal', 'interest', 'missed', 'defaulted', 'recoveries', 'compensation', 'prepaid', 'guaranteePayments', 'callProceeds', 'cumulativeDefaulted'] as const) {
            nonNeg(p[k], `pool period ${p.period} ${k}`);
          }
        }
        for (const e of r.ledger) expect(e.amount.gt(0), `ledger ${e.reason}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('3. interest due = interest paid + shortfall carried, and the shortfall is due next period', () => {
    fc.assert(
      property((_, { result: r }) => {
        for (const t of r.tranches) {
          t.periods.forEach((p, i) => {
            eq(p.interestDue, p.interestPaid.plus(p.interestShortfall), `${t.id} period ${p.period}: due = paid + shortfall`);
            expect(p.interestPaid.lte(p.interestDue), `${t.id} period ${p.period}: paid ≤ due`).toBe(true);
            const prev = t.periods[i - 1];
            if (prev) expect(p.interestDue.gte(prev.interestShortfall), `${t.id} period ${p.period}: due ${p.interestDue.toFixed(2)} ≥ carried ${prev.interestShortfall.toFixed(2)}`).toBe(true);
          });
          const last = t.periods[t.periods.length - 1];
          eq(t.summary.interestShortfall, last ? last.interestShortfall : ZERO, `${t.id} final shortfall`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  /*
   * A bullet or scheduled tranche is owed, before its expected maturity in the normal state, only
   * what its rule makes due; the engine pays a pass-through tranche after it in the same
   * sequential step whatever is left (and payResidual the rest). So for such a tranche ahead, the
   * check is that it was paid all it was due, not that it was repaid: a junior can be paid while
   * it still has a balance. (Reported: with a bullet senior and a pass-through subordinate, every
   * early collection goes to the subordinate and its residual, and the senior can lose all of its
   * principal on a pool four times its size.)
   */
  it('4. pays sequential principal to a junior only when the tranches ahead are repaid (or paid what they were due)', () => {
    fc.assert(
      property((_, { deal, result: r }) => {
        const spec = deal.spec;
        const byId = new Map(r.tranches.map((t) => [t.id, t]));
        const specOf = new Map(spec.tranches.map((t) => [t.id, t]));
        const last = r.pool.periods.length - 1;
        r.states.forEach((st, k) => {
          const steps: StepSpec[] = spec.waterfalls[st.state] ?? spec.waterfalls.normal;
          /** Is a tranche owed its whole balance today (so that a sequential step pays it first in full)? */
          const wholeBalanceDue = (id: string) => {
            const t = specOf.get(id)!;
            return st.state !== 'normal' || k === last || t.principal.type === 'passThrough' || compareDates(r.tranches[0]!.periods[k]!.nominalDate, t.expectedMaturity) >= 0;
          };
          // Tranches ranked ahead: those of earlier principal steps, and earlier ones of a sequential step.
          const ahead: string[] = [];
          for (const step of steps) {
            if (step.type !== 'payPrincipal') continue;
            const before = [...ahead];
            step.tranches.forEach((id) => {
              const row = byId.get(id)!.periods[k]!;
              if (row.principalPaid.gt(0)) {
                const senior = step.mode === 'sequential' ? [...before, ...step.tranches.slice(0, step.tranches.indexOf(id))] : before;
                for (const s of senior) {
                  if (s === id) continue;
                  const sr = byId.get(s)!.periods[k]!;
                  const where = `period ${k + 1} (${st.state}): ${id} is paid ${row.principalPaid.toFixed(2)} principal while ${s}, ahead of it,`;
                  if (wholeBalanceDue(s)) expect(sr.endBalance.isZero(), `${where} still has ${sr.endBalance.toFixed(2)}`).toBe(true);
                  else expect(sr.principalPaid.gte(Decimal.min(sr.principalDue, sr.beginBalance)), `${where} is paid ${sr.principalPaid.toFixed(2)} of ${sr.principalDue.toFixed(2)} due`).toBe(true);
                }
              }
            });
            ahead.push(...step.tranches);
          }
        });
        // Sequential pass-through: a junior is paid nothing before every tranche ahead is repaid.
        for (const step of spec.waterfalls.normal) {
          if (step.type !== 'payPrincipal' || step.mode !== 'sequential') continue;
          if (!step.tranches.every((id) => specOf.get(id)!.principal.type === 'passThrough')) continue;
          step.tranches.forEach((id, j) => {
            const first = byId.get(id)!.periods.findIndex((p) => p.principalPaid.gt(0));
            if (first < 0) return;
            for (const s of step.tranches.slice(0, j)) {
              const bal = byId.get(s)!.periods[first]!.endBalance;
              expect(bal.isZero(), `${id} is first paid principal in period ${first + 1} while ${s} still has ${bal.toFixed(2)}`).toBe(true);
            }
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('5. every amount is a whole number of fen', () => {
    /** Ratios, not money. */
    const RATIOS = new Set(['multiple', 'minimum', 'wholeLife', 'coupon']);
    const walk = (v: unknown, path: string): void => {
      if (v instanceof Decimal) {
        expect(v.isFinite() && v.decimalPlaces() <= 2, `${path} = ${v.toString()} is not whole fen`).toBe(true);
        return;
      }
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!RATIOS.has(k)) walk(x, `${path}.${k}`);
    };
    fc.assert(
      property((_, { result }) => walk(result, 'result')),
      { numRuns: RUNS },
    );
  });

  it('6. gives the same bytes for the same input, and for a deep re-parse of it', () => {
    fc.assert(
      property((c, { deal, scenario, result }) => {
        const bytes = JSON.stringify(runJson(result, { ledger: true }));
        expect(JSON.stringify(runJson(runDeal(deal, scenario), { ledger: true }))).toBe(bytes);
        const again = load(JSON.parse(JSON.stringify(c.deal.input)) as JsonObject);
        const scenarioAgain = scenarioFor(JSON.parse(JSON.stringify(c.scenario)) as JsonObject, again);
        expect(JSON.stringify(runJson(runDeal(again, scenarioAgain), { ledger: true }))).toBe(bytes);
        expect(JSON.stringify(runJson(runDeal(again, scenarioAgain)))).toBe(JSON.stringify(runJson(result)));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('6b. gives the same bytes when resumed from the base run at the first named default; the same losses when stopped once repaid', () => {
    fc.assert(
      fc.property(scenarioCase, (c) => {
        const deal = load(c.deal.input);
        // Only named defaults may differ from the base (a pool-wide default rate depends on them).
        const { defaults, defaultRate: _ignored, ...rest } = c.scenario;
        const base = scenarioFor({ ...rest, defaults: [] }, deal);
        const scenario = scenarioFor({ ...rest, defaults: defaults ?? [] }, deal);
        const n = c.deal.paymentDates.length;
        const from = Math.min(n, ...scenario.defaults.map((d) => d.period - 1));
        const prepared = prepareDeal(deal);
        const whole = JSON.stringify(runJson(runDeal(prepared, scenario), { ledger: true }));
        const resumable = new ResumableRun(prepared, base, {});
        expect(JSON.stringify(runJson(resumable.run(scenario, from), { ledger: true })), `resumed from period ${from + 1}`).toBe(whole);
        expect(JSON.stringify(runJson(resumable.run(base, 0), { ledger: true })), 'the base, resumed from the start').toBe(JSON.stringify(runJson(runDeal(prepared, base), { ledger: true })));
        const full = runDeal(prepared, scenario, { detail: false });
        const stopped = runDeal(prepared, scenario, { detail: false, stopWhenRepaid: true });
        full.tranches.forEach((t, i) => {
          const x = stopped.tranches[i]!.summary;
          eq(x.loss, t.summary.loss, `${t.id} loss when stopped once repaid`);
          eq(x.interestShortfall, t.summary.interestShortfall, `${t.id} interest shortfall when stopped once repaid`);
          expect(x.wal, `${t.id} WAL when stopped once repaid`).toBe(t.summary.wal);
        });
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('7. never pays a tranche more principal than its balance; loss = balance − Σ principal paid', () => {
    fc.assert(
      property((_, { result: r }) => {
        for (const t of r.tranches) {
          let balance = t.balance;
          for (const p of t.periods) {
            eq(p.beginBalance, balance, `${t.id} period ${p.period} begins at the last end balance`);
            expect(p.principalPaid.lte(p.beginBalance), `${t.id} period ${p.period}: principal ${p.principalPaid.toFixed(2)} > balance ${p.beginBalance.toFixed(2)}`).toBe(true);
            eq(p.endBalance, p.beginBalance.minus(p.principalPaid), `${t.id} period ${p.period}: end = begin − principal`);
            balance = p.endBalance;
          }
          const paid = sum(t.periods.map((p) => p.principalPaid));
          eq(t.summary.principalPaid, paid, `${t.id} Σ principal paid`);
          eq(t.summary.loss, t.balance.minus(paid), `${t.id} loss = balance − Σ principal paid`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
