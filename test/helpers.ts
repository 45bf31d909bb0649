/** Shared test helpers: golden files and running CLI commands in memory. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
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

/**
 * The sample deals with goldens. gaoxintou-ip-2-xlsx.json is gaoxintou-ip-2.json reading its
 * tape from a workbook: it runs exactly as that deal (test/io/xlsxSample.test.ts), so it has no
 * goldens of its own.
 */
export function sampleDeals(): string[] {
  return readdirSync('deals')
    .filter((f) => f.endsWith('.json') && !f.endsWith('-xlsx.json'))
    .sort()
    .map((f) => join('deals', f));
}

/**
 * A temporary folder for one test file: made before its tests, removed after. `file` writes a
 * file there (JSON-encoding anything that is not a string) and returns its path.
 */
export function useTempDir(prefix: string): { dir: () => string; file: (name: string, content: unknown) => string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
  };
}
