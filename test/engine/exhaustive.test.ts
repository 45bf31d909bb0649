/**
 * Issue 7, item 14: the engine's dispatch over kinds is exhaustive. A kind nobody handles is a
 * compile error (checked by `npm run typecheck`, which covers this file) and, should one escape
 * the types at run time, an internal error rather than a step silently skipped.
 */
import { describe, expect, it } from 'vitest';
import { runDeal } from './inYuan.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import type { StepSpec } from '../../src/schema/deal.js';
import { assertNever } from '../../src/util/never.js';
import { InternalError } from '../../src/validate/diagnostics.js';

/** A dispatch that forgets every kind of step but one: the compiler refuses it. */
function forgetful(step: StepSpec): string {
  switch (step.type) {
    case 'payFees':
      return 'fees';
    default:
      // @ts-expect-error: `step` may still be a payInterest, payPrincipal … step, not `never`.
      return assertNever(step, 'waterfall step');
  }
}

/** The same dispatch with every kind handled compiles. */
function complete(step: StepSpec): string {
  switch (step.type) {
    case 'payFees':
    case 'payInterest':
    case 'payPrincipal':
    case 'payResidual':
    case 'fundReserve':
    case 'drawReserve':
    case 'callSupport':
    case 'repaySupport':
      return step.type;
    default:
      return assertNever(step, 'waterfall step');
  }
}

describe('exhaustive dispatch', () => {
  it('assertNever is an internal error naming what was not handled', () => {
    expect(() => assertNever({ type: 'payBonus' } as never, 'waterfall step')).toThrow(new InternalError('unhandled waterfall step: {"type":"payBonus"}'));
    expect(() => forgetful({ type: 'payInterest', tranches: ['A'] } as StepSpec)).toThrow(InternalError);
    expect(complete({ type: 'payInterest', tranches: ['A'] } as StepSpec)).toBe('payInterest');
  });

  it('a waterfall step of a kind the engine does not know stops the run instead of being skipped', () => {
    const { deal } = loadDeal('deals/iqiyi-supply-chain.json');
    const normal = [...deal!.spec.waterfalls.normal];
    normal.splice(1, 0, { type: 'payBonus', tranches: ['A'] } as unknown as StepSpec);
    const broken = { ...deal!, spec: { ...deal!.spec, waterfalls: { ...deal!.spec.waterfalls, normal } } };
    expect(() => runDeal(broken)).toThrow(new InternalError('unhandled waterfall step: {"type":"payBonus","tranches":["A"]}'));
  });
});
