/** `--status` on obligors, montecarlo and price, from the built CLI: each run on the rest of a live deal, and what it says. */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const json = (args: string[]) => {
  const r = bin([...args, '--format', 'json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
};
const GK = 'deals/guangkai-patent-license.json';
const STOP = 'deals/scenarios/guangkai-two-licensees-stop.json';
const SAID = 'From a status: as of 2021-02-26, 6 periods past (last payment date 2021-02-26)';
const tmp = useTempDir('ipabs-status-commands-');
let base = '';

beforeAll(() => {
  base = tmp.file('base.json', '');
  expect(bin(['run', GK, '--status-at', '2021-02-26', '--out', base]).code).toBe(0);
});

describe('ipabs obligors --status (spawned)', () => {
  it('defaults the obligors still owing in the first period after the status: from the base status, the losses of the whole deal with the same period', () => {
    const args = ['--top', '3', '--combinations', '2', '--no-support'];
    const from = json(['obligors', GK, '--status', base, ...args]).sections;
    const whole = json(['obligors', GK, '--period', '7', ...args]).sections;
    const losses = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'balance')));
    expect(losses(from.top.rows)).toEqual(losses(whole.top.rows));
    expect(from.minimal.rows).toEqual(whole.minimal.rows);
    // The balance column is what the obligors still owe on the status date: less than at closing.
    expect(Number(from.top.rows[0].balance)).toBeLessThan(Number(whole.top.rows[0].balance));
    expect(Number(from.top.rows[2]['A:loss'])).toBeGreaterThan(0);
  });

  it('says the status and refuses a default period already past (exit 2)', () => {
    const r = bin(['obligors', GK, '--status', base, '--top', '1', '--combinations', '0', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Defaults in period 7');
    expect(r.out).toContain(SAID);
    const past = bin(['obligors', GK, '--status', base, '--period', '6']);
    expect(past.code).toBe(2);
    expect(past.err).toContain('6 periods past; give a later period');
  });
});

describe('ipabs montecarlo --status (spawned)', () => {
  it('with no default probability, every path is the run from the status', () => {
    // 70% of the pool defaulted by the status date, no support: the senior tranche is repaid late.
    const heavy = tmp.file('heavy.json', { name: 'heavy', defaultRate: { cumulative: 0.7 }, recovery: { rate: 0.1, lagPeriods: 2 }, externalSupport: false });
    const noSupport = tmp.file('no-support.json', { name: 'no support', externalSupport: false });
    const status = tmp.file('heavy-status.json', '');
    expect(bin(['run', GK, '--scenario', heavy, '--status-at', '2021-02-26', '--out', status]).code).toBe(0);
    const mc = json(['montecarlo', GK, '--status', status, '--pd', '0', '--paths', '50', '--no-support']).sections;
    const run = json(['run', GK, '--status', status, '--scenario', noSupport]);
    expect(mc.losses.rows).toHaveLength(run.tranches.length);
    run.tranches.forEach((t: { balance: string; expectedMaturity: string; summary: { loss: string; finalPaymentDate: string | null } }, i: number) => {
      const row = mc.losses.rows[i];
      const loss = Number(t.summary.loss) / Number(t.balance);
      expect(Number(row.el)).toBeCloseTo(loss, 12);
      expect(Number(row.p99)).toBeCloseTo(loss, 12);
      expect(Number(row.pl)).toBe(loss > 0 ? 1 : 0);
      const late = t.summary.finalPaymentDate === null || t.summary.finalPaymentDate > t.expectedMaturity;
      expect(Number(row.pLate)).toBe(late ? 1 : 0);
    });
    expect(Number(mc.losses.rows[0].pLate)).toBe(1);
  });

  it('draws defaults only after the status and says so', () => {
    const r = bin(['montecarlo', GK, '--status', base, '--pd', '60', '--paths', '300', '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(SAID);
    const again = bin(['montecarlo', GK, '--status', base, '--pd', '60', '--paths', '300', '--lang', 'en']);
    expect(again.out).toBe(r.out);
  });
});

describe('ipabs price --status (spawned)', () => {
  it('from the base status, prices as the whole deal on the same date', () => {
    for (const tranche of ['A', 'B']) {
      const args = ['price', GK, '--tranche', tranche, '--date', '2021-03-10', '--yield', '4'];
      const from = json([...args, '--status', base]);
      const whole = json(args);
      expect(from.sections).toEqual(whole.sections);
    }
  });

  it('under a stress, from the status it reaches: the same price', () => {
    const stop = tmp.file('stop-price.json', '');
    bin(['run', GK, '--scenario', STOP, '--status-at', '2021-12-31', '--out', stop]);
    const args = ['price', GK, '--scenario', STOP, '--tranche', 'A', '--date', '2022-01-10', '--price', '99.5', '--to', 'legal'];
    expect(json([...args, '--status', stop]).sections).toEqual(json(args).sections);
  });

  it('says the status, and refuses a settlement date before it (exit 2)', () => {
    const r = bin(['price', GK, '--tranche', 'A', '--date', '2021-03-10', '--yield', '4', '--status', base, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(SAID);
    const early = bin(['price', GK, '--tranche', 'A', '--date', '2021-02-01', '--yield', '4', '--status', base]);
    expect(early.code).toBe(2);
    expect(early.err).toContain('--date 2021-02-01 is before the status date 2021-02-26');
  });
});
