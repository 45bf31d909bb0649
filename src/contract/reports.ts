/** The JSON contracts of the pool and stress commands' reports: their sections and row keys. */
import { z } from 'zod';
import { kv, report, table } from './report.js';
import { lazy } from './lazy.js';

/**
 * `ipabs stress --format json`: one row per scenario; per tranche `<id>:loss`, `:lossRate`, `:wal`, `:final`,
 * `:repaid` (date, null when unpaid), `:late` (periods after the expected maturity, null when unpaid), `:interestMissed` (money).
 */
export const stressResultSchema = lazy(() =>
  report(
    z.object({
      stress: table({ scenario: 'text', minCoverage: 'number', defaulted: 'money', reserve: 'money', guarantee: 'money', undertaking: 'money', liquidity: 'money' }).meta({
        description: 'Per tranche also <id>:loss, :lossRate, :wal, :final, :repaid (date; null when unpaid), :late (payment periods after the expected maturity; null when unpaid), :interestMissed (interest not paid in full on its date, yuan).',
      }),
    }),
  ),
);

/** `ipabs breakeven --format json`: break-even rates, implied ratings and (with a base rate) target default rates. */
export const breakevenResultSchema = lazy(() =>
  report(
    z.object({
      breakeven: table(
        { scenario: 'text', tranche: 'text', with: 'percent', withRealized: 'percent', without: 'percent', withoutRealized: 'percent', multipleWith: 'number' },
        { withLegal: 'percent', withoutLegal: 'percent', withExpected: 'percent', withoutExpected: 'percent' },
      ).meta({ description: 'with/without on the headline basis (basis.principalBy); withLegal/withoutLegal beside them when both bases are shown (no --principal-by).' }),
      ratings: table(
        { tranche: 'text', minWith: 'percent', gradeWith: 'text', minWithout: 'percent', gradeWithout: 'text' },
        {
          minWithLegal: 'percent',
          gradeWithLegal: 'text',
          minWithoutLegal: 'percent',
          gradeWithoutLegal: 'text',
          multipleWith: 'number',
          multipleWithout: 'number',
          multipleWithLegal: 'number',
          multipleWithoutLegal: 'number',
        },
      ).meta({ description: 'multipleWith/multipleWithout: the lowest break-even over the base default rate (null without one).' }),
      basis: kv({ principalBy: 'text', alsoBy: 'text' }).meta({ description: 'principalBy: expected or legal, the basis of the headline columns; alsoBy: the other basis shown beside them, or null.' }),
      tdr: table({ grade: 'text', multiplier: 'number', tdr: 'percent' }).optional().meta({ description: 'With a base default rate only.' }),
    }),
  ),
);

/** `ipabs size --format json`: the sized structure, the rating scale and the search. */
export const sizeResultSchema = lazy(() =>
  report(
    z.object({
      structure: table({
        tranche: 'text',
        name: 'text',
        class: 'text',
        target: 'text',
        balanceBefore: 'money',
        balance: 'money',
        share: 'percent',
        subordination: 'percent',
        breakevenWith: 'percent',
        breakevenWithout: 'percent',
        multiple: 'number',
        rating: 'text',
        multipleWithout: 'number',
        ratingWithout: 'text',
        binding: 'text',
        limitedBy: 'text',
      }, { multipleNow: 'number', ratingNow: 'text' }).meta({ description: 'With --status: balanceBefore is the outstanding balance on the status date, and multipleNow/ratingNow the tranche’s multiple and implied rating at it (as it stands).' }),
      scale: table({ grade: 'text', multiple: 'number', tdr: 'percent' }),
      search: kv({ step: 'money', runs: 'int' }),
    }),
  ),
);

/** `ipabs obligors --format json`: the largest obligors defaulting; per tranche `<id>:loss` and `<id>:shortfall`. */
export const obligorsResultSchema = lazy(() =>
  report(
    z.object({
      top: table({ n: 'int', obligors: 'text', balance: 'money' }),
      minimal: table({ tranche: 'text', size: 'int', count: 'int', tried: 'int', sets: 'text' }).optional().meta({ description: 'Unless --combinations 0 (or the pool is too large).' }),
    }),
  ),
);

/** `ipabs montecarlo --format json`: the run, the loss distribution (with P(principal late)), the delay distribution and a `histogram-<tranche id>` section per tranche. */
export const montecarloResultSchema = lazy(() =>
  report(
    z
      .object({
        run: kv({ paths: 'int', seed: 'int', pathsWithDefaults: 'int', distinctPatterns: 'int' }),
        losses: table({
          tranche: 'text',
          el: 'percent',
          se: 'percent',
          pl: 'percent',
          p95: 'percent',
          p99: 'percent',
          p999: 'percent',
          walMean: 'number',
          walP5: 'number',
          walP50: 'number',
          walP95: 'number',
          pLate: 'percent',
        }),
        delay: table({ late: 'text' }).meta({
          description: 'Rows by payment periods late against the expected maturity: "0", "1", "2" …, then "unpaid" (未偿清 with --lang zh); per tranche <id>:paths and <id>:share.',
        }),
      })
      .catchall(table({ band: 'text', paths: 'int', share: 'percent', bar: 'text' }).meta({ description: 'histogram-<tranche id>' })),
  ),
);

/** `ipabs pool --format json`: summary, tranches, obligors, a section per stratum, and the cash flows when asked. */
export const poolResultSchema = lazy(() =>
  report(
    z
      .object({
        summary: kv({ balance: 'money', obligors: 'int', contracts: 'int', largestContract: 'money', averageContract: 'money', scheduledPrincipal: 'money', scheduledInterest: 'money' }),
        tranches: table({ id: 'text', name: 'text', class: 'text', balance: 'money', share: 'percent', coupon: 'rate', expectedMaturity: 'date', subordination: 'percent', coverage: 'number' }),
        riskReserve: kv({ firstLicenseFees: 'money', riskReserve: 'money', riskReserveRatio: 'percent' }).optional().meta({ description: 'Royalty pools (风险金).' }),
        topObligors: table({ rank: 'int', obligor: 'text', count: 'int', amount: 'money', share: 'percent', cumulativeShare: 'percent' }),
        ipRights: table({ label: 'text', rights: 'int', contracts: 'int', uncounted: 'int' })
          .optional()
          .meta({ description: 'The number of IP rights (知识产权数量) by IP type, when the assets state ip.count.' }),
        cashflows: table({ period: 'int', collectionStart: 'date', collectionEnd: 'date', paymentDate: 'date', beginBalance: 'money', principal: 'money', interest: 'money', total: 'money', endBalance: 'money' })
          .optional()
          .meta({ description: 'With --cashflows.' }),
        assetFlows: table({ asset: 'text', obligor: 'text', date: 'date', principal: 'money', interest: 'money', total: 'money', endBalance: 'money' })
          .optional()
          .meta({ description: 'With --asset-flows.' }),
        liveStatus: kv({ asOf: 'date', lastPaymentDate: 'date', periodsPast: 'int', periodsLeft: 'int', outstanding: 'money', initialBalance: 'money', poolFactor: 'number', cumulativeDefaulted: 'money', cumulativeDefaultRate: 'percent', recoveredToDate: 'money', pendingRecoveries: 'money' })
          .optional()
          .meta({ description: 'With --status: the status date and the pool on it (outstanding: performing and overdue assets).' }),
        assetStatus: table({ status: 'text', inOutstanding: 'text', count: 'int', balance: 'money', share: 'percent', defaulted: 'money', recovered: 'money', pending: 'money' })
          .optional()
          .meta({ description: 'With --status: the assets by status (overdue by days band); inOutstanding says whether a row is in the outstanding balance. With --status the cashflows rows also have recoveries (money): the pending recoveries arriving.' }),
      })
      .catchall(table({ label: 'text', amount: 'money', share: 'percent', count: 'int', countShare: 'percent' }).meta({ description: 'A stratum: industry, ipType, region, sizeBand, remainingTerm …' })),
  ),
);
