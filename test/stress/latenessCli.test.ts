/**
 * Lateness on the command line: `ipabs breakeven --principal-by`, the lateness columns of
 * `ipabs stress` in every format, the delay distribution of `ipabs montecarlo`, and a deal file
 * with the 违约事件 trigger — on the hand-computed small deal of ./lateDeal.ts and the samples.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { requireFreshDist } from './fixtures.js';
import { lateDealInput } from './lateDeal.js';

const { file } = useTempDir('ipabs-lateness-');
const json = (out: string) => JSON.parse(out) as { sections: Record<string, { rows: Record<string, unknown>[]; values: Record<string, unknown>; columns: { key: string; header: string }[] }>; notes?: string[] };

describe('ipabs breakeven on both bases', () => {
  it('a senior late on its expected maturity: 0 on the expected basis, more on the legal basis (spawned bin)', () => {
    requireFreshDist();
    const deal = file('late.json', lateDealInput(false));
    const scenario = file('late-scenario.json', { name: '债务人04 defaults', defaults: [{ obligor: '债务人04', period: 2 }] });
    const run = (...extra: string[]) => spawnSync(process.execPath, ['bin/ipabs.js', 'breakeven', deal, '--scenarios', scenario, '--tranche', 'A', '--format', 'json', ...extra], { encoding: 'utf8' });
    const both = run();
    expect(both.stderr).toBe('');
    expect(both.status).toBe(0);
    const row = json(both.stdout).sections['breakeven']!.rows[0]!;
    expect(row['without']).toBe('0');
    expect(Number(row['withoutLegal'])).toBeGreaterThan(0);
    expect(json(both.stdout).notes).toBeUndefined();
    const legal = run('--principal-by', 'legal');
    expect(json(legal.stdout).sections['breakeven']!.rows[0]!['without']).toBe(row['withoutLegal']);
    expect(json(legal.stdout).sections['breakeven']!.rows[0]!['withoutLegal']).toBeUndefined();
    const expected = run('--principal-by', 'expected', '--format', 'csv', '--lang', 'en');
    expect(expected.stdout).toContain('Structure alone (expected basis)');
    expect(expected.stdout).not.toContain('legal basis');
  });

  it('is in ipabs breakeven --help', async () => {
    const { out } = await runCli(['breakeven', '--help']);
    expect(out).toContain('--principal-by <basis>');
  });
});

describe('ipabs stress: date repaid, periods late, interest missed', () => {
  const deal = file('late-eod.json', lateDealInput(true));
  const list = file('both.json', {
    scenarios: [
      { name: 'one default', defaults: [{ obligor: '债务人04', period: 2 }] },
      { name: 'two defaults', defaults: [{ obligor: '债务人03', period: 2 }, { obligor: '债务人04', period: 2 }] },
    ],
  });

  it('json: the hand-computed figures, keyed per tranche', async () => {
    const { code, out, err } = await runCli(['stress', deal, '--scenarios', list, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = json(out).sections['stress']!.rows;
    // One default: A repaid 2026-01-01, one period after its expected maturity 2025-10-01.
    expect([rows[0]!['A:repaid'], rows[0]!['A:late'], rows[0]!['A:interestMissed']]).toEqual(['2026-01-01', 1, '0.00']);
    // Two defaults: A unpaid (7,856,401.05 lost); B's 50万 coupon missed on 2026-01-01.
    expect([rows[1]!['A:repaid'], rows[1]!['A:late'], rows[1]!['A:loss']]).toEqual([null, null, '7856401.05']);
    expect(rows[1]!['B:interestMissed']).toBe('500000.00');
  });

  for (const format of ['table', 'csv', 'md', 'html'] as const) {
    it(`${format}: the columns and the note`, async () => {
      const { code, out } = await runCli(['stress', deal, '--scenarios', list, '--format', format, '--lang', 'en']);
      expect(code).toBe(0);
      for (const h of ['A repaid', 'A periods late', 'A interest missed', 'B interest missed']) expect(out).toContain(h);
      expect(out).toContain('2026-01-01');
      expect(out).toMatch(/500,?000\.00/);
      expect(out).toContain('periods late: payment periods after the expected maturity');
    });
  }
});

describe('ipabs montecarlo: probability of late principal and the delay distribution', () => {
  it('sums every path into one delay bucket per tranche; P(late) = 1 − share repaid on time', async () => {
    const { code, out } = await runCli(['montecarlo', 'deals/guangkai-patent-license.json', '--paths', '600', '--pd', '30', '--no-support', '--workers', '1', '--format', 'json']);
    expect(code).toBe(0);
    const s = json(out).sections;
    const delay = s['delay']!.rows;
    expect(delay[0]!['late']).toBe('0');
    expect(delay.at(-1)!['late']).toBe('未偿清');
    for (const id of ['A', 'B']) {
      const total = delay.reduce((a, r) => a + (r[`${id}:paths`] as number), 0);
      expect(total).toBe(600);
      const onTime = delay[0]![`${id}:paths`] as number;
      const pLate = s['losses']!.rows.find((r) => String(r['tranche']).startsWith(id === 'A' ? '优先' : '次级'))!['pLate'];
      expect(Number(pLate)).toBeCloseTo(1 - onTime / 600, 9);
    }
    // At 30% default probability without the undertaking, the senior is late on some paths
    // yet repaid: buckets between on time and unpaid.
    expect(delay.some((r) => r['late'] !== '0' && r['late'] !== '未偿清' && (r['A:paths'] as number) > 0)).toBe(true);
  });
});

describe('a deal file with the 违约事件 trigger', () => {
  it('validates, and names an unknown tranche with its JSON path', async () => {
    const ok = await runCli(['validate', file('eod.json', lateDealInput(true))]);
    expect(ok.code).toBe(0);
    const input = lateDealInput(true);
    (input.triggers![0]!.condition as { tranches: string[] }).tranches = ['X'];
    const bad = await runCli(['validate', file('eod-bad.json', input)]);
    expect(bad.code).toBe(2);
    expect(bad.out + bad.err).toMatch(/triggers\[0\]\.condition\.tranches\[0\].*"X"/);
  });
});
