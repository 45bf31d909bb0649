/**
 * `-` reads a deal or scenario file from standard input (the built CLI, spawned): the output is
 * the one of the file itself, relative tape paths resolve against the current folder, messages
 * name `<stdin>`, and standard input serves one input only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFreshDist } from '../stress/fixtures.js';

const BIN = resolve('bin/ipabs.js');
const ipabs = (args: string[], input: string, cwd = '.') => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, cwd });
const GUANGKAI = 'deals/guangkai-patent-license.json';
const WENKE = 'deals/wenke-lease-1.json';
const SCENARIO = 'deals/scenarios/guangkai-two-licensees-stop.json';

describe('- reads standard input', () => {
  it('a deal: the same report as from its file; validate says <stdin>', () => {
    requireFreshDist();
    const fromFile = ipabs(['run', GUANGKAI, '--format', 'csv'], '');
    const fromStdin = ipabs(['run', '-', '--format', 'csv'], readFileSync(GUANGKAI, 'utf8'));
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const v = ipabs(['validate', '-'], readFileSync(GUANGKAI, 'utf8'));
    expect(v.stdout).toBe('<stdin>: ok\n');
  });

  it('tapes of a deal read from standard input are relative to the current folder', () => {
    const inDeals = ipabs(['pool', '-', '--format', 'json'], readFileSync(WENKE, 'utf8'), 'deals');
    expect(inDeals.status).toBe(0);
    expect(inDeals.stdout).toBe(ipabs(['pool', WENKE, '--format', 'json'], '').stdout);
    const elsewhere = ipabs(['validate', '-'], readFileSync(WENKE, 'utf8'));
    expect(elsewhere.status).toBe(2);
    expect(elsewhere.stdout).toContain('<stdin>: pool.tapes[0].path: no tape file at wenke-lease-1.tape.csv (the path is relative to the current folder: the deal came from standard input)');
  });

  it('a scenario (run -s -, stress --scenarios -), and validate --scenario -', () => {
    const fromFile = ipabs(['run', GUANGKAI, '-s', SCENARIO, '--format', 'json'], '');
    const fromStdin = ipabs(['run', GUANGKAI, '-s', '-', '--format', 'json'], readFileSync(SCENARIO, 'utf8'));
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const stress = ipabs(['stress', GUANGKAI, '--scenarios', '-', '--format', 'csv'], readFileSync(SCENARIO, 'utf8'));
    // The report names the scenario file: <stdin>.
    expect(stress.stdout).toBe(ipabs(['stress', GUANGKAI, '--scenarios', SCENARIO, '--format', 'csv'], '').stdout.replace(SCENARIO, '<stdin>'));
    expect(ipabs(['validate', '--scenario', '-', '--deal', GUANGKAI], readFileSync(SCENARIO, 'utf8')).stdout).toBe(`<stdin>: ok (scenario for ${GUANGKAI})\n`);
  });

  it('bad input names <stdin>; two inputs from standard input, or a shard of one, are refused', () => {
    const bad = ipabs(['run', '-'], '{"name": ');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^ipabs: <stdin> has 1 error:\nerror: <stdin>:1:/);
    const two = ipabs(['run', '-', '-s', '-'], '{}');
    expect(two.status).toBe(2);
    expect(two.stderr).toBe('ipabs: standard input (-) can be only one of the files a command reads: give the others as files\n');
    const shard = ipabs(['montecarlo', '-', '--shard', '1/2'], readFileSync(GUANGKAI, 'utf8'));
    expect(shard.status).toBe(2);
    expect(shard.stderr).toContain('--shard: give the deal and scenario files as files, not -');
    const empty = ipabs(['run', '-'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('<stdin>');
  });
});
