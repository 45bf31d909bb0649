import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal } from '../src/engine/run.js';
const file = process.argv[2]!;
const { deal, diagnostics } = loadDeal(file);
if (!deal) { console.log(diagnostics); process.exit(1); }
const scen = process.argv[3] ? JSON.parse(process.argv[3]) : undefined;
const r = runDeal(deal, scen ? { defaults: [], supportFailures: [], ...scen } : undefined);
for (const t of r.tranches) {
  console.log(t.id, t.name);
  for (const p of t.periods) console.log(' ', p.period, p.date, p.beginBalance.div(1e4).toFixed(2), 'int', p.interestDue.toFixed(2), p.interestPaid.toFixed(2), 'prin', p.principalPaid.div(1e4).toFixed(2), 'res', p.residualPaid.toFixed(2), 'end', p.endBalance.toFixed(2), 'sf', p.interestShortfall.toFixed(2));
  console.log('  summary', JSON.stringify(t.summary));
}
for (const s of r.supports) console.log('support', s.id, s.totalDrawn.toFixed(2), s.unpaid.toFixed(2));
for (const e of r.events) console.log('event', e.period, e.date, e.message);
for (const a of r.accounts) console.log('acct', a.id, a.periods.map(p=>p.end.toFixed(2)).join(' '));
console.log('checks', r.checks.conservation, r.checks.cashIn.toFixed(2), r.checks.cashOut.toFixed(2), r.checks.held.toFixed(2), 'cov', r.coverage.minimum?.toFixed(3), r.coverage.wholeLife?.toFixed(3));
