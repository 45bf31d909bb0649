/** Golden files of `ipabs track` on the worked example (广开专利 after its 8th payment date), in every text format. */
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli } from '../helpers.js';

const DEAL = 'deals/guangkai-patent-license.json';
const ACTUALS = 'deals/actuals/guangkai-2021-08-26.csv';
const STATUS = 'deals/status/guangkai-2021-08-26.json';
const SCENARIO = 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json';
const example = [DEAL, '--actuals', ACTUALS, '--status', STATUS, '--scenario', SCENARIO];

const cases: { name: string; args: string[] }[] = [
  { name: 'guangkai-2021-08-26.table', args: example },
  { name: 'guangkai-2021-08-26.json', args: [...example, '--format', 'json'] },
  { name: 'guangkai-2021-08-26.csv.en', args: [...example, '--format', 'csv', '--lang', 'en'] },
  { name: 'guangkai-2021-08-26.md.wan', args: [...example, '--format', 'md', '--unit', 'wan'] },
  // No status file: the status is made from the actuals (assets as the scenario projects them).
  { name: 'guangkai-2021-08-26.no-status.table.en', args: [DEAL, '--actuals', ACTUALS, '--scenario', SCENARIO, '--lang', 'en'] },
];

describe('ipabs track golden files', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { code, out, err } = await runCli(['track', ...c.args]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expectGolden(`test/golden/track/${c.name}.txt`, out);
    });
  }
});
