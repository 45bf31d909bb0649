/** The JSON contract of `ipabs track --format json`: the track report's sections and row keys. */
import { z } from 'zod';
import { kv, report, table } from './report.js';
import { lazy } from './lazy.js';

/**
 * `ipabs track --format json`: the summary, each period's balance check, the triggers on the
 * actuals beside the projection's, every line actual beside projected, the cumulative default
 * ratio, then the rest of the deal as the run report's sections (ids `rest-…`).
 */
export const trackResultSchema = lazy(() =>
  report(
    z
      .object({
        summary: kv({ periods: 'int', lastDate: 'date', unbalanced: 'int', fired: 'text', defaultRatio: 'percent', projectedDefaultRatio: 'percent', principalDue: 'text', statusFrom: 'text' }),
        balance: table({ period: 'int', date: 'date', cashIn: 'money', cashOut: 'money', opening: 'money', closing: 'money', gap: 'money', check: 'text' }).meta({ description: 'gap = cash in − cash out − (held at end − held at start); zero when the period balances.' }),
        triggers: table({ period: 'int', date: 'date', trigger: 'text', name: 'text', basis: 'text', event: 'text' }).meta({ description: 'basis: the actual figures or the projection; event: fires or cured.' }),
        variance: table({ period: 'int', date: 'date', item: 'text', object: 'text', objectId: 'text', actual: 'money', projected: 'money', variance: 'money', cumulative: 'money' }).meta({ description: 'object: the fee, tranche, account or support as reports name it; objectId: its id in the deal file (null for the pool’s lines). variance = actual − projected; cumulative: its sum over the periods to this one, per line.' }),
        defaults: table({ period: 'int', date: 'date', actual: 'money', actualRatio: 'percent', projected: 'money', projectedRatio: 'percent', variance: 'percent' }).meta({ description: 'Cumulative defaulted over the initial pool balance.' }),
      })
      .catchall(z.unknown().meta({ description: 'rest-…: the run report’s sections for the periods after the last actual one.' })),
  ),
);
