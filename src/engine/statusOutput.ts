/**
 * The status file a projection writes (`ipabs run --status-at`): the engine's status in the
 * language of the status file (schema/status.ts), yuan with two decimals, dates for periods.
 * Read back (engine/statusInput.ts), it gives the same status to the fen.
 */
import type { IsoDate } from '../dates/date.js';
import { add, sumMoney, toYuan, type Money } from '../util/fen.js';
import type { PreparedDeal } from './prepare.js';
import { COLLECTION } from './state.js';
import type { EngineStatus, StatusDefault } from './statusTypes.js';

const yuan = (m: Money): string => toYuan(m).toFixed(2);

function defaultOf(prepared: PreparedDeal, d: StatusDefault): Record<string, unknown> {
  const end = (k: number): IsoDate => prepared.periods[k]!.collectionEnd;
  const toCome = add(d.recovered, sumMoney(d.pending.filter((a) => a.kind === 'recovery').map((a) => a.amount)));
  return {
    date: d.date,
    balance: yuan(d.balance),
    recoveredToDate: yuan(d.recovered),
    expectedRecovery: yuan(toCome),
    pending: d.pending.map((a) => ({ date: end(a.period), amount: yuan(a.amount), kind: a.kind })),
    interestMissed: yuan(d.interestMissed),
    share: d.share.toString(),
    mode: d.mode,
    ...(d.guarantee ? { guarantee: { claim: yuan(d.guarantee.claim), paid: yuan(d.guarantee.paid), settled: d.settled } } : d.settled ? { guarantee: { claim: '0.00', paid: '0.00', settled: true } } : {}),
  };
}

/**
 * The status file of `status` (a projection's, on `asOf`, a payment date or after it), naming the
 * scenario it was projected under.
 */
export function statusFile(prepared: PreparedDeal, status: EngineStatus, asOf: IsoDate, scenario?: string): Record<string, unknown> {
  const spec = prepared.deal.spec;
  const past = status.past;
  const byAsset = new Map<number, StatusDefault[]>();
  for (const d of status.defaults) byAsset.set(d.asset, [...(byAsset.get(d.asset) ?? []), d]);
  const reserves = spec.accounts.filter((a) => a.kind === 'reserve');
  const collection = spec.accounts.find((a) => a.kind === 'collection');
  const accounts = [{ id: collection?.id ?? COLLECTION, balance: yuan(status.accounts[0]!) }, ...reserves.map((r, j) => ({ id: r.id, balance: yuan(status.accounts[j + 1]!) }))];
  return {
    deal: spec.meta.id,
    asOf,
    lastPaymentDate: prepared.periods[past - 1]!.date,
    ...(scenario !== undefined ? { scenario } : {}),
    tranches: spec.tranches.map((t, i) => {
      const s = status.tranches[i]!;
      return { id: t.id, balance: yuan(s.balance), unpaidInterest: yuan(s.arrears), principalPaid: yuan(s.principalPaid), missedInterest: s.missedInterest, missedPrincipal: s.missedPrincipal, pastLegalMaturity: s.pastLegalMaturity };
    }),
    accounts,
    fees: spec.fees.map((f, i) => ({ id: f.id, arrears: yuan(status.fees[i]!) })),
    state: { waterfall: status.state, triggers: status.fired.map((id) => ({ id, curable: spec.triggers.find((t) => t.id === id)!.curable })) },
    supports: spec.supports.map((x, i) => {
      const s = status.supports[i]!;
      return { id: x.id, drawn: yuan(s.drawn), repaid: yuan(s.repaid), outstanding: yuan(s.outstanding), owed: yuan(s.unpaid), failed: s.failed, ...(s.capLeft !== undefined ? { failureCapLeft: yuan(s.capLeft) } : {}) };
    }),
    pool: { cumulativeDefaulted: yuan(status.cumulativeDefaulted) },
    assets: prepared.deal.assets.map((a, i) => ({
      id: a.id,
      status: status.assetStates?.[i] ?? 'performing',
      outstanding: yuan(status.assets[i]!),
      ...(byAsset.has(i) ? { defaults: byAsset.get(i)!.map((d) => defaultOf(prepared, d)) } : {}),
    })),
  };
}
