/** The JSON contract of `ipabs price --format json`: the price section and the remaining payments. */
import { z } from 'zod';
import { kv, report, table } from './report.js';
import { lazy } from './lazy.js';

/** `ipabs price --format json`: per 100 yuan of outstanding face; `spreadBp` only with --curve. */
export const priceResultSchema = lazy(() =>
  report(
    z.object({
      price: kv({
        tranche: 'text',
        name: 'text',
        code: 'text',
        shortName: 'text',
        date: 'date',
        to: 'text',
        maturity: 'date',
        face: 'money',
        periodStart: 'date',
        convention: 'text',
        fullPrice: 'number',
        accrued: 'number',
        cleanPrice: 'number',
        yield: 'rate',
        macaulay: 'number',
        modified: 'number',
        convexity: 'number',
      }),
      flows: table({ period: 'int', nominalDate: 'date', date: 'date', interest: 'number', principal: 'number', total: 'number', years: 'number', discounted: 'number' }),
    }),
  ),
);
