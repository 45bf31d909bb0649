/** The README's examples work: the deal and tape of "Writing a deal" validate and run. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal } from './engine/inYuan.js';
import { validateScenario } from '../src/scenario/load.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('### Writing a deal'));
const block = (lang: string) => {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section);
  if (!m) throw new Error(`no ${lang} block under "Writing a deal"`);
  return m[1]!;
};

describe('README: the scenario file', () => {
  it('validates against 广开专利 and runs, conserving cash', () => {
    const tour = readme.slice(readme.indexOf('A scenario file'));
    const json = JSON.parse(/```json\n([\s\S]*?)```/.exec(tour)![1]!);
    const { deal } = loadDeal('deals/guangkai-patent-license.json');
    const v = validateScenario(json, 'README.md', deal!);
    expect(v.diagnostics).toEqual([]);
    const { checks } = runDeal(deal!, v.scenario!);
    expect(checks.conservation).toBe(true);
    expect([checks.periodsChecked, checks.largestDifference.toFixed(2)]).toEqual([21, '0.00']);
    expect(checks.cashIn.eq(checks.cashOut.plus(checks.held))).toBe(true);
  });
});

describe('README: writing a deal', () => {
  it('the example deal and tape validate without a warning and run, every tranche repaid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipabs-readme-'));
    writeFileSync(join(dir, 'my-deal.json'), block('json'));
    writeFileSync(join(dir, 'my-deal.tape.csv'), block('csv'));
    const { deal, diagnostics } = loadDeal(join(dir, 'my-deal.json'));
    expect(diagnostics).toEqual([]);
    const r = runDeal(deal!);
    expect(r.checks.conservation).toBe(true);
    expect([r.checks.periodsChecked, r.checks.largestDifference.toFixed(2)]).toEqual([r.pool.periods.length + 1, '0.00']);
    expect(r.checks.cashIn.eq(r.checks.cashOut.plus(r.checks.held))).toBe(true);
    expect(r.tranches.map((t) => t.summary.loss.toFixed(2))).toEqual(['0.00', '0.00']);
    // 贷款余额（万元）: 2,000 + 1,500 + 1,000 + 500 万元 = 50,000,000 yuan, the issue.
    expect(r.pool.initialBalance.toFixed(2)).toBe('50000000.00');
  });
});
