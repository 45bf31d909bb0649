/**
 * 售后回租应收租金: rents under an IP sale-and-leaseback. Rents are computed on the lease
 * principal at the periodic rate; the buy-back price (留购价款) is paid with the last rent.
 * With balanceBasis "rent" the receivable is the rent still due (each rent reduces it in full);
 * with "principal" it is the lease principal and the rent's interest part is interest.
 */
import { z } from 'zod';
import { compareDates } from '../../dates/date.js';
import { Amount, IsoDate, Rate, wholeNumber } from '../../fields/primitives.js';
import { sum, ZERO } from '../../util/money.js';
import { assertNever } from '../../util/never.js';
import { afterCutoff, byDate, equalPrincipalPayments, levelPayments, periodRate, regularDates } from '../common.js';
import type { Flow } from '../types.js';
import { assetCommon } from './common.js';
import { defineAsset, type Label } from './model.js';
import { lastYearOf } from './royalty.js';

export const Lease = z
  .strictObject({
    type: z.literal('lease'),
    ...assetCommon,
    leasePrincipal: Amount.meta({ description: 'Lease principal outstanding at the cutoff (the IP purchase price still to recover).' }),
    rate: Rate.meta({ description: 'Annual lease rate.' }),
    startDate: IsoDate,
    rent: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('level'), everyMonths: wholeNumber(1, 120), first: IsoDate, count: wholeNumber(1, 1200) }),
      z.strictObject({ type: z.literal('equalPrincipal'), everyMonths: wholeNumber(1, 120), first: IsoDate, count: wholeNumber(1, 1200) }),
      z
        .strictObject({
          type: z.literal('schedule'),
          payments: z.array(z.strictObject({ date: IsoDate, principal: Amount, interest: Amount })).min(1),
        }),
    ]),
    deposit: Amount.optional().meta({ description: 'Security deposit (保证金) held by the lessor.' }),
    buyBackPrice: Amount.optional().meta({ description: 'Price at which the lessee buys the IP back at the end (留购价款).' }),
    balanceBasis: z.enum(['rent', 'principal']).default('rent').meta({
      description: 'rent: the receivable is the rent still due (租金余额); principal: the lease principal, with the interest part as interest.',
    }),
  });

/** The pool balance of a lease pool counted on the lease principal (balanceBasis "principal"). */
export const LEASE_PRINCIPAL_BALANCE: Label = { zh: '租赁本金余额', en: 'Lease principal' };

export const lease = defineAsset({
  type: 'lease',
  schema: Lease,
  tape: {
    aliases: { 利率: 'rate', 年利率: 'rate', 租赁利率: 'rate', 起始日: 'startDate', 起息日: 'startDate', 租赁本金: 'leasePrincipal', 保证金: 'deposit', 留购价款: 'buyBackPrice' },
    units: { amount: ['leasePrincipal', 'deposit', 'buyBackPrice'], rate: ['rate'], int: ['rent.everyMonths', 'rent.count'], date: ['startDate', 'rent.first'] },
  },
  labels: {
    name: { zh: '知识产权售后回租应收租金', en: 'IP sale-leaseback rent' },
    obligors: { zh: '承租人', en: 'lessees' },
    obligor: { zh: '承租人', en: 'lessee' },
    balance: { zh: '应收租金余额', en: 'Rent receivable' },
    ipType: { zh: '租赁知识产权类型', en: 'leased IP type' },
  },
  check(a, { cutoff, report }) {
    if (a.rent.type !== 'schedule' && lastYearOf(a.rent.first, a.rent.everyMonths, a.rent.count) > 2199) {
      report('rent', `the schedule runs past 2199 (${a.rent.count} payments every ${a.rent.everyMonths} months from ${a.rent.first})`);
      return;
    }
    if (a.rent.type !== 'schedule' && compareDates(a.rent.first, cutoff) <= 0) {
      report('rent', `the first rent date ${a.rent.first} must be after the cutoff ${cutoff}: leasePrincipal is the balance at the cutoff`);
    }
    if (a.rent.type === 'schedule') {
      const total = sum(a.rent.payments.filter((p) => compareDates(p.date, cutoff) > 0).map((p) => p.principal));
      if (!total.eq(a.leasePrincipal)) report('rent', `the rent principal after the cutoff sums to ${total.toFixed(2)}, not the lease principal ${a.leasePrincipal.toFixed(2)}`);
    }
    if (a.rate.gt('0.24')) report('rate', `an annual rate of ${a.rate.times(100).toString()}% is unusually high`, 'warning');
  },
  annualRate: (a) => a.rate,
  contractual(asset, cutoff) {
    const rent = asset.rent;
    let parts: Flow[];
    switch (rent.type) {
      case 'schedule':
        parts = rent.payments.map((p) => ({ date: p.date, principal: p.principal, interest: p.interest }));
        break;
      case 'level':
      case 'equalPrincipal': {
        const dates = regularDates(rent.first, rent.everyMonths, rent.count);
        const rate = periodRate(asset.rate, rent.everyMonths);
        const split =
          rent.type === 'level'
            ? levelPayments(asset.leasePrincipal, rate, rent.count)
            : equalPrincipalPayments(asset.leasePrincipal, rate, rent.count);
        parts = dates.map((date, i) => ({ date, ...split[i]! }));
        break;
      }
      default:
        return assertNever(rent, 'lease rent type');
    }
    // The buy-back price comes with the last rent by date (a schedule may be written in any
    // order), whether or not that rent falls after the cutoff.
    const dated = byDate(parts);
    if (asset.buyBackPrice !== undefined && dated.length > 0) {
      const last = dated[dated.length - 1]!;
      dated[dated.length - 1] = { ...last, interest: last.interest.plus(asset.buyBackPrice) };
    }
    const due = afterCutoff(dated, cutoff);
    const flows =
      asset.balanceBasis === 'rent' ? due.map((f) => ({ date: f.date, principal: f.principal.plus(f.interest), interest: ZERO })) : due;
    return { balance: sum(flows.map((f) => f.principal)), flows };
  },
});
