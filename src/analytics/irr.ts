/**
 * Yield and duration of dated cash flows. These are analytics, not cash: binary floating point
 * is exact enough for a yield quoted to the basis point and keeps the solver fast.
 */

export interface DatedAmount {
  /** Years from the valuation date (ACT/365F). */
  t: number;
  amount: number;
}

function pv(flows: readonly DatedAmount[], y: number): number {
  let total = 0;
  for (const f of flows) total += f.amount / Math.pow(1 + y, f.t);
  return total;
}

/**
 * The annual yield y (annual compounding) at which the flows are worth `price`; undefined when
 * there is none in (−99%, 1000%). Bisection on a bracket, then it is exact to 1e-12.
 */
export function irr(flows: readonly DatedAmount[], price: number): number | undefined {
  if (flows.length === 0 || price <= 0) return undefined;
  let lo = -0.99;
  let hi = 10;
  let flo = pv(flows, lo) - price;
  const fhi = pv(flows, hi) - price;
  if (flo * fhi > 0) return undefined;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    const fm = pv(flows, mid) - price;
    if (fm * flo <= 0) hi = mid;
    else {
      lo = mid;
      flo = fm;
    }
  }
  return (lo + hi) / 2;
}

/** Macaulay duration in years at yield y, and modified duration (Macaulay / (1 + y)). */
export function durations(flows: readonly DatedAmount[], y: number): { macaulay: number; modified: number } | undefined {
  let weighted = 0;
  let total = 0;
  for (const f of flows) {
    const v = f.amount / Math.pow(1 + y, f.t);
    weighted += f.t * v;
    total += v;
  }
  if (total <= 0) return undefined;
  const macaulay = weighted / total;
  return { macaulay, modified: macaulay / (1 + y) };
}
