/**
 * Four shards run as separate processes (the built CLI) and merged (another process) give the
 * very bytes of the whole run (in this process): Monte Carlo, stress grids and break-even, table and JSON; and every way a merge can
 * be wrong is refused with the file named, exit 2.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';
import { runShards, spawnRun } from './shardRun.js';

const tmp = useTempDir('ipabs-shards-');
beforeAll(requireFreshDist);
const GUANGKAI = 'deals/guangkai-patent-license.json';
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';

const CASES: { name: string; args: string[]; formats: string[][] }[] = [
  { name: 'montecarlo', args: ['montecarlo', GUANGKAI, '--paths', '2000', '--seed', '11', '--workers', '1', '--correlation', '0.3', '--recovery-range', '10,60'], formats: [[], ['--format', 'json']] },
  { name: 'stress grid', args: ['stress', GAOXINTOU, '--cumulative', '0:40:10', '--recovery', '0,40', '--lag', '0,2'], formats: [[], ['--format', 'json']] },
  { name: 'stress preset', args: ['stress', GUANGKAI, '--no-support', '--lang', 'en', '--unit', 'wan'], formats: [[], ['--format', 'json']] },
  { name: 'breakeven', args: ['breakeven', GUANGKAI], formats: [['--format', 'json']] },
];

describe('four shards merged equal the whole run, byte for byte', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = join(tmp.dir(), c.name.replace(/ /g, '-'));
      mkdirSync(dir);
      const parts = await runShards(c.args, 4, dir);
      for (const format of c.formats) {
        const [whole, merged] = await Promise.all([runCli([...c.args, ...format]), spawnRun(['merge', ...[...parts].reverse(), ...format])]);
        expect(merged.err).toBe('');
        expect(merged.code).toBe(0);
        expect(whole.code).toBe(0);
        expect(merged.out).toBe(whole.out);
      }
    });
  }

  it('shards given --format json merge to JSON; merge --out writes the file, its format from the extension', async () => {
    const args = ['montecarlo', GUANGKAI, '--paths', '1000', '--seed', '3', '--format', 'json'];
    const parts = await runShards(args, 4, tmp.dir());
    const whole = await runCli(args);
    expect((await spawnRun(['merge', ...parts])).out).toBe(whole.out);
    const out = join(tmp.dir(), 'merged.md');
    expect((await spawnRun(['merge', ...parts, '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await runCli([...args.slice(0, -2), '--format', 'md'])).out);
  });
});

describe('ipabs merge refuses parts that do not belong together', () => {
  const mc = ['montecarlo', GUANGKAI, '--paths', '300', '--seed', '5'];
  const refuse = async (args: string[], message: string | RegExp) => {
    const r = await spawnRun(args);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/ at .*\.js:\d+/);
    expect(r.code).toBe(2);
  };

  it('a missing shard, a repeated one, one of another run, of another N, of another command, not a part', async () => {
    const d = tmp.dir();
    const [p1, p2, p3, p4] = await runShards(mc, 4, d);
    const seed6 = join(d, 'seed6-2.json');
    const of3 = join(d, 'of3-2.json');
    const stress = join(d, 'stress-2.json');
    await Promise.all([
      spawnRun([...mc.slice(0, -1), '6', '--shard', '2/4', '--out', seed6]),
      spawnRun([...mc, '--shard', '2/3', '--out', of3]),
      spawnRun(['stress', GUANGKAI, '--shard', '2/4', '--out', stress]),
    ]);
    const copy = join(d, 'copy-of-2.json');
    copyFileSync(p2!, copy);
    await refuse(['merge', p1!, p2!, p4!], /^ipabs: shard 3 of 4 is missing \(given: 1, 2, 4\)/);
    await refuse(['merge', p1!, p2!, copy, p3!, p4!], `ipabs: ${p2} and ${copy} are both shard 2 of 4: give each shard once`);
    await refuse(['merge', p1!, seed6, p3!, p4!], `ipabs: ${seed6} is not a part of the run of ${p1}: they differ in options --seed=5 / --seed=6`);
    await refuse(['merge', p1!, of3], `ipabs: ${of3} is shard 2 of 3, ${p1} shard 1 of 4`);
    await refuse(['merge', p1!, stress, p3!, p4!], `ipabs: ${stress} is a part of ipabs stress, ${p1} of ipabs montecarlo`);
    const report = join(d, 'report.json');
    writeFileSync(report, (await runCli([...mc, '--format', 'json'])).out);
    await refuse(['merge', report], `ipabs: ${report} is not an ipabs part file (no "format": "ipabs-part"`);
    await refuse(['merge', p1!, p2!, p3!, p4!, '--out', p1!], 'ipabs does not write over its inputs');
  });

  it('a damaged part, and a deal changed since the shards ran', async () => {
    const d = join(tmp.dir(), 'changed');
    mkdirSync(d);
    const deal = join(d, 'deal.json');
    copyFileSync(GUANGKAI, deal);
    const [p1, p2] = await runShards(['montecarlo', deal, '--paths', '200'], 2, d);
    const part = JSON.parse(readFileSync(p2!, 'utf8'));
    part.results.pathPattern.pop();
    const damaged = join(d, 'damaged.json');
    writeFileSync(damaged, JSON.stringify(part));
    await refuse(['merge', p1!, damaged], `ipabs: ${damaged} is not a valid part: its paths are malformed`);
    // A part written before lateness was added (version 1) lacks it: refused, not merged short.
    const old = join(d, 'old.json');
    writeFileSync(old, JSON.stringify({ ...JSON.parse(readFileSync(p2!, 'utf8')), version: 1 }));
    await refuse(['merge', p1!, old], `ipabs: ${old} is a part file of version 1; this ipabs reads version 2`);
    writeFileSync(deal, readFileSync(deal, 'utf8').replace('"name"', ' "name"'));
    await refuse(['merge', p1!, p2!], /^ipabs: the parts were computed from other inputs than these: the deal file differs \(SHA-256 /);
  });

  it('--shard out of range or malformed, before the deal is read', async () => {
    await refuse([...mc, '--shard', '5/4'], 'ipabs: --shard "5/4": give a shard index I from 1 to 4 (--shard 1/4 … --shard 4/4)');
    await refuse([...mc, '--shard', '0/4'], 'an index counted from 0, such as JOB_COMPLETION_INDEX, needs 1 added');
    await refuse(['stress', 'no-such-deal.json', '--shard', '1/0'], 'ipabs: --shard "1/0": give a shard count N from 1 to 100,000');
    await refuse(['breakeven', GUANGKAI, '--shard', 'half'], 'ipabs: --shard "half": give I/N, shard I of N');
  });
});
