import { loadDeal } from '../dist/io/loadDeal.js';
import { runDeal, prepareDeal } from '../dist/engine/run.js';
const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prep = prepareDeal(deal);
let t = performance.now();
for (let i = 0; i < 500; i++) runDeal(prep);
console.log('run ms', ((performance.now() - t) / 500).toFixed(2));
