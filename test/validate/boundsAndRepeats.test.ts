/**
 * Issue 7, items 9 and 10: files that validated and then paid twice or crashed the ledger.
 * Item 9: an id repeated in a waterfall step (or a tranche in two principal steps of one
 * waterfall) paid interest twice with exit 0, or broke the ledger with exit 70. Item 10: an
 * amount like 1e40 broke the ledger with exit 70. Now each is refused, exit 2, with its path; and
 * a deal at the bounds still runs and conserves cash. The exact messages are in test/corpus
 * (73–80).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Amount, MAX_AMOUNT, Multiple, PeriodCount, Rate } from '../../src/schema/primitives.js';
import { dealJsonSchema } from '../../src/schema/deal.js';
import { runCli, useTempDir } from '../helpers.js';

const { file } = useTempDir('ipabs-bounds-');

/** The messages of a value parsed by a primitive. */
const messages = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('bounds on amounts, rates, multiples and whole numbers', () => {
  it('an amount is at most 10^15 yuan, however it is written', () => {
    expect(MAX_AMOUNT.toFixed(0)).toBe('1000000000000000');
    expect(messages(Amount, 1e15)).toEqual([]);
    expect(messages(Amount, '1000000000000000.00')).toEqual([]);
    const tooLarge = 'must be at most 10^15 yuan (1,000 trillion: beyond any real deal)';
    expect(messages(Amount, '1000000000000000.01')).toEqual([tooLarge]);
    expect(messages(Amount, 1e40)).toEqual([tooLarge]);
    expect(messages(Amount, '9'.repeat(400))).toEqual([tooLarge]);
    expect(messages(Amount, Number.MAX_VALUE)).toEqual([tooLarge]);
    const notANumber = 'must be an amount in yuan: a number, or text like "1234.56", "1,234.56", "18,800万", "1.88亿" or "12.5万元"';
    for (const text of ['1e40', 'Infinity', '-Infinity', 'NaN', '1E+40', '0x10']) expect(messages(Amount, text), text).toEqual([notANumber]);
  });

  it('rates stay within 0..1, multiples within 0..100, periods within 0..1200: one message each', () => {
    expect(messages(Rate, 1e40)).toEqual(['must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got 1e+40']);
    expect(messages(Multiple, 100)).toEqual([]);
    expect(messages(Multiple, 100.01)).toEqual(['must be at most 100']);
    expect(messages(PeriodCount, 1200)).toEqual([]);
    // Not also "beyond the safe integers": the bound is the one thing to say.
    expect(messages(PeriodCount, 1e40)).toHaveLength(1);
    expect(messages(PeriodCount, 2.5)).toEqual(['must be a whole number']);
  });

  it('the JSON Schema says the bounds, for editors', () => {
    const text = JSON.stringify(dealJsonSchema());
    expect(text).toContain('"maximum":1000000000000000');
    expect(text).toContain('from 0 to 10^15 (1,000 trillion)');
    expect(JSON.parse(readFileSync('schemas/deal.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(dealJsonSchema())));
  });

  /** 广开专利 with every contract, the risk reserve and the undertaking's cap at `amount` yuan. */
  const dealOf = (amount: string) => {
    const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));
    for (const a of deal.pool.assets) {
      a.royalties.total = `${amount}.00`;
      a.firstLicenseFee = `${amount}.00`;
    }
    deal.accounts[1].initialBalance = Number(amount);
    deal.supports[0].cap = amount;
    return deal;
  };

  it('a deal of a thousand billion yuan a contract runs and conserves its cash', async () => {
    const { code, out, err } = await runCli(['run', file('large.json', dealOf('1000000000000')), '--format', 'json']);
    expect(err).not.toContain('internal error');
    expect(code).toBe(0);
    expect(JSON.parse(out).checks.conservation).toBe(true);
  });

  it('a deal at the bounds is refused in words: its sums pass what whole fen hold exactly (exit 2, no stack trace)', async () => {
    // Each amount may reach 10^15 yuan, but the engine adds them in whole fen, exactly, up to
    // ±90,071,992,547,409.91 yuan (2^53 fen): eleven contracts of 10^15 pass it.
    const { code, err } = await runCli(['run', file('max.json', dealOf('1000000000000000')), '--format', 'json']);
    expect(err).not.toContain('internal error');
    expect(err).toContain('leave the safe range of exact whole-fen arithmetic');
    expect(code).toBe(2);
  });
});

describe('ipabs run refuses what paid twice or crashed (exit 2, the path, no stack trace)', () => {
  const cases: [string, string][] = [
    ['73-amount-too-large', 'pool.assets[0].royalties.total: must be at most 10^15 yuan'],
    ['76-repeat-in-pay-interest', 'waterfalls.normal[4].tranches[1]: tranche "A" is already in this step'],
    ['77-repeat-in-pro-rata-principal', 'waterfalls.normal[5].tranches[1]: tranche "A" is already in this step'],
    ['78-tranche-in-two-principal-steps', 'waterfalls.normal[6].tranches[0]: tranche "A" is already paid principal by waterfalls.normal[5]'],
    ['80-repeat-in-pay-interest-exit-0', 'waterfalls.normal[3].tranches[1]: tranche "A1" is already in this step'],
  ];
  it.each(cases)('%s', async (name, message) => {
    const { code, out, err } = await runCli(['run', `test/corpus/${name}.json`]);
    expect(err).toContain(message);
    expect(err).not.toContain('    at ');
    expect(out).toBe('');
    expect(code).toBe(2);
  });
});
