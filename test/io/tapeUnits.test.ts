/** Tape headers that carry a unit, as Chinese spreadsheets write them. */
import { describe, expect, it } from 'vitest';
import { parseTape } from '../../src/io/tape.js';

const fields = new Set(['id', 'obligor', 'principal', 'rate', 'paymentEveryMonths']);

describe('tape headers with units', () => {
  it('reads 贷款余额（万元） in 万元, 年利率(%) in per cent and 贷款余额（元） in yuan', () => {
    const text = '编号,借款人,贷款余额（万元）,年利率(%)\nL1,甲,"1,234.5678",4.35\n';
    const { rows, diagnostics, columns } = parseTape(text, 't.csv', 'pledgeLoan', fields);
    expect(diagnostics).toEqual([]);
    expect(columns.map((c) => [c.field, c.scale])).toEqual([['id', undefined], ['obligor', undefined], ['principal', 'wan'], ['rate', 'percent']]);
    // 1,234.5678万元 = 12,345,678 yuan exactly; 4.35% = 0.0435.
    expect(rows[0]!.value['principal']).toBe('12345678');
    expect(rows[0]!.value['rate']).toBe('0.0435');
    const yuan = parseTape('编号,借款人,贷款余额（元）\nL1,甲,100.50\n', 't.csv', 'pledgeLoan', fields);
    expect(yuan.rows[0]!.value['principal']).toBe('100.50');
  });
  it('ignores, with a warning, a bracket that is not a unit of a known field', () => {
    const { columns, diagnostics } = parseTape('编号,借款人,备注（内部）\nL1,甲,x\n', 't.csv', 'pledgeLoan', fields);
    expect(columns[2]!.field).toBeUndefined();
    expect(diagnostics.some((d) => d.severity === 'warning' && d.columnName === '备注（内部）')).toBe(true);
  });
});
