/** Shared test helpers: golden files and running CLI commands in memory. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';

export const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Compares `actual` with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function expectGolden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`golden file ${file} was missing and has been written; review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Runs the CLI in memory. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

export function sampleDeals(): string[] {
  return readdirSync('deals')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join('deals', f));
}
