import { loadDeal } from '../src/io/loadDeal.js';
import { runDeal } from '../src/engine/run.js';
import { Decimal } from '../src/util/money.js';
const { deal } = loadDeal('deals/guangkai-patent-license.json');
for (const rate of ['0.0015', '0.0035']) {
  const spec = { ...deal!.spec, fees: deal!.spec.fees.map((f) => (f.id === 'mgmt' ? { ...f, rate: new Decimal(rate) } : f)) };
  for (const fail of [false, true]) {
    const r = runDeal({ ...deal!, spec }, { defaults: [], supportFailures: fail ? [{ provider: '广州开发区金融控股集团有限公司（开发区金控）', from: '2019-01-01' }] : [] });
    console.log(rate, fail ? 'no support' : 'with support', r.tranches[0]!.summary.finalPaymentDate, r.supports.map(s => s.id + ':' + s.totalDrawn.toFixed(2)).join(' '));
  }
}
