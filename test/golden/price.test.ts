/** Golden files of `ipabs price` on the sample deals, in every format. */
import { describe, expect, it } from 'vitest';
import { expectGolden, runCli } from '../helpers.js';

const CURVE = 'test/golden/price/curve.csv';

const cases: { name: string; args: string[] }[] = [
  { name: 'guangkai-A.yield.table.en', args: ['deals/guangkai-patent-license.json', '--tranche', 'A', '--date', '2021-01-15', '--yield', '4', '-l', 'en'] },
  { name: 'guangkai-A.price.json', args: ['deals/guangkai-patent-license.json', '--tranche', 'A', '--date', '2021-01-15', '--price', '100.25', '--format', 'json'] },
  { name: 'guangkai-A.spread.csv', args: ['deals/guangkai-patent-license.json', '--tranche', 'A', '--date', '2021-01-15', '--spread', '80', '--curve', CURVE, '--format', 'csv'] },
  { name: 'guangkai-A.legal.scenario.md', args: ['deals/guangkai-patent-license.json', '--tranche', 'A', '--date', '2022-03-01', '--yield', '4.5', '--to', 'legal', '--scenario', 'deals/scenarios/guangkai-two-licensees-stop.json', '--format', 'md'] },
  { name: 'gaoxintou-A1.last-period.html', args: ['deals/gaoxintou-ip-2.json', '--tranche', 'A1', '--date', '2021-12-01', '--price', '100', '--format', 'html'] },
];

describe('ipabs price golden files', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { code, out, err } = await runCli(['price', ...c.args]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expectGolden(`test/golden/price/${c.name}.txt`, out);
    });
  }
});
