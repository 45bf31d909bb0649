import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal } from '../src/engine/run.js';
import { Decimal } from '../src/util/money.js';
const { deal, diagnostics } = loadDeal('deals/guangkai-patent-license.json');
if (!deal) { console.log(diagnostics); process.exit(1); }
for (const rate of ['0.0015', '0.0025', '0.0030', '0.0035', '0.0038']) {
  const spec = { ...deal.spec, fees: deal.spec.fees.map((f) => (f.id === 'mgmt' ? { ...f, rate: new Decimal(rate) } : f)) };
  const r = runDeal({ ...deal, spec });
  const a = r.tranches[0]!;
  console.log(rate, a.summary.finalPaymentDate, 'first-year fees/issue', r.fees.reduce((s,f)=>s.plus(f.periods.slice(1,5).reduce((x,p)=>x.plus(p.paid),new Decimal(0))),new Decimal(0)).div(301000000).toFixed(4));
}
{
  const spec = { ...deal.spec, fees: deal.spec.fees.map((f) => (f.id === 'mgmt' ? { ...f, rate: new Decimal('0.0035') } : f)) };
  const r = runDeal({ ...deal, spec });
  const p16 = r.pool.periods.slice(0,16).reduce((s,p)=>s.plus(p.principal).plus(p.interest), new Decimal(0));
  console.log('pool through 16', p16.toFixed(2));
  for (const f of r.fees) console.log(f.id, f.periods.slice(0,16).reduce((s,p)=>s.plus(p.paid), new Decimal(0)).toFixed(2));
  console.log('A int', r.tranches[0]!.summary.interestPaid.toFixed(2));
  for (const e of r.events) console.log(e.message);
  for (const p of r.tranches[0]!.periods.slice(13,17)) console.log(p.period, p.principalPaid.toFixed(2), p.endBalance.toFixed(2));
}
