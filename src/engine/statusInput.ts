/**
 * Reading a status against its deal: every id it names must be the deal's, no balance above the
 * original, no date outside the deal; each problem a diagnostic naming the file and JSON path.
 * Gives the engine's status (engine/statusTypes.ts).
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import type { StatusFile } from '../schema/status.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { formatPath, type Diagnostic } from '../validate/diagnostics.js';
import { suggest } from '../validate/zodIssues.js';
import { fromYuan, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import type { PreparedDeal } from './prepare.js';
import { COLLECTION } from './state.js';
import type { AssetState, EngineStatus, OverdueAsset, StatusDefault } from './statusTypes.js';
import { DEFAULT_OVERDUE_DAYS, overdueAsset } from './statusOverdue.js';

type Path = (string | number)[];

interface Reader {
  prepared: PreparedDeal;
  file: string;
  diagnostics: Diagnostic[];
  past: number;
}

function error(r: Reader, path: Path, message: string): void {
  r.diagnostics.push({ severity: 'error', file: r.file, path: formatPath(path), message });
}

/** Whole fen of a yuan amount, or a diagnostic. */
function money(r: Reader, path: Path, yuan: Decimal | undefined): Money {
  if (yuan === undefined) return NIL;
  if (!yuan.times(100).isInteger()) {
    error(r, path, `must be a whole number of fen (got ${yuan.toString()})`);
    return NIL;
  }
  return fromYuan(yuan);
}

function unknown(r: Reader, path: Path, kind: string, id: string, known: string[]): void {
  const hint = suggest(id, known);
  error(r, path, `unknown ${kind} "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
}

/** Entries of `list` by their id in the deal's order: unknown and repeated ids are errors. */
function byId<T extends { id: string }>(r: Reader, key: string, kind: string, list: readonly T[], known: string[]): Map<string, T> {
  const out = new Map<string, T>();
  list.forEach((x, i) => {
    if (!known.includes(x.id)) unknown(r, [key, i, 'id'], kind, x.id, known);
    else if (out.has(x.id)) error(r, [key, i, 'id'], `${kind} "${x.id}" is listed twice`);
    else out.set(x.id, x);
  });
  return out;
}

/** Periods past, from the last payment date (or asOf); -1 with a diagnostic when the dates do not fit the deal. */
function periodsPast(r: Reader, s: StatusFile): number {
  const periods = r.prepared.periods;
  const n = periods.length;
  let past: number;
  if (s.lastPaymentDate !== undefined) {
    const k = periods.findIndex((p) => p.date === s.lastPaymentDate || p.nominalDate === s.lastPaymentDate);
    if (k < 0) {
      error(r, ['lastPaymentDate'], `${s.lastPaymentDate} is not a payment date of the deal (${periods[0]!.date} to ${periods[n - 1]!.date})`);
      return -1;
    }
    past = k + 1;
    if (compareDates(s.asOf, periods[k]!.date) < 0 && compareDates(s.asOf, periods[k]!.nominalDate) < 0) error(r, ['asOf'], `${s.asOf} is before the last payment date ${s.lastPaymentDate}`);
  } else past = periods.filter((p) => compareDates(p.date, s.asOf) <= 0).length;
  if (past === 0) error(r, ['asOf'], `${s.asOf} is before the deal's first payment date ${periods[0]!.date}: no period is past (run the deal from closing)`);
  else if (past >= n) error(r, ['asOf'], `${s.asOf} is on or after the deal's last payment date ${periods[n - 1]!.date}: nothing is left to project`);
  else if (compareDates(s.asOf, periods[past]!.date) >= 0) error(r, ['asOf'], `${s.asOf} is on or after the next payment date ${periods[past]!.date}: give that as lastPaymentDate`);
  return past > 0 && past < n ? past : -1;
}

/** The 0-based collection period holding a date, or a diagnostic when it is outside the deal. */
function periodOf(r: Reader, path: Path, date: IsoDate, latest: IsoDate | undefined, what: string): number {
  const periods = r.prepared.periods;
  if (compareDates(date, periods[0]!.collectionStart) < 0) error(r, path, `${date} is before the deal's first collection period (from ${periods[0]!.collectionStart})`);
  else if (latest !== undefined && compareDates(date, latest) > 0) error(r, path, `${date} is after ${what} ${latest}`);
  const k = periods.findIndex((p) => compareDates(p.collectionEnd, date) >= 0);
  if (k < 0) error(r, path, `${date} is after the deal's last collection date ${periods[periods.length - 1]!.collectionEnd}`);
  return k;
}

type FileDefault = StatusFile['assets'][number]['defaults'][number];

function defaultOf(r: Reader, path: Path, asset: number, d: FileDefault, asOf: IsoDate, lag: number): StatusDefault {
  const period = periodOf(r, [...path, 'date'], d.date, asOf, 'the status date');
  const balance = money(r, [...path, 'balance'], d.balance);
  const recovered = money(r, [...path, 'recoveredToDate'], d.recoveredToDate);
  const sched = r.prepared.pool.schedules[asset]!;
  const start = period >= 0 ? sched.startBalance[period]! : sched.balance;
  const share = d.share ?? (start > 0 ? Decimal.min(1, new Decimal(balance).div(start)) : new Decimal(1));
  let pending: StatusDefault['pending'];
  if (d.pending) {
    pending = d.pending.map((a, i) => {
      const at = [...path, 'pending', i];
      const k = periodOf(r, [...at, 'date'], a.date, undefined, '');
      if (k >= 0 && k < r.past) error(r, [...at, 'date'], `${a.date} is in a period already past (the last collection date past is ${r.prepared.periods[r.past - 1]!.collectionEnd})`);
      return { period: k, amount: money(r, [...at, 'amount'], a.amount), kind: a.kind };
    });
  } else {
    const expected = d.expectedRecovery === undefined ? recovered : money(r, [...path, 'expectedRecovery'], d.expectedRecovery);
    const left = sub(expected, recovered);
    if (left < 0) error(r, [...path, 'expectedRecovery'], 'is less than what was recovered to date');
    const k = Math.max(r.past, period + lag);
    pending = left > 0 && k < r.prepared.periods.length ? [{ period: k, amount: left, kind: 'recovery' }] : [];
  }
  const g = d.guarantee;
  return { asset, period, date: d.date, balance, interestMissed: money(r, [...path, 'interestMissed'], d.interestMissed), share, mode: d.mode, pending, recovered, ...(g ? { guarantee: { claim: money(r, [...path, 'guarantee', 'claim'], g.claim), paid: money(r, [...path, 'guarantee', 'paid'], g.paid) } } : {}), settled: g?.settled ?? false };
}

type FileAsset = StatusFile['assets'][number];

/** An overdue asset's arrears and roll date, or a diagnostic when its days are missing or given to an asset not overdue. */
function overdueOf(r: Reader, j: number, i: number, a: FileAsset, asOf: IsoDate): OverdueAsset | undefined {
  if (a.status !== 'overdue') {
    if (a.overdueDays !== undefined && a.overdueDays > 0) error(r, ['assets', j, 'overdueDays'], `is for an overdue asset (this one is ${a.status})`);
    return undefined;
  }
  if (a.overdueDays === undefined || a.overdueDays === 0) return void error(r, ['assets', j, 'overdueDays'], 'an overdue asset gives its days overdue (逾期天数), 1 or more');
  const threshold = r.prepared.deal.spec.pool.defaultOverdueDays ?? DEFAULT_OVERDUE_DAYS;
  return overdueAsset(r.prepared.periods, i, asOf, r.past, a.overdueDays, threshold);
}

/**
 * What an asset still owes: as the status gives it, or by default as scheduled (a performing
 * asset: its contractual balance after the last payment date; an overdue one: that and the
 * principal of the instalments it missed; any other: nothing). Checked against its status.
 */
function outstandingOf(r: Reader, j: number, i: number, a: FileAsset, late: OverdueAsset | undefined): Money {
  const sched = r.prepared.pool.schedules[i]!;
  const k = r.past - 1;
  const scheduled = (sched.startBalance[k]! - sched.principal[k]! + (late?.missed.reduce((t, m) => t + sched.principal[m]!, 0) ?? 0)) as Money;
  const live = a.status === 'performing' || a.status === 'overdue';
  if (a.outstanding === undefined) return live ? scheduled : NIL;
  const outstanding = money(r, ['assets', j, 'outstanding'], a.outstanding);
  if (outstanding > sched.balance) error(r, ['assets', j, 'outstanding'], `${a.outstanding.toFixed(2)} is above the asset's balance at the cutoff ${new Decimal(sched.balance).div(100).toFixed(2)}`);
  if (!live && outstanding > 0) error(r, ['assets', j, 'outstanding'], `a ${a.status} asset has nothing outstanding (got ${a.outstanding.toFixed(2)})`);
  if (a.status === 'overdue' && outstanding === 0) error(r, ['assets', j, 'outstanding'], 'an overdue asset owes something (剩余本金, its overdue principal included; leave it out for what the contract says)');
  return outstanding;
}

/** Each asset's performing balance (the contractual one when not listed), the defaults listed and the overdue assets. */
function assetsOf(r: Reader, s: StatusFile, lag: number): { assets: Money[]; defaults: StatusDefault[]; overdue: OverdueAsset[]; states: AssetState[] } {
  const { prepared } = r;
  const ids = prepared.deal.assets.map((a) => a.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const k = r.past - 1;
  const assets = prepared.pool.schedules.map((x) => (x.startBalance[k]! - x.principal[k]!) as Money);
  // An asset listed nowhere performs as scheduled: paid off when its schedule has ended.
  const states = assets.map((b): AssetState => (b > 0 ? 'performing' : 'paidOff'));
  const defaults: StatusDefault[] = [];
  const overdue: OverdueAsset[] = [];
  const seen = new Set<string>();
  s.assets.forEach((a, j) => {
    const i = index.get(a.id);
    if (i === undefined) return unknown(r, ['assets', j, 'id'], 'asset', a.id, ids);
    if (seen.has(a.id)) return error(r, ['assets', j, 'id'], `asset "${a.id}" is listed twice`);
    seen.add(a.id);
    states[i] = a.status;
    if (a.status === 'defaulted' && a.defaults.length === 0) error(r, ['assets', j, 'defaults'], 'a defaulted asset gives its default (date, balance, recovered to date, expected recovery)');
    const late = overdueOf(r, j, i, a, s.asOf);
    assets[i] = outstandingOf(r, j, i, a, late);
    if (late) overdue.push(late);
    a.defaults.forEach((d, n) => defaults.push(defaultOf(r, ['assets', j, 'defaults', n], i, d, s.asOf, lag)));
  });
  return { assets, defaults, overdue, states };
}

/** The status of a parsed status file against its deal, or the diagnostics that stop it. */
export function readStatus(prepared: PreparedDeal, s: StatusFile, file: string, scenario: ScenarioSpec): { status?: EngineStatus; diagnostics: Diagnostic[] } {
  const r: Reader = { prepared, file, diagnostics: [], past: -1 };
  const spec = prepared.deal.spec;
  if (s.deal !== undefined && s.deal !== spec.meta.id) error(r, ['deal'], `the status is for deal "${s.deal}", not "${spec.meta.id}"`);
  r.past = periodsPast(r, s);
  // The ids are checked even when the dates do not fit, so that every such problem is listed at once.
  const tranches = byId(r, 'tranches', 'tranche', s.tranches, spec.tranches.map((t) => t.id));
  for (const t of spec.tranches) if (!tranches.has(t.id)) error(r, ['tranches'], `tranche "${t.id}" is missing: give every tranche's balance`);
  const collection = spec.accounts.find((a) => a.kind === 'collection') ?? { id: COLLECTION };
  const reserves = spec.accounts.filter((a) => a.kind === 'reserve');
  // A deal that names no collection account still has one: "collection".
  const accounts = byId(r, 'accounts', 'account', s.accounts, [collection, ...reserves].map((a) => a.id));
  const fees = byId(r, 'fees', 'fee', s.fees, spec.fees.map((f) => f.id));
  const supports = byId(r, 'supports', 'support', s.supports, spec.supports.map((x) => x.id));
  const triggers = byId(r, 'state.triggers', 'trigger', s.state.triggers, spec.triggers.map((t) => t.id));
  if (r.past < 0) return { diagnostics: r.diagnostics };
  const at = (key: string, id: string, list: readonly { id: string }[]) => [key, list.findIndex((x) => x.id === id)];
  const { assets, defaults, overdue, states } = assetsOf(r, s, scenario.recovery.lagPeriods);
  const status: EngineStatus = {
    past: r.past,
    tranches: spec.tranches.map((t, i) => {
      const x = tranches.get(t.id);
      const path = x ? at('tranches', t.id, s.tranches) : ['tranches'];
      const balance = money(r, [...path, 'balance'], x?.balance);
      const issued = prepared.issued[i]!;
      if (balance > issued) error(r, [...path, 'balance'], `${x!.balance.toFixed(2)} is above the tranche's issued balance ${new Decimal(issued).div(100).toFixed(2)}`);
      const principalPaid = x?.principalPaid === undefined ? sub(issued, balance) : money(r, [...path, 'principalPaid'], x.principalPaid);
      return { balance, arrears: money(r, [...path, 'unpaidInterest'], x?.unpaidInterest), principalPaid, missedInterest: x?.missedInterest ?? false, missedPrincipal: x?.missedPrincipal ?? false, pastLegalMaturity: x?.pastLegalMaturity ?? false };
    }),
    accounts: [collection, ...reserves].map((a) => (accounts.has(a.id) ? money(r, [...at('accounts', a.id, s.accounts), 'balance'], accounts.get(a.id)!.balance) : NIL)),
    fees: spec.fees.map((f) => (fees.has(f.id) ? money(r, [...at('fees', f.id, s.fees), 'arrears'], fees.get(f.id)!.arrears) : NIL)),
    supports: spec.supports.map((x) => {
      const y = supports.get(x.id);
      const path = y ? at('supports', x.id, s.supports) : ['supports'];
      return { drawn: money(r, [...path, 'drawn'], y?.drawn), repaid: money(r, [...path, 'repaid'], y?.repaid), outstanding: money(r, [...path, 'outstanding'], y?.outstanding), unpaid: money(r, [...path, 'owed'], y?.owed), failed: y?.failed ?? false, ...(y?.failureCapLeft !== undefined ? { capLeft: money(r, [...path, 'failureCapLeft'], y.failureCapLeft) } : {}) };
    }),
    state: s.state.waterfall,
    fired: [...triggers.keys()],
    cumulativeDefaulted: s.pool.cumulativeDefaulted !== undefined ? money(r, ['pool', 'cumulativeDefaulted'], s.pool.cumulativeDefaulted) : sumMoney(defaults.map((d) => d.balance)),
    assets,
    defaults,
    ...(overdue.length ? { overdue } : {}),
    assetStates: states,
  };
  return r.diagnostics.length ? { diagnostics: r.diagnostics } : { status, diagnostics: [] };
}
