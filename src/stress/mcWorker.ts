/**
 * A Monte Carlo worker thread: receives the deal the main thread loaded and validated (never a
 * path: it reads no file), then runs the default patterns it is sent and posts their results
 * back. Started by `runPatternsParallel`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareDeal } from '../engine/run.js';
import { Scenario } from '../scenario/schema.js';
import { dealFromMessage, type DealMessage } from './dealMessage.js';
import { patternRunner, runPattern, type DrawnDefault, type McObligor } from './montecarlo.js';

interface WorkerInit {
  deal: DealMessage;
  baseInput: unknown;
  obligors: McObligor[];
  lag: number;
}

const init = workerData as WorkerInit;
const { spec, assets } = dealFromMessage(init.deal);
// The engine reads only the spec and the assets; where each asset was written is not needed.
const prepared = prepareDeal({ file: '', spec, assets, origins: [] });
const base = Scenario.parse(init.baseInput);
const runner = patternRunner(prepared, base);

parentPort!.on('message', (msg: { start: number; patterns: DrawnDefault[][] }) => {
  const results = msg.patterns.map((p) => runPattern(runner, base, init.obligors, p, init.lag));
  parentPort!.postMessage({ start: msg.start, results });
});
