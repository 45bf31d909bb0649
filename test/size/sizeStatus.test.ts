/**
 * Sizing from a status (`size --status`): the outstanding balances move, from the remaining pool.
 * Checked against the sizing at issue where the two must agree: from the status the base case
 * reaches on the first payment date, under a scenario whose defaults all fall after it.
 */
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal, runDeal } from '../../src/engine/run.js';
import { projectStatus } from '../../src/engine/status.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { DEFAULT_RATING_SCALE, notchOf } from '../../src/stress/ratingScale.js';
import { sizeTranches, startBalances, statusWithBalances, structureOf, withBalances, type SizeOptions } from '../../src/stress/size.js';
import { fen } from '../../src/util/fen.js';
import { Decimal } from '../../src/util/money.js';

const STEP = fen(100_000_000); // 100万元
const deal = loadDeal('deals/guangkai-patent-license.json').deal!;
const prepared = prepareDeal(deal);
const n = prepared.periods.length;
const base = baseScenario(deal);
// Defaults spread evenly over periods 2…n: none in the first, so a run from the status after it is the whole run's rest.
const later = { ...base, externalSupport: false, defaultRate: { ...base.defaultRate!, timing: { explicit: [0, ...Array<number>(n - 1).fill(1)] } } };
const options = (status?: ReturnType<typeof projectStatus>): SizeOptions => ({ scale: DEFAULT_RATING_SCALE, baseRate: new Decimal('0.05'), scenario: later, step: STEP, basis: 'expected', status });
const AA = [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AA', 'test') }];

describe('sizeTranches from a status', () => {
  const first = projectStatus(prepared, 1);

  it('starts from the outstanding balances and keeps their total', () => {
    const r = sizeTranches(prepared, AA, options(first));
    expect(r.tranches.map((t) => t.before)).toEqual(startBalances(prepared, first));
    expect(r.tranches[0]!.before).toBeLessThan(prepared.issued[0]!);
    expect(r.tranches[0]!.after + r.tranches[1]!.after).toBe(first.tranches[0]!.balance + first.tranches[1]!.balance);
  });

  it('agrees with the sizing at issue from the first payment date: the senior sized then, less its first principal, within a step (every sample deal, AAA, AA, A)', () => {
    for (const f of ['guangkai-patent-license', 'wenke-lease-1', 'iqiyi-supply-chain', 'gaoxintou-ip-2']) {
      const d = loadDeal(`deals/${f}.json`).deal!;
      const p = prepareDeal(d);
      const b = baseScenario(d);
      const late = { ...b, externalSupport: false, defaultRate: { ...b.defaultRate!, timing: { explicit: [0, ...Array<number>(p.periods.length - 1).fill(1)] } } };
      const o = (status?: ReturnType<typeof projectStatus>): SizeOptions => ({ ...options(status), scenario: late });
      for (const grade of ['AAA', 'AA', 'A']) {
        const target = [{ tranche: d.spec.tranches[0]!.id, notch: notchOf(DEFAULT_RATING_SCALE, grade, 'test') }];
        const atIssue = sizeTranches(p, target, o());
        const s0 = atIssue.tranches[0]!.after;
        const firstPrincipal = runDeal(withBalances(p, atIssue.tranches.map((t) => t.after)), late).tranches[0]!.periods[0]!.principalPaid;
        const s1 = sizeTranches(p, target, o(projectStatus(p, 1))).tranches[0]!.after;
        // Passing is monotone in the senior's balance, with the same threshold less the first principal.
        expect(s1, `${f} ${grade}`).toBeGreaterThan(s0 - firstPrincipal - STEP);
        expect(s1, `${f} ${grade}`).toBeLessThanOrEqual(s0 - firstPrincipal + STEP);
      }
    }
  });

  it('grades each tranche as it stands as the whole deal grades it at issue', () => {
    const r = sizeTranches(prepared, AA, options(first));
    const fromStatus = structureOf(prepared, r, options(first));
    const unsized = { tranches: prepared.issued.map((b, i) => ({ id: prepared.deal.spec.tranches[i]!.id, before: b, after: b })), runs: 0 };
    const whole = structureOf(prepared, unsized, options());
    fromStatus.forEach((row, i) => {
      expect(row.current!.withoutSupport.rate).toBe(whole[i]!.withoutSupport.rate);
      expect(row.current!.withoutSupport.grade?.grade).toBe(whole[i]!.withoutSupport.grade?.grade);
    });
    // The sized senior earns its target from the status; one step more does not.
    expect(fromStatus[0]!.withoutSupport.rate).toBeGreaterThanOrEqual(0.2);
  });

  it('statusWithBalances moves only the balances', () => {
    const b = startBalances(prepared, first).slice();
    b[0] = (b[0]! - STEP) as typeof b[0];
    const moved = statusWithBalances(first, b);
    expect(moved.tranches[0]).toEqual({ ...first.tranches[0], balance: b[0] });
    expect(moved.tranches[1]).toBe(first.tranches[1]);
    expect(moved.accounts).toBe(first.accounts);
  });

  it('refuses a target whose tranches are repaid on the status date', () => {
    const repaid = statusWithBalances(first, [fen(0), fen(0)]);
    expect(() => sizeTranches(prepared, AA, options(repaid))).toThrow(/nothing to size \(both are repaid\)/);
  });
});
