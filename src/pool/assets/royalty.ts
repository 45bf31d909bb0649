/**
 * 二次许可应收许可费: royalties a licensee owes under a second-license contract (patents,
 * trademarks, copyrights). The receivable is the royalties still due after the cutoff; each
 * royalty reduces it in full, unless the asset (or the pool) gives a balance basis: then the
 * balance is the basis and each royalty splits into principal and income (../basis.ts).
 */
import { z } from 'zod';
import { compareDates, type IsoDate as IsoDateText } from '../../dates/date.js';
import { Amount, IsoDate, Rate, wholeNumber } from '../../fields/primitives.js';
import { sum, toFen, ZERO, type Decimal } from '../../util/money.js';
import { assertNever } from '../../util/never.js';
import { afterCutoff, equalSplit, regularDates } from '../common.js';
import { Basis, basisProblems, basisTerms, withBasis } from '../basis.js';
import type { Flow } from '../types.js';
import { assetCommon, DatedAmount, type IP_TYPES } from './common.js';
import { defineAsset, type AssetLabels } from './model.js';

type IpKind = (typeof IP_TYPES)[number];

export const LevelSchedule = z
  .strictObject({
    type: z.literal('level'),
    amount: Amount.optional().meta({ description: 'The amount of each payment.' }),
    total: Amount.optional().meta({ description: 'The total of all payments, split evenly (the fen left over go to the earliest).' }),
    everyMonths: wholeNumber(1, 120),
    first: IsoDate,
    count: wholeNumber(1, 1200),
  });

export const Royalty = z
  .strictObject({
    type: z.literal('royalty'),
    ...assetCommon,
    contractStart: IsoDate,
    contractEnd: IsoDate,
    royalties: z.discriminatedUnion('type', [
      LevelSchedule,
      z.strictObject({ type: z.literal('schedule'), payments: z.array(DatedAmount).min(1) }),
    ]),
    firstLicenseFee: Amount.optional().meta({ description: 'Fee paid up front to the patentee for the exclusive first license.' }),
    riskReserveRate: Rate.optional().meta({ description: 'Share of the first-license fee kept as risk reserve (风险金).' }),
    basis: Basis.optional(),
  });
export type RoyaltySpec = z.output<typeof Royalty>;

/** Every royalty of the contract, before and after the cutoff. */
export function royaltySchedule(asset: RoyaltySpec): Flow[] {
  const r = asset.royalties;
  switch (r.type) {
    case 'schedule':
      return r.payments.map((p) => ({ date: p.date, principal: p.amount, interest: ZERO }));
    case 'level': {
      const dates = regularDates(r.first, r.everyMonths, r.count);
      const amounts = r.amount !== undefined ? dates.map(() => r.amount!) : equalSplit(r.total ?? ZERO, r.count);
      return dates.map((date, i) => ({ date, principal: amounts[i]!, interest: ZERO }));
    }
    default:
      return assertNever(r, 'royalty schedule type');
  }
}

/** The risk reserve (风险金) the contract contributes: first-license fee × reserve rate, to the fen. */
export function riskReserveOf(asset: RoyaltySpec): Decimal | undefined {
  if (asset.firstLicenseFee === undefined || asset.riskReserveRate === undefined) return undefined;
  return toFen(asset.firstLicenseFee.times(asset.riskReserveRate));
}

/** The year of the last date of a regular schedule, without building it. */
export function lastYearOf(first: string, everyMonths: number, count: number): number {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return y + Math.floor((m - 1 + everyMonths * (count - 1)) / 12);
}

/** The royalties due after the cutoff, before any split. */
function duePayments(asset: RoyaltySpec, cutoff: IsoDateText): { date: IsoDateText; amount: Decimal }[] {
  return afterCutoff(royaltySchedule(asset), cutoff).map((f) => ({ date: f.date, amount: f.principal }));
}


/** What a royalty pool licenses: patents, trademarks, copyrights, or a mix (or nothing stated). */
export type LicensedKind = 'patent' | 'trademark' | 'copyright' | 'mixed';

const licensed = (kind: { zh: string; en: string }, name: { zh: string; en: string }, obligor: { zh: string; en: string }): AssetLabels => ({
  name,
  obligors: { zh: obligor.zh, en: `${obligor.en}s` },
  obligor,
  balance: { zh: '应收许可费余额', en: 'Royalty receivable' },
  ipType: { zh: `许可${kind.zh}类型`, en: `licensed ${kind.en} type` },
});

/** Labels of a royalty pool by what it licenses, in both languages (a trademark deal has no 专利客户). */
export const ROYALTY_LABELS: Record<LicensedKind, AssetLabels> = {
  patent: licensed({ zh: '专利', en: 'patent' }, { zh: '知识产权二次许可应收许可费', en: 'Patent second-license royalty' }, { zh: '专利客户', en: 'licensee' }),
  trademark: licensed({ zh: '商标', en: 'trademark' }, { zh: '商标许可应收许可费', en: 'Trademark license royalty' }, { zh: '商标被许可人', en: 'trademark licensee' }),
  copyright: licensed({ zh: '著作权', en: 'copyright' }, { zh: '著作权许可应收许可费', en: 'Copyright license royalty' }, { zh: '著作权被许可人', en: 'copyright licensee' }),
  mixed: licensed({ zh: '知识产权', en: 'IP' }, { zh: '知识产权许可应收许可费', en: 'IP license royalty' }, { zh: '被许可人', en: 'licensee' }),
};

const KIND_OF: Record<IpKind, LicensedKind | undefined> = {
  invention: 'patent', utilityModel: 'patent', design: 'patent',
  trademark: 'trademark',
  softwareCopyright: 'copyright', copyright: 'copyright',
  other: undefined,
};

/**
 * What the royalties license, from the IP types of the assets: one kind when every stated type
 * is of it, else mixed (also when none is stated, or "other" is).
 *
 * @example licensedKind([['trademark'], ['trademark']]) // 'trademark'
 * @example licensedKind([['invention'], ['trademark']]) // 'mixed'
 */
export function licensedKind(typeLists: Iterable<readonly IpKind[] | undefined>): LicensedKind {
  const kinds = new Set<LicensedKind | undefined>();
  for (const types of typeLists) for (const t of types ?? []) kinds.add(KIND_OF[t]);
  const [only] = kinds;
  return kinds.size === 1 && only !== undefined ? only : 'mixed';
}

export const royalty = defineAsset({
  type: 'royalty',
  schema: Royalty,
  tape: {
    aliases: {
      合同起始日: 'contractStart', 合同到期日: 'contractEnd', 首次许可费: 'firstLicenseFee', 风险金比例: 'riskReserveRate',
      应收许可费总额: 'royalties.total', 每期许可费: 'royalties.amount', 许可费支付间隔: 'royalties.everyMonths',
      首个支付日: 'royalties.first', 支付期数: 'royalties.count',
    },
    units: {
      amount: ['firstLicenseFee', 'royalties.total', 'royalties.amount'],
      rate: ['riskReserveRate'],
      int: ['royalties.everyMonths', 'royalties.count'],
      date: ['contractStart', 'contractEnd', 'royalties.first'],
    },
  },
  labels: ROYALTY_LABELS.patent,
  check(a, { cutoff, report, contractual }) {
    const r = a.royalties;
    if (compareDates(a.contractStart, a.contractEnd) >= 0) report('contractEnd', `the contract end ${a.contractEnd} is not after its start ${a.contractStart}`);
    if (r.type === 'level' && (r.amount === undefined) === (r.total === undefined)) report('royalties', 'a level royalty schedule needs exactly one of amount and total');
    if (r.type === 'level' && lastYearOf(r.first, r.everyMonths, r.count) > 2199) report('royalties', `the schedule runs past 2199 (${r.count} payments every ${r.everyMonths} months from ${r.first})`);
    if (r.type === 'schedule') {
      const dates = r.payments.map((p) => p.date);
      for (let k = 1; k < dates.length; k++) if (compareDates(dates[k - 1]!, dates[k]!) >= 0) { report('royalties', `royalty dates must increase: ${dates[k]} after ${dates[k - 1]}`); break; }
    }
    if (compareDates(a.contractStart, a.contractEnd) < 0 && (r.type !== 'level' || (r.amount === undefined) !== (r.total === undefined))) {
      const late = contractual().flows.filter((f) => compareDates(f.date, a.contractEnd) > 0);
      if (late.length > 0) report('royalties', `${late.length} royalty payment${late.length > 1 ? 's fall' : ' falls'} after the contract end ${a.contractEnd} (the first on ${late[0]!.date})`, 'warning');
    }
    if ((a.firstLicenseFee === undefined) !== (a.riskReserveRate === undefined) && a.riskReserveRate !== undefined) report('riskReserveRate', 'a risk-reserve rate needs the first-license fee it applies to', 'warning');
    if (a.basis) for (const m of basisProblems(a.basis, duePayments(a, cutoff))) report('basis', m);
  },
  annualRate: (a, cutoff) => (a.basis ? basisTerms(a.basis, duePayments(a, cutoff), cutoff).yield : undefined),
  contractual(asset, cutoff) {
    const flows = afterCutoff(royaltySchedule(asset), cutoff);
    if (asset.basis) return withBasis(asset.basis, flows, cutoff);
    return { balance: sum(flows.map((f) => f.principal)), flows };
  },
});
