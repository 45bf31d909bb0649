/** A tranche that still owes principal on its legal maturity (法定到期日) is reported once. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDeal } from '../../src/io/loadDeal.js';
import { runDeal } from './inYuan.js';
import { Scenario } from '../../src/scenario/schema.js';

describe('legal maturity', () => {
  it('names the senior that still owes principal on its legal maturity, once', () => {
    const input = JSON.parse(readFileSync('deals/gaoxintou-ip-2.json', 'utf8'));
    // Legal maturity on the last payment date, and a large default with both supports failing.
    input.tranches[0].legalMaturity = '2022-01-28';
    const readTape = (p: string) => ({ bytes: readFileSync(`deals/${p}`), diagnostics: [] });
    const { deal, diagnostics } = validateDeal(input, 'deal.json', readTape);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const scenario = Scenario.parse({ defaults: [{ obligor: '借款人01', period: 2 }], supportFailures: [{ provider: '深圳市高新投融资担保有限公司', from: '2021-01-01' }] });
    const r = runDeal(deal!, scenario);
    const events = r.events.filter((e) => e.type === 'legalMaturity');
    expect(events.map((e) => [e.id, e.date, e.amount!.toFixed(2)])).toEqual([['A1', '2022-01-28', r.tranches[0]!.summary.loss.toFixed(2)]]);
    expect(r.tranches[0]!.summary.loss.gt(0)).toBe(true);
    // Repaid in full: no event.
    expect(runDeal(deal!).events.some((e) => e.type === 'legalMaturity')).toBe(false);
  });
});
