import { loadDeal } from '../dist/io/loadDeal.js';
import { runDeal, prepareDeal } from '../dist/engine/run.js';
import { Scenario } from '../dist/scenario/schema.js';
const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prep = prepareDeal(deal);
const sc = Scenario.parse({ defaults: [{ obligor: '专利客户01', period: 3 }, { obligor: '专利客户05', period: 7 }] });
let t = performance.now();
for (let i = 0; i < 1000; i++) runDeal(prep, sc, { detail: false });
console.log('run ms', ((performance.now() - t) / 1000).toFixed(2));
