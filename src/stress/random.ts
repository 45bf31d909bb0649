/**
 * Seeded randomness for Monte Carlo: a small, fast generator (sfc32, seeded through splitmix32)
 * and the normal distribution's quantile (Wichura's AS241, accurate to about 1e-16), so that the
 * same seed gives the same paths on every machine.
 */

/** A generator of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** The largest seed: seeds are 32-bit, so a larger one would give the paths of a smaller one. */
export const MAX_SEED = 0xffffffff;

/** True for a seed `rng` takes: a whole number from 0 to {@link MAX_SEED}. */
export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

/**
 * sfc32 whose state can be set to the start of any stream of a seed (`start`): one generator
 * draws path after path without making an object per path (Monte Carlo draws millions).
 */
export class Streams implements Rng {
  private readonly state = new Uint32Array(4);

  constructor(private readonly seed: number) {
    if (!isValidSeed(seed)) throw new RangeError(`seed ${seed}: give a whole number from 0 to ${MAX_SEED}`);
  }

  /** Sets the generator to the start of stream `stream` of its seed (as `rng(seed, stream)`). */
  start(stream: number): this {
    if (!isValidSeed(stream)) throw new RangeError(`stream ${stream}: give a whole number from 0 to ${MAX_SEED}`);
    // Seeded through splitmix32.
    let s = (Math.imul(this.seed >>> 0, 0x27d4eb2f) ^ Math.imul(stream >>> 0, 0x165667b1)) >>> 0;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }

  next(): number {
    // The state holds unsigned 32-bit words: each store is the `>>> 0` of the value.
    const st = this.state;
    const a = st[0]!;
    const b = st[1]!;
    let c = st[2]!;
    const d = st[3]!;
    const t = (a + b + d) >>> 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    c = (c << 21) | (c >>> 11);
    st[2] = c + t;
    return t / 4294967296;
  }
}

/**
 * sfc32 seeded from `seed` and a `stream` number, so that path i of a run can be drawn from its
 * own stream whatever thread computes it. Both are whole numbers from 0 to 2^32 − 1: anything
 * else is a RangeError rather than silently the stream of another seed.
 *
 * @example const r = rng(1, 0); r.next(); // 0.… the same on every run
 */
export function rng(seed: number, stream = 0): Rng {
  return new Streams(seed).start(stream);
}

/** A standard normal draw by inversion (one uniform per draw keeps streams aligned). */
export function normal(r: Rng): number {
  let u = r.next();
  while (u === 0) u = r.next();
  return normalQuantile(u);
}

/** Φ⁻¹(p): the standard normal quantile, Wichura's algorithm AS241 (PPND16). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}
