/**
 * Stress inputs are bounded (issue 7, items 10 and 18, from review): a grid's product and a
 * scenario file's list are at most MAX_SCENARIOS, and a lag flag is at most the language's
 * 1,200 periods in every command, refused with exit 2 rather than running out of memory or
 * reaching the schema as an internal error.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIOS } from '../../src/scenario/load.js';
import { runCli, useTempDir } from '../helpers.js';

const D = 'deals/gaoxintou-ip-2.json';
const tmp = useTempDir('ipabs-stress-limits-');

describe('the number of scenarios is bounded', () => {
  it('a grid whose product is too large is refused before any is built', async () => {
    for (const args of [
      ['stress', D, '--cumulative', '0:100:0.1', '--recovery', '0:100:0.1', '--lag', '0:1200:1'],
      ['breakeven', D, '--recovery', '0:100:0.1', '--lag', '0:1200:1'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^ipabs: the grid has [\d,]+ scenarios \(.*\), more than the 10,000 ipabs runs at once: use coarser steps\n$/);
    }
  });

  it('a scenario file with too many scenarios is refused', async () => {
    const file = tmp.file('many.json', { scenarios: Array.from({ length: MAX_SCENARIOS + 1 }, () => ({})) });
    const r = await runCli(['stress', D, '--scenarios', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`scenarios: 10,001 scenarios, more than the 10,000 ipabs runs at once`);
  });
});

describe('--lag is at most 1,200 periods in every command', () => {
  it.each([
    ['stress', '1201'],
    ['breakeven', '1201'],
    ['obligors', '99999999999'],
    ['montecarlo', '100000000000000000000000'],
  ])('%s --lag %s', async (command, lag) => {
    const r = await runCli([command, D, '--lag', lag, ...(command === 'montecarlo' ? ['--paths', '10'] : [])]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ipabs: --lag ${JSON.stringify(lag)}: give a whole number of periods from 0 to 1200\n`);
  });
});
