/**
 * Floating rates from the command line (the built bin, spawned): `ipabs stress --rate-shift` as a
 * grid axis with hand-computed losses, `ipabs run` showing the coupon in force and the index
 * paths, a scenario file shifting an index, and bad input refused with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const FIXTURE = 'test/fixtures/floating-lpr.json';
const { file } = useTempDir('ipabs-floating-cli-');

function ipabs(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The fixture with a fixed-rate pool: a rate shift then moves only the senior's coupon. */
function fixedPool(): string {
  const json = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  delete json.$schema;
  delete json.pool.assets[1].floating;
  return file('fixed-pool.json', json);
}

describe('ipabs stress --rate-shift', () => {
  it('is another grid axis, shown in the scenario names, with hand-computed losses', () => {
    const { code, out, err } = ipabs(['stress', fixedPool(), '--cumulative', '20', '--rate-shift', '-100,0,100', '--format', 'json', '--lang', 'en']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(out).sections.stress.rows as Record<string, string>[];
    expect(rows.map((r) => r['scenario'])).toEqual(['cumulative default 20%, rates -100bp', 'cumulative default 20%, rates 0bp', 'cumulative default 20%, rates +100bp']);
    // The shift moves the senior's fixings read after the last LPR fixing (2024-10-21): periods 4–8
    // (90, 91, 92, 92, 90 days on 100,000,000). Its interest there: at −100bp 641,095.89 + 648,219.18
    // + 630,136.99 + 630,136.99 + 616,438.36 = 3,166,027.41; at 0bp 887,671.23 + 897,534.25 +
    // 882,191.78 + 882,191.78 + 863,013.70 = 4,412,602.74; at +100bp 1,134,246.58 + 1,146,849.32 +
    // 1,134,246.58 × 2 + 1,109,589.04 = 5,659,178.10. Interest ranks before principal and the pool's
    // cash is the same, so each fen more of interest is a fen more of principal lost.
    const loss = rows.map((r) => Math.round(Number(r['A:loss']) * 100));
    expect(loss[1]! - loss[0]!).toBe(441260274 - 316602741);
    expect(loss[2]! - loss[1]!).toBe(565917810 - 441260274);
  });

  it('multiplies a preset too, and is refused on a deal without indices or with a bad value', () => {
    const { code, out } = ipabs(['stress', FIXTURE, '--rate-shift=50', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toContain('base case, rates +50bp');
    const none = ipabs(['stress', 'deals/guangkai-patent-license.json', '--rate-shift', '50']);
    expect(none.code).toBe(2);
    expect(none.err).toBe('ipabs: --rate-shift: the deal has no interest-rate indices (no floating coupon or loan rate to shift)\n');
    const bad = ipabs(['stress', FIXTURE, '--rate-shift', '50bp']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^ipabs: --rate-shift "50bp": give a number/);
    expect(ipabs(['stress', '--help']).out).toContain('--rate-shift <bp>');
  });
});

describe('ipabs pool on floating rates', () => {
  it('shows a floating tranche’s first fixing and the floating loan’s flows on the deal’s paths', () => {
    const { code, out } = ipabs(['pool', FIXTURE, '--lang', 'en']);
    expect(code).toBe(0);
    // LPR1Y 3.45% on the closing date 2024-04-01 + 50bp.
    expect(out).toMatch(/\| A\s+\| 测试A\s+\| senior\s+\|\s+100,000,000\.00 \|\s+90\.91% \|\s+3\.95% \|/);
    // The base-case run's pool interest: 8,788,972.60 (the loan repriced to 4.95% and 4.60%).
    expect(out).toMatch(/Contractual interest\s+\|\s+8,788,972\.60 \|/);
  });
});

describe('ipabs run on floating rates', () => {
  it('shows the coupon in force each period and the index paths used', () => {
    const { code, out } = ipabs(['run', FIXTURE, '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toMatch(/\|\s+Coupon \|/);
    expect(out).toMatch(/887,671\.23 \|[^\n]*\| 3\.6000% \|/);
    expect(out).toContain('Index paths used (projected values are assumptions)');
    expect(out).toMatch(/\| LPR1Y \| 2025-05-20 \| 3\.0000% \| assumed\s+\|/);
  });

  it('takes a scenario file that shifts an index, and refuses one naming an index the deal lacks', () => {
    const up = file('up.json', { name: 'LPR +50bp', rates: { LPR1Y: { shiftBp: 50 } } });
    const r = ipabs(['run', FIXTURE, '--scenario', up, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    // Period 4: 3.10% + 0.50% shift + 0.50% spread = 4.10%: 100,000,000 × 4.10% × 90/365 = 1,010,958.90.
    expect(json.tranches[0].periods[3].interestDue).toBe('1010958.90');
    expect(json.tranches[0].coupons[3]).toBe('0.041');
    expect(json.indexPaths[0]).toMatchObject({ name: 'LPR1Y', shiftBp: 50 });
    const bad = ipabs(['run', FIXTURE, '--scenario', file('bad.json', { rates: { LPR2Y: { shiftBp: 50 } } })]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('rates.LPR2Y: unknown index "LPR2Y" (did you mean "LPR1Y"?)');
  });
});
