/** A trademark royalty tape: its count and type columns by their Chinese names, and what the pool report makes of them. */
import { describe, expect, it } from 'vitest';
import { validateDeal } from '../../src/io/loadDeal.js';
import { poolReport } from '../../src/report/poolReport.js';

const TAPE = [
  '合同编号,商标被许可人,许可商标类型,商标数量,应收许可费总额（万元）,许可费支付间隔,首个支付日,支付期数',
  'T1,甲服饰,注册商标,30,1200,3,2025-03-31,8',
  'T2,乙食品,商标,28,800,3,2025-03-31,8',
  'T3,丙文化,商标+著作权,,400,3,2025-03-31,8',
].join('\n');

const deal = {
  schemaVersion: 1,
  meta: { id: 'tm', name: '某商标许可资产支持专项计划', structure: 'royalty' },
  dates: { cutoff: '2025-01-01', closing: '2025-01-01', paymentDates: { everyMonths: 3, day: 'monthEnd', first: '2025-03-31', last: '2026-12-31' }, businessDayRule: 'none', calendar: 'none' },
  pool: { tapes: [{ path: 'tm.csv', type: 'royalty', defaults: { contractStart: '2025-01-01', contractEnd: '2026-12-31', royalties: { type: 'level' } } }] },
  tranches: [{ id: 'A', name: '优先级', class: 'senior', balance: '20000000.00', coupon: '0.03', expectedMaturity: '2026-12-31' }],
  accounts: [{ id: 'collection', name: '专项计划账户', kind: 'collection' }],
  waterfalls: { normal: [{ type: 'payInterest', tranches: ['A'] }, { type: 'payPrincipal', tranches: ['A'] }] },
};

describe('a trademark royalty tape', () => {
  const { deal: loaded, diagnostics } = validateDeal(deal, 'tm.json', () => ({ bytes: new TextEncoder().encode(TAPE), diagnostics: [] }));

  it('reads 商标数量 as ip.count and 注册商标 / 商标 as trademark', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded!.assets.map((a) => [a.id, a.ip?.types, a.ip?.count])).toEqual([
      ['T1', ['trademark'], 30],
      ['T2', ['trademark'], 28],
      ['T3', ['trademark', 'copyright'], undefined],
    ]);
  });

  it('totals 58 trademarks and says which contract has no count; a mixed pool reads 被许可人', () => {
    const report = poolReport(loaded!, { lang: 'zh' });
    const summary = report.sections.find((s) => s.id === 'summary')!;
    expect(summary.type === 'kv' && summary.items.find((i) => i.key === 'ipRights')?.value).toBe(58);
    const rights = report.sections.find((s) => s.id === 'ipRights')!;
    expect(rights.type === 'table' && rights.rows).toEqual([
      { label: '商标', rights: 58, contracts: 2, uncounted: 0 },
      { label: '商标 + 著作权', rights: 0, contracts: 1, uncounted: 1 },
    ]);
    expect(summary.type === 'kv' && summary.items.find((i) => i.key === 'obligors')?.label.zh).toBe('被许可人户数');
    expect(JSON.stringify(report)).not.toContain('专利');
  });
});
