/**
 * Reading a workbook's sheet synchronously, for the synchronous deal loader: the reading
 * (exceljs, asynchronous) runs in a worker thread (./xlsxWorker.js, next to this file in dist/
 * and in the CLI bundle) while this thread waits on a shared flag (Atomics.wait), then takes
 * the answer from the port (receiveMessageOnPort). Only a deal with an `.xlsx` tape starts it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { SheetChoice, SheetResult } from './xlsxSheet.js';

/**
 * The worker's file: next to this one (dist/io/, or the CLI bundle's folder), or, for this
 * module run from its TypeScript source (the tests), the built one in dist/.
 */
const WORKER_FILES = ['./xlsxWorker.js', '../../dist/io/xlsxWorker.js'];

/**
 * The worker beats once a second while it reads; this thread, blocked, cannot hear a worker
 * that died (out of its memory on a hostile workbook), so a silence this long ends the wait.
 */
const SILENCE_MS = 60_000;

/** The worker's heap: a workbook's cells as exceljs keeps them take some 20× its compressed size. */
const WORKER_HEAP_MB = 4096;

/** Reads the chosen sheet of a workbook's bytes (see ./xlsxSheet.ts), waiting for it. */
export function readSheetSync(bytes: Uint8Array, choice: SheetChoice): SheetResult {
  const url = WORKER_FILES.map((f) => new URL(f, import.meta.url)).find((u) => existsSync(fileURLToPath(u)));
  if (!url) return { error: 'the workbook reader (xlsxWorker.js) is missing: run npm run build' };
  // [0]: 1 once the answer is posted; [1]: the worker's heartbeats.
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal, bytes, choice }, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  worker.unref();
  try {
    let beats = -1;
    while (Atomics.wait(signal, 0, 0, SILENCE_MS) === 'timed-out') {
      const now = Atomics.load(signal, 1);
      if (now === beats) break;
      beats = now;
    }
    const answer = receiveMessageOnPort(port1);
    if (answer) return answer.message as SheetResult;
    return { error: `the workbook reader stopped without an answer (out of memory? a workbook is read whole: save a large tape as CSV, which is streamed)` };
  } finally {
    port1.close();
    void worker.terminate();
  }
}
