// A CommonJS module using the installed ipabs package: require('ipabs') (Node's require of an ES
// module, Node ≥ 20.19). Type-checked with tsc and run with node by test/package/consumer.test.ts.
import ipabs = require('ipabs');
import type { Deal, Scenario, RunResult, RunResultJson } from 'ipabs';

const pkg: { version: string } = require('ipabs/package.json');
const dealSchema: { $id: string } = require('ipabs/schemas/deal.schema.json');

const { deal, diagnostics } = ipabs.loadDeal(require.resolve('ipabs/deals/guangkai-patent-license.json'));
if (!deal) throw new Error(diagnostics.map((d) => d.message).join('\n'));
const spec: Deal = deal.spec;
// The schema's former name still works.
const scenario: Scenario = ipabs.Scenario.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] });
const result: RunResult = ipabs.runDeal(deal, scenario);
const json: RunResultJson = ipabs.runJson(ipabs.runDeal(deal, ipabs.BASE_SCENARIO));
// A deal with a CSV tape: the tapes are in the package too.
const tape = ipabs.loadDeal(require.resolve('ipabs/deals/gaoxintou-ip-2.json'));

console.log(
  JSON.stringify({
    version: pkg.version,
    schemaId: dealSchema.$id,
    parsed: ipabs.DealSchema.safeParse(require('ipabs/deals/guangkai-patent-license.json')).success,
    name: spec.meta.name,
    balance: ipabs.poolStats(spec, deal.assets).balance.toFixed(2),
    loss: result.tranches.map((t) => ipabs.fmtFen(t.summary.loss)),
    conserved: result.checks.conservation,
    baseBalance: json.tranches[0]?.balance,
    tapeAssets: tape.deal?.assets.length,
  }),
);
