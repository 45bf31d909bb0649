/**
 * Pieces of pool performance kept with the prepared pool they were worked out for: a chain, a
 * group's balances, prepayment fractions. They depend only on the pool and on the scenario
 * terms named in the key, and are never changed once made, so every run of the pool under the
 * same terms (a Monte Carlo pattern, a break-even step) shares them instead of redoing exact
 * Decimal work. A pool keeps at most {@link MEMO_LIMIT} of them (the oldest go first).
 */

/** The most pieces kept per pool. */
export const MEMO_LIMIT = 4096;

const memos = new WeakMap<object, Map<string, unknown>>();

/** The piece `key` of `owner`, made by `make` the first time it is asked for. */
export function memo<T>(owner: object, key: string, make: () => T): T {
  let m = memos.get(owner);
  if (!m) memos.set(owner, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const value = make();
  if (m.size >= MEMO_LIMIT) m.delete(m.keys().next().value!);
  m.set(key, value);
  return value;
}
