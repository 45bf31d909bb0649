/** Where each asset of a deal was written: tape lines kept compactly, read as before. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { originOf, validateDeal } from '../../src/io/loadDeal.js';

const input = () => JSON.parse(readFileSync('deals/gaoxintou-ip-2.json', 'utf8'));
// The sample tape with a blank line after the header and a cell over two lines (quoted).
const tape = (edit: (rows: string[]) => void = () => {}) => {
  const [header, ...rows] = readFileSync('deals/gaoxintou-ip-2.tape.csv', 'utf8').trimEnd().split('\n');
  rows[1] = rows[1]!.replace('借款人02', '"借款\n人02"');
  edit(rows);
  return Buffer.from([header, '', ...rows].join('\n') + '\n');
};

describe('asset origins', () => {
  it('name the line each row starts on, inline assets first, as a list and one by one', () => {
    const spec = input();
    const inline = { type: 'pledgeLoan', id: 'X1', obligor: '借款人X', principal: '1000000.00', rate: '0.05', startDate: '2020-12-28', maturityDate: '2021-12-28', repayment: 'bullet' };
    spec.pool.assets = [inline];
    spec.tranches[0].balance = (Number(spec.tranches[0].balance) + 1_000_000).toFixed(2);
    spec.pool.purchasePrice = spec.pool.purchasePrice && (Number(spec.pool.purchasePrice) + 1_000_000).toFixed(2);
    const bytes = tape();
    const { deal, diagnostics } = validateDeal(spec, 'deal.json', () => ({ bytes, diagnostics: [], file: 't.csv' }));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lines = deal!.origins.map((o) => (o.kind === 'tape' ? o.line : -1 - o.index));
    expect(lines.slice(0, 5)).toEqual([-1, 3, 4, 6, 7]);
    expect(deal!.origins).toHaveLength(deal!.assets.length);
    deal!.origins.forEach((o, i) => expect(originOf(deal!, i)).toEqual(o));
    expect(originOf(deal!, 1)).toMatchObject({ kind: 'tape', tape: 0, file: 't.csv', line: 3 });
    expect(originOf(deal!, deal!.assets.length)).toBeUndefined();
  });

  it('a repeated id names both lines', () => {
    const bytes = tape((rows) => (rows[2] = rows[2]!.replace(/^L03,/, 'L01,')));
    const { deal, diagnostics } = validateDeal(input(), 'deal.json', () => ({ bytes, diagnostics: [], file: 't.csv' }));
    expect(deal).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 't.csv', line: 6, column: 1, message: 'duplicate asset id "L01" (also line 3)' }),
    ]);
  });
});
