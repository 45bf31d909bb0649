/**
 * The path generator: `Streams`, one sfc32 moved from stream to stream, draws exactly what the
 * generator made afresh for each stream drew before it (a closure over four words, written out
 * here as it was), so every seed keeps its paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rng, Streams } from '../../src/stress/random.js';

/** sfc32 seeded through splitmix32 from (seed, stream), as ipabs drew paths before `Streams`. */
function reference(seed: number, stream: number): () => number {
  let s = (Math.imul(seed >>> 0, 0x27d4eb2f) ^ Math.imul(stream >>> 0, 0x165667b1)) >>> 0;
  const init = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const word = fc.integer({ min: 0, max: 0xffffffff });

describe('Streams', () => {
  it('draws each stream exactly as a generator made for it alone', () => {
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 8 }), (seed, streams) => {
        const g = new Streams(seed);
        for (const stream of streams) {
          const ref = reference(seed, stream);
          g.start(stream);
          for (let i = 0; i < 40; i++) expect(g.next()).toBe(ref());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rng(seed, stream) is the same stream', () => {
    for (const [seed, stream] of [[1, 0], [0, 0], [0xffffffff, 0xffffffff], [7, 123456]]) {
      const r = rng(seed!, stream!);
      const ref = reference(seed!, stream!);
      for (let i = 0; i < 100; i++) expect(r.next()).toBe(ref());
    }
  });

  it('refuses a seed or stream that is not a 32-bit whole number', () => {
    expect(() => new Streams(-1)).toThrow(RangeError);
    expect(() => new Streams(1).start(2 ** 32)).toThrow(RangeError);
    expect(() => new Streams(1).start(0.5)).toThrow(RangeError);
  });
});
