/** `ipabs size DEAL --status STATUS`, from the built CLI: sizing a live deal, and the tranches' ratings as they stand. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../../src/contract/index.js';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const json = (args: string[], kind: 'size' | 'breakeven' = 'size') => {
  const r = bin([...args, '--format', 'json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const v = JSON.parse(r.out);
  expect(contractProblems(kind, v)).toEqual([]);
  return v;
};
const GK = 'deals/guangkai-patent-license.json';
const EXAMPLE = 'deals/status/guangkai-2021-08-26.json';
const tmp = useTempDir('ipabs-size-status-');

describe('ipabs size --status (spawned)', () => {
  it('sizes the outstanding senior of the worked example (structure alone), their total kept, with the ratings as they stand', () => {
    const v = json(['size', GK, '--status', EXAMPLE, '--target', 'A=AA', '--no-support']);
    const rows = v.sections.structure.rows;
    expect(rows.map((r: Record<string, string>) => [r.tranche, r.balanceBefore, r.balance, r.ratingWithout])).toEqual([
      ['A', '148251534.01', '130000000.00', 'AA'],
      ['B', '15050000.00', '33301534.01', 'AA+'],
    ]);
    // As it stands the senior fails even with no further default (专利客户03's default, no support): below the scale.
    expect(rows[0].multipleNow).toBe('0');
    expect(v.subtitle.join('\n')).toContain('自存续状态起：状态日 2021-08-26，已过 8 期（最近兑付日 2021-08-26）');
  });

  it('its ratings as they stand are those breakeven --status gives', () => {
    const size = json(['size', GK, '--status', EXAMPLE, '--target', 'A=AA', '--no-support']).sections.structure.rows;
    const be = json(['breakeven', GK, '--status', EXAMPLE], 'breakeven').sections.ratings.rows;
    expect(size.map((r: Record<string, string>) => r.multipleNow)).toEqual(be.map((r: Record<string, string>) => r.multipleWithout));
  });

  it('every output format works and is deterministic, in English too', () => {
    const args = ['size', GK, '--status', EXAMPLE, '--target', 'A=AAA', '--lang', 'en'];
    for (const format of ['table', 'csv', 'md', 'html', 'json']) {
      const a = bin([...args, '--format', format]);
      expect(a.code).toBe(0);
      expect(bin([...args, '--format', format]).out).toBe(a.out);
      if (format === 'table' || format === 'md') {
        expect(a.out).toContain('From a status: as of 2021-08-26, 8 periods past');
        expect(a.out).toContain('Implied rating, as it stands');
      }
    }
    const x = tmp.file('s.xlsx', '');
    expect(bin([...args, '--out', x]).code).toBe(0);
    const bytes = readFileSync(x);
    expect(bin([...args, '--out', x]).code).toBe(0);
    expect(readFileSync(x).equals(bytes)).toBe(true);
  });

  it('refuses --out-deal, a repaid tranche and a bad status, in words (exit 2)', () => {
    const out = bin(['size', GK, '--status', EXAMPLE, '--target', 'A=AA', '--out-deal', tmp.file('x.json', '')]);
    expect(out.code).toBe(2);
    expect(out.err).toContain('--out-deal writes a deal file, whose balances are those issued at closing');
    const s = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    s.tranches[0].balance = '0.00';
    s.tranches[1].balance = '0.00';
    const repaid = bin(['size', GK, '--status', tmp.file('repaid.json', s), '--target', 'A=AA']);
    expect(repaid.code).toBe(2);
    expect(repaid.err).toContain('nothing to size (both are repaid)');
    const bad = bin(['size', GK, '--status', tmp.file('bad.json', { asOf: '2019-01-01', tranches: [] }), '--target', 'A=AA']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('does not fit the deal');
  });
});
