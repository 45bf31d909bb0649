/**
 * The stress commands on the command line: golden files of `ipabs stress DEAL` (the default
 * cn-standard preset) for every sample deal and of `ipabs breakeven` for the 广开专利 senior, as
 * tables in Chinese with amounts in 万元; bad input refused with exit code 2, a clear message and
 * no stack trace; `--out` writing the file whole.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli, sampleDeals, useTempDir } from '../helpers.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';

const { file, dir: tempDir } = useTempDir('ipabs-stress-cli-');

/** Exit 2, nothing on stdout, one clear `ipabs: …` message, no stack trace. */
async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/^(ipabs: |error: )/);
  expect(err).not.toMatch(/\n\s+at /);
  expect(err).not.toMatch(/internal error/);
  return err;
}

describe('golden files', () => {
  for (const deal of sampleDeals()) {
    it(`ipabs stress ${basename(deal)} (cn-standard, table, zh, 万元)`, async () => {
      const { code, out, err } = await runCli(['stress', deal, '--unit', 'wan']);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('预设情景 cn-standard');
      expectGolden(`test/golden/stress/${basename(deal, '.json')}.stress.table.zh.wan.txt`, out);
    });
  }

  it('ipabs breakeven deals/guangkai-patent-license.json --tranche A (table, zh, 万元)', async () => {
    const { code, out, err } = await runCli(['breakeven', GUANGKAI, '--tranche', 'A', '--unit', 'wan']);
    expect(err).toBe('');
    expect(code).toBe(0);
    // 100% with the undertaking, 28.1579% without: both at least the AAA TDR 5 × 5% = 25%.
    expect(out).toContain('100.0000%');
    expect(out).toContain('28.1579%');
    expectGolden('test/golden/stress/guangkai-patent-license.breakeven.A.table.zh.wan.txt', out);
  });
});

describe('bad input: exit 2, a clear message, no stack trace', () => {
  it('--cdr 0:abc:5', async () => {
    const err = await refused(['stress', GUANGKAI, '--cdr', '0:abc:5']);
    expect(err).toBe('ipabs: --cdr "0:abc:5": "abc" is not a number (write from:to:step, a list like 0,30,50, or one number)\n');
  });

  it('--cumulative with a zero step, --cdr and --cumulative together, a grid with a preset', async () => {
    expect(await refused(['stress', GUANGKAI, '--cumulative', '0:10:0'])).toContain('the step must be greater than 0');
    expect(await refused(['stress', GUANGKAI, '--cdr', '5', '--cumulative', '5'])).toContain('give --cdr (annual) or --cumulative, not both');
    expect(await refused(['stress', GUANGKAI, '--cdr', '0,5', '--preset', 'cn-standard'])).toContain('give a grid or --preset, not both');
  });

  it('--tranche Z', async () => {
    const err = await refused(['breakeven', GUANGKAI, '--tranche', 'Z']);
    expect(err).toBe('ipabs: --tranche Z: no such tranche (the deal has A, B)\n');
  });

  it('--preset nope', async () => {
    expect(await refused(['stress', GUANGKAI, '--preset', 'nope'])).toBe('ipabs: unknown preset "nope" (known: cn-standard)\n');
    expect(await refused(['breakeven', GUANGKAI, '--preset', 'nope'])).toBe('ipabs: unknown preset "nope" (known: cn-standard)\n');
  });

  it('--paths 0', async () => {
    expect(await refused(['montecarlo', GUANGKAI, '--paths', '0'])).toBe('ipabs: --paths "0": give a whole number from 1 to 10,000,000\n');
    expect(await refused(['montecarlo', GUANGKAI, '--paths', '1e3'])).toContain('--paths "1e3"');
  });

  it('--correlation 2', async () => {
    expect(await refused(['montecarlo', GUANGKAI, '--correlation', '2'])).toBe('ipabs: --correlation "2": give a number from 0 to 1\n');
    expect(await refused(['montecarlo', GUANGKAI, '--correlation', '0.7', '--industry-correlation', '0.5'])).toContain('add up to more than 1');
  });

  it('other flags: --default-rate, --multipliers, --period, --recovery-range', async () => {
    expect(await refused(['stress', GUANGKAI, '--default-rate', '120'])).toContain('--default-rate "120": give a percentage from 0 to 100');
    expect(await refused(['breakeven', GUANGKAI, '--multipliers', 'AAA:5'])).toContain('--multipliers: "AAA:5" is not GRADE=MULTIPLIER');
    expect(await refused(['obligors', GUANGKAI, '--period', '21'])).toContain('--period 21: the deal has 20 periods');
    expect(await refused(['montecarlo', GUANGKAI, '--recovery-range', '60,20'])).toContain('--recovery-range: give min,max');
  });

  it('an invalid scenario file: the message names the file and the JSON path', async () => {
    // One scenario: the path from the root.
    const one = file('one.json', { defaultRate: { cumulative: 2 } });
    expect(await refused(['stress', GUANGKAI, '--scenarios', one])).toContain(`${one}: defaultRate.cumulative: must be between 0 and 1`);
    // A list: the item's index first.
    const list = file('list.json', [{ name: 'ok' }, { defaults: [{ obligor: '专利客户01' }] }]);
    expect(await refused(['stress', GUANGKAI, '--scenarios', list])).toContain(`${list}: [1].defaults[0].period: is required`);
    const listOfOne = file('list1.json', [{ defaults: [{ obligor: '专利客户1', period: 2 }] }]);
    const err = await refused(['breakeven', GUANGKAI, '--scenarios', listOfOne]);
    expect(err).toContain(`${listOfOne}: [0].defaults[0].obligor: unknown obligor "专利客户1" (did you mean "专利客户01"?)`);
    // {"scenarios": [...]}.
    const wrapped = file('wrapped.json', { scenarios: [{ name: 'a' }, { recovery: { rat: 0.3 } }] });
    expect(await refused(['stress', GUANGKAI, '--scenarios', wrapped])).toContain(`${wrapped}: scenarios[1].recovery.rat: unknown field (did you mean "rate"?)`);
    // Not JSON, and no file at all.
    const broken = file('broken.json', '{"scenarios": [');
    expect(await refused(['stress', GUANGKAI, '--scenarios', broken])).toContain(`${broken}:1:16: not valid JSON: the file ends where a value should be`);
    expect(await refused(['stress', GUANGKAI, '--scenarios', join(tempDir(), 'none.json')])).toContain('cannot read the file: no such file');
  });

  it('runs a valid scenario file, one row per scenario', async () => {
    const ok = file('ok.json', { scenarios: [{ name: '专利客户01 stops', defaults: [{ obligor: '专利客户01', period: 3, mode: 'stopPaying' }] }, { name: 'spread 100bp', spreadCompressionBp: 100 }] });
    const { code, out } = await runCli(['stress', GUANGKAI, '--scenarios', ok, '--format', 'json']);
    expect(code).toBe(0);
    const rows = (JSON.parse(out) as { sections: { stress: { rows: { scenario: string }[] } } }).sections.stress.rows;
    expect(rows.map((r) => r.scenario)).toEqual(['专利客户01 stops', 'spread 100bp']);
  });
});

describe('--out', () => {
  it('writes the whole output to the file, nothing to stdout, no temporary file left', async () => {
    // A .txt file takes a text table when --format says so (without it, the extension is refused).
    const args = ['stress', GUANGKAI, '--cumulative', '0:20:10', '--unit', 'wan', '--format', 'table'];
    const expected = (await runCli(args)).out;
    const target = join(tempDir(), 'out', 'stress.txt');
    // No such folder: refused, nothing written.
    expect(await refused([...args, '--out', target])).toContain(`cannot write ${target}: no such folder`);
    expect(existsSync(join(tempDir(), 'out'))).toBe(false);
    const path = join(tempDir(), 'stress.txt');
    writeFileSync(path, 'old contents that must go');
    const { code, out, err } = await runCli([...args, '--out', path]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(readdirSync(tempDir()).filter((f) => f.includes('stress.txt'))).toEqual(['stress.txt']);
  });

  it('works for breakeven, obligors and montecarlo too', async () => {
    const cases = [
      ['breakeven', GUANGKAI, '--tranche', 'B', '--format', 'json'],
      ['obligors', 'deals/gaoxintou-ip-2.json', '--format', 'csv'],
      ['montecarlo', 'deals/gaoxintou-ip-2.json', '--paths', '200', '--workers', '1', '--format', 'md'],
    ];
    for (const [i, args] of cases.entries()) {
      const expected = (await runCli(args)).out;
      expect(expected.length).toBeGreaterThan(100);
      const path = join(tempDir(), `case${i}.txt`);
      const r = await runCli([...args, '-o', path]);
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
      expect(readFileSync(path, 'utf8')).toBe(expected);
    }
  });
});
