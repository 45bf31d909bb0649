/**
 * The numbers the stress flags take, through the one parser (`parseRange` and the percent and
 * lag forms of it): percentages from 0 to 100, lags whole numbers from 0, anything else refused
 * with exit 2 and a message naming the flag. And `--scenarios FILE`, which gives whole
 * scenarios: the flags that build scenarios are refused beside it, `--no-support` applies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLag, parseLagRange, parsePercent, parsePercentRange, parseRange } from '../../src/stress/scenarios.js';
import { InputError } from '../../src/validate/diagnostics.js';
import { runCli } from '../helpers.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const STOP = 'deals/scenarios/guangkai-two-licensees-stop.json';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipabs-stress-inputs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Exit 2, nothing on stdout, exactly one `ipabs: …` message, no stack trace. */
async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/^ipabs: /);
  expect(err).not.toMatch(/\n\s+at /);
  expect(err).not.toMatch(/internal error|NaN/);
  return err;
}

describe('parseRange and its percent and lag forms', () => {
  it('percentages: 0 to 100, a trailing % allowed, exact fractions', () => {
    expect(parsePercentRange('0:100:50', '--cdr')).toEqual([0, 0.5, 1]);
    expect(parsePercentRange('35.4', '--recovery')).toEqual([0.354]);
    expect(parsePercentRange('5%,10%', '--cdr')).toEqual([0.05, 0.1]);
    expect(parsePercent('5%', '--pd')).toBe(0.05);
    expect(parsePercent('0.07', '--pd')).toBe(0.0007);
  });

  it('refuses percentages outside 0–100, one value or in a list or range', () => {
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(msg(() => parsePercentRange('150', '--cdr'))).toBe('--cdr "150": give a percentage from 0 to 100 (5 means 5%)');
    expect(msg(() => parsePercentRange('-5,5', '--cumulative'))).toBe('--cumulative "-5,5": -5 is not a percentage from 0 to 100 (5 means 5%)');
    expect(msg(() => parsePercentRange('0:300:100', '--cumulative'))).toBe('--cumulative "0:300:100": 300 is not a percentage from 0 to 100 (5 means 5%)');
    expect(msg(() => parsePercentRange('0,150', '--recovery'))).toBe('--recovery "0,150": 150 is not a percentage from 0 to 100 (5 means 5%)');
    expect(msg(() => parsePercent('abc', '--pd'))).toBe('--pd "abc": give a percentage from 0 to 100 (5 means 5%)');
    expect(msg(() => parsePercent('5,10', '--default-rate'))).toBe('--default-rate "5,10": give one value here, a percentage from 0 to 100 (5 means 5%)');
  });

  it('lags: whole numbers from 0', () => {
    expect(parseLagRange('0:4:2', '--lag')).toEqual([0, 2, 4]);
    expect(parseLag('3', '--lag')).toBe(3);
    expect(() => parseLagRange('-1,2', '--lag')).toThrow('--lag "-1,2": -1 is not a whole number of periods from 0 to 1200');
    expect(() => parseLagRange('0.5,1', '--lag')).toThrow('--lag "0.5,1": 0.5 is not a whole number of periods from 0 to 1200');
    expect(() => parseLagRange('0:2:0.5', '--lag')).toThrow('--lag "0:2:0.5": the step must be a whole number');
    expect(() => parseLag('1.5', '--lag')).toThrow('--lag "1.5": give a whole number of periods from 0 to 1200');
  });

  it('plain numbers are unchanged', () => {
    expect(parseRange('0:1:0.5', '--x')).toEqual([0, 0.5, 1]);
    expect(parseRange('-3,250', '--x')).toEqual([-3, 250]);
  });
});

describe('stress flags on the command line: exit 2, the flag named, never NaN or an internal error', () => {
  const cases: [string[], string][] = [
    [['stress', GUANGKAI, '--cdr', '150'], 'ipabs: --cdr "150": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['stress', GUANGKAI, '--cumulative', '-5,5'], 'ipabs: --cumulative "-5,5": -5 is not a percentage from 0 to 100 (5 means 5%)\n'],
    [['stress', GUANGKAI, '--cumulative', '0:300:100'], 'ipabs: --cumulative "0:300:100": 300 is not a percentage from 0 to 100 (5 means 5%)\n'],
    [['stress', GUANGKAI, '--recovery', '0,150'], 'ipabs: --recovery "0,150": 150 is not a percentage from 0 to 100 (5 means 5%)\n'],
    [['stress', GUANGKAI, '--recovery', '150'], 'ipabs: --recovery "150": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['stress', GUANGKAI, '--lag', '-1,2'], 'ipabs: --lag "-1,2": -1 is not a whole number of periods from 0 to 1200\n'],
    [['stress', GUANGKAI, '--lag', '0.5,1'], 'ipabs: --lag "0.5,1": 0.5 is not a whole number of periods from 0 to 1200\n'],
    [['stress', GUANGKAI, '--lag', '1.5'], 'ipabs: --lag "1.5": give a whole number of periods from 0 to 1200\n'],
    [['stress', GUANGKAI, '--default-rate', '120'], 'ipabs: --default-rate "120": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['breakeven', GUANGKAI, '--tranche', 'A', '--base-rate', '200'], 'ipabs: --base-rate "200": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['breakeven', GUANGKAI, '--tranche', 'A', '--lag', '-1,1'], 'ipabs: --lag "-1,1": -1 is not a whole number of periods from 0 to 1200\n'],
    [['obligors', GUANGKAI, '--recovery', '101'], 'ipabs: --recovery "101": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['obligors', GUANGKAI, '--lag', '0.5'], 'ipabs: --lag "0.5": give a whole number of periods from 0 to 1200\n'],
    [['obligors', GUANGKAI, '--lag', '0,1'], 'ipabs: --lag "0,1": give one value here (lists make grids only in ipabs stress)\n'],
    [['montecarlo', GUANGKAI, '--recovery', '101'], 'ipabs: --recovery "101": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['montecarlo', GUANGKAI, '--pd', '-1'], 'ipabs: --pd "-1": give a percentage from 0 to 100 (5 means 5%)\n'],
    [['montecarlo', GUANGKAI, '--lag', '-2'], 'ipabs: --lag "-2": give a whole number of periods from 0 to 1200\n'],
    [['montecarlo', GUANGKAI, '--recovery-range', '20,150'], 'ipabs: --recovery-range "20,150": 150 is not a percentage from 0 to 100 (5 means 5%)\n'],
    [['montecarlo', GUANGKAI, '--recovery-range', '20:60:10'], 'ipabs: --recovery-range: give min,max in per cent, e.g. 20,60\n'],
    [['montecarlo', GUANGKAI, '--recovery', '30', '--recovery-range', '20,60'], 'ipabs: give --recovery or --recovery-range, not both\n'],
  ];
  for (const [args, message] of cases) {
    it(args.slice(2).join(' '), async () => {
      expect(await refused(args)).toBe(message);
    });
  }

  it('good values still run: percentages with decimals and %, lag grids', async () => {
    const { code, out, err } = await runCli(['stress', GUANGKAI, '--cumulative', '0%,12.5%', '--lag', '0:2:2', '--format', 'json', '--lang', 'en']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = (JSON.parse(out) as { sections: { stress: { rows: { scenario: string }[] } } }).sections.stress.rows;
    expect(rows.map((r) => r.scenario)).toEqual(['cumulative default 0%, lag 0', 'cumulative default 0%, lag 2', 'cumulative default 12.5%, lag 0', 'cumulative default 12.5%, lag 2']);
  });
});

describe('stress --scenarios FILE', () => {
  for (const [flag, value] of [
    ['--default-rate', '5'],
    ['--recovery', '30'],
    ['--lag', '2'],
    ['--preset', 'cn-standard'],
    ['--cdr', '0,5'],
    ['--cumulative', '10'],
  ] as const) {
    it(`refuses ${flag} beside it`, async () => {
      expect(await refused(['stress', GUANGKAI, '--scenarios', STOP, flag, value])).toBe(
        `ipabs: --scenarios ${STOP} takes whole scenarios from the file, so ${flag} would be ignored: write it into the file's scenarios, or drop --scenarios (only --no-support applies over a file)\n`,
      );
    });
  }

  it('names every flag it refuses, in breakeven too', async () => {
    expect(await refused(['stress', GUANGKAI, '--scenarios', STOP, '--recovery', '30', '--lag', '2', '--cdr', '5'])).toContain(
      'so --recovery, --lag and --cdr would be ignored: write them into the file',
    );
    expect(await refused(['breakeven', GUANGKAI, '--scenarios', STOP, '--recovery', '30'])).toContain('so --recovery would be ignored');
  });

  it('applies --no-support over the file: the same as the scenarios with externalSupport false', async () => {
    const file = join(dir, 'no-support.json');
    const scenario = JSON.parse(readFileSync(STOP, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...scenario, externalSupport: false }));
    type Out = { subtitle: string[]; sections: { stress: { rows: Record<string, string>[] } } };
    const run = async (args: string[]) => {
      const r = await runCli(['stress', GUANGKAI, ...args, '--format', 'json', '--lang', 'en']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as Out;
    };
    const withSupport = await run(['--scenarios', STOP]);
    const flag = await run(['--scenarios', STOP, '--no-support']);
    const inFile = await run(['--scenarios', file]);
    expect(flag.sections.stress.rows).toEqual(inFile.sections.stress.rows);
    // The undertaking pays with support, nothing without; the senior loses more without.
    expect(Number(withSupport.sections.stress.rows[0]!['undertaking'])).toBeGreaterThan(0);
    expect(flag.sections.stress.rows[0]!['undertaking']).toBe('0.00');
    expect(Number(flag.sections.stress.rows[0]!['A:loss'])).toBeGreaterThan(Number(withSupport.sections.stress.rows[0]!['A:loss']));
    expect(flag.subtitle).toEqual([`scenario file ${STOP}`, 'no external support']);
    expect(withSupport.subtitle).toEqual([`scenario file ${STOP}`]);
  });
});
