/** Exhaustive dispatch: a call the compiler accepts only when every case of a union was handled. */
import { InternalError } from './errors.js';

/**
 * Called in the `default` of a switch over a union: it compiles only when `value` is `never`,
 * so a new kind nobody handles is a compile error; at run time (a value that escaped the types)
 * it is an internal error.
 *
 * @example
 * switch (step.kind) { case 'payFees': …; default: assertNever(step, 'waterfall step'); }
 */
export function assertNever(value: never, what = 'case'): never {
  throw new InternalError(`unhandled ${what}: ${JSON.stringify(value)}`);
}
