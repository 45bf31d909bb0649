/**
 * The integer engine against the oracle: the Decimal engine as it was before the rebuild
 * (frozen in this folder), on generated deals and scenarios and on every sample deal under the
 * sample and preset scenarios. Every tranche, pool, fee, account and support row, the events,
 * coverage, ledger entries and checks must be identical: amounts compared as strings of two
 * decimals, ratios (coverage multiples) exactly; a run without detail skips each period's
 * coverage multiple (not its minimum). A run resumed from the base run's state
 * (Monte Carlo's path) and a run without detail must agree too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDeal, validateDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { prepareDeal, ResumableRun, runDeal, type RunOptions } from '../../src/engine/run.js';
import { loadScenario, validateScenario } from '../../src/scenario/load.js';
import { BASE_SCENARIO, type ScenarioSpec } from '../../src/scenario/schema.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { presetScenarios } from '../../src/stress/preset.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { Decimal } from '../../src/util/money.js';
import { fmtFen, type Money } from '../../src/util/fen.js';
import { prepareDeal as oraclePrepare, runDeal as oracleRun } from './run.js';
import { scenarioCase, type ScenarioCase } from '../engine/arbitraries.js';
import { sampleDeals } from '../helpers.js';

const RUNS = Number(process.env['IPABS_ORACLE_RUNS'] ?? 150);

/** Fields of the new result that are not amounts, though numbers. */
const NOT_MONEY = new Set(['period', 'wal', 'yield', 'macaulayDuration', 'modifiedDuration', 'convexity', 'couponFrequency', 'periodsChecked', 'step', 'lateFlows']);
/** Fields the new engine adds that the oracle did not have. */
const ADDED = new Set(['phase', 'step', 'stepType']);

const RATIOS = new Set(['multiple', 'minimum', 'wholeLife']);

/** The oracle's result as plain data: Decimals as strings of two decimals (ratios exactly). */
function plainOracle(v: unknown, key = ''): unknown {
  if (v instanceof Decimal) return RATIOS.has(key) ? `x${v.toString()}` : v.toFixed(2);
  if (Array.isArray(v)) return v.map((x) => plainOracle(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plainOracle(x, k)]));
  return v;
}

/** The new engine's result as plain data: Money as strings of two decimals. */
function plainNew(v: unknown, key = ''): unknown {
  if (v instanceof Decimal) return RATIOS.has(key) ? `x${v.toString()}` : v.toFixed(2);
  if (typeof v === 'number' && !NOT_MONEY.has(key)) {
    if (!Number.isSafeInteger(v)) return `not whole fen: ${v}`;
    return fmtFen(v as Money);
  }
  if (Array.isArray(v)) return v.map((x) => plainNew(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== undefined && !ADDED.has(k)).map(([k, x]) => [k, plainNew(x, k)]));
  return v;
}

function expectSame(deal: LoadedDeal, scenario: ScenarioSpec, options: RunOptions = {}): void {
  let expected: unknown;
  try {
    expected = plainOracle(oracleRun(oraclePrepare(deal), scenario, options));
  } catch (e) {
    expect(() => runDeal(deal, scenario, options)).toThrow((e as Error).message);
    return;
  }
  const actual = plainNew(runDeal(prepareDeal(deal), scenario, options));
  expect(actual).toEqual(withoutSkipped(expected, options));
}

/** What a run without detail skips: each period's coverage multiple (the minimum stays). */
function withoutSkipped(plain: unknown, options: RunOptions): unknown {
  if (options.detail !== false) return plain;
  const r = plain as { coverage: { periods: Record<string, unknown>[] } };
  for (const p of r.coverage.periods) delete p['multiple'];
  return r;
}

const noTapes = () => ({ diagnostics: [], reason: 'no such file' });

function generated(c: ScenarioCase): { deal: LoadedDeal; scenario: ScenarioSpec } {
  const { deal, diagnostics } = validateDeal(c.deal.input, 'generated.json', noTapes);
  if (!deal) throw new Error(`generated deal rejected:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  const { scenario, diagnostics: sd } = validateScenario(c.scenario, 'scenario.json', deal);
  if (!scenario) throw new Error(`generated scenario rejected:\n${sd.map(formatDiagnostic).join('\n')}`);
  return { deal, scenario };
}

describe('the integer engine equals the Decimal oracle', () => {
  it('on generated deals and scenarios, with and without detail', () => {
    fc.assert(
      fc.property(scenarioCase, (c) => {
        const { deal, scenario } = generated(c);
        expectSame(deal, scenario);
        expectSame(deal, scenario, { detail: false });
        expectSame(deal, scenario, { detail: false, stopWhenRepaid: true });
      }),
      { numRuns: RUNS },
    );
  });

  it('on a run resumed from the base run (Monte Carlo)', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioCase, fc.nat(12), (c, from) => {
        const generatedCase = generated(c);
        // Only named defaults may differ from the base run: no pool-wide rates.
        const scenario: ScenarioSpec = { ...generatedCase.scenario, defaultRate: undefined, prepayment: undefined, collections: undefined };
        const base = { ...scenario, defaults: [] };
        const options = { detail: false, stopWhenRepaid: true };
        let expected: unknown;
        try {
          expected = plainOracle(oracleRun(oraclePrepare(generatedCase.deal), scenario, options));
          oracleRun(oraclePrepare(generatedCase.deal), base, options);
        } catch {
          return;
        }
        const first = Math.min(from, ...scenario.defaults.map((d) => d.period - 1));
        const resumable = new ResumableRun(prepareDeal(generatedCase.deal), base, options);
        expect(plainNew(resumable.run(scenario, Math.max(0, first)))).toEqual(withoutSkipped(expected, options));
        compared++;
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(compared).toBeGreaterThan(0);
  });

  const files = sampleDeals();
  for (const file of files) {
    it(`on ${file} under every sample and preset scenario`, () => {
      const { deal } = loadDeal(file);
      const scenarios: ScenarioSpec[] = [BASE_SCENARIO, { ...BASE_SCENARIO, externalSupport: false }];
      for (const s of ['cumulative-10pct-front-loaded', 'gaoxintou-borrower-defaults-guarantor-fails', 'guangkai-two-licensees-stop']) {
        const { scenario } = loadScenario(`deals/scenarios/${s}.json`, deal!);
        if (scenario) scenarios.push(scenario);
      }
      const base = baseScenario(deal!);
      scenarios.push(base, ...presetScenarios('cn-standard', deal!, base).map((n) => n.scenario));
      for (const s of scenarios) {
        expectSame(deal!, s);
        expectSame(deal!, s, { detail: false });
      }
    });
  }
});
