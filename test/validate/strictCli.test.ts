/**
 * `ipabs validate` as a user runs it (the built bin, spawned): three independent mistakes in one
 * run, and --strict printing warnings as errors that say so, with exit 2.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireFreshDist } from '../stress/fixtures.js';

function ipabs(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ipabs validate (spawned)', () => {
  it('reports a bad field, an unknown tranche and a bad tape column in one run', () => {
    requireFreshDist();
    const { code, out, err } = ipabs(['validate', 'test/corpus/99-three-mistakes-in-one-run.json']);
    expect(err).toBe('');
    expect(code).toBe(2);
    expect(out).toContain('tranches[0].coupon: must be between 0 and 1');
    expect(out).toContain('99-three-mistakes-in-one-run.csv:3:4 (column principal): 25 rows: must be an amount in yuan');
    expect(out).toContain('waterfalls.normal[1].tranches[0]: unknown tranche "A" (did you mean "A1"?)');
  });

  it('--strict prints warnings as errors and says so; exit 2', () => {
    requireFreshDist();
    const plain = ipabs(['validate', 'test/corpus/49-warn-suspicious.json']);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^test\/corpus\/49-warn-suspicious\.json: ok, 2 warnings\n {2}warning: /);
    const strict = ipabs(['validate', '--strict', 'test/corpus/49-warn-suspicious.json', 'deals/gaoxintou-ip-2.json']);
    expect(strict.code).toBe(2);
    expect(strict.out).toContain('test/corpus/49-warn-suspicious.json: 2 errors (with --strict: 2 warnings counted as errors)\n');
    expect(strict.out).toContain('  error: test/corpus/49-warn-suspicious.json: fees[1]: fee "audit" is never paid by a payFees step (a warning: an error with --strict)\n');
    expect(strict.out).not.toMatch(/^ +warning: /m);
    expect(strict.out).toContain('deals/gaoxintou-ip-2.json: ok\n');
  });
});
