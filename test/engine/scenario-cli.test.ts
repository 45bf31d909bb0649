/**
 * `ipabs run DEAL --scenario FILE --format json`: a scenario file drives the run, and a bad one
 * is refused with exit code 2, naming the file and the JSON path of the mistake.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipabs-scenario-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function scenarioFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

interface JsonRun {
  accounts: { id: string; periods: { period: number; out: string; end: string }[] }[];
  supports: { id: string; draws: { period: number; date: string; amount: string; requested: string }[] }[];
  tranches: { id: string; summary: { loss: string; finalPaymentDate: string | null } }[];
  checks: { conservation: boolean; periodsChecked: number; fundedAtClosing: string; cashIn: string; cashOut: string; held: string; largestDifference: string };
}

describe('ipabs run --scenario', () => {
  it('runs a scenario file: 专利客户01 stops paying and the 风险金 pays 292.5万 a quarter, then the last 42.5万', async () => {
    const file = scenarioFile('c01.json', { name: '专利客户01 stops', defaults: [{ obligor: '专利客户01', period: 3, mode: 'stopPaying' }] });
    const { code, out, err } = await runCli(['run', GUANGKAI, '--scenario', file, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as JsonRun;
    const risk = json.accounts.find((a) => a.id === 'risk')!;
    // 5,850万 / 20 = 292.5万 a quarter from period 3; 1,505万 = 5 × 292.5万 + 42.5万.
    expect(risk.periods.slice(2, 9).map((p) => p.out)).toEqual(['2925000.00', '2925000.00', '2925000.00', '2925000.00', '2925000.00', '425000.00', '0.00']);
    expect(risk.periods[7]!.end).toBe('0.00');
    expect(json.tranches.find((t) => t.id === 'A')!.summary).toMatchObject({ loss: '0.00', finalPaymentDate: '2023-08-28' });
    expect(json.checks.conservation).toBe(true);
    // What was proven: the closing and 20 dates; the 风险金's 1,505万 funded at closing is in.
    expect(json.checks).toMatchObject({ periodsChecked: 21, fundedAtClosing: '15050000.00', held: '0.00', largestDifference: '0.00' });
    expect(json.checks.cashIn).toBe(json.checks.cashOut);
  });

  it('runs a scenario file on the pledge-loan deal: the guarantee pays 4,000万 + 4,000万 × 5% × 91/365', async () => {
    const file = scenarioFile('l01.json', { defaults: [{ obligor: '借款人01', period: 2 }] });
    const { code, out } = await runCli(['run', GAOXINTOU, '--scenario', file, '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as JsonRun;
    // 40,000,000 × 5% × 91/365 = 498,630.14 → 40,498,630.14
    expect(json.supports.find((s) => s.id === 'guarantee')!.draws).toEqual([
      expect.objectContaining({ period: 2, date: '2021-07-28', amount: '40498630.14', requested: '40498630.14' }),
    ]);
  });

  it('refuses an unknown obligor with exit 2, the file, the JSON path and a "did you mean"', async () => {
    const file = scenarioFile('typo.json', { defaults: [{ obligor: '专利客户1', period: 3, mode: 'stopPaying' }] });
    const { code, out, err } = await runCli(['run', GUANGKAI, '--scenario', file, '--format', 'json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(file);
    expect(err).toContain('defaults[0].obligor');
    expect(err).toContain('unknown obligor "专利客户1"');
    expect(err).toContain('did you mean "专利客户01"?');
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a missing field with exit 2, the file and the JSON path', async () => {
    const file = scenarioFile('missing.json', { defaults: [{ obligor: '专利客户01', mode: 'stopPaying' }] });
    const { code, out, err } = await runCli(['run', GUANGKAI, '--scenario', file, '--format', 'json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`${file}: defaults[0].period`);
    expect(err).toMatch(/required/);
  });

  it('refuses an unknown support provider and a file that is not JSON, with exit 2', async () => {
    const provider = scenarioFile('provider.json', { supportFailures: [{ provider: '开发区金控x', from: '2019-01-01' }] });
    const a = await runCli(['run', GUANGKAI, '--scenario', provider, '--format', 'json']);
    expect(a.code).toBe(2);
    expect(a.err).toContain(`${provider}: supportFailures[0].provider`);
    const broken = scenarioFile('broken.json', '{"defaults": [');
    const b = await runCli(['run', GUANGKAI, '--scenario', broken, '--format', 'json']);
    expect(b.code).toBe(2);
    expect(b.err).toContain(broken);
    expect(b.out).toBe('');
  });
});
