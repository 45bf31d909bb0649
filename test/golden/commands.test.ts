/**
 * Golden files of every analysis command's JSON and table output on the sample deals, under the
 * sample scenarios: the numbers the engine must keep while its core changes beneath them.
 * `UPDATE_GOLDEN=1` rewrites them (a change must be a named fix).
 */
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli, sampleDeals } from '../helpers.js';

const SCENARIOS: Record<string, string[]> = {
  'gaoxintou-ip-2': ['cumulative-10pct-front-loaded', 'gaoxintou-borrower-defaults-guarantor-fails'],
  'guangkai-patent-license': ['cumulative-10pct-front-loaded', 'guangkai-two-licensees-stop'],
  'iqiyi-supply-chain': ['cumulative-10pct-front-loaded'],
  'wenke-lease-1': ['cumulative-10pct-front-loaded'],
};

interface Command {
  name: string;
  args: string[];
  /** Run the built CLI in its own process (worker threads load the built code). */
  process?: boolean;
}

function commands(deal: string): Command[] {
  const id = basename(deal, '.json');
  const list: Command[] = [];
  for (const s of SCENARIOS[id] ?? []) {
    list.push({ name: `run.${s}.json`, args: ['run', deal, '--scenario', `deals/scenarios/${s}.json`, '--format', 'json'] });
    list.push({ name: `run.${s}.en.wan.table`, args: ['run', deal, '--scenario', `deals/scenarios/${s}.json`, '--lang', 'en', '--unit', 'wan'] });
  }
  list.push({ name: 'stress.json', args: ['stress', deal, '--format', 'json'] });
  list.push({ name: 'stress.grid.json', args: ['stress', deal, '--cumulative', '0:40:10', '--recovery', '0,40', '--lag', '0,2', '--format', 'json'] });
  list.push({ name: 'stress.cdr.nosupport.json', args: ['stress', deal, '--cdr', '0:20:5', '--no-support', '--format', 'json'] });
  list.push({ name: 'breakeven.json', args: ['breakeven', deal, '--format', 'json'] });
  list.push({ name: 'obligors.json', args: ['obligors', deal, '--top', '5', '--combinations', '2', '--format', 'json'] });
  list.push({ name: 'montecarlo.json', args: ['montecarlo', deal, '--paths', '3000', '--seed', '7', '--workers', '1', '--format', 'json'] });
  list.push({ name: 'montecarlo.workers.table', args: ['montecarlo', deal, '--paths', '5000', '--seed', '3', '--workers', '2', '--correlation', '0.3', '--recovery-range', '10,60'], process: true });
  return list;
}

function spawned(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('analysis command golden files', () => {
  for (const deal of sampleDeals()) {
    for (const c of commands(deal)) {
      it(`${basename(deal)} ${c.name}`, async () => {
        const { code, out, err } = c.process ? spawned(c.args) : await runCli(c.args);
        expect(err).toBe('');
        expect(code).toBe(0);
        expectGolden(`test/golden/commands/${basename(deal, '.json')}.${c.name}.txt`, out);
      });
    }
  }
});
