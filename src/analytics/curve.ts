/**
 * A yield curve of (tenor in years, annual yield) points, read by linear interpolation on tenor
 * and held flat beyond the first and last points. The points' yields are taken in the same
 * convention as the bond's yield (compounded at its coupon frequency), so a flow at tenor t is
 * discounted at curve(t) + spread exactly as a yield would discount it.
 */
export interface CurvePoint {
  /** Years. */
  tenor: number;
  /** Annual yield as a fraction (0.025 for 2.5%). */
  rate: number;
}

/** Points in increasing tenor, at least one. */
export type Curve = readonly CurvePoint[];

/**
 * The curve's yield at `tenor` years.
 *
 * @example curveRate([{ tenor: 1, rate: 0.02 }, { tenor: 3, rate: 0.03 }], 2) // 0.025
 */
export function curveRate(curve: Curve, tenor: number): number {
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (tenor <= first.tenor) return first.rate;
  if (tenor >= last.tenor) return last.rate;
  let k = 1;
  while (curve[k]!.tenor < tenor) k++;
  const a = curve[k - 1]!;
  const b = curve[k]!;
  return a.rate + ((b.rate - a.rate) * (tenor - a.tenor)) / (b.tenor - a.tenor);
}
