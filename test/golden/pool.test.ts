/** Golden files of `ipabs pool` for every sample deal in every format. A reviewer reads the diff. */
import { basename } from 'node:path';
import { describe, it } from 'vitest';
import { expectGolden, runCli, sampleDeals } from '../helpers.js';
import { expect } from 'vitest';

const variants: { name: string; args: string[] }[] = [
  { name: 'table.zh.wan', args: ['--cashflows', '--unit', 'wan'] },
  { name: 'table.en.yuan', args: ['--lang', 'en'] },
  { name: 'csv.zh.wan', args: ['--cashflows', '--format', 'csv', '--unit', 'wan'] },
  { name: 'json', args: ['--cashflows', '--asset-flows', '--format', 'json', '--lang', 'en'] },
  { name: 'md.zh.wan', args: ['--cashflows', '--format', 'md', '--unit', 'wan'] },
  { name: 'html.en.yuan', args: ['--cashflows', '--format', 'html', '--lang', 'en'] },
];

describe('ipabs pool golden files', () => {
  for (const deal of sampleDeals()) {
    for (const v of variants) {
      it(`${basename(deal)} ${v.name}`, async () => {
        const { code, out, err } = await runCli(['pool', deal, ...v.args]);
        expect(err).toBe('');
        expect(code).toBe(0);
        expectGolden(`test/golden/pool/${basename(deal, '.json')}.${v.name}.txt`, out);
      });
    }
  }
});
