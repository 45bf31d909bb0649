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

/** The longest a workbook may take to read (a tape at the size limit reads in seconds). */
const TIMEOUT_MS = 300_000;

/** Reads the chosen sheet of a workbook's bytes (see ./xlsxSheet.ts), waiting for it. */
export function readSheetSync(bytes: Uint8Array, choice: SheetChoice): SheetResult {
  const url = WORKER_FILES.map((f) => new URL(f, import.meta.url)).find((u) => existsSync(fileURLToPath(u)));
  if (!url) return { error: 'the workbook reader (xlsxWorker.js) is missing: run npm run build' };
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2, signal, bytes, choice }, transferList: [port2] });
  worker.unref();
  try {
    const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const answer = receiveMessageOnPort(port1);
    if (answer) return answer.message as SheetResult;
    return { error: waited === 'timed-out' ? `reading the workbook took more than ${TIMEOUT_MS / 1000} s` : 'the workbook reader stopped without an answer' };
  } finally {
    port1.close();
    void worker.terminate();
  }
}
