import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal, prepareDeal } from '../src/engine/run.js';
import { Scenario } from '../src/scenario/schema.js';
const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prep = prepareDeal(deal!);
const sc = Scenario.parse({ defaults: [{ obligor: '专利客户01', period: 3 }, { obligor: '专利客户05', period: 7 }] });
for (const detail of [true, false]) {
  let t = performance.now();
  for (let i = 0; i < 300; i++) runDeal(prep, sc, { detail });
  console.log('detail', detail, 'ms', ((performance.now() - t) / 300).toFixed(3));
}
