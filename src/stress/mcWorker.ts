/**
 * A Monte Carlo worker thread: receives the deal the main thread loaded and validated (never a
 * path: it reads no file), then runs the default patterns it is sent and posts their results
 * back. Started by `runPatternsParallel`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dealFromMessage, valueFromMessage, type DealMessage } from './dealMessage.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import type { DrawnDefault, McObligor } from './montecarlo.js';
import { patternsRunner } from './parallel.js';

interface WorkerInit {
  deal: DealMessage;
  baseInput: unknown;
  obligors: McObligor[];
  lag: number;
  /** A live deal's status, as valueToMessage encoded it. */
  status?: unknown;
}

const init = workerData as WorkerInit;
const status = init.status === undefined ? undefined : (valueFromMessage(init.status) as EngineStatus);
const run = patternsRunner(dealFromMessage(init.deal), init.baseInput, init.obligors, init.lag, status);

parentPort!.on('message', (msg: { start: number; patterns: DrawnDefault[][] }) => {
  parentPort!.postMessage({ start: msg.start, results: run(msg.patterns) });
});
