/**
 * From the command line (the built bin): 广开专利 on a purchase-price basis reads 应收本金 and
 * 应收利息 in `ipabs pool` and a positive excess spread in `ipabs run`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-basis-');
const ipabs = (args: string[]) => spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });

function basisDeal(): string {
  const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8')) as Record<string, Record<string, unknown>>;
  delete deal['$schema'];
  deal['pool']!['basis'] = { price: 'purchasePrice' };
  return tmp.file('guangkai-basis.json', deal);
}

describe('ipabs pool / run on a royalty basis', () => {
  it('pool: the basis is the balance; 应收本金 30,100万 and 应收利息 9,030万', () => {
    const r = ipabs(['pool', basisDeal(), '--unit', 'wan']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/应收许可费本金余额\s*\|\s*30,100\.00/);
    expect(r.stdout).toMatch(/应收本金（合同）\s*\|\s*30,100\.00/);
    expect(r.stdout).toMatch(/应收利息（合同）\s*\|\s*9,030\.00/);
    expect(r.stdout).toContain('专利客户');
  });

  it('run --format json: excess spread positive while the senior is outstanding', () => {
    const r = ipabs(['run', basisDeal(), '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { coverage: { periods: { excessSpread: string }[] }; pool: { initialBalance: string } };
    expect(json.pool.initialBalance).toBe('301000000.00');
    expect(json.coverage.periods.slice(0, 15).every((p) => Number(p.excessSpread) > 0)).toBe(true);
  });
});
