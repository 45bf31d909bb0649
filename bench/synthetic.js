/**
 * A synthetic pledge-loan deal of N loans with monthly payments over 60 months, for benchmarks.
 * Deterministic: loan i's terms are a function of i.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export function writeSyntheticDeal(dir, loans, months = 60) {
  mkdirSync(dir, { recursive: true });
  const industries = ['信息技术业', '制造业', '建筑业', '科学研究', '文化传媒'];
  const ipTypes = ['发明专利', '实用新型', '发明专利+实用新型', '软件著作权'];
  const repayments = ['等额本金', '等额本息', '到期一次还本'];
  const lines = ['贷款编号,借款人,行业,地区,质押知识产权类型,贷款余额,年利率,放款日,到期日,还款方式,付息频率(月)'];
  let total = 0;
  for (let i = 0; i < loans; i++) {
    const balance = 200_000 + ((i * 7919) % 4_800_000);
    total += balance;
    const rate = (4.5 + ((i * 37) % 300) / 100).toFixed(2);
    lines.push(`L${String(i + 1).padStart(5, '0')},借款人${i + 1},${industries[i % 5]},深圳,${ipTypes[i % 4]},${balance}.00,${rate}%,2021-01-15,2026-01-15,${repayments[i % 3]},1`);
  }
  // Written in parts: a million rows joined at once would be one string of 100 MB.
  const fd = openSync(join(dir, 'synthetic.tape.csv'), 'w');
  writeSync(fd, '\uFEFF');
  for (let k = 0; k < lines.length; k += 10_000) writeSync(fd, lines.slice(k, k + 10_000).join('\n') + '\n');
  closeSync(fd);
  const senior = Math.floor(total * 0.85);
  const deal = {
    schemaVersion: 1,
    meta: { id: `synthetic-${loans}`, name: `合成质押贷款池 ${loans} 笔`, structure: 'pledgeLoan', notes: ['synthetic benchmark deal'] },
    dates: {
      cutoff: '2021-01-15',
      closing: '2021-01-20',
      paymentDates: { everyMonths: 1, day: 26, first: '2021-02-26', last: '2026-01-26' },
      calendarBeyondData: 'weekends',
    },
    pool: { tapes: [{ path: 'synthetic.tape.csv', type: 'pledgeLoan' }] },
    tranches: [
      { id: 'A', name: '优先级', class: 'senior', balance: `${senior}.00`, coupon: '0.035', expectedMaturity: '2026-01-26' },
      { id: 'B', name: '次级', class: 'subordinate', balance: `${total - senior}.00`, expectedMaturity: '2026-01-26' },
    ],
    fees: [{ kind: 'rateOnBalance', id: 'mgmt', name: '管理费', rate: '0.002', base: 'tranches' }],
    accounts: [{ id: 'collection', name: '专项计划账户', kind: 'collection' }],
    supports: [],
    triggers: [],
    waterfalls: {
      normal: [
        { type: 'payFees', fees: ['mgmt'] },
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payPrincipal', tranches: ['A', 'B'] },
        { type: 'payResidual', tranche: 'B' },
      ],
    },
    baseCase: { cumulativeDefaultRate: '0.05', recoveryRate: '0.3', recoveryLagPeriods: 6 },
  };
  const file = join(dir, 'synthetic.json');
  writeFileSync(file, JSON.stringify(deal, null, 2));
  return file;
}
