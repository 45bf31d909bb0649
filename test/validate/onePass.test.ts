/**
 * Validation in one pass: shape errors, unknown references and tape errors of one deal file are
 * reported together, paths in the file's own numbering, and nothing is reported that the
 * mistakes themselves would explain.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDeal, type TapeRead } from '../../src/io/loadDeal.js';
import { formatDiagnostic, sortDiagnostics } from '../../src/validate/diagnostics.js';
import { originalPath, salvage } from '../../src/validate/partial.js';
import { Deal } from '../../src/schema/deal.js';
import { RowErrors } from '../../src/io/rowErrors.js';

const BASE = JSON.parse(readFileSync('test/corpus/39-tape-bad-number.json', 'utf8')) as Record<string, any>;
const GOOD_TAPE = 'id,obligor,industry,principal\nL01,借款人01,制造业,6000000.00\nL02,借款人02,信息技术业,4000000.00\n';

function deal(change: (d: Record<string, any>) => void): Record<string, any> {
  const d = structuredClone(BASE);
  d['pool'].tapes[0].path = 't.csv';
  change(d);
  return d;
}

function lines(input: unknown, tape = GOOD_TAPE): string[] {
  const reader = (): TapeRead => ({ bytes: Buffer.from(tape, 'utf8'), diagnostics: [], file: 't.csv' });
  return sortDiagnostics(validateDeal(input, 'd.json', reader).diagnostics).map(formatDiagnostic);
}

describe('one pass', () => {
  it('reports a bad field, an unknown tranche and a bad tape column in one run', () => {
    const input = deal((d) => {
      d['tranches'][0].coupon = '3.5';
      d['waterfalls'].normal[1].tranches = ['A'];
    });
    const tape = `id,obligor,industry,principal\n${Array.from({ length: 9 }, (_, i) => `L${i},借款人${i},制造业,${i % 2 ? 'x' : '100.00'}`).join('\n')}\n`;
    expect(lines(input, tape)).toEqual([
      'error: d.json: tranches[0].coupon: must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got 3.5',
      'error: t.csv:3:4 (column principal): 4 rows: must be an amount in yuan: a number, or text like "1234.56", "1,234.56", "18,800万", "1.88亿" or "12.5万元" (lines 3, 5, 7, 9; line 3 got the text "x")',
      'error: d.json: waterfalls.normal[1].tranches[0]: unknown tranche "A" (did you mean "A1"?)',
    ]);
  });

  it('a deal of valid shape with a bad tape still has its references checked', () => {
    const input = deal((d) => (d['waterfalls'].normal[3].tranche = 'C'));
    expect(lines(input, GOOD_TAPE.replace('6000000.00', '-1'))).toEqual([
      'error: t.csv:2:4 (column principal): must not be negative (got the text "-1")',
      'error: d.json: waterfalls.normal[3].tranche: unknown tranche "C" (did you mean "B"?)',
    ]);
  });

  it('gives paths in the file’s numbering when a list item is taken out', () => {
    const input = deal((d) => {
      // Step 0 has no valid type: it is taken out, and the later steps keep their numbers.
      d['waterfalls'].normal[0] = { type: 'payEverything' };
      d['waterfalls'].normal[2].tranches = ['A1', 'Z'];
    });
    const out = lines(input);
    expect(out.some((l) => l.includes('waterfalls.normal[0].type'))).toBe(true);
    expect(out).toContain('error: d.json: waterfalls.normal[2].tranches[1]: unknown tranche "Z" (did you mean "B"?)');
  });

  it('does not call an id unknown when its item had an error, or its whole list was wrong', () => {
    // Tranche A1 lacks its class: taken out, yet the steps that name it are not wrong.
    const noClass = deal((d) => delete d['tranches'][0].class);
    expect(lines(noClass).filter((l) => l.includes('unknown'))).toEqual([]);
    // fees is not a list: nothing can be said of the fees the steps name.
    const feesObject = deal((d) => (d['fees'] = { mgmt: {} }));
    expect(lines(feesObject).filter((l) => l.includes('unknown fee'))).toEqual([]);
  });

  it('is silent about references when what is left is not a deal (a bad date of the deal)', () => {
    const input = deal((d) => {
      d['dates'].cutoff = '2021-13-01';
      d['waterfalls'].normal[1].tranches = ['A'];
    });
    expect(lines(input)).toEqual(['error: d.json: dates.cutoff: must be a real date written 2024-01-15, 2024/1/15, 2024.1.15, 2024年1月15日, 20240115 or an Excel serial day number like 45306 (got the text "2021-13-01")']);
  });

  it('a valid deal loads as before', () => {
    const r = validateDeal(deal(() => {}), 'd.json', () => ({ bytes: Buffer.from(GOOD_TAPE), diagnostics: [], file: 't.csv' }));
    expect(r.deal).toBeDefined();
    expect(r.diagnostics).toEqual([]);
  });
});

describe('salvage', () => {
  it('drops unknown keys and bad fields, then innermost list items, and maps paths back', () => {
    const input = deal((d) => {
      d['extra'] = 1;
      d['tranches'][1].coupon = 'x';
      d['waterfalls'].normal[0].fees = [7];
    });
    const s = salvage(input, Deal.safeParse(input).error!.issues)!;
    expect(s).toBeDefined();
    expect(s.spec.tranches.map((t) => t.id)).toEqual(['A1', 'B']);
    expect(s.spec.tranches[1]!.coupon).toBeUndefined();
    expect(s.removed.get('["waterfalls","normal",0,"fees"]')).toEqual([0]);
    expect(originalPath(['a', 1], new Map([['["a"]', [0, 1, 3]]]))).toEqual(['a', 4]);
    expect(originalPath(['a', 0, 'b', 0], new Map([['["a"]', [0]], ['["a",1,"b"]', [0]]]))).toEqual(['a', 1, 'b', 1]);
  });
});

describe('tape column errors', () => {
  it('counts the rows and lists up to five lines', () => {
    const errors = new RowErrors('t.csv');
    for (const line of [4, 9]) errors.add({ severity: 'error', file: 't.csv', line, column: 2, columnName: '贷款余额', message: 'must not be negative (got the text "-1")' });
    expect(errors.diagnostics().map(formatDiagnostic)).toEqual(['error: t.csv:4:2 (column 贷款余额): 2 rows: must not be negative (lines 4, 9; line 4 got the text "-1")']);
  });
});
