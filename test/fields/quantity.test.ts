/**
 * The one reader of amounts, rates and multiples (src/fields/quantity.ts): every accepted form
 * reads to the exact value, in deal files and tapes alike, and a deal written with 亿/万 amounts
 * and percentage rates runs exactly as the same deal written in plain decimals.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity, quantityText, shiftPoint } from '../../src/fields/quantity.js';
import { Amount, Multiple, Rate } from '../../src/fields/primitives.js';
import { convertCell } from '../../src/io/tape.js';
import { validateDeal } from '../../src/io/loadDeal.js';
import { runDeal } from '../../src/engine/run.js';
import { runJsonText } from '../../src/contract/runResult.js';
import { Decimal } from '../../src/util/money.js';
import { Scenario } from '../../src/scenario/schema.js';

const amount = (v: string | number) => Amount.parse(v).toFixed();

describe('the accepted forms, by hand', () => {
  it('amounts: plain, grouped in threes, 元, 万, 万元, 亿, 亿元, JSON numbers', () => {
    const cases: [string | number, string][] = [
      ['1234.56', '1234.56'],
      ['1,234.56', '1234.56'],
      ['1，234.56', '1234.56'],
      ['12 345.67', '12345.67'],
      ['1,234,567', '1234567'],
      ['18,800万', '188000000'],
      ['1.88亿', '188000000'],
      ['1.88 亿元', '188000000'],
      ['12.5万元', '125000'],
      ['0.0001万', '1'],
      ['1.23456万', '12345.6'],
      ['100元', '100'],
      [' 5000 ', '5000'],
      [1234.56, '1234.56'],
      [0, '0'],
    ];
    for (const [text, want] of cases) expect(amount(text), String(text)).toBe(want);
  });

  it('rates: decimals and percentages (also full-width ％), exactly', () => {
    const cases: [string | number, string][] = [
      ['4.9%', '0.049'],
      ['4.9 %', '0.049'],
      ['4.9％', '0.049'],
      ['0.049', '0.049'],
      [0.049, '0.049'],
      ['100%', '1'],
      ['0%', '0'],
      ['3.2599999999%', '0.032599999999'],
    ];
    for (const [text, want] of cases) expect(Rate.parse(text).toFixed(), String(text)).toBe(want);
    expect(Multiple.parse('120%').toFixed()).toBe('1.2');
    expect(Multiple.parse(1.2).toFixed()).toBe('1.2');
  });

  it('refuses what is not one of the forms, and says which forms are', () => {
    for (const text of ['1,5', '1,2345', '12,34.5', '1e5', 'Infinity', '五十万', '4.9%', '1.88亿亿', '万', '', '1.', '.5']) {
      const r = Amount.safeParse(text);
      expect(r.success, text).toBe(false);
      expect(r.error!.issues[0]!.message).toBe('must be an amount in yuan: a number, or text like "1234.56", "1,234.56", "18,800万", "1.88亿" or "12.5万元"');
    }
    for (const text of ['1.88亿', '1,000', '4.9%%', 'x', '4.9‰']) {
      const r = Rate.safeParse(text);
      expect(r.success, text).toBe(false);
      expect(r.error!.issues[0]!.message).toBe('must be a rate: a decimal fraction like 0.049 or "0.049", or a percentage like "4.9%"');
    }
    // A percentage out of range is shown as written.
    expect(Rate.safeParse('490%').error!.issues[0]!.message).toBe('must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got "490%"');
    expect(Amount.safeParse('1.2345678万').error!.issues[0]!.message).toBe('must be in whole fen (at most 2 decimals)');
    expect(Amount.safeParse('-5万').error!.issues[0]!.message).toBe('must not be negative');
  });

  it('a scenario file takes the same forms', () => {
    const s = Scenario.parse({ defaultRate: { cumulative: '5%' }, prepayment: { cpr: '3.5%' }, supportFailures: [{ support: 'g', from: '2021-01-01', cap: '1.2亿' }] });
    expect([s.defaultRate!.cumulative!.toFixed(), s.prepayment!.cpr.toFixed(), s.supportFailures[0]!.cap!.toFixed()]).toEqual(['0.05', '0.035', '120000000']);
  });

  it('a tape cell reads through the same reader, in its column unit', () => {
    expect(convertCell('principal', '1.88亿')).toBe('188000000');
    expect(convertCell('principal', '18,800', 'wan')).toBe('188000000');
    // A unit in the cell wins over the column's.
    expect(convertCell('principal', '1.88亿', 'wan')).toBe('188000000');
    expect(convertCell('rate', '4.9', 'percent')).toBe('0.049');
    expect(convertCell('rate', '4.9%', 'percent')).toBe('0.049');
    expect(convertCell('principal', '1,5')).toBe('1,5');
  });

  it('moves the decimal point in the text', () => {
    expect(shiftPoint('1', '88', 8)).toBe('188000000');
    expect(shiftPoint('0', '0001', 4)).toBe('1');
    expect(shiftPoint('4', '9', -2)).toBe('0.049');
    expect(shiftPoint('100', '', -2)).toBe('1.00');
    expect(shiftPoint('007', '5', 0)).toBe('7.5');
  });
});

/** Digits of a whole number of fen as yuan text with exactly `places` decimals shifted out: n fen → "yuan". */
function fenText(fen: bigint): string {
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The same value with its point moved left `places` (for 万 = 4, 亿 = 8), as plain text. */
function divideText(text: string, places: number): string {
  const [i, f = ''] = text.split('.');
  const padded = i!.padStart(places + 1, '0');
  return `${padded.slice(0, -places).replace(/^0+(?=\d)/, '')}.${padded.slice(-places)}${f}`;
}

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

describe('properties: every form of a value reads to the same exact Decimal', () => {
  const fenAmount = fc.bigInt({ min: 0n, max: 100_000_000_000_000_000n });
  it('amounts in yuan, grouped, 元, 万, 万元, 亿, 亿元', () => {
    fc.assert(
      fc.property(fenAmount, fc.constantFrom(',', '，', ' '), (fen, sep) => {
        const plain = fenText(fen);
        const want = Amount.parse(plain);
        const [i, f] = plain.split('.') as [string, string];
        const forms = [`${group(i, sep)}.${f}`, `${plain}元`, `${divideText(plain, 4)}万`, `${divideText(plain, 4)}万元`, `${divideText(plain, 8)}亿`, `${divideText(plain, 8)} 亿元`];
        for (const form of forms) expect(Amount.parse(form).eq(want), form).toBe(true);
        // A JSON number of at most 15 significant digits is the number written.
        if (fen.toString().length <= 15) expect(Amount.parse(JSON.parse(plain) as number).eq(want), plain).toBe(true);
        // In a tape column headed 万元, the bare number in 万.
        expect(new Decimal(convertCell('principal', divideText(plain, 4), 'wan') as string).eq(want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rates as decimals and as percentages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }), (n, extra) => {
        // n / 10^6 as a fraction, with `extra` more decimal digits of zeros as a writer might.
        const fraction = divideText(String(n), 6) + '0'.repeat(extra);
        const percent = `${divideText(String(n), 4)}${'0'.repeat(extra)}%`;
        const want = Rate.parse(fraction);
        expect(Rate.parse(percent).eq(want), percent).toBe(true);
        expect(quantityText('rate', percent.replace('%', ''), 'percent')).toBe(quantityText('rate', percent));
        expect(parseQuantity('rate', percent)!.eq(want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

const AMOUNT_KEYS = new Set(['purchasePrice', 'total', 'firstLicenseFee', 'balance', 'amount', 'initialBalance', 'principal', 'cap']);
const RATE_KEYS = new Set(['riskReserveRate', 'coupon', 'rate', 'above', 'cumulativeDefaultRate', 'recoveryRate']);

/** The deal document with each amount and rate rewritten in the form `pick` chooses. */
function rewrite(doc: unknown, pick: () => number, key?: string): unknown {
  if (Array.isArray(doc)) return doc.map((x) => rewrite(x, pick, key));
  if (doc !== null && typeof doc === 'object') return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, rewrite(v, pick, k)]));
  if (typeof doc !== 'string' || !/^\d+(\.\d+)?$/.test(doc) || key === undefined) return doc;
  if (AMOUNT_KEYS.has(key)) {
    const [i, f] = doc.split('.') as [string, string | undefined];
    const forms = [`${group(i, ',')}${f ? `.${f}` : ''}`, `${divideText(doc, 4)}万`, `${divideText(doc, 8)}亿`, `${divideText(doc, 4)}万元`, `${doc}元`];
    return forms[pick() % forms.length];
  }
  if (RATE_KEYS.has(key)) {
    const [i, f = ''] = doc.split('.') as [string, string | undefined];
    return pick() % 2 === 1 ? `${shiftPoint(i, f, 2)}%` : doc;
  }
  return doc;
}

describe('a deal written either way', () => {
  for (const file of ['deals/guangkai-patent-license.json', 'deals/gaoxintou-ip-2.json']) {
    it(`${file}: 亿/万 amounts and percentage rates give the identical run`, () => {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const plain = validateDeal(doc, file);
      expect(plain.deal, JSON.stringify(plain.diagnostics)).toBeDefined();
      const want = runJsonText(runDeal(plain.deal!));
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (choices) => {
          let k = 0;
          const written = rewrite(doc, () => choices[k++ % choices.length]!);
          const loaded = validateDeal(written, file);
          expect(loaded.deal, JSON.stringify(loaded.diagnostics)).toBeDefined();
          expect(runJsonText(runDeal(loaded.deal!))).toBe(want);
        }),
        { numRuns: 4 },
      );
      // And every amount in 万, every rate in per cent, at once.
      const all = rewrite(doc, () => 1);
      expect(JSON.stringify(all)).toContain('万');
      expect(runJsonText(runDeal(validateDeal(all, file).deal!))).toBe(want);
    });
  }
});
