/**
 * `ipabs size` on the command line: the spawned bin on the sample deals and the three-tranche
 * test deal in every format; the resized deal it writes validates and gives the printed
 * break-evens again (and sizing it again changes nothing); bad input refused with exit 2 and a
 * clear message.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDeal } from '../../src/engine/run.js';
import { gradedBreakeven } from '../../src/stress/grade.js';
import { DEFAULT_RATING_SCALE } from '../../src/stress/ratingScale.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { Decimal } from '../../src/util/money.js';
import { runCli, sampleDeals, useTempDir } from '../helpers.js';
import { mustLoad, requireFreshDist } from '../stress/fixtures.js';
import { handDealInput } from './fixtures.js';

const THREE = 'test/size/three-tranche.json';
const { file, dir } = useTempDir('ipabs-size-cli-');

function bin(args: string[]): { code: number | null; out: string; err: string } {
  requireFreshDist();
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Json = { sections: Record<string, { rows: Record<string, string | null>[]; values?: Record<string, unknown> }> };

describe('ipabs size (spawned bin)', () => {
  it('sizes the three-tranche deal, A to AAA and B to A, in JSON that meets its contract', () => {
    const r = bin(['size', THREE, '--target', 'A=AAA', '--target', 'B=A', '--format', 'json', '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.out) as Json).sections['structure']!.rows;
    expect(rows.map((x) => [x['tranche'], x['target'], x['rating'], x['limitedBy']])).toEqual([
      ['A', 'AAA', 'AAA', 'target (one step more fails it)'],
      ['B', 'A', 'A', 'target (one step more fails it)'],
      ['C', null, 'B', null],
    ]);
    // The issue size is kept; balances are whole steps of 100万 but the last tranche's.
    const balances = rows.map((x) => new Decimal(x['balance']!));
    expect(balances.reduce((a, b) => a.plus(b)).toString()).toBe('95900000');
    expect(balances[0]!.mod(1_000_000).isZero() && balances[1]!.mod(1_000_000).isZero()).toBe(true);
  });

  for (const format of ['table', 'csv', 'md', 'html'] as const) {
    it(`prints --format ${format}`, () => {
      const r = bin(['size', THREE, '-T', 'A=AAA', '--format', format, '--lang', 'en']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('A');
      expect(r.out).toMatch(format === 'html' ? /<table/ : /AAA/);
    });
  }

  for (const deal of sampleDeals()) {
    it(`sizes the senior of ${deal} to AAA, with and without support`, () => {
      const spec = JSON.parse(readFileSync(deal, 'utf8')) as { tranches: { id: string }[] };
      const senior = spec.tranches[0]!.id;
      for (const extra of [[], ['--no-support']]) {
        const r = bin(['size', deal, '-T', `${senior}=AAA`, '--format', 'json', ...extra]);
        if (r.code !== 0) {
          // Structure alone may not carry AAA at any size: refused in words.
          expect(extra).toEqual(['--no-support']);
          expect(r.code).toBe(2);
          expect(r.err).toMatch(/cannot be met: even at one step/);
          continue;
        }
        const rows = (JSON.parse(r.out) as Json).sections['structure']!.rows;
        expect(rows[0]!['rating']).toBe('AAA');
      }
    });
  }
});

describe('--preset', () => {
  it('sizes so each grade holds in every cn-standard stress, naming the binding one', async () => {
    const base = await runCli(['size', THREE, '-T', 'A=AAA', '--format', 'json', '--lang', 'en']);
    const preset = await runCli(['size', THREE, '-T', 'A=AAA', '--preset', 'cn-standard', '--format', 'json', '--lang', 'en']);
    expect(preset.code, preset.err).toBe(0);
    const b = (JSON.parse(base.out) as Json).sections['structure']!.rows[0]!;
    const p = JSON.parse(preset.out) as Json & { subtitle: string[] };
    const row = p.sections['structure']!.rows[0]!;
    expect(b['binding']).toBe('base case');
    expect(Number(row['balance'])).toBeLessThan(Number(b['balance']));
    expect(row['rating']).toBe('AAA');
    expect(row['binding']).toMatch(/recovery zero/);
    expect(p.subtitle.join('\n')).toContain('Each grade must hold in all 28 scenarios');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--preset', 'nope'])).toContain('--preset "nope": unknown preset (known: cn-standard)');
  });
});

describe('--out-deal', () => {
  it('writes a deal that validates and gives the printed break-evens again; sizing it again changes nothing', async () => {
    const out = join(dir(), 'three-sized.json');
    const printed = await runCli(['size', THREE, '-T', 'A=AAA', '-T', 'B=A', '--format', 'json', '--out-deal', out]);
    expect(printed.code, printed.err).toBe(0);
    expect((await runCli(['validate', out])).code).toBe(0);
    const rows = (JSON.parse(printed.out) as Json).sections['structure']!.rows;
    const deal = mustLoad(out);
    expect(deal.spec.tranches.map((t) => t.balance.toFixed(2))).toEqual(rows.map((x) => x['balance']));
    expect(deal.spec.tranches[0]!.assumed!['balance']).toMatch(/sized by ipabs size.*AAA/);
    expect(deal.spec.tranches.map((t) => t.rating)).toEqual(['AAA', 'A', undefined]);
    expect(deal.spec.tranches[1]!.assumed!['rating']).toMatch(/target grade/);
    const prepared = prepareDeal(deal);
    const o = { scale: DEFAULT_RATING_SCALE, baseRate: new Decimal('0.04'), basis: 'expected' as const };
    for (const [i, t] of deal.spec.tranches.entries()) {
      const w = gradedBreakeven(prepared, t.id, baseScenario(deal), o);
      const wo = gradedBreakeven(prepared, t.id, { ...baseScenario(deal), externalSupport: false }, o);
      expect(new Decimal(w.rate).toFixed(10).replace(/0+$/, '').replace(/\.$/, '')).toBe(new Decimal(rows[i]!['breakevenWith']!).toString());
      expect(new Decimal(wo.rate).toString()).toBe(new Decimal(rows[i]!['breakevenWithout']!).toString());
    }
    // ipabs breakeven on the written deal (base case, expected basis) prints the same break-evens.
    const be = await runCli(['breakeven', out, '--principal-by', 'expected', '--format', 'json']);
    expect(be.code, be.err).toBe(0);
    const beRows = (JSON.parse(be.out) as Json).sections['breakeven']!.rows;
    expect(beRows.map((x) => x['with'])).toEqual(rows.map((x) => x['breakevenWith']));
    expect(beRows.map((x) => x['without'])).toEqual(rows.map((x) => x['breakevenWithout']));
    const again = await runCli(['size', out, '-T', 'A=AAA', '-T', 'B=A', '--format', 'json']);
    const rows2 = (JSON.parse(again.out) as Json).sections['structure']!.rows;
    expect(rows2.map((x) => x['balance'])).toEqual(rows.map((x) => x['balance']));
    expect(rows2.map((x) => x['breakevenWith'])).toEqual(rows.map((x) => x['breakevenWith']));
  });

  it('re-bases tape paths when written to another folder, and says to load it with --tapes-from', async () => {
    const out = join(dir(), 'gaoxintou-sized.json');
    const r = await runCli(['size', 'deals/gaoxintou-ip-2.json', '-T', 'A1=AAA', '--out-deal', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/--tapes-from/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { pool: { tapes: { path: string }[] } };
    expect(written.pool.tapes[0]!.path).toMatch(/deals\/gaoxintou-ip-2\.tape\.csv$/);
    expect((await runCli(['validate', out, '--tapes-from', 'deals'])).code).toBe(0);
  });
});

describe('sizing the hand-checkable deal from the command line', () => {
  it('gives 7,500万 for AAA at a 5% base rate, exactly at its 25% TDR', async () => {
    const deal = file('hand.json', handDealInput());
    const r = await runCli(['size', deal, '-T', 'A=AAA', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const rows = (JSON.parse(r.out) as Json).sections['structure']!.rows;
    expect(rows.map((x) => [x['balance'], x['breakevenWith'], x['multiple'], x['rating']])).toEqual([
      ['75000000.00', '0.25', '5', 'AAA'],
      ['25000000.00', '0', '0', '低于量表'],
    ]);
  });
});

/** Exit 2, nothing on stdout, one clear message, no stack trace. */
async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/^(ipabs: |error: )/m);
  expect(err).not.toMatch(/\n\s+at |internal error/);
  return err;
}

describe('refusals', () => {
  it('an unknown tranche, an unknown rating, a missing or malformed target', async () => {
    expect(await refused(['size', THREE, '-T', 'X=AAA'])).toContain('--target X=AAA: no such tranche (the deal has A, B, C)');
    expect(await refused(['size', THREE, '-T', 'A=AAAA'])).toContain('--target A=AAAA: unknown rating "AAAA" (the rating scale has AAA, AA+, AA, AA-');
    expect(await refused(['size', THREE])).toContain('give at least one --target TRANCHE=GRADE');
    expect(await refused(['size', THREE, '-T', 'A'])).toContain('write TRANCHE=GRADE');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '-T', 'A=AA'])).toContain('given twice');
  });

  it('an impossible target, the most junior tranche, a fixed schedule', async () => {
    // The bullet loan pays nothing when it all defaults: no senior survives a 100% TDR.
    expect(await refused(['size', file('hand-impossible.json', handDealInput()), '-T', 'A=AAA', '--base-rate', '30'])).toMatch(
      /--target A=AAA cannot be met: even at one step \(100万元\) A is not paid timely at the AAA target default rate 100% \(5 × base 30%/,
    );
    expect(await refused(['size', THREE, '-T', 'C=BB'])).toContain('C is the most junior tranche');
    const input = handDealInput() as { tranches: Record<string, unknown>[] };
    input.tranches[0]!['principal'] = { type: 'schedule', payments: [{ date: '2022-01-28', amount: '50000000.00' }] };
    expect(await refused(['size', file('scheduled.json', input), '-T', 'A=AAA'])).toContain('A amortises on a fixed schedule (tranches[0].principal)');
  });

  it('bad --step, --base-rate, --multiple, --rating-scale, --out-deal', async () => {
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--step', '0'])).toContain('--step "0": give an amount above 0');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--step', '1.001'])).toContain('whole fen');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--step', '0.5亿'])).toContain('A and the tranche below hold 8631万元 together, less than two steps of 5000万元; give a smaller --step');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--base-rate', '0'])).toContain('--base-rate: give a base default rate above 0');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--multiple', 'AA=6'])).toContain("AA needs 6×, not less than AA+'s 4.33×");
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--rating-scale', file('bad.csv', 'AAA,5\nAA,x\n')])).toContain('line 2: AA: "x" is not a multiple');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--out-deal', join(dir(), 'x.txt')])).toContain('name it .json');
    expect(await refused(['size', THREE, '-T', 'A=AAA', '--out-deal', THREE])).toMatch(/deal file/);
    const noBase = handDealInput() as Record<string, unknown>;
    delete noBase['baseCase'];
    expect(await refused(['size', file('nobase.json', noBase), '-T', 'A=AAA'])).toContain('has no baseCase.cumulativeDefaultRate above 0 to multiply: give --base-rate PCT');
  });

  it('--rating-scale FILE (CSV and JSON) and --multiple override the built-in scale', async () => {
    const csv = file('scale.csv', 'grade,multiple\nAAA,4\nAA,3\nA,2\n');
    const json = file('scale.json', { source: '测试量表', multiples: { AAA: 4, AA: 3, A: 2 } });
    for (const scale of [csv, json]) {
      const r = await runCli(['size', file('hand2.json', handDealInput()), '-T', 'A=AAA', '--rating-scale', scale, '--format', 'json']);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out) as Json;
      // AAA at 4 × 5% = 20%: A = 8,000万.
      expect(j.sections['structure']!.rows[0]!['balance']).toBe('80000000.00');
      expect(j.sections['scale']!.rows.map((x) => x['grade'])).toEqual(['AAA', 'AA', 'A']);
    }
    const r = await runCli(['size', file('hand3.json', handDealInput()), '-T', 'A=AAA', '--multiple', 'AAA=6', '--format', 'json']);
    // 6 × 5% = 30%: 7,000万.
    expect((JSON.parse(r.out) as Json).sections['structure']!.rows[0]!['balance']).toBe('70000000.00');
    writeFileSync(join(dir(), 'unused'), '');
  });
});
