/**
 * Exhaustive dispatch (issue 7, item 14): `assertNever` compiles only where every case of a union
 * was handled, and a value that escaped the types is an internal error (exit 70), never a kind
 * silently skipped. The compile-time half is checked by `npm run typecheck` (tsconfig.json
 * includes test/): each `@ts-expect-error` below fails the typecheck if the call it marks
 * compiles.
 */
import { describe, expect, it } from 'vitest';
import { assertNever } from '../../src/util/never.js';
import { InternalError } from '../../src/validate/diagnostics.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { lease } from '../../src/pool/assets/lease.js';
import { pledgeLoan } from '../../src/pool/assets/pledgeLoan.js';
import { royaltySchedule } from '../../src/pool/assets/royalty.js';
import { padDisplay } from '../../src/report/width.js';
import { timingWeights } from '../../src/scenario/performance.js';
import { Decimal } from '../../src/util/money.js';

type Kind = 'royalty' | 'lease' | 'pledgeLoan';

/** A dispatch that forgot `pledgeLoan`: the compiler refuses the `assertNever`. */
function forgetful(kind: Kind): string {
  switch (kind) {
    case 'royalty':
      return '许可费';
    case 'lease':
      return '租金';
    default:
      // @ts-expect-error 'pledgeLoan' is not handled, so `kind` is not `never` here.
      return assertNever(kind, 'asset type');
  }
}

/** The same dispatch with every case: it compiles. */
function complete(kind: Kind): string {
  switch (kind) {
    case 'royalty':
      return '许可费';
    case 'lease':
      return '租金';
    case 'pledgeLoan':
      return '贷款';
    default:
      return assertNever(kind, 'asset type');
  }
}

describe('assertNever', () => {
  it('refuses a value that is not never at compile time', () => {
    // @ts-expect-error a string is not never
    expect(() => assertNever('x')).toThrow(InternalError);
    expect(complete('pledgeLoan')).toBe('贷款');
    // The forgotten case reaches assertNever at run time: an internal error naming it.
    expect(() => forgetful('pledgeLoan')).toThrow(new InternalError('unhandled asset type: "pledgeLoan"'));
  });

  it('throws an InternalError (exit 70) naming what was not handled', () => {
    const bogus = { type: 'bond' } as never;
    expect(() => assertNever(bogus, 'asset type')).toThrow(InternalError);
    expect(() => assertNever(bogus, 'asset type')).toThrow('unhandled asset type: {"type":"bond"}');
    expect(() => assertNever(bogus)).toThrow('unhandled case: {"type":"bond"}');
  });
});

describe('a kind that escaped the types is an internal error, not skipped', () => {
  const cutoff = '2024-01-01';

  it('asset types', () => {
    expect(() => contractualCashflows({ type: 'bond', id: 'X' } as never, cutoff)).toThrow(InternalError);
  });

  it('royalty, rent and loan repayment types', () => {
    expect(() => royaltySchedule({ royalties: { type: 'annuity' } } as never)).toThrow(new InternalError('unhandled royalty schedule type: {"type":"annuity"}'));
    expect(() => lease.contractual({ rent: { type: 'annuity' } } as never, cutoff)).toThrow(InternalError);
    const loan = {
      type: 'pledgeLoan',
      principal: new Decimal(1000),
      rate: new Decimal('0.05'),
      startDate: '2023-12-01',
      maturityDate: '2024-12-01',
      paymentEveryMonths: 3,
      dayCount: 'ACT/365F',
      repayment: 'balloon',
    };
    expect(() => pledgeLoan.contractual(loan as never, cutoff)).toThrow(new InternalError('unhandled loan repayment: "balloon"'));
  });

  it('default timing and alignment', () => {
    expect(() => timingWeights({ midLoaded: 0.2 } as never, 4)).toThrow(InternalError);
    expect(() => padDisplay('x', 5, 'middle' as never)).toThrow(new InternalError('unhandled alignment: "middle"'));
  });
});
