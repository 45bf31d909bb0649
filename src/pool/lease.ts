/**
 * 售后回租应收租金: rents under an IP sale-and-leaseback. Rents are computed on the lease
 * principal at the periodic rate; the buy-back price (留购价款) is paid with the last rent.
 * With balanceBasis "rent" the receivable is the rent still due (each rent reduces it in full);
 * with "principal" it is the lease principal and the rent's interest part is interest.
 */
import { sum, ZERO } from '../util/money.js';
import { afterCutoff, byDate, equalPrincipalPayments, levelPayments, periodRate, regularDates } from './common.js';
import type { AssetModel, Flow } from './types.js';
import { assertNever } from '../util/never.js';

export const lease: AssetModel<'lease'> = {
  type: 'lease',
  label: { zh: '知识产权售后回租应收租金', en: 'IP sale-leaseback rent' },
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
};
