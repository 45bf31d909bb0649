/**
 * A Monte Carlo worker thread: loads the deal once, then runs the default patterns it is sent
 * and posts their results back. Started by `runPatternsParallel`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDeal } from '../io/loadDeal.js';
import type { LoadOptions } from '../io/input.js';
import { prepareDeal } from '../engine/run.js';
import { Scenario } from '../scenario/schema.js';
import { patternRunner, runPattern, type DrawnDefault, type McObligor } from './montecarlo.js';

interface WorkerInit {
  dealFile: string;
  baseInput: unknown;
  obligors: McObligor[];
  lag: number;
  /** The command's tape folders and size limits: the worker must read what the command read. */
  load?: LoadOptions;
}

const init = workerData as WorkerInit;
const { deal } = loadDeal(init.dealFile, init.load);
if (!deal) throw new Error(`worker: ${init.dealFile} no longer loads`);
const prepared = prepareDeal(deal);
const base = Scenario.parse(init.baseInput);
const runner = patternRunner(prepared, base);

parentPort!.on('message', (msg: { start: number; patterns: DrawnDefault[][] }) => {
  const results = msg.patterns.map((p) => runPattern(runner, base, init.obligors, p, init.lag));
  parentPort!.postMessage({ start: msg.start, results });
});
