/** Actual figures (engine/actuals*.ts, io/actualsFile.ts): amounts to the fen, the balance check, triggers on actuals. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fenOfText, readActuals } from '../../src/io/actualsFile.js';
import { balanceActuals } from '../../src/engine/actualsCheck.js';
import { resolveActuals, type ActualPeriod } from '../../src/engine/actuals.js';
import { prepareDeal } from '../../src/engine/prepare.js';
import { runDeal } from '../../src/engine/run.js';
import { trackDeal } from '../../src/engine/track.js';
import { BASE_SCENARIO } from '../../src/scenario/base.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import type { Money } from '../../src/util/fen.js';
import { useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-actuals-');
const m = (yuan: number) => Math.round(yuan * 100) as Money;

describe('fenOfText: yuan text to whole fen, never through a float', () => {
  it.each([
    ['1,234.56', 123456],
    ['0.1', 10],
    ['¥ 17,058,256.33', 1705825633],
    ['12534.79元', 1253479],
    ['-5', -500],
    ['0', 0],
  ])('%s → %d fen', (text, fen) => expect(fenOfText(text)).toBe(fen));
  it.each(['12.345', '1e5', '', 'abc', '1.2.3', '99999999999999'])('%s is not an amount', (text) => expect(fenOfText(text)).toBeUndefined());
});

describe('balanceActuals', () => {
  const period = (k: number, lines: [string, number][]): ActualPeriod => ({ k, date: `2020-0${k + 1}-26`, lines: new Map(lines.map(([key, y]) => [key, m(y)])) });
  it('in = out + the change in what the accounts hold; a closing balance not given is carried; every gap is reported', () => {
    const periods = [
      period(0, [['principalCollected', 1000], ['feePaid|f', 100], ['principalPaid|A', 700], ['closing|r', 300], ['closing|collection', 0]]),
      period(1, [['principalCollected', 10], ['feePaid|f', 4]]),
      period(2, [['recoveries', 5], ['closing|r', 200], ['draw|r', 90], ['principalPaid|A', 105]]),
    ];
    const { rows, findings, closings } = balanceActuals(periods, ['collection', 'r'], new Map([['r', m(100)]]));
    // Period 1: 1000 = 100 + 700 + (300 − 100). Period 2: 10 − 4 − 0 = 6 unaccounted. Period 3: 5 = 105 + (200 − 300).
    expect(rows.map((r) => r.gap)).toEqual([0, m(6), 0]);
    expect(closings[1]!.get('r')).toBe(m(300));
    expect(findings.map((f) => f.period)).toEqual([2, 3]);
    expect(findings[0]!.message).toContain('6.00 came in and is not accounted for');
    // The draw given (90) is not the fall of the reserve (100).
    expect(findings[1]!.message).toBe('r: opening 300.00 + topped up 0.00 − drawn 90.00 = 210.00, but the closing balance is 200.00 (gap -10.00)');
  });
});

describe('triggers on the actual figures', () => {
  it('a coverage trigger fires on actual collections the projection never sees', async () => {
    // 广开专利 with a coverage test at 1.05: in period 1 only 2,000,000.00 of royalties arrive.
    const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));
    deal.triggers.push({ id: 'cov', name: '覆盖倍数', condition: { type: 'coverageBelow', level: '1.05' }, effect: { type: 'switchWaterfall', to: 'accelerated' } });
    const file = tmp.file('deal.json', deal);
    const prepared = prepareDeal(loadDeal(file).deal!);
    // Fees of period 1 (as projected): 94,010.96 + 12,534.79 + 10,326.09 + 8,260.87 = 125,132.71;
    // funds for the senior 2,000,000.00 − 125,132.71 = 1,874,867.29, all paid as interest;
    // due: A's interest 2,381,610.96 (pass-through principal is not due before maturity):
    // 1,874,867.29 / 2,381,610.96 = 0.787 < 1.05.
    const csv = ['期数,项目,对象,金额', '1,许可费回收,,2000000.00', '1,税费,mgmt,94010.96', '1,税费,custody,12534.79', '1,税费,rating,10326.09', '1,税费,audit,8260.87', '1,利息,A,1874867.29', '1,期末余额,risk,15050000.00'];
    const actualsFile = tmp.file('actuals.csv', `${csv.join('\n')}\n`);
    const read = await readActuals(actualsFile, 'actuals.csv');
    expect(read.diagnostics).toEqual([]);
    const { periods, diagnostics } = resolveActuals(prepared, read.rows, 'actuals.csv');
    expect(diagnostics).toEqual([]);
    const t = trackDeal(prepared, runDeal(prepared), periods, BASE_SCENARIO);
    expect(t.findings).toEqual([]);
    expect(t.triggers).toEqual([{ period: 1, date: '2019-11-26', id: 'cov', name: '覆盖倍数', what: 'fires' }]);
    expect(t.projectedTriggers).toEqual([]);
    expect(t.end.state).toBe('accelerated');
    // The rest runs from the actuals' status: A owes all it was issued and, paid 1,874,867.29 of
    // 2,381,610.96, 506,743.67 of unpaid interest; so on the next date the missed senior interest
    // is an event of default (违约事件), as the engine's own run would have it.
    expect(t.statusFrom).toBe('actuals');
    expect(t.end.unpaidInterest[0]).toBe(m(506743.67));
    expect(t.rest!.tranches[0]!.periods[0]!.beginBalance).toBe(m(285950000));
    expect(t.rest!.tranches[0]!.periods[0]!.interestDue).toBeGreaterThan(m(506743.67));
    expect(t.rest!.events.find((e) => e.type === 'trigger')).toMatchObject({ period: 2, id: 'default-event', detail: 'fires' });
    expect(t.rest!.states[0]!.state).toBe('default');
  });
});
