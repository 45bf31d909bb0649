/** `ipabs size`: tranche sizing to target ratings. Wiring only: parse, load, call the library, render, write. */
import { extname, resolve } from 'node:path';
import { prepareDeal } from '../engine/run.js';
import { readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import { writeFileAtomic } from '../io/output.js';
import { checkOutput, resolveOutput } from '../io/outputTarget.js';
import { resizedDealText, tapesOutside } from '../io/resizedDeal.js';
import { sizeReport } from '../report/sizeReport.js';
import type { PrincipalBasis } from '../stress/breakeven.js';
import { notchOf, type RatingScale } from '../stress/ratingScale.js';
import { baseScenario, parseLag, parsePercent, type NamedScenario } from '../stress/scenarios.js';
import { presetScenarios, PRESETS, type PresetName } from '../stress/preset.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { sizeTranches, stepText, structureOf, withBalances, type SizeTarget } from '../stress/size.js';
import { fmtFen, fromYuan, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { ratingScaleOf } from './ratingScale.js';
import { cliLoadOptions } from './inputOptions.js';
import { dealInputs, emitReport, fileError, loadDealForOutput, type OutputOptions } from './load.js';
import { terminalProgress } from './progress.js';
import { statusInputs, statusOption } from './status.js';

export interface SizeOptions extends OutputOptions {
  target?: string[];
  step?: string;
  baseRate?: string;
  ratingScale?: string;
  multiple?: string;
  recovery?: string;
  lag?: string;
  support?: boolean;
  principalBy?: PrincipalBasis;
  preset?: string;
  outDeal?: string;
  /** Size a live deal from a status file. */
  status?: string;
}

/** 100万元, the default step. */
export const DEFAULT_STEP = '1000000';

const UNITS: Record<string, string> = { '': '1', 元: '1', 万: '10000', 万元: '10000', 亿: '100000000', 亿元: '100000000' };

/**
 * The step in fen: yuan (`1000000`), or with 万/亿 (`100万`, `0.5亿`); whole fen, above 0.
 *
 * @example parseStep('100万') // 100000000 (fen)
 */
export function parseStep(text: string): Money {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(元|万元?|亿元?)?\s*$/.exec(text.replace(/,/g, ''));
  const yuan = m ? new Decimal(m[1]!).times(UNITS[m[2] ?? '']!) : undefined;
  if (!yuan || yuan.lte(0) || !yuan.times(100).isInteger() || yuan.gt(1e12)) {
    throw new InputError(`--step ${JSON.stringify(text)}: give an amount above 0 in yuan, whole fen (e.g. 1000000, 100万 or 0.5亿)`);
  }
  return fromYuan(yuan);
}

/** `A=AAA` → the tranche and its notch. */
function targetsOf(given: readonly string[] | undefined, scale: RatingScale): SizeTarget[] {
  if (!given || given.length === 0) throw new InputError('give at least one --target TRANCHE=GRADE, e.g. --target A=AAA');
  return given.map((g) => {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(g);
    if (!m) throw new InputError(`--target ${JSON.stringify(g)}: write TRANCHE=GRADE, e.g. A=AAA`);
    return { tranche: m[1]!, notch: notchOf(scale, m[2]!, `--target ${g}`) };
  });
}

function baseRateOf(deal: LoadedDeal, o: SizeOptions): Decimal {
  if (o.baseRate !== undefined) {
    const r = new Decimal(parsePercent(o.baseRate, '--base-rate'));
    if (r.lte(0)) throw new InputError('--base-rate: give a base default rate above 0 (the multiples multiply it)');
    return r;
  }
  const r = deal.spec.baseCase?.cumulativeDefaultRate;
  if (r === undefined || r.lte(0)) throw new InputError(`${deal.file} has no baseCase.cumulativeDefaultRate above 0 to multiply: give --base-rate PCT`);
  return r;
}

/** The scenarios a grade must hold in: the base case, or with `--preset` the preset's (the base case first). */
function presetOf(preset: string | undefined, deal: LoadedDeal, base: ScenarioSpec): NamedScenario[] {
  if (preset === undefined) return [{ name: { zh: '基准情景', en: 'base case' }, scenario: base }];
  if (!(PRESETS as readonly string[]).includes(preset)) throw new InputError(`--preset ${JSON.stringify(preset)}: unknown preset (known: ${PRESETS.join(', ')})`);
  return presetScenarios(preset as PresetName, deal, base).map((n) => ({ ...n, scenario: { ...n.scenario, externalSupport: base.externalSupport } }));
}

/** Checks `--out-deal` before any work: a .json name, writable, none of the inputs, not the --out file. */
function checkOutDeal(o: SizeOptions, deal: LoadedDeal): void {
  if (o.outDeal === undefined) return;
  if (extname(o.outDeal).toLowerCase() !== '.json') throw new InputError(`--out-deal ${o.outDeal}: a deal file is JSON; name it .json`);
  resolveOutput(o.outDeal);
  if (o.out !== undefined && resolve(o.out) === resolve(o.outDeal)) throw new InputError('--out and --out-deal name the same file: give each its own');
  checkOutput(o.outDeal, [...dealInputs(deal), ...(o.ratingScale ? [{ file: o.ratingScale, role: `the --rating-scale file ${o.ratingScale}` }] : [])]);
}

/** Runs `ipabs size`; returns the exit code. */
export async function sizeCommand(file: string, o: SizeOptions, io: Io): Promise<number> {
  const deal = loadDealForOutput(file, o, io, { '--rating-scale': o.ratingScale, ...statusInputs(o.status) });
  if (o.status !== undefined && o.outDeal !== undefined) {
    throw new InputError('--out-deal writes a deal file, whose balances are those issued at closing; a sizing from a status moves the outstanding balances on its date, which no deal file holds: leave out --out-deal (or size from closing, without --status)');
  }
  checkOutDeal(o, deal);
  const scale = ratingScaleOf(o);
  const targets = targetsOf(o.target, scale);
  const baseRate = baseRateOf(deal, o);
  const step = parseStep(o.step ?? DEFAULT_STEP);
  const scenario = baseScenario(deal, {
    recoveryRate: o.recovery !== undefined ? parsePercent(o.recovery, '--recovery') : undefined,
    recoveryLagPeriods: o.lag !== undefined ? parseLag(o.lag, '--lag') : undefined,
  });
  scenario.externalSupport = o.support !== false;
  const named = presetOf(o.preset, deal, scenario);
  const prepared = prepareDeal(deal);
  const from = o.status === undefined ? undefined : statusOption(o.status, prepared, scenario);
  const options = { scale, baseRate, scenario, scenarios: named.map((n) => n.scenario), step, basis: o.principalBy ?? 'expected', status: from?.status };
  const progress = terminalProgress(io);
  const sized = sizeTranches(prepared, targets, { ...options, onProgress: (f, what) => progress.update(f, what) });
  progress.finish();
  const rows = structureOf(from ? prepared : withBalances(prepared, sized.tranches.map((t) => t.after)), sized, options);
  if (o.outDeal !== undefined) writeOutDeal(deal, o.outDeal, rows, scale, baseRate, step, options.basis, scenario.externalSupport, io);
  const recovery = scenario.recovery;
  const scenarioLine = {
    zh: `违约均匀分布；回收率 ${recovery.rate.times(100).toString()}%，滞后 ${recovery.lagPeriods} 期`,
    en: `Defaults spread evenly; recovery ${recovery.rate.times(100).toString()}%, lag ${recovery.lagPeriods} periods`,
  };
  await emitReport(sizeReport({ deal, rows, scale, baseRate, step, basis: options.basis, support: scenario.externalSupport, runs: sized.runs, scenarioLine, scenarioNames: named.map((n) => n.name), status: from?.summary }, o.lang), o, io, 'size');
  return 0;
}

function writeOutDeal(
  deal: LoadedDeal,
  outDeal: string,
  rows: ReturnType<typeof structureOf>,
  scale: RatingScale,
  baseRate: Decimal,
  step: Money,
  basis: PrincipalBasis,
  support: boolean,
  io: Io,
): void {
  const raw = readJsonFile(deal.file, deal.file, cliLoadOptions());
  if (raw.value === undefined) throw fileError(deal.file, raw.diagnostics);
  const how = `sized by ipabs size: base cumulative default rate ${baseRate.times(100).toString()}%, step ${stepText(step)}, ${support ? 'with' : 'without'} external support, principal by the ${basis} maturity, rating scale: ${scale.source}`;
  const changes = rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.after !== r.before)
    .map(({ r, index }) => ({
      index,
      balance: r.after,
      rating: r.target?.grade,
      note: r.target ? `${how}; the largest balance earning ${r.target.grade} (TDR ${r.tdr!.times(100).toString()}%), was ${fmtFen(r.before)}` : `${how}; takes what the tranche above gave up, was ${fmtFen(r.before)}`,
    }));
  writeFileAtomic(outDeal, resizedDealText(raw.value, deal.file, outDeal, changes));
  const outside = tapesOutside(raw.value, deal.file, outDeal);
  if (outside) io.stderr(`ipabs: ${outDeal} reads its tapes from ${outside}: load it with --tapes-from ${outside}\n`);
}
