/**
 * Issue 7, item 13: `checks.conservation` is always true (a failed proof throws first), so the
 * result says what was proven beside it, and a broken ledger is caught with the right figures.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ledger } from '../../src/engine/ledger.js';
import { conservationProof, proveConservation, type ConservationPeriod } from '../../src/engine/conservation.js';
import { add, fen, fmtFen, fromYuan, NIL } from '../../src/util/fen.js';
import { runDeal } from './inYuan.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { Decimal } from '../../src/util/money.js';
import { InternalError } from '../../src/validate/diagnostics.js';
import { runCli } from '../helpers.js';

const D = (x: string | number) => fromYuan(new Decimal(x));
const row = (period: number, heldBegin: number, cashIn: number, cashOut: number, heldEnd: number): ConservationPeriod => ({
  period,
  heldBegin: D(heldBegin),
  cashIn: D(cashIn),
  cashOut: D(cashOut),
  heldEnd: D(heldEnd),
  holds: add(D(heldBegin), D(cashIn)) === add(D(cashOut), D(heldEnd)),
});

afterEach(() => vi.restoreAllMocks());

describe('the conservation proof on fabricated rows', () => {
  // Closing: 500 in and held; period 1: 1,000 in, 1,200 out, 300 held; period 2: 300 in, 600 out.
  const good = [row(0, 0, 500, 0, 500), row(1, 500, 1000, 1200, 300), row(2, 300, 300, 600, 0)];

  it('a good run: 3 periods, in 1,800 = out 1,800 + held 0, opening 500, largest difference 0.00', () => {
    const proof = conservationProof(good, { cashIn: D(1800), cashOut: D(1800), held: NIL });
    expect(proof.holds).toBe(true);
    expect(proof.periodsChecked).toBe(3);
    expect(fmtFen(proof.fundedAtClosing)).toBe('500.00');
    expect([proof.cashIn, proof.cashOut, proof.held, proof.largestDifference].map(fmtFen)).toEqual(['1800.00', '1800.00', '0.00', '0.00']);
    expect(proof.firstFailure).toBeUndefined();
  });

  it('a period paying out 0.01 it never had: period 1 fails by 0.01', () => {
    // Period 1 says 1,200.01 went out but still 300 held: 500 + 1,000 − 1,200.01 − 300 = −0.01.
    const bad = [good[0]!, row(1, 500, 1000, 1200.01, 300), good[2]!];
    const proof = conservationProof(bad, { cashIn: D(1800), cashOut: D('1800.01'), held: NIL });
    expect(proof.holds).toBe(false);
    expect(proof.firstFailure).toBe(1);
    expect(fmtFen(proof.largestDifference)).toBe('0.01');
  });

  it('a period not starting with what the last one ended with fails by the gap', () => {
    const bad = [good[0]!, row(1, 500, 1000, 1200, 300), row(2, 250, 300, 550, 0)];
    const proof = conservationProof(bad, { cashIn: D(1800), cashOut: D(1750), held: NIL });
    expect([proof.holds, proof.firstFailure, fmtFen(proof.largestDifference)]).toEqual([false, 2, '50.00']);
  });

  it('totals kept elsewhere that disagree with the periods fail, with no period to blame', () => {
    const proof = conservationProof(good, { cashIn: D(1800), cashOut: D(1795), held: NIL });
    expect([proof.holds, proof.firstFailure, fmtFen(proof.largestDifference)]).toEqual([false, undefined, '5.00']);
  });
});

describe('a broken ledger is detected', () => {
  it('an entry injected without moving the balances: the replay is 1,000.00 off the accounts', () => {
    const ledger = new Ledger(['collection']);
    ledger.transfer(0, '2025-01-01', 'funding:collection', 'collection', D(500), 'funded at closing');
    ledger.transfer(1, '2025-04-01', 'pool', 'collection', D(2000), 'collected');
    ledger.transfer(1, '2025-04-01', 'collection', 'tranche:A', D(2500), 'paid');
    // A payment into the plan written in the book but never received.
    ledger.entries.push({ period: 1, date: '2025-04-01', from: 'pool', to: 'collection', amount: D(1000), reason: 'injected', phase: 'collect' });
    const rows = proveConservation(ledger, 1);
    const proof = conservationProof(rows, { cashIn: D(2500), cashOut: D(2500), held: ledger.held() });
    expect(proof.holds).toBe(false);
    // The replayed book says 1,000 is held; the accounts hold nothing.
    expect(fmtFen(proof.largestDifference)).toBe('1000.00');
    expect(proof.firstFailure).toBe(2);
  });

  it('the engine throws an InternalError naming the period and the figures (exit 70 from the CLI)', async () => {
    const { deal } = loadDeal('deals/guangkai-patent-license.json');
    // A test hook: the ledger reports 0.01 more paid out in period 2 than it paid.
    const takeFlows = Ledger.prototype.takeFlows;
    let calls = 0;
    vi.spyOn(Ledger.prototype, 'takeFlows').mockImplementation(function (this: Ledger) {
      const flows = takeFlows.call(this);
      // Call 0 is the closing; call k is period k.
      if (calls++ === 2) flows.cashOut = add(flows.cashOut, fen(1));
      return flows;
    });
    let error: unknown;
    try {
      runDeal(deal!);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InternalError);
    expect((error as Error).message).toBe(
      'cash is not conserved in period 2: in 406350000.00, out 406350000.00, held 0.00, largest difference 0.01 over 21 periods checked',
    );
    calls = 0;
    const { code, err } = await runCli(['run', 'deals/guangkai-patent-license.json']);
    expect(code).toBe(70);
    expect(err).toContain('cash is not conserved in period 2');
  });

  it('a good run of every sample deal proves its periods with no difference', () => {
    for (const [file, periods, cashIn] of [
      ['deals/guangkai-patent-license.json', 21, '406350000.00'],
      ['deals/gaoxintou-ip-2.json', 5, '145950000.00'],
    ] as const) {
      const r = runDeal(loadDeal(file).deal!);
      expect([r.checks.conservation, r.checks.periodsChecked, r.checks.cashIn.toFixed(2), r.checks.largestDifference.toFixed(2)], file).toEqual([true, periods, cashIn, '0.00']);
      expect(r.checks.cashIn.eq(r.checks.cashOut.plus(r.checks.held))).toBe(true);
    }
  });
});
