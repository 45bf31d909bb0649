/** `ipabs run --status S --out F` and `ipabs track … --status S --out F` (spawned): --out never writes over the status file nor the asset tape it names. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const tmp = useTempDir('ipabs-run-status-out-');

describe('ipabs run --status S --out F', () => {
  it('refuses to write over the status file or its asset tape (exit 2, both left as they were), and writes elsewhere', () => {
    const base = tmp.file('base.json', '');
    expect(bin(['run', GK, '--status-at', '2021-08-26', '--out', base]).code).toBe(0);
    const json = JSON.parse(readFileSync(base, 'utf8'));
    const tapeText = '资产编号,资产状态\nC04,正常\n';
    const tape = tmp.file('assets.csv', tapeText);
    const file = tmp.file('status.json', { ...json, assets: json.assets.filter((a: { id: string }) => a.id !== 'C04'), assetTape: 'assets.csv' });
    const statusText = readFileSync(file, 'utf8');
    const onTape = bin(['run', GK, '--status', file, '--out', tape]);
    expect(onTape.code).toBe(2);
    expect(onTape.err).toBe(`ipabs: --out ${tape} is the --status tape file ${tape}: ipabs does not write over its inputs; choose another file\n`);
    expect(readFileSync(tape, 'utf8')).toBe(tapeText);
    const onStatus = bin(['run', GK, '--status', file, '--out', file]);
    expect(onStatus.code).toBe(2);
    expect(onStatus.err).toContain('ipabs does not write over its inputs');
    expect(readFileSync(file, 'utf8')).toBe(statusText);
    const elsewhere = `${tmp.dir()}/rest.csv`;
    const ok = bin(['run', GK, '--status', file, '--out', elsewhere]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toContain('2021-11-26');
  });

  it('track --status S --out F refuses the asset tape the status names too', () => {
    const base = tmp.file('track-base.json', '');
    expect(bin(['run', GK, '--scenario', 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json', '--status-at', '2021-08-26', '--out', base]).code).toBe(0);
    const json = JSON.parse(readFileSync(base, 'utf8'));
    const tapeText = '资产编号,资产状态\nC04,正常\n';
    const tape = tmp.file('track-assets.csv', tapeText);
    const file = tmp.file('track-status.json', { ...json, assets: json.assets.filter((a: { id: string }) => a.id !== 'C04'), assetTape: 'track-assets.csv' });
    const r = bin(['track', GK, '--actuals', 'deals/actuals/guangkai-2021-08-26.csv', '--status', file, '--out', tape]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ipabs: --out ${tape} is the --status tape file ${tape}: ipabs does not write over its inputs; choose another file\n`);
    expect(readFileSync(tape, 'utf8')).toBe(tapeText);
  });
});
