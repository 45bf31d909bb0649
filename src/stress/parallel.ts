/**
 * Running default patterns on several threads: this one and worker threads. Patterns go out in
 * batches to whichever thread is free; results come back into their places, so the outcome does
 * not depend on the split.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadedDeal } from '../deal/loaded.js';
import { prepareDeal } from '../engine/run.js';
import { Scenario } from '../scenario/schema.js';
import { dealToMessage, valueToMessage, type SentDeal } from './dealMessage.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import { runStatusPatterns } from './mcStatus.js';
import type { PreparedDeal } from '../engine/prepare.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { patternRunner, runPatterns, type DrawnDefault, type McObligor, type PatternProgress, type PatternResult } from './montecarlo.js';

const BATCH = 128;

/**
 * Workers per core at most. More only share the same cores while each holds a copy of the deal
 * (500 workers took 4.6 GB and were still starting); a few per core still help when a core waits.
 */
export const WORKERS_PER_CORE = 4;

/** The most workers a run may start: {@link WORKERS_PER_CORE} × the cores available to this process. */
export function maxWorkers(): number {
  return WORKERS_PER_CORE * availableParallelism();
}

/** What runs patterns: the deal the main thread validated, the base scenario's input, the obligors, the lag. */
export interface PatternsInit {
  deal: Pick<LoadedDeal, 'spec' | 'assets'>;
  baseInput: unknown;
  obligors: McObligor[];
  lag: number;
  /** The status of a live deal each pattern runs from (sent to the workers as it is, never a path). */
  status?: EngineStatus;
  /** This thread's own prepared deal and base scenario, when it has them: it need not prepare them again. */
  local?: { prepared: PreparedDeal; base: ScenarioSpec };
}

/** A runner of patterns for `init`, as a worker and this thread make it. */
export function patternsRunner(deal: SentDeal, baseInput: unknown, obligors: readonly McObligor[], lag: number, status?: EngineStatus): (patterns: readonly DrawnDefault[][]) => PatternResult[] {
  // The engine reads only the spec and the assets; where each asset was written is not needed.
  const prepared = prepareDeal({ file: '', spec: deal.spec, assets: deal.assets, origins: [] });
  return runnerOf(prepared, Scenario.parse(baseInput), obligors, lag, status);
}

function runnerOf(prepared: PreparedDeal, base: ScenarioSpec, obligors: readonly McObligor[], lag: number, status?: EngineStatus): (patterns: readonly DrawnDefault[][]) => PatternResult[] {
  if (status) return (patterns) => runStatusPatterns(prepared, status, base, obligors, patterns, lag);
  const runner = patternRunner(prepared, base);
  return (patterns) => runPatterns(runner, base, obligors, patterns, lag);
}

/**
 * Runs the patterns on `workerCount` threads (1 to {@link maxWorkers}; a RangeError otherwise):
 * this one and `workerCount − 1` workers, never more than there are batches to hand out. This
 * thread runs a batch at a time between the workers' messages, and each worker has two batches
 * in hand, so none waits for the other. The workers are sent `init.deal` itself, the deal this
 * thread validated: they read no file, so a deal file changed or removed during the run cannot
 * change its figures.
 */
export async function runPatternsParallel(init: PatternsInit, patterns: DrawnDefault[][], workerCount: number, progress?: PatternProgress): Promise<PatternResult[]> {
  if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > maxWorkers()) {
    throw new RangeError(`workers: give a whole number from 1 to ${maxWorkers()} (${WORKERS_PER_CORE} × the cores available), not ${workerCount}`);
  }
  const results: PatternResult[] = new Array(patterns.length);
  let next = 0;
  let done = 0;
  /** The start of the next batch to hand out, if any is left. */
  const take = (): number | undefined => {
    if (next >= patterns.length) return undefined;
    const start = next;
    next = Math.min(patterns.length, next + BATCH);
    return start;
  };
  const finish = (start: number, batch: readonly PatternResult[]) => {
    batch.forEach((r, i) => (results[start + i] = r));
    done += batch.length;
    progress?.(done, start, start + batch.length);
  };
  const workerData = { deal: dealToMessage(init.deal), baseInput: init.baseInput, obligors: init.obligors, lag: init.lag, status: init.status && valueToMessage(init.status) };
  const helpers = Math.max(0, Math.min(workerCount, Math.ceil(patterns.length / BATCH)) - 1);
  const workers = Array.from({ length: helpers }, () => new Worker(new URL('./mcWorker.js', import.meta.url), { workerData }));
  try {
    await Promise.all([inThisThread(init, patterns, take, finish), ...workers.map((w) => inWorker(w, patterns, take, finish))]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

type Take = () => number | undefined;
type Finish = (start: number, batch: readonly PatternResult[]) => void;

/** This thread's share: a batch at a time, letting the workers' messages in between. */
async function inThisThread(init: PatternsInit, patterns: DrawnDefault[][], take: Take, finish: Finish): Promise<void> {
  let run: ReturnType<typeof patternsRunner> | undefined;
  for (let start = take(); start !== undefined; start = take()) {
    run ??= init.local ? runnerOf(init.local.prepared, init.local.base, init.obligors, init.lag, init.status) : patternsRunner(init.deal, init.baseInput, init.obligors, init.lag, init.status);
    finish(start, run(patterns.slice(start, start + BATCH)));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** A worker's share: two batches in hand while any are left. */
function inWorker(w: Worker, patterns: DrawnDefault[][], take: Take, finish: Finish): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let inHand = 0;
    const send = () => {
      const start = take();
      if (start === undefined) {
        if (inHand === 0) resolve();
        return;
      }
      inHand++;
      w.postMessage({ start, patterns: patterns.slice(start, start + BATCH) });
    };
    w.on('message', (msg: { start: number; results: PatternResult[] }) => {
      inHand--;
      finish(msg.start, msg.results);
      send();
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (code !== 0) reject(new Error(`a Monte Carlo worker stopped with code ${code}`));
    });
    send();
    send();
  });
}
