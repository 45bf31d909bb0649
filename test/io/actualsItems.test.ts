/** The label of an actuals item (io/actualsItems.ts `itemLabel`): the pool's principal collections follow the pool. */
import { describe, expect, it } from 'vitest';
import { itemLabel } from '../../src/io/actualsItems.js';

describe('itemLabel', () => {
  it.each([
    [['royalty'], '许可费回收', 'royalties collected'],
    [['lease'], '租金回收', 'rents collected'],
    [['receivable'], '应收账款回收', 'receivables collected'],
    [['pledgeLoan'], '本金回收', 'principal collected'],
    [['royalty', 'receivable'], '本金回收', 'principal collected'],
    [['lease', 'royalty', 'lease'], '本金回收', 'principal collected'],
  ])('a pool of %j collects %s', (types, zh, en) => expect(itemLabel('principalCollected', types)).toEqual({ zh, en }));

  it('other items keep their own label whatever the pool', () => {
    expect(itemLabel('interestCollected', ['lease'])).toEqual({ zh: '利息回收', en: 'interest collected' });
    expect(itemLabel('recoveries', ['royalty'])).toEqual({ zh: '回收金额', en: 'recoveries' });
    expect(itemLabel('feePaid', ['receivable'])).toEqual({ zh: '税费', en: 'fee paid' });
  });
});
