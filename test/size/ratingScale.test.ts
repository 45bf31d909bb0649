import { describe, expect, it } from 'vitest';
import { parseStep } from '../../src/cli/size.js';
import { resizedDealText } from '../../src/io/resizedDeal.js';
import { checkScale, DEFAULT_RATING_SCALE, impliedGrade, NOTCHES, normalGrade, notchOf, overrideScale, parseRatingScale, targetDefaultRate } from '../../src/stress/ratingScale.js';
import { stepText } from '../../src/stress/size.js';
import { fen } from '../../src/util/fen.js';
import { Decimal } from '../../src/util/money.js';

const grades = (s: { notches: { grade: string; multiple: Decimal }[] }) => s.notches.map((n) => `${n.grade}=${n.multiple.toString()}`).join(',');

describe('the built-in rating scale', () => {
  it('has 16 notches from AAA to B-, multiples falling, anchored at AAA 5, AA 4, A 3, BBB 2, BB 1.5, B 1.25', () => {
    expect(grades(DEFAULT_RATING_SCALE)).toBe('AAA=5,AA+=4.33,AA=4,AA-=3.67,A+=3.33,A=3,A-=2.67,BBB+=2.33,BBB=2,BBB-=1.83,BB+=1.67,BB=1.5,BB-=1.42,B+=1.33,B=1.25,B-=1.17');
    expect(() => checkScale(DEFAULT_RATING_SCALE.notches, 'built-in')).not.toThrow();
    expect(DEFAULT_RATING_SCALE.source).toMatch(/^assumption/);
    // ± notches a third of the way to the neighbouring anchor, to two decimals.
    expect(new Decimal(4).plus(new Decimal(1).div(3)).toDecimalPlaces(2).toString()).toBe('4.33');
    expect(new Decimal(1.25).minus(new Decimal(0.25).div(3)).toDecimalPlaces(2).toString()).toBe('1.17');
  });

  it('gives exact TDRs, capped at 100%', () => {
    expect(targetDefaultRate(notchOf(DEFAULT_RATING_SCALE, 'A', 't'), new Decimal('0.05')).toString()).toBe('0.15');
    expect(targetDefaultRate(notchOf(DEFAULT_RATING_SCALE, 'AAA', 't'), new Decimal('0.3')).toString()).toBe('1');
  });
});

describe('grades as users write them', () => {
  it('reads AA−, aa-, AA－, A+(sf), and refuses what is not a grade', () => {
    expect(normalGrade('AA−')).toBe('AA-');
    expect(normalGrade(' aa- ')).toBe('AA-');
    expect(normalGrade('AA－')).toBe('AA-');
    expect(normalGrade('A+(sf)')).toBe('A+');
    expect(normalGrade('AAAA')).toBeUndefined();
    expect(NOTCHES[0]).toBe('AAA');
    expect(() => notchOf(DEFAULT_RATING_SCALE, 'CCC', '--target A=CCC')).toThrow('--target A=CCC: unknown rating "CCC" (the rating scale has AAA, AA+');
  });
});

describe('overrides and files', () => {
  it('--multiple changes a notch or adds one in its place, and checks the order', () => {
    expect(grades(overrideScale(DEFAULT_RATING_SCALE, 'AAA=5.5, B-=1.1', '--multiple')).slice(0, 9)).toBe('AAA=5.5,A');
    const added = overrideScale(parseRatingScale('AAA,5\nA,3\n', 'x.csv'), 'AA=4', '--multiple');
    expect(grades(added)).toBe('AAA=5,AA=4,A=3');
    expect(() => overrideScale(DEFAULT_RATING_SCALE, 'AA+=5', '--multiple')).toThrow("AA+ needs 5×, not less than AAA's 5×");
    expect(() => overrideScale(DEFAULT_RATING_SCALE, 'AAA:5', '--multiple')).toThrow('"AAA:5" is not GRADE=MULTIPLE');
    expect(() => overrideScale(DEFAULT_RATING_SCALE, 'AAA=0', '--multiple')).toThrow('a multiple must be a number above 0');
  });

  it('reads CSV (header, BOM, CRLF, 5x) and JSON (a map with a source, or a list)', () => {
    expect(grades(parseRatingScale('\uFEFFgrade,multiple\r\nAAA,5x\r\nAA-,3.5\r\n', 's.csv'))).toBe('AAA=5,AA-=3.5');
    const j = parseRatingScale('{"source": "中诚信 2024 TDR", "multiples": {"AAA": 6, "A": "3"}}', 's.json');
    expect(grades(j)).toBe('AAA=6,A=3');
    expect(j.source).toBe('中诚信 2024 TDR (file s.json)');
    expect(grades(parseRatingScale('[{"grade": "AA", "multiple": 4}]', 'l.json'))).toBe('AA=4');
    expect(() => parseRatingScale('AA,4\nAAA,5\n', 'o.csv')).toThrow('o.csv: AAA comes after AA: list each grade once, from the highest down');
    expect(() => parseRatingScale('AAA,5,1\n', 'c.csv')).toThrow('c.csv: line 1: give grade,multiple');
    expect(() => parseRatingScale('{"multiples": 5}', 'm.json')).toThrow('give {"multiples"');
    expect(() => parseRatingScale('{', 'b.json')).toThrow('b.json is not valid JSON');
    expect(() => parseRatingScale('', 'e.csv')).toThrow('e.csv: the rating scale has no grades');
  });
});

describe('impliedGrade', () => {
  it('bisects the notches: the highest grade whose TDR passes', () => {
    const base = new Decimal('0.05');
    const tested: string[] = [];
    const passesBelow = (limit: number) => (rate: Decimal) => {
      tested.push(rate.toString());
      return rate.lte(limit);
    };
    expect(impliedGrade(DEFAULT_RATING_SCALE, base, passesBelow(0.2))!.grade).toBe('AA');
    expect(tested.length).toBeLessThanOrEqual(5);
    expect(impliedGrade(DEFAULT_RATING_SCALE, base, passesBelow(1))!.grade).toBe('AAA');
    expect(impliedGrade(DEFAULT_RATING_SCALE, base, passesBelow(0.05))).toBeUndefined();
  });
});

describe('--step and the resized deal file', () => {
  it('parses steps in yuan, 万 and 亿, whole fen, above 0', () => {
    expect(parseStep('1000000')).toBe(fen(100_000_000));
    expect(parseStep('100万')).toBe(fen(100_000_000));
    expect(parseStep('50万元')).toBe(fen(50_000_000));
    expect(parseStep('0.5亿')).toBe(fen(5_000_000_000));
    expect(parseStep('1,000.50')).toBe(fen(100_050));
    expect(() => parseStep('-1')).toThrow('--step "-1"');
    expect(() => parseStep('0.001')).toThrow('whole fen');
    expect(stepText(fen(100_000_000))).toBe('100万元');
    expect(stepText(fen(100_050))).toBe('1000.50元');
  });

  it('changes only the balances, notes how, and re-bases tape paths to another folder', () => {
    const raw = { $schema: '../schemas/deal.schema.json', pool: { tapes: [{ path: 'x.tape.csv' }] }, tranches: [{ id: 'A', balance: '1.00', assumed: { coupon: 'c' } }, { id: 'B', balance: '2.00' }] };
    const text = resizedDealText(raw, 'deals/x.json', '/tmp/out/y.json', [{ index: 0, balance: fen(250), note: 'sized' }]);
    const out = JSON.parse(text) as typeof raw & { tranches: { assumed?: Record<string, string> }[] };
    expect(out.tranches.map((t) => t.balance)).toEqual(['2.50', '2.00']);
    expect(out.tranches[0]!.assumed).toEqual({ coupon: 'c', balance: 'sized' });
    expect(out.pool.tapes[0]!.path).toMatch(/deals\/x\.tape\.csv$/);
    expect(out.$schema).toMatch(/schemas\/deal\.schema\.json$/);
    expect(text.endsWith('}\n')).toBe(true);
    // The same folder: paths as written.
    const same = JSON.parse(resizedDealText(raw, 'deals/x.json', 'deals/y.json', [])) as typeof raw;
    expect(same.pool.tapes[0]!.path).toBe('x.tape.csv');
    expect(raw.tranches[0]!.balance).toBe('1.00');
  });
});
