import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal, prepareDeal } from '../src/engine/run.js';
import { Scenario } from '../src/scenario/schema.js';
for (const f of ['deals/guangkai-patent-license.json', 'deals/gaoxintou-ip-2.json']) {
  const { deal } = loadDeal(f);
  const prep = prepareDeal(deal!);
  for (const sc of [
    { defaultRate: { cumulative: 0.1 } },
    { defaultRate: { cumulative: 0.2 }, recovery: { rate: 0.3, lagPeriods: 2 } },
    { defaultRate: { cumulative: 0.3, timing: { frontLoaded: 0.2 } }, externalSupport: false },
    { defaultRate: { annualCdr: 0.05 }, prepayment: { cpr: 0.1 } },
    { collections: { delayPeriods: 1, haircut: 0.1 }, spreadCompressionBp: 50 },
    { defaultRate: { cumulative: 0.2 }, recovery: { rate: 0.3, lagPeriods: 1, lossSharing: { model: '广州541' } }, externalSupport: false },
  ]) {
    const r = runDeal(prep, Scenario.parse(sc));
    console.log(f.slice(6, 14), JSON.stringify(sc), '|', r.tranches.map((t) => `${t.id} loss=${t.summary.loss.toFixed(0)} last=${t.summary.finalPaymentDate}`).join(' '), '| def', r.pool.totalDefaulted.toFixed(0), 'sup', r.supports.map(s=>s.totalDrawn.toFixed(0)).join('/'), r.checks.conservation);
  }
}
