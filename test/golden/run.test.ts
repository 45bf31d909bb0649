/** Golden files of the full `ipabs run` output of every sample deal, as JSON and as tables. */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli, sampleDeals } from '../helpers.js';

const variants: { name: string; args: string[] }[] = [
  { name: 'json', args: ['--format', 'json'] },
  { name: 'table.zh.wan', args: ['--unit', 'wan'] },
  { name: 'table.en.yuan', args: ['--lang', 'en'] },
  { name: 'html.zh.wan', args: ['--format', 'html', '--unit', 'wan'] },
];

describe('ipabs run golden files', () => {
  for (const deal of sampleDeals()) {
    for (const v of variants) {
      it(`${basename(deal)} ${v.name}`, async () => {
        const { code, out, err } = await runCli(['run', deal, ...v.args]);
        expect(err).toBe('');
        expect(code).toBe(0);
        expectGolden(`test/golden/run/${basename(deal, '.json')}.${v.name}.txt`, out);
      });
    }
  }

  it('meets the JSON contract: tranches, pool periods, supports, events, conservation', async () => {
    for (const deal of sampleDeals()) {
      const r = JSON.parse((await runCli(['run', deal, '--format', 'json'])).out);
      expect(r.checks.conservation, deal).toBe(true);
      // What was proven: the closing and every payment date, in = out + held, nothing off.
      expect(r.checks.periodsChecked, deal).toBe(r.pool.periods.length + 1);
      expect(r.checks.largestDifference, deal).toBe('0.00');
      expect(Number(r.checks.cashIn) * 100, deal).toBe(Math.round((Number(r.checks.cashOut) + Number(r.checks.held)) * 100));
      expect(Array.isArray(r.pool.periods) && Array.isArray(r.supports) && Array.isArray(r.events)).toBe(true);
      for (const t of r.tranches) {
        expect(typeof t.id).toBe('string');
        for (const p of t.periods) {
          for (const k of ['beginBalance', 'interestDue', 'interestPaid', 'principalPaid', 'endBalance', 'interestShortfall']) expect(p[k], k).toMatch(/^-?\d+\.\d{2}$/);
          expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(p.nominalDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        for (const k of ['principalPaid', 'interestPaid', 'loss']) expect(t.summary[k]).toMatch(/^\d+\.\d{2}$/);
        expect(t.summary).toHaveProperty('finalPaymentDate');
        expect(t.summary).toHaveProperty('wal');
        // Every tranche of every sample deal is repaid in full by its expected maturity.
        expect(t.summary.loss, `${deal} ${t.id}`).toBe('0.00');
        const lastPrincipal = t.summary.principalWindow.last;
        const em = t.periods.find((p: { nominalDate: string }) => p.nominalDate === t.expectedMaturity);
        // A clean-up call may end the deal before the expected maturity.
        const by = em ? em.date : t.expectedMaturity;
        expect(lastPrincipal <= by, `${deal} ${t.id} repaid by ${by}`).toBe(true);
      }
    }
  });
});

describe('the published deals, base case', () => {
  it('广开专利: the senior retires on its 16th date (2023-08-26, paid Monday 2023-08-28); the subordinate is paid last on 2024-08-26; the risk reserve is held and released at the end', async () => {
    const r = JSON.parse((await runCli(['run', 'deals/guangkai-patent-license.json', '--format', 'json'])).out);
    const [senior, sub] = r.tranches;
    expect(senior.balance).toBe('285950000.00');
    expect(senior.coupon).toBe('0.04');
    expect(senior.summary.finalPaymentDate).toBe('2023-08-28');
    expect(senior.periods[15].nominalDate).toBe('2023-08-26');
    expect(senior.periods[15].date).toBe('2023-08-28');
    expect(senior.periods[15].endBalance).toBe('0.00');
    expect(senior.periods[14].endBalance).not.toBe('0.00');
    expect(sub.summary.finalPaymentDate).toBe('2024-08-26');
    const risk = r.accounts.find((a: { id: string }) => a.id === 'risk');
    expect(risk.periods.slice(0, 19).every((p: { end: string }) => p.end === '15050000.00')).toBe(true);
    expect(risk.periods[19].end).toBe('0.00');
    expect(r.supports.every((s: { totalDrawn: string }) => s.totalDrawn === '0.00')).toBe(true);
    // 20 level quarterly royalties of 1,956.5万元 from the 11 contracts: 39,130万元 in all.
    expect(r.pool.totalCollected).toBe('391300000.00');
    expect(r.pool.periods.map((p: { principal: string }) => p.principal)).toEqual(Array(20).fill('19565000.00'));
  });

  it('高新投知识产权2号: 福高1A1 and 福高1次 are paid in full by 2022-01-28', async () => {
    const r = JSON.parse((await runCli(['run', 'deals/gaoxintou-ip-2.json', '--format', 'json'])).out);
    expect(r.tranches.map((t: { name: string; balance: string; summary: { principalPaid: string; finalPaymentDate: string; loss: string } }) => [t.name, t.balance, t.summary.principalPaid, t.summary.finalPaymentDate, t.summary.loss])).toEqual([
      ['福高1A1', '138000000.00', '138000000.00', '2022-01-28', '0.00'],
      ['福高1次', '1000000.00', '1000000.00', '2022-01-28', '0.00'],
    ]);
  });
});
