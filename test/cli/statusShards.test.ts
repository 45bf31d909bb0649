/**
 * `--status` with `--shard` and Monte Carlo workers, from the built CLI: 4 shards merged give
 * exactly the bytes of the single run; workers give what one thread gives; a part computed from
 * another status (or another asset tape) is refused by merge.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const tmp = useTempDir('ipabs-status-shards-');
let status = '';

beforeAll(() => {
  status = tmp.file('status.json', '');
  expect(bin(['run', GK, '--status-at', '2021-02-26', '--out', status]).code).toBe(0);
});

/** Runs `args` as 4 shards and merges them: the merged output. */
function sharded(args: string[], count = 4, statusFor: (i: number) => string = () => status): { code: number; out: string; err: string } {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const part = join(tmp.dir(), `part-${args[0]}-${i}.json`);
    const r = bin([...args, '--status', statusFor(i), '--shard', `${i}/${count}`, '--out', part]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    parts.push(part);
  }
  return bin(['merge', ...parts]);
}

describe('--status with --shard (spawned)', () => {
  for (const args of [
    ['stress', GK, '--cumulative', '0,20,40,60', '--lang', 'en'],
    ['breakeven', GK, '--preset', 'cn-standard', '--tranche', 'A', '--format', 'json'],
    ['montecarlo', GK, '--pd', '40', '--paths', '400', '--seed', '3', '--workers', '1', '--format', 'csv'],
  ]) {
    it(`${args[0]}: 4 shards merged are the single run's bytes`, () => {
      const whole = bin([...args, '--status', status]);
      expect(whole.err).toBe('');
      expect(whole.code).toBe(0);
      const merged = sharded(args);
      expect(merged.err).toBe('');
      expect(merged.out).toBe(whole.out);
    });
  }

  it('records the status in each part: a part from another status is refused (exit 2)', () => {
    const other = tmp.file('other.json', '');
    expect(bin(['run', GK, '--status-at', '2021-08-26', '--out', other]).code).toBe(0);
    const args = ['stress', GK, '--cumulative', '0,20'];
    const part = join(tmp.dir(), 'one.json');
    expect(bin([...args, '--status', status, '--shard', '1/1', '--out', part]).code).toBe(0);
    expect(JSON.parse(readFileSync(part, 'utf8')).fingerprint.inputs.map((x: { input: string }) => x.input)).toContain('--status');
    const mixed = sharded(args, 2, (i) => (i === 1 ? status : other));
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain(`they differ in options --status=${status} / --status=${other}`);
    // The status file changed after the shards ran: merge reads it again and refuses.
    const moving = tmp.file('moving.json', '');
    copyFileSync(status, moving);
    const p = join(tmp.dir(), 'moving-part.json');
    expect(bin([...args, '--status', moving, '--shard', '1/1', '--out', p]).code).toBe(0);
    copyFileSync(other, moving);
    const late = bin(['merge', p]);
    expect(late.code).toBe(2);
    expect(late.err).toContain('--status file differs');
  });

  it('records the asset tape a status names (--status tape)', () => {
    const dir = tmp.dir();
    const json = JSON.parse(readFileSync(status, 'utf8'));
    const withTape = join(dir, 'taped.json');
    const c01 = json.assets.find((a: { id: string }) => a.id === 'C01');
    writeFileSync(join(dir, 'tape.csv'), `资产编号,剩余本金\nC01,${c01.outstanding}\n`);
    // C01 from the tape, not the file (an asset is listed once).
    writeFileSync(withTape, JSON.stringify({ ...json, assets: json.assets.filter((a: { id: string }) => a.id !== 'C01'), assetTape: 'tape.csv' }));
    const p = join(dir, 'taped-part.json');
    const r = bin(['stress', GK, '--cumulative', '0', '--status', withTape, '--shard', '1/1', '--out', p]);
    expect(r.err).toBe('');
    expect(JSON.parse(readFileSync(p, 'utf8')).fingerprint.inputs.map((x: { input: string }) => x.input)).toContain('--status tape');
    // The tape changed since the shard ran: merge refuses.
    writeFileSync(join(dir, 'tape.csv'), '资产编号,剩余本金\nC01,0\n');
    const late = bin(['merge', p]);
    expect(late.code).toBe(2);
    expect(late.err).toContain('--status tape file differs');
  });
});

describe('montecarlo --status --workers (spawned)', () => {
  it('2 workers give the bytes of 1', () => {
    const args = ['montecarlo', GK, '--status', status, '--pd', '50', '--paths', '3000', '--seed', '5', '--format', 'json'];
    const one = bin([...args, '--workers', '1']);
    expect(one.err).toBe('');
    const two = bin([...args, '--workers', '2']);
    expect(two.err).toBe('');
    expect(two.code).toBe(0);
    expect(two.out).toBe(one.out);
  });
});
