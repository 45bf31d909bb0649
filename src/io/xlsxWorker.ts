/**
 * The worker thread that reads a workbook's sheet for ./xlsxBridge.ts: exceljs is
 * asynchronous, loading a deal is not, so the loading thread waits on a shared flag while this
 * one reads, answers on a port and raises the flag.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readSheet, type SheetChoice, type SheetResult } from './xlsxSheet.js';

const { port, signal, bytes, choice } = workerData as { port: MessagePort; signal: Int32Array; bytes: Uint8Array; choice: SheetChoice };
// Heartbeats while reading: the waiting thread stops waiting when they stop (./xlsxBridge.ts).
const beat = setInterval(() => Atomics.add(signal, 1, 1), 1000);
let answer: SheetResult;
try {
  answer = await readSheet(bytes, choice);
} catch (err) {
  answer = { error: `the workbook could not be read (${String((err as Error)?.message ?? err).slice(0, 200)})` };
}
clearInterval(beat);
port.postMessage(answer);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
