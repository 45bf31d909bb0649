/**
 * The integer engine against the Decimal oracle (test/oracle), in one process, in CPU time
 * (the machine is shared: wall time is noise). Run it compiled, as the CLI runs (tsx's module
 * wrappers slow the engine's many small calls, not decimal.js's):
 *   npx tsc -p tsconfig.json --outDir /tmp/ipabs-bench --declaration false && \
 *   ln -sfn "$PWD/node_modules" /tmp/ipabs-bench/node_modules && ln -sfn "$PWD/deals" /tmp/ipabs-bench/deals && \
 *   (cd /tmp/ipabs-bench && node bench/engineVsOracle.js [--paths N] [--rounds N])
 *   1. the runs of a break-even search on 广开专利's senior, with and without support;
 *   2. Monte Carlo default patterns on 广开专利 through ResumableRun (detail off, stop when repaid);
 *   3. pool performance alone (the oracle's Decimal one, and today's in whole fen): not the engine's
 *      part of a run.
 * Medians of several rounds, and each ratio to the oracle.
 */
import { loadDeal } from '../src/io/loadDeal.js';
import * as engine from '../src/engine/run.js';
import * as performance from '../src/scenario/performance.js';
import * as oracle from '../test/oracle/run.js';
import * as oraclePerf from '../test/oracle/performanceDecimal.js';
import { baseScenario } from '../src/stress/scenarios.js';
import { atDefaultRate, breakeven } from '../src/stress/breakeven.js';
import { mcObligors, patternScenario, planPaths } from '../src/stress/montecarlo.js';
import type { ScenarioSpec } from '../src/scenario/schema.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('--rounds', 5);
const paths = arg('--paths', 100_000);

const cpu = (fn: () => void): number => {
  const a = process.cpuUsage();
  fn();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function measure(name: string, fns: Record<string, () => void>): void {
  const times: Record<string, number[]> = {};
  for (const k of Object.keys(fns)) fns[k]!();
  for (let r = 0; r < rounds; r++) for (const [k, fn] of Object.entries(fns)) (times[k] ??= []).push(cpu(fn));
  const ref = median(times['oracle'] ?? [NaN]);
  console.log(name);
  for (const [k, xs] of Object.entries(times)) console.log(`  ${k.padEnd(28)} ${median(xs).toFixed(1).padStart(9)} ms CPU (median of ${rounds})${k === 'oracle' ? '' : `  ${(ref / median(xs)).toFixed(1)}× the oracle`}`);
}

const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prepared = engine.prepareDeal(deal!);
const oraclePrepared = oracle.prepareDeal(deal!);
const base = baseScenario(deal!);

// 1. The scenarios a break-even search on the senior runs, with and without support: the rates
// a bisection of [0, 1] tries on its way to the break-even rate breakeven() finds.
const be: ScenarioSpec[] = [];
for (const externalSupport of [true, false]) {
  const s = { ...base, externalSupport };
  const found = breakeven(prepared, 'A', s);
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < found.runs; k++) {
    const mid = k === 0 ? 0 : k === 1 ? 1 : (lo + hi) / 2;
    if (k > 1) {
      if (mid <= found.rate) lo = mid;
      else hi = mid;
    }
    be.push(atDefaultRate(s, mid));
  }
}
measure(`break-even: ${be.length} runs of 广开专利 at cumulative default rates (with and without support)`, {
  oracle: () => be.forEach((s) => oracle.runDeal(oraclePrepared, s, { detail: false })),
  engine: () => be.forEach((s) => engine.runDeal(prepared, s, { detail: false })),
  'pool performance (Decimal)': () => be.forEach((s) => oraclePerf.poolPerformance(oraclePrepared.pool, s)),
  'pool performance (whole fen)': () => be.forEach((s) => performance.poolPerformance(prepared.pool, s)),
});

// 2. Monte Carlo patterns.
const obligors = mcObligors(prepared, { fallback: 0.05 });
const plan = planPaths(obligors, { paths, seed: 1, correlation: 0.2, recovery: 0.3, recoveryLagPeriods: 2 });
const mcBase = { ...base, defaultRate: undefined, defaults: [] };
const scenarios = plan.patterns.map((p) => patternScenario(base, obligors, p, 2));
const firsts = plan.patterns.map((p) => p.reduce((m, [, k]) => Math.min(m, k), Number.POSITIVE_INFINITY));
const options = { detail: false, stopWhenRepaid: true };
const oracleRunner = new oracle.ResumableRun(oraclePrepared, mcBase, options);
const runner = new engine.ResumableRun(prepared, mcBase, options);
measure(`Monte Carlo: ${plan.patterns.length.toLocaleString('en-US')} distinct default patterns of ${paths.toLocaleString('en-US')} paths on 广开专利`, {
  oracle: () => scenarios.forEach((s, i) => oracleRunner.run(s, firsts[i]!)),
  engine: () => scenarios.forEach((s, i) => runner.run(s, firsts[i]!)),
  'pool performance (Decimal)': () => scenarios.forEach((s) => oraclePerf.poolPerformance(oraclePrepared.pool, s)),
  'pool performance (whole fen)': () => scenarios.forEach((s) => performance.poolPerformance(prepared.pool, s)),
});
