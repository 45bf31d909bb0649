/**
 * `ipabs track` and what is owed after the last actual date: 应付利息 (a tranche's interest due)
 * and 应付税费 (a fee's due) give the unpaid interest and fee arrears, checked against a status
 * file (a mismatch names both figures) or carried into the status made from the actuals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const DEAL = 'deals/guangkai-patent-license.json';
const ACTUALS = 'deals/actuals/guangkai-2021-08-26.csv';
const STATUS = 'deals/status/guangkai-2021-08-26.json';
const SCENARIO = 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json';
const tmp = useTempDir('ipabs-track-dues-');
const withLines = (name: string, more: string[]) => tmp.file(name, `${[...readFileSync(ACTUALS, 'utf8').trimEnd().split('\n'), ...more].join('\n')}\n`);
const track = (file: string, ...more: string[]) => runCli(['track', DEAL, '--actuals', file, '--scenario', SCENARIO, ...more]);

describe('ipabs track: unpaid interest and fee arrears', () => {
  it('dues that were paid in full agree with the status, and are compared with the projection', async () => {
    // Period 8 as paid: A's interest 1,673,558.13, the custody fee 15,173.70 (301,000,000.00 × 0.02% × 92/365).
    const file = withLines('paid.csv', ['2021-08-26,应付利息,A,1673558.13,', '2021-08-26,应付税费,托管费,15173.70,']);
    const r = await track(file, '--status', STATUS, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as { sections: { variance: { rows: Record<string, unknown>[] } } }).sections.variance.rows;
    expect(rows).toContainEqual({ period: 8, date: '2021-08-26', item: '应付税费', object: '托管费', objectId: 'custody', actual: '15173.70', projected: '15173.70', variance: '0.00', cumulative: '0.00' });
    expect(rows).toContainEqual(expect.objectContaining({ period: 8, item: '应付利息', objectId: 'A', actual: '1673558.13', projected: '1673558.13' }));
    // Not given in other periods: no line.
    expect(rows.filter((x) => x['item'] === '应付税费')).toHaveLength(1);
  });

  it('a status that disagrees with them is exit 2, naming both figures', async () => {
    // 100.00 more due than paid on each: A owes 100.00 of interest, the custody fee 100.00 of arrears; the status says nothing is owed.
    const file = withLines('owed.csv', ['2021-08-26,应付利息,A,1673658.13,', '2021-08-26,应付税费,托管费,15273.70,']);
    const r = await track(file, '--status', STATUS);
    expect(r.code).toBe(2);
    expect(r.err).toContain('tranche A unpaid interest: the status has 0.00, the actuals 100.00 (应付利息 − 利息 on 2021-08-26)');
    expect(r.err).toContain('fee custody arrears: the status has 0.00, the actuals 100.00 (应付税费 − 税费 on 2021-08-26)');
    expect(r.err).not.toContain('tranche B unpaid interest');
  });

  it('the summary says in which periods the trigger tests took the file’s 应付本金', async () => {
    // A pass-through senior owes no principal before its expected maturity: 0.00, as projected; nothing fires that did not.
    const r = await track(withLines('principal-due.csv', ['2021-08-26,应付本金,A,0.00,']), '--format', 'json', '--lang', 'en');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { sections: { summary: { values: Record<string, unknown> } } };
    expect(j.sections.summary.values['principalDue']).toBe('the actual 应付本金 in period 8, the projection’s in the others');
    expect(j.sections.summary.values['fired']).toBe('acceleration');
  });

  it('without a status, the fee arrears the actuals give are carried into the rest', async () => {
    const file = withLines('arrears.csv', ['2021-08-26,应付税费,托管费,15273.70,']);
    const r = await track(file, '--format', 'json');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { sections: { 'rest-fees': { rows: Record<string, unknown>[] } }; notes: string[] };
    // Period 9: the custody fee's 92 days, 15,173.70, and the 100.00 carried: 15,273.70 paid.
    expect(j.sections['rest-fees'].rows[0]).toMatchObject({ period: 9, 'fee:custody': '15273.70', 'fee:mgmt': '113802.74', arrears: '0.00' });
    expect(j.notes.join('\n')).toContain('费用欠付取应付税费减实付（未给出的按情景预测）');
  });
});

describe('ipabs track: the rest’s supports table', () => {
  it('shows what a support paid in the actual periods as a brought-forward line, so its rows add up to its total', async () => {
    // Period 8: the liquidity support pays 100,000.00 (to A as principal); the rest draws the undertaking
    // 7,805,152.92 on 2023-08-21. Total 7,905,152.92 = 7,805,152.92 + the 100,000.00 brought forward.
    const file = tmp.file('liquidity.csv', `${[...readFileSync(ACTUALS, 'utf8').trimEnd().split('\n').map((x) => x.replace('2021-08-26,本金,A,17739965.43,', '2021-08-26,本金,A,17839965.43,')), '2021-08-26,支付,流动性支持,100000.00,'].join('\n')}\n`);
    const r = await track(file, '--format', 'json', '--lang', 'en');
    expect(r.err).toBe('');
    const t = (JSON.parse(r.out) as { sections: { 'rest-supports': { rows: Record<string, unknown>[]; total: Record<string, unknown> } } }).sections['rest-supports'];
    expect(t.rows.map((x) => [x['date'], x['requested'], x['amount'], x['reason']])).toEqual([
      ['2023-08-21', '7805152.92', '7805152.92', 'shortfall payment (差额支付)'],
      ['2021-08-26', null, '100000.00', 'paid before the status date (brought forward)'],
    ]);
    expect(t.total).toMatchObject({ requested: '7805152.92', amount: '7905152.92' });
  });
});
