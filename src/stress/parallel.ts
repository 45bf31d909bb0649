/**
 * Running default patterns on worker threads. Patterns go out in batches to whichever worker is
 * free; results come back into their places, so the outcome does not depend on the split.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoadedDeal } from '../deal/loaded.js';
import { dealToMessage } from './dealMessage.js';
import type { DrawnDefault, McObligor, PatternProgress, PatternResult } from './montecarlo.js';

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

/**
 * Runs the patterns on `workerCount` worker threads (1 to {@link maxWorkers}; a RangeError
 * otherwise), never more than there are batches to hand out. The workers are sent `init.deal`
 * itself, the deal this thread validated: they read no file, so a deal file changed or removed
 * during the run cannot change its figures.
 */
export async function runPatternsParallel(
  init: { deal: Pick<LoadedDeal, 'spec' | 'assets'>; baseInput: unknown; obligors: McObligor[]; lag: number },
  patterns: DrawnDefault[][],
  workerCount: number,
  progress?: PatternProgress,
): Promise<PatternResult[]> {
  if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > maxWorkers()) {
    throw new RangeError(`workers: give a whole number from 1 to ${maxWorkers()} (${WORKERS_PER_CORE} × the cores available), not ${workerCount}`);
  }
  const results: PatternResult[] = new Array(patterns.length);
  let next = 0;
  let done = 0;
  const workerData = { deal: dealToMessage(init.deal), baseInput: init.baseInput, obligors: init.obligors, lag: init.lag };
  const workers = Array.from({ length: Math.max(1, Math.min(workerCount, Math.ceil(patterns.length / BATCH))) }, () => new Worker(new URL('./mcWorker.js', import.meta.url), { workerData }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= patterns.length) {
                resolve();
                return;
              }
              const start = next;
              next = Math.min(patterns.length, next + BATCH);
              w.postMessage({ start, patterns: patterns.slice(start, next) });
            };
            w.on('message', (msg: { start: number; results: PatternResult[] }) => {
              msg.results.forEach((r, i) => (results[msg.start + i] = r));
              done += msg.results.length;
              progress?.(done, msg.start, msg.start + msg.results.length);
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a Monte Carlo worker stopped with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
