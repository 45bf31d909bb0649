/** The example scenario files in deals/scenarios/ validate and run on the deals they are for. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal } from './engine/inYuan.js';
import { validateScenario } from '../src/scenario/load.js';

const cases: [scenario: string, deal: string][] = [
  ['guangkai-two-licensees-stop', 'guangkai-patent-license'],
  ['gaoxintou-borrower-defaults-guarantor-fails', 'gaoxintou-ip-2'],
  ['cumulative-10pct-front-loaded', 'guangkai-patent-license'],
  ['cumulative-10pct-front-loaded', 'gaoxintou-ip-2'],
];

describe('deals/scenarios', () => {
  for (const [scenario, dealName] of cases) {
    it(`${scenario} on ${dealName}`, () => {
      const { deal } = loadDeal(`deals/${dealName}.json`);
      const file = `deals/scenarios/${scenario}.json`;
      const v = validateScenario(JSON.parse(readFileSync(file, 'utf8')), file, deal!);
      expect(v.diagnostics).toEqual([]);
      const r = runDeal(deal!, v.scenario!);
      expect(r.checks.conservation).toBe(true);
      expect([r.checks.periodsChecked, r.checks.largestDifference.toFixed(2)]).toEqual([r.pool.periods.length + 1, '0.00']);
      expect(r.checks.cashIn.eq(r.checks.cashOut.plus(r.checks.held))).toBe(true);
    });
  }
});
