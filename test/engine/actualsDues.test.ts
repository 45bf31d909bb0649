/** The trigger tests on actuals take a tranche's principal due from the file (应付本金) when it gives one, the projection's otherwise. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readActuals } from '../../src/io/actualsFile.js';
import { resolveActuals } from '../../src/engine/actuals.js';
import { prepareDeal } from '../../src/engine/prepare.js';
import { runDeal } from '../../src/engine/run.js';
import { trackDeal } from '../../src/engine/track.js';
import { BASE_SCENARIO } from '../../src/scenario/base.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { trackReport } from '../../src/report/trackReport.js';
import type { KeyValueSection } from '../../src/report/model.js';
import { useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-actuals-dues-');

/** 广开专利 with a coverage test at 1.05, tracked on period 1 as projected, with `more` lines. */
async function tracked(name: string, more: string[]) {
  const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));
  deal.triggers.push({ id: 'cov', name: '覆盖倍数', condition: { type: 'coverageBelow', level: '1.05' }, effect: { type: 'switchWaterfall', to: 'accelerated' } });
  const prepared = prepareDeal(loadDeal(tmp.file(`${name}.json`, deal)).deal!);
  const csv = ['期数,项目,对象,金额', '1,许可费回收,,19565000.00', '1,税费,mgmt,94010.96', '1,税费,custody,12534.79', '1,税费,rating,10326.09', '1,税费,audit,8260.87', '1,利息,A,2381610.96', '1,本金,A,17058256.33', '1,期末余额,risk,15050000.00', ...more];
  const read = await readActuals(tmp.file(`${name}.csv`, `${csv.join('\n')}\n`), `${name}.csv`);
  expect(read.diagnostics).toEqual([]);
  const { periods, diagnostics } = resolveActuals(prepared, read.rows, `${name}.csv`);
  expect(diagnostics).toEqual([]);
  return trackDeal(prepared, runDeal(prepared), periods, BASE_SCENARIO);
}

const summary = (t: Awaited<ReturnType<typeof tracked>>, lang: 'zh' | 'en') => (trackReport(t, lang).sections[0] as KeyValueSection).items.find((i) => i.key === 'principalDue')!.value;

describe('应付本金 in the trigger tests on actuals', () => {
  it('without it, coverage is over the projection’s principal due: none is due on a pass-through senior before maturity', async () => {
    // Funds for the senior: 19,565,000.00 − fees 125,132.71 (94,010.96 + 12,534.79 + 10,326.09 + 8,260.87)
    // = 19,439,867.29; due: A's interest 2,381,610.96 and no principal: 8.16 ≥ 1.05.
    const t = await tracked('projected', []);
    expect(t.findings).toEqual([]);
    expect(t.triggers).toEqual([]);
    expect(t.principalDueGiven).toEqual([]);
    expect(summary(t, 'en')).toBe('the projection’s (the file gives no 应付本金)');
  });

  it('with it, coverage is over the actual principal due, and the test fires', async () => {
    // 应付本金 A 17,058,256.33: due 2,381,610.96 + 17,058,256.33 = 19,439,867.29 = the funds: 1.00 < 1.05.
    const t = await tracked('actual', ['1,应付本金,A,17058256.33']);
    expect(t.findings).toEqual([]);
    expect(t.triggers).toEqual([{ period: 1, date: '2019-11-26', id: 'cov', name: '覆盖倍数', what: 'fires' }]);
    expect(t.principalDueGiven).toEqual([1]);
    expect(summary(t, 'en')).toBe('the actual 应付本金');
    expect(summary(t, 'zh')).toBe('实际数据（应付本金）');
    // Beside the projection's (none), as a line of the variance table.
    expect(t.lines).toContainEqual({ period: 1, date: '2019-11-26', item: 'principalDue', object: 'A', actual: 1705825633, projected: 0, variance: 1705825633, cumulative: 1705825633 });
  });
});
