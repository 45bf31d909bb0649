// An ES module using the installed ipabs package (test/package/consumer.test.ts type-checks it with
// tsc and runs it with node). What it prints is compared with the CommonJS example's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDeal, runDeal, runJson, poolStats, fmtFen, DealSchema, ScenarioSchema, BASE_SCENARIO } from 'ipabs';
import type { Deal, Scenario, RunResult, RunResultJson, LoadedDeal } from 'ipabs';
import pkg from 'ipabs/package.json' with { type: 'json' };
import dealSchema from 'ipabs/schemas/deal.schema.json' with { type: 'json' };

const file = fileURLToPath(import.meta.resolve('ipabs/deals/guangkai-patent-license.json'));
const { deal, diagnostics } = loadDeal(file);
if (!deal) throw new Error(diagnostics.map((d) => d.message).join('\n'));
const loaded: LoadedDeal = deal;
const spec: Deal = loaded.spec;
const scenario: Scenario = ScenarioSchema.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] });
const result: RunResult = runDeal(loaded, scenario);
const json: RunResultJson = runJson(runDeal(loaded, BASE_SCENARIO));

// The names are types, not `any`: a wrong value does not compile.
// @ts-expect-error schemaVersion is the literal 1
const wrong: Deal = { ...spec, schemaVersion: 2 };
void wrong;

console.log(
  JSON.stringify({
    version: pkg.version,
    schemaId: dealSchema.$id,
    parsed: DealSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))).success,
    name: spec.meta.name,
    balance: poolStats(spec, loaded.assets).balance.toFixed(2),
    loss: result.tranches.map((t) => fmtFen(t.summary.loss)),
    conserved: result.checks.conservation,
    baseBalance: json.tranches[0]?.balance,
  }),
);
