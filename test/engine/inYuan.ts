/**
 * The engine's results with their amounts in yuan as Decimals, for tests written against the
 * Decimal engine (the conversion is exact: whole fen over 100). `runDeal` and `ResumableRun`
 * here are the engine's, their results converted.
 */
import * as engine from '../../src/engine/run.js';
import * as report from '../../src/contract/runResult.js';
import type { RunResult } from '../../src/engine/types.js';
import { Decimal } from '../../src/util/money.js';
import { toYuan, type Money } from '../../src/util/fen.js';

export { prepareDeal, type PreparedDeal, type RunOptions } from '../../src/engine/run.js';

/** T with every Money in it a Decimal amount in yuan. */
export type InYuan<T> = T extends Money ? Decimal : T extends Decimal ? Decimal : T extends readonly (infer U)[] ? InYuan<U>[] : T extends object ? { [K in keyof T]: InYuan<T[K]> } : T;

export type YuanRunResult = InYuan<RunResult>;

/** Number fields of a run result that are not amounts. */
const NOT_MONEY = new Set(['period', 'wal', 'yield', 'macaulayDuration', 'modifiedDuration', 'convexity', 'couponFrequency', 'periodsChecked', 'step']);

function convert(v: unknown, key: string): unknown {
  if (typeof v === 'number') return NOT_MONEY.has(key) ? v : toYuan(v as Money);
  if (v instanceof Decimal || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => convert(x, key));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, k)]));
}

const originals = new WeakMap<object, RunResult>();

/** A run result with its amounts in yuan. */
export function inYuan(r: RunResult): YuanRunResult {
  const y = convert(r, '') as YuanRunResult;
  originals.set(y, r);
  return y;
}

/** The engine's own result behind a converted one. */
export function original(r: YuanRunResult): RunResult {
  const o = originals.get(r);
  if (!o) throw new Error('not a result of inYuan');
  return o;
}

/** `runJson` of the engine's own result behind a converted one. */
export function runJson(r: YuanRunResult, options?: Parameters<typeof report.runJson>[1]): ReturnType<typeof report.runJson> {
  return report.runJson(original(r), options);
}

export function runDeal(...args: Parameters<typeof engine.runDeal>): YuanRunResult {
  return inYuan(engine.runDeal(...args));
}

export class ResumableRun {
  private readonly run0: engine.ResumableRun;
  constructor(...args: ConstructorParameters<typeof engine.ResumableRun>) {
    this.run0 = new engine.ResumableRun(...args);
  }
  run(...args: Parameters<engine.ResumableRun['run']>): YuanRunResult {
    return inYuan(this.run0.run(...args));
  }
}

export type YuanTrancheResult = InYuan<import('../../src/engine/types.js').TrancheResult>;
