import { Decimal } from '../../src/util/money.js';
import type { Report } from '../../src/report/model.js';

/** A small report: Chinese labels, money, percents, a null, a total row, a kv section. */
export function sampleReport(): Report {
  return {
    title: { zh: '现金流报告', en: 'Cash-flow report' },
    subtitle: [
      { zh: '某知识产权ABS', en: 'Some IP ABS' },
      { zh: '截至 2024-06-30', en: 'As of 2024-06-30' },
    ],
    sections: [
      {
        type: 'table',
        id: 'pool',
        title: { zh: '资产池', en: 'Pool' },
        columns: [
          { key: 'period', header: { zh: '期次', en: 'Period' }, kind: 'int' },
          { key: 'date', header: { zh: '日期', en: 'Date' }, kind: 'date' },
          { key: 'balance', header: { zh: '贷款余额', en: 'Balance' }, kind: 'money' },
          { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
        ],
        rows: [
          { period: 1, date: '2024-09-30', balance: new Decimal('13900000'), share: new Decimal(62).div(139) },
          { period: 2, date: '2024-12-31', balance: '7700000.005', share: null },
        ],
        total: { period: null, date: '合计', balance: new Decimal('21600000.005'), share: 1 },
      },
      {
        type: 'kv',
        id: 'summary',
        title: { zh: '概要', en: 'Summary' },
        items: [
          { key: 'issue', label: { zh: '发行规模', en: 'Issue size' }, value: new Decimal('100000000'), kind: 'money' },
          { key: 'coupon', label: { zh: '优先级利率', en: 'Senior coupon' }, value: '0.0285', kind: 'rate' },
          { key: 'name', label: { zh: '名称', en: 'Name' }, value: 'A, "B" | C', kind: 'text' },
        ],
      },
    ],
    notes: [{ zh: '金额四舍五入。', en: 'Amounts rounded half up.' }],
  };
}
