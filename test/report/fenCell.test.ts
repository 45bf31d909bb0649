import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toYuan, type Money } from '../../src/util/fen.js';
import { FenCell } from '../../src/report/fenCell.js';
import { formatValue } from '../../src/report/format.js';
import { jsonValue } from '../../src/report/json.js';

const amount = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -20_000, max: 20_000 }),
  fc.integer({ min: -1000, max: 1000 }).map((k) => k * 10_000 + 5_000),
);

describe('FenCell: an amount of whole fen as a report cell', () => {
  it('is the Decimal toYuan gives, and every renderer formats it exactly as that Decimal', () => {
    fc.assert(
      fc.property(amount, (n) => {
        const m = n as Money;
        const cell = new FenCell(m);
        const d = toYuan(m);
        expect(cell.fen).toBe(m);
        expect(cell.eq(d)).toBe(true);
        expect(cell.toString()).toBe(d.toString());
        expect(jsonValue(cell, 'money')).toEqual(jsonValue(d, 'money'));
        for (const unit of ['yuan', 'wan'] as const) {
          for (const grouping of [true, false]) {
            for (const decimals of [undefined, 2, 0, 4]) {
              expect(formatValue(cell, 'money', { unit, grouping, decimals })).toBe(formatValue(d, 'money', { unit, grouping, decimals }));
            }
          }
        }
        expect(formatValue(cell, 'number', {})).toBe(formatValue(d, 'number', {}));
      }),
      { numRuns: 2000 },
    );
  });

  it('never writes -0.00', () => {
    expect(formatValue(new FenCell(-1 as Money), 'money', { unit: 'wan' })).toBe('0.00');
    expect(formatValue(new FenCell(-0 as Money), 'money', {})).toBe('0.00');
    expect(formatValue(new FenCell(-4_999 as Money), 'money', { unit: 'wan' })).toBe('0.00');
    expect(formatValue(new FenCell(-5_000 as Money), 'money', { unit: 'wan' })).toBe('-0.01');
  });
});
