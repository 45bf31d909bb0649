/** `ipabs price` from the built CLI: usage, errors in words (exit 2), curve files. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const base = ['price', GK, '--tranche', 'A', '--date', '2021-01-15'];
const tmp = useTempDir('ipabs-price-');

describe('ipabs price (spawned)', () => {
  it('prices the 广开 senior at 4% and solves 4% back from that price, in JSON', () => {
    const at = bin([...base, '--yield', '4', '--format', 'json']);
    expect(at.err).toBe('');
    expect(at.code).toBe(0);
    const v = JSON.parse(at.out).sections.price.values;
    expect(v.yield).toBe('0.04');
    expect(Number(v.cleanPrice) + Number(v.accrued)).toBeCloseTo(Number(v.fullPrice), 9);
    const back = JSON.parse(bin([...base, '--full-price', v.fullPrice, '--format', 'json']).out).sections.price.values;
    expect(Number(back.yield)).toBeCloseTo(0.04, 9);
  });

  it('is in --help', () => {
    const help = bin(['--help']);
    expect(help.out).toContain('price');
    const own = bin(['price', '--help']);
    expect(own.out).toContain('--spread <bp>');
    expect(own.out).toContain('--to <maturity>');
  });

  it('says in words what is wrong, exit 2', () => {
    const cases: [string[], string][] = [
      [['price', GK, '--tranche', 'Z', '--date', '2021-01-15', '--yield', '4'], 'ipabs: --tranche "Z": no such tranche in deals/guangkai-patent-license.json (its tranches: A, B)'],
      [['price', GK, '--tranche', 'A', '--date', '2019-01-01', '--yield', '4'], 'ipabs: A: --date 2019-01-01 is before the closing date 2019-09-11'],
      [['price', GK, '--tranche', 'A', '--date', '2023-09-01', '--yield', '4'], 'ipabs: A: --date 2023-09-01 is on or after the expected maturity 2023-08-26: nothing is left to price to it (--to legal prices to the legal maturity)'],
      [['price', GK, '--tranche', 'A', '--date', '2021-13-01', '--yield', '4'], 'ipabs: --date "2021-13-01" is not a date (YYYY-MM-DD)'],
      [[...base], 'ipabs: give exactly one of --yield PERCENT, --price CLEAN, --full-price FULL or --spread BP --curve FILE'],
      [[...base, '--yield', '4', '--price', '99'], '(given: --yield, --price)'],
      [[...base, '--spread', '50'], 'ipabs: --spread needs --curve FILE'],
      [[...base, '--yield', 'four'], 'ipabs: --yield "four" is not a number (a yield in percent, such as 4 or 4.25%)'],
    ];
    for (const [args, message] of cases) {
      const r = bin(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(message);
      expect(r.err).not.toContain('    at ');
    }
  });
});

describe('curve files', () => {
  it('reads CSV with a header, comments, 6M / 2Y tenors and % yields, and JSON in both shapes', async () => {
    const csv = tmp.file('c.csv', 'tenor,yield\n# comment\n6M,1.8%\n1,2.0\n2Y,2.4\n');
    const json = tmp.file('c.json', [{ tenor: 0.5, yield: 1.8 }, { tenor: 1, yield: '2.0' }, { tenor: 2, yield: 2.4 }]);
    const wrapped = tmp.file('w.json', { points: [{ tenor: 0.5, yield: 1.8 }, { tenor: 1, yield: 2 }, { tenor: 2, yield: 2.4 }] });
    const spreads = [];
    for (const f of [csv, json, wrapped]) {
      const r = await runCli([...base, '--price', '100', '--curve', f, '--format', 'json']);
      expect(r.err).toBe('');
      spreads.push(JSON.parse(r.out).sections.price.values.spreadBp);
    }
    expect(new Set(spreads).size).toBe(1);
  });

  it('names the file and the line or JSON path of a mistake', async () => {
    const bad: [string, unknown, string][] = [
      ['bad.csv', 'tenor,yield\n1,2.0\n2,abc\n', 'bad.csv line 3: yield "abc" is not a percentage (such as 2.35 or 2.35%)'],
      ['three.csv', '1,2.0,3\n', 'three.csv line 1: expected two fields, tenor and yield (such as 1,2.35), found 3'],
      ['order.csv', '1,2.0\n1,2.1\n', 'order.csv line 2: tenors must increase (1 after 1)'],
      ['empty.csv', 'tenor,yield\n', 'empty.csv has no curve points'],
      ['bad.json', { points: [{ tenor: 'x', yield: 2 }] }, 'bad.json: points[0]: tenor "x" is not a number of years'],
    ];
    for (const [name, content, message] of bad) {
      const f = tmp.file(name, content);
      const r = await runCli([...base, '--spread', '10', '--curve', f]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(message);
    }
    const missing = await runCli([...base, '--spread', '10', '--curve', 'no-such-curve.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--curve no-such-curve.csv');
  });
});

describe('ipabs price on a floating tranche', () => {
  it('accrues interest at the coupon in force in the settlement period, not the first fixing', async () => {
    // test/fixtures/floating-lpr.json: A is LPR1Y + 50bp reset each period; the period from
    // 2025-01-01 has 3.10% + 0.50% = 3.60% (the first fixing was 3.95%). 2025-01-01 → 2025-02-15
    // is 45 days ACT/365F: 45 / 365 × 3.60% × 100 = 0.4438356164 per 100 of face.
    const r = await runCli(['price', 'test/fixtures/floating-lpr.json', '--tranche', 'A', '--date', '2025-02-15', '--yield', '4', '--format', 'json']);
    expect(r.code).toBe(0);
    const values = (JSON.parse(r.out) as { sections: { price: { values: Record<string, string> } } }).sections.price.values;
    expect(values['periodStart']).toBe('2025-01-01');
    expect(values['accrued']).toBe('0.4438356164');
  });
});
