/** The run summary's yield: at the issue price when the deal gives one, by the PBoC 2007 convention. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-issue-');

const summaryOf = async (deal: unknown) => JSON.parse((await runCli(['run', tmp.file('d.json', deal), '--format', 'json'])).out).tranches[0].summary;

describe('the run summary yield', () => {
  it('广开专利 A at par: about 4.00% compounded quarterly (4.0064%), named', async () => {
    const s = await summaryOf(JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8')));
    expect(s.yield).toBeCloseTo(0.040064, 6);
    expect(s.yieldMethod).toBe('compound');
    expect(s.couponFrequency).toBe(4);
    expect(s.yieldConvention).toBe('PBoC 2007: compounded 4×/yr, first period d/TS');
  });

  it('at an issue price below par reads higher, and reprices to that price through ipabs price', async () => {
    const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));
    deal.tranches[0].issuePrice = '0.995';
    const s = await summaryOf(deal);
    expect(s.yield).toBeGreaterThan(0.0415);
    const file = tmp.file('below.json', deal);
    const p = JSON.parse((await runCli(['price', file, '--tranche', 'A', '--date', '2019-09-11', '--to', 'legal', '--yield', String(s.yield * 100), '--format', 'json'])).out);
    expect(Number(p.sections.price.values.fullPrice)).toBeCloseTo(99.5, 6);
  });
});
