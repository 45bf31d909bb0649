/** Tranche security code (证券代码) and short name (证券简称): accepted, shown, refused when repeated or malformed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-code-');
const base = () => JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));

describe('tranches[].code and tranches[].shortName', () => {
  it('are accepted and shown in the run and pool reports and the run JSON', async () => {
    const deal = base();
    deal.tranches[0].code = '119001';
    deal.tranches[0].shortName = '广开优A';
    const file = tmp.file('coded.json', deal);
    expect((await runCli(['validate', file])).code).toBe(0);
    const run = await runCli(['run', file, '--section', 'summary', '--format', 'csv']);
    expect(run.out).toContain('证券代码');
    expect(run.out).toContain('119001');
    expect(run.out).toContain('广开优A');
    const json = JSON.parse((await runCli(['run', file, '--format', 'json'])).out);
    expect(json.tranches[0]).toMatchObject({ code: '119001', shortName: '广开优A' });
    expect(json.tranches[1]).toMatchObject({ code: null, shortName: null });
    const table = (await runCli(['run', file, '--section', 'tranche-A'])).out;
    expect(table).toContain('广开优A（119001）');
    const pool = (await runCli(['pool', file, '--section', 'tranches', '--format', 'csv', '-l', 'en'])).out;
    expect(pool).toContain('Code');
    expect(pool).toContain('119001');
    const mc = (await runCli(['montecarlo', file, '--paths', '200', '--seed', '1', '--workers', '1', '--section', 'losses', '--format', 'csv'])).out;
    expect(mc).toContain('广开优A（119001）');
  });

  it('refuses a repeated code and a malformed one, naming the JSON path', async () => {
    const deal = base();
    deal.tranches[0].code = '119001';
    deal.tranches[1].code = '119001';
    const twice = await runCli(['validate', tmp.file('twice.json', deal)]);
    expect(twice.code).toBe(2);
    expect(twice.out + twice.err).toContain('tranches[1].code');
    expect(twice.out + twice.err).toContain('duplicate security code "119001" (also tranches[0].code)');
    deal.tranches[1].code = '11 9001';
    const bad = await runCli(['validate', tmp.file('bad.json', deal)]);
    expect(bad.code).toBe(2);
    expect(bad.out + bad.err).toContain('a security code is letters, digits and dots');
  });
});
